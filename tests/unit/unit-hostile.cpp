// unit-hostile.cpp — every input of tests/data/hostile/ (see expected.tsv and make_hostile.mjs) goes
// through the whole session over a loaded corpus: reading, entity extraction, the network, the state
// report. A good input must load with the expected article count; a bad one must be refused with a
// located, readable message and leave the previous corpus loaded and usable. Two cases too large to
// store (10^6 nesting levels, a 100 MB string) are built here in memory.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "explorer.h"
#include "test_util.h"

using namespace ae;

namespace {

struct Expected {
  std::string file, expect, detail;
};

std::vector<Expected> expectations() {
  std::vector<Expected> out;
  std::istringstream in(ae_test::data("hostile/expected.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    Expected e;
    const size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    REQUIRE(t2 != std::string::npos);
    e.file = line.substr(0, t1);
    e.expect = line.substr(t1 + 1, t2 - t1 - 1);
    e.detail = line.substr(t2 + 1);
    out.push_back(e);
  }
  return out;
}

// A session holding the seed corpus, with entities.
void load_seeds(Explorer& ex) {
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(ae_test::asset("articles.json"), "articles.json"));
  REQUIRE(ex.corpus().size() == 2);
}

// What a user does next must still work: filter, select, read the state.
void exercise(Explorer& ex) {
  const Corpus& c = ex.corpus();
  ex.set_range(c.date_min, c.date_max);
  if (!ex.entities().entities.empty()) ex.select(0);
  ex.layout_step(1);
  ex.open_article(c.size() ? 0 : SIZE_MAX);
  // The state report is valid UTF-8 JSON (dump() throws on invalid UTF-8: messages must be clean), and
  // it reports what the session holds.
  std::string state;
  CHECK_NOTHROW(state = ex.state().dump());
  const nlohmann::json back = nlohmann::json::parse(state, nullptr, false);
  REQUIRE_FALSE(back.is_discarded());
  CHECK(back["articles_total"] == c.size());
  CHECK(back["open_article"] == (c.size() ? nlohmann::json(c.articles[0].id) : nlohmann::json(nullptr)));
}

void check_refused(Explorer& ex, const std::string& bytes, const std::string& name, const std::string& phrase) {
  const size_t errors_before = ex.errors().size();
  CHECK_FALSE(ex.load_now(bytes, name));
  REQUIRE(ex.errors().size() == errors_before + 1);
  const std::string& msg = ex.errors().back();
  CHECK_MESSAGE(msg.find(phrase) != std::string::npos, name, ": ", msg);
  CHECK_MESSAGE(msg.rfind("Could not load '" + name + "'", 0) == 0, msg);
  CHECK_MESSAGE(msg.find("The previous corpus is still loaded") != std::string::npos, msg);
  CHECK(ex.corpus().size() == 2);
  CHECK(ex.corpus().name == "Iraq–Syria border security, January 2026 (demo)");
  exercise(ex);
}

}  // namespace

TEST_CASE("the hostile-input corpus: at least 50 inputs, each loaded or refused as expected") {
  const std::vector<Expected> cases = expectations();
  CHECK(cases.size() >= 50);
  for (const Expected& e : cases) {
    INFO("input: ", e.file);
    Explorer ex;
    load_seeds(ex);
    const std::string bytes = ae_test::data("hostile/" + e.file);
    if (e.expect == "ok") {
      const bool ok = ex.load_now(bytes, e.file);
      CHECK_MESSAGE(ok, e.file, ": ", ex.errors().empty() ? std::string() : ex.errors().back());
      CHECK(ex.corpus().size() == std::stoul(e.detail));
      CHECK(ex.corpus().name == e.file);
      exercise(ex);
    } else {
      REQUIRE(e.expect == "error");
      check_refused(ex, bytes, e.file, e.detail);
    }
  }
}

TEST_CASE("a million nesting levels are refused at once, without recursion") {
  Explorer ex;
  load_seeds(ex);
  check_refused(ex, std::string(1000000, '['), "deep.json", "nested more than 64 levels");
  std::string objects;
  for (int i = 0; i < 1000000; ++i) objects += "{\"a\":";
  check_refused(ex, objects, "deep-objects.json", "nested more than 64 levels");
}

TEST_CASE("a 100 MB string: skipped in an unknown field, refused when unterminated") {
  Explorer ex;
  load_seeds(ex);
  std::string big = "[{\"title\":\"Big\",\"blob\":\"";
  big.append(100u << 20, 'x');
  big += "\"}]";
  REQUIRE(ex.load_now(big, "big.json"));
  CHECK(ex.corpus().size() == 1);
  exercise(ex);

  Explorer ex2;
  load_seeds(ex2);
  big.resize(big.size() - 3);  // the closing quote is gone
  check_refused(ex2, big, "big-truncated.json", "ends inside a string");
}

TEST_CASE("a 4 MB title of one word and a 4 MB body of names are read and extracted") {
  Explorer ex;
  load_seeds(ex);
  std::string big = "[{\"title\":\"";
  big.append(4u << 20, 'A');
  big += "\",\"body\":\"";
  for (size_t i = 0; big.size() < (8u << 20); ++i) big += "Baghdad met Damascus and John Smith of the United Nations. ";
  big += "\"}]";
  REQUIRE(ex.load_now(big, "big-text.json"));
  CHECK(ex.corpus().size() == 1);
  CHECK(ex.entities().entities.size() >= 3);
  exercise(ex);
}
