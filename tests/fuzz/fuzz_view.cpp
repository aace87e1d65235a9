// fuzz_view.cpp — libFuzzer target: what a shared link or the browser's storage hands the session as
// text: the view hash of an address (#from=...&sel=...), a rules file of corrections, and a search.
// The input is split at its first two 0 bytes into hash, rules and search; the seed corpus is loaded
// once, and each input runs on a fresh session over it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "corrections.h"
#include "explorer.h"
#include "export.h"
#include "view.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::string snapshot = [] {
    ae::Explorer e;
    auto gaz = std::make_shared<ae::Gazetteer>();
    std::string error;
    if (!ae::load_language_files(AE_ASSETS_DIR, *gaz, error)) std::abort();
    e.set_gazetteer(gaz);
    std::string json;
    {
      FILE* f = std::fopen(AE_ASSETS_DIR "/articles.json", "rb");
      if (!f) std::abort();
      char buf[65536];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) json.append(buf, n);
      std::fclose(f);
    }
    if (!e.load_now(ae::ByteBuffer(json), "articles.json")) std::abort();
    return e.snapshot();
  }();
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t a = input.find('\0');
  const size_t b = a == std::string::npos ? std::string::npos : input.find('\0', a + 1);
  const std::string hash = input.substr(0, a);
  const std::string rules_text =
      a == std::string::npos ? "" : input.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  const std::string search = b == std::string::npos ? "" : input.substr(b + 1);

  ae::Explorer ex;  // the seed corpus with its entities, reopened from its snapshot (no extraction)
  if (!ex.load_now(ae::ByteBuffer(snapshot), "articles.json")) std::abort();
  ae::Rules rules;
  std::string error;
  if (ae::parse_rules(rules_text, rules, error)) {
    ex.set_rules(rules);
    (void)ae::rules_json(ex.rules());
  } else if (error.empty()) {
    std::abort();  // a refusal always says why
  }
  std::string problems;
  ae::apply_view_hash(ex, hash, problems);
  ex.set_search(search);
  (void)ex.state();
  std::string out;
  for (const std::string& kind : ae::export_kinds()) ae::export_view(ex, kind, out);
  return 0;
}
