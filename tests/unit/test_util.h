// test_util.h — helpers shared by the unit tests: reading fixture files, comparing corpora.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "corpus.h"
#include "gazetteer.h"

namespace ae_test {
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
inline std::string data(const std::string& name) { return read_file(std::string(AE_TEST_DATA_DIR) + "/" + name); }
inline std::string asset(const std::string& name) { return read_file(std::string(AE_ASSETS_DIR) + "/" + name); }
// The project's language data (assets/: gazetteer, word list, tagger weights) as the page and the CLI
// load it, once per test binary.
inline std::shared_ptr<ae::Gazetteer> gazetteer() {
  static std::shared_ptr<ae::Gazetteer> g = [] {
    auto gz = std::make_shared<ae::Gazetteer>();
    std::string error;
    REQUIRE_MESSAGE(ae::load_language_files(AE_ASSETS_DIR, *gz, error), error);
    REQUIRE(gz->tagger() != nullptr);
    return gz;
  }();
  return g;
}
// The same without the tagger: the extractor's rules alone.
inline std::shared_ptr<ae::Gazetteer> rules_gazetteer() {
  static std::shared_ptr<ae::Gazetteer> g = [] {
    auto gz = std::make_shared<ae::Gazetteer>();
    std::string error;
    REQUIRE_MESSAGE(ae::load_language_files(AE_ASSETS_DIR, *gz, error, false), error);
    return gz;
  }();
  return g;
}

// The two corpora hold the same articles, field by field, in the same order.
inline void check_same_articles(const ae::Corpus& a, const ae::Corpus& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    const ae::Article& x = a.articles[i];
    const ae::Article& y = b.articles[i];
    CHECK(x.id == y.id);
    CHECK(x.title == y.title);
    CHECK(x.body == y.body);
    CHECK(x.date == y.date);
    CHECK(x.source == y.source);
    CHECK(x.url == y.url);
    CHECK(x.has_given_entities == y.has_given_entities);
    CHECK(x.given_entities.size() == y.given_entities.size());
  }
  CHECK(a.by_date == b.by_date);
}
}  // namespace ae_test
