// unit-compare.cpp — two ranges compared and bursts of attention, on a hand-made corpus with known
// answers: a link that exists only after a date, an entity that comes and one that goes, an entity
// with a burst of known days.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "compare.h"
#include "date.h"
#include "loader.h"
#include "test_util.h"

using namespace ae;

namespace {

// Day d of March 2026 (1..31).
std::string march(int d) { return std::string("2026-03-") + (d < 10 ? "0" : "") + std::to_string(d); }

// 20 days, 10 articles a day. Every article names Alpha Corp. Days 1-10: Beta Agency with Alpha in
// every other article; days 11-20: Gamma Party with Alpha in every article (a new link), Beta gone.
// Delta City is in one article a day, but in 8 of 10 on days 14-16: a burst.
std::string corpus_json() {
  std::string j = "[";
  bool first = true;
  for (int d = 1; d <= 20; ++d)
    for (int k = 0; k < 10; ++k) {
      std::string ents = R"({"name":"Alpha Corp","type":"org"})";
      if (d <= 10 && k % 2 == 0) ents += R"(,{"name":"Beta Agency","type":"org"})";
      if (d > 10) ents += R"(,{"name":"Gamma Party","type":"org"})";
      const bool burst = d >= 14 && d <= 16;
      if ((burst && k < 8) || (!burst && k == 9)) ents += R"(,{"name":"Delta City","type":"place"})";
      if (!first) j += ",";
      first = false;
      j += R"({"id":"a)" + std::to_string(d) + "-" + std::to_string(k) + R"(","date":")" + march(d) +
           R"(","title":"t","body":"b","entities":[)" + ents + "]}";
    }
  return j + "]";
}

struct Fixture {
  Corpus corpus;
  EntityIndex index;
  Fixture() {
    LoadResult r = load_corpus(corpus_json(), "compare.json");
    REQUIRE_MESSAGE(r.ok, r.error.message);
    corpus = std::move(r.corpus);
    index = extract_entities(corpus, *ae_test::gazetteer());
  }
  uint32_t id(const std::string& name) const {
    for (uint32_t e = 0; e < index.entities.size(); ++e)
      if (index.entities[e].name == name) return e;
    FAIL("no entity " << name);
    return 0;
  }
};

const EntityChange& row(const std::vector<EntityChange>& rows, uint32_t e) {
  auto it = std::find_if(rows.begin(), rows.end(), [&](const EntityChange& c) { return c.entity == e; });
  REQUIRE(it != rows.end());
  return *it;
}

}  // namespace

TEST_CASE("two ranges: counts, change, smoothed ratio and trend of each entity") {
  Fixture f;
  Cooccurrence a(f.corpus, f.index, Scope::Document), b(f.corpus, f.index, Scope::Document);
  a.set_range(parse_date(march(1)), parse_date(march(10)));
  b.set_range(parse_date(march(11)), parse_date(march(20)));
  REQUIRE(a.units() == 100);
  REQUIRE(b.units() == 100);
  const auto rows = compare_entities(a, b);
  const EntityChange& alpha = row(rows, f.id("Alpha Corp"));
  CHECK(alpha.a == 100);
  CHECK(alpha.b == 100);
  CHECK(alpha.trend == Trend::Steady);
  CHECK(alpha.log_ratio == doctest::Approx(0.0));
  const EntityChange& beta = row(rows, f.id("Beta Agency"));
  CHECK(beta.a == 50);
  CHECK(beta.b == 0);
  CHECK(beta.delta == -50);
  CHECK(beta.trend == Trend::Gone);
  CHECK(beta.log_ratio == doctest::Approx(std::log2(0.5 / 50.5)));
  const EntityChange& gamma = row(rows, f.id("Gamma Party"));
  CHECK(gamma.trend == Trend::New);
  const EntityChange& delta = row(rows, f.id("Delta City"));
  CHECK(delta.a == 10);
  CHECK(delta.b == 31);  // 7 ordinary days + 3 days of 8
  CHECK(delta.trend == Trend::Rising);
  // The biggest changes first: Beta and Gamma (50 and 100 articles, a large ratio) before Alpha.
  CHECK(rows.back().entity == f.id("Alpha Corp"));
}

