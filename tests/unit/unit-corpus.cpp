// unit-corpus.cpp — the date index of a corpus; text kept by the corpus.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "corpus.h"

using namespace ae;

static Corpus make(std::initializer_list<const char*> dates) {
  Corpus c;
  int n = 0;
  for (const char* d : dates) {
    Article a;
    a.id = "a" + std::to_string(n++);
    a.title = c.keep(a.id);
    a.date = parse_date(d);
    c.articles.push_back(a);
  }
  c.finalize();
  return c;
}

TEST_CASE("by_date orders dated articles by day, keeps input order on ties, puts undated last") {
  Corpus c = make({"2026-01-03", "", "2026-01-01", "2026-01-03", "2026-01-02", "bad"});
  REQUIRE(c.by_date.size() == 6);
  CHECK(c.dated == 4);
  CHECK(c.undated() == 2);
  CHECK(c.by_date[0] == 2);
  CHECK(c.by_date[1] == 4);
  CHECK(c.by_date[2] == 0);
  CHECK(c.by_date[3] == 3);
  CHECK(c.by_date[4] == 1);
  CHECK(c.by_date[5] == 5);
  CHECK(format_iso(c.date_min) == "2026-01-01");
  CHECK(format_iso(c.date_max) == "2026-01-03");
}

TEST_CASE("dated_span selects inclusive day ranges") {
  Corpus c = make({"2026-01-03", "2026-01-01", "2026-01-03", "2026-01-02", "2026-01-05"});
  auto span = [&](const char* a, const char* b) {
    auto [f, l] = c.dated_span(parse_date(a), parse_date(b));
    return l - f;
  };
  CHECK(span("2026-01-01", "2026-01-05") == 5);
  CHECK(span("2026-01-03", "2026-01-03") == 2);
  CHECK(span("2026-01-04", "2026-01-04") == 0);
  CHECK(span("2025-12-01", "2026-01-02") == 2);
  CHECK(span("2026-01-06", "2027-01-01") == 0);
  CHECK(span("2026-01-05", "2026-01-01") == 0);  // reversed: empty
  CHECK(c.find_id("a3") == 3);
  CHECK(c.find_id("zz") == SIZE_MAX);
}

TEST_CASE("an empty corpus has no dates") {
  Corpus c;
  c.finalize();
  CHECK(c.date_min == kUndated);
  auto [f, l] = c.dated_span(0, 100);
  CHECK(f == l);
}

TEST_CASE("kept text: views stay valid across many blocks, long texts and copies of the corpus") {
  Corpus c;
  std::vector<std::pair<std::string, std::string_view>> kept;
  for (int i = 0; i < 20000; ++i) {  // ~14 shared blocks of 64 KiB
    std::string s = "name " + std::to_string(i) + std::string(static_cast<size_t>(i % 90), 'x');
    kept.push_back({s, c.keep(s)});
  }
  const std::string big(300000, 'b');  // a block of its own, between shared ones
  const std::string_view big_view = c.keep(big);
  kept.push_back({"after the big one", c.keep("after the big one")});
  CHECK(c.keep("").empty());
  const Corpus copy = c;  // copies share the store
  c = Corpus{};
  for (const auto& [s, v] : kept) REQUIRE(v == s);
  CHECK(big_view == big);
  CHECK(static_cast<bool>(copy.text));
}
