// fuzz_loader.cpp — libFuzzer target: any bytes through the corpus loader, at once and in small
// slices (the two must agree), then through the session (extraction skipped: fuzz_extractor does it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "explorer.h"
#include "loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  ae::LoadResult whole = ae::load_corpus(bytes, "fuzz");
  ae::CorpusLoader sliced(bytes, "fuzz");
  while (!sliced.step(7)) {
  }
  ae::LoadResult parts = sliced.take();
  if (whole.ok != parts.ok || whole.corpus.size() != parts.corpus.size()) std::abort();
  if (!whole.ok && whole.error.message.empty()) std::abort();

  ae::Explorer ex;
  ex.load_now(bytes, "fuzz");
  ex.set_range(ex.corpus().date_min, ex.corpus().date_max);
  (void)ex.state().dump();  // throws (aborts the run) if any text in the report is not UTF-8
  return 0;
}