TEST_CASE("two ranges: a link that exists only after a date is only in B; exports say so") {
  Fixture f;
  Cooccurrence a(f.corpus, f.index, Scope::Document), b(f.corpus, f.index, Scope::Document);
  a.set_range(parse_date(march(1)), parse_date(march(10)));
  b.set_range(parse_date(march(11)), parse_date(march(20)));
  const auto links = compare_links(a, b, 1);
  auto side_of = [&](const std::string& x, const std::string& y) {
    const uint32_t i = std::min(f.id(x), f.id(y)), j = std::max(f.id(x), f.id(y));
    for (const LinkChange& l : links)
      if (l.x == i && l.y == j) return std::string(link_side_name(l.side));
    return std::string("absent");
  };
  CHECK(side_of("Alpha Corp", "Gamma Party") == "only_b");
  CHECK(side_of("Alpha Corp", "Beta Agency") == "only_a");
  CHECK(side_of("Alpha Corp", "Delta City") == "both");
  CHECK(side_of("Beta Agency", "Gamma Party") == "absent");
  // A minimum count hides weak links in either range.
  const auto strong = compare_links(a, b, 40);
  for (const LinkChange& l : strong) CHECK(std::max(l.a, l.b) >= 40);
  const std::string csv = compare_csv(compare_entities(a, b), f.index);
  CHECK(csv.rfind("name,type,count_a,count_b,change,log_ratio,trend\n", 0) == 0);
  CHECK(csv.find("Gamma Party,org,0,100,100,") != std::string::npos);
  const std::string gexf = compare_gexf(links, f.index, b);
  CHECK(gexf.find("<attvalue for=\"side\" value=\"only_b\"/>") != std::string::npos);
  CHECK(gexf.find("<attvalue for=\"side\" value=\"only_a\"/>") != std::string::npos);
  const std::string json = compare_json(compare_entities(a, b), links, f.index, a, b);
  CHECK(json.find("\"trend\": \"new\"") != std::string::npos);
}

TEST_CASE("bursts: a known burst is found on its days, steady entities have none") {
  Fixture f;
  const BurstIndex bursts = compute_bursts(f.corpus, f.index);
  REQUIRE(bursts.timeline.bin_days == 1);
  REQUIRE(bursts.timeline.articles.size() == 20);
  const uint32_t delta = f.id("Delta City");
  std::vector<Burst> of_delta;
  for (const Burst& b : bursts.bursts)
    if (b.entity == delta) of_delta.push_back(b);
  REQUIRE(of_delta.size() == 1);
  CHECK(format_iso(bursts.timeline.bin_start(of_delta[0].begin)) == march(14));
  CHECK(format_iso(bursts.timeline.bin_start(of_delta[0].end)) == march(16));
  CHECK(of_delta[0].weight > 0);
  for (const Burst& b : bursts.bursts) CHECK(b.entity != f.id("Alpha Corp"));  // in every article: no burst
  CHECK(bursts.bursting(delta, parse_date(march(15)), parse_date(march(15))) > 0);
  CHECK(bursts.bursting(delta, parse_date(march(1)), parse_date(march(10))) == 0);
  const std::vector<uint32_t> series = bursts.dense(delta);
  CHECK(series[0] == 1);
  CHECK(series[14] == 8);
  const std::string csv = bursts_csv(bursts, f.index);
  CHECK(csv.find("Delta City,place," + march(14) + "," + march(16) + ",") != std::string::npos);
}

TEST_CASE("bursts: the automaton on plain counts") {
  // Flat counts: no burst. A jump in the middle: one burst over exactly the jump.
  const std::vector<uint32_t> n(12, 100);
  CHECK(detect_bursts(std::vector<uint32_t>(12, 5), n).empty());
  std::vector<uint32_t> r(12, 5);
  r[6] = r[7] = 40;
  const auto b = detect_bursts(r, n);
  REQUIRE(b.size() == 1);
  CHECK(b[0].begin == 6);
  CHECK(b[0].end == 7);
  // A higher transition cost (gamma) suppresses a one-bin blip that a low one keeps.
  std::vector<uint32_t> blip(12, 5);
  blip[3] = 12;
  CHECK(detect_bursts(blip, n, 2.0, 0.1).size() == 1);
  CHECK(detect_bursts(blip, n, 2.0, 8.0).empty());
  // Nothing to go on: no articles, or the entity in every article.
  CHECK(detect_bursts(std::vector<uint32_t>(12, 0), n).empty());
  CHECK(detect_bursts(n, n).empty());
}
