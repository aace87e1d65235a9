// unit-compare.cpp — two ranges compared and bursts of attention, on a hand-made corpus with known
// answers: a link that exists only after a date, an entity that comes and one that goes, an entity
// with a burst of known days.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "compare.h"
#include "date.h"
#include "explorer.h"
#include "export.h"
#include "loader.h"
#include "test_util.h"
#include "view.h"

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

namespace {

// A session on the hand-made corpus with the current range B = days 11-20.
void load_session(Explorer& ex) {
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(corpus_json(), "compare.json"));
  ex.set_range(parse_date(march(11)), parse_date(march(20)));
}

const GraphEdge* edge(const Graph& g, const Explorer& ex, const std::string& x, const std::string& y) {
  const size_t a = ex.find_entity(x), b = ex.find_entity(y);
  for (const GraphEdge& e : g.edges)
    if ((e.a == a && e.b == b) || (e.a == b && e.b == a)) return &e;
  return nullptr;
}

const EntityRow* table_row(const std::vector<EntityRow>& rows, size_t e) {
  for (const EntityRow& r : rows)
    if (r.entity == e) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("session: the baseline before the range; the three-way network, table, state and exports") {
  Explorer ex;
  load_session(ex);
  CHECK_FALSE(ex.comparing());
  // Without a baseline every link is in both (one range), and Beta Agency has no row.
  for (const GraphEdge& e : ex.graph().edges) CHECK(e.side == LinkSide::Both);
  CHECK(table_row(entity_rows(ex), ex.find_entity("Beta Agency")) == nullptr);

  ex.set_baseline_before();  // ten days before the 11th: 1-10
  REQUIRE(ex.comparing());
  CHECK(format_iso(ex.baseline_from()) == march(1));
  CHECK(format_iso(ex.baseline_to()) == march(10));
  CHECK(ex.articles_between(ex.baseline_from(), ex.baseline_to()) == 100);
  const Graph& g = ex.graph();
  const GraphEdge* gamma = edge(g, ex, "Alpha Corp", "Gamma Party");
  const GraphEdge* beta = edge(g, ex, "Alpha Corp", "Beta Agency");
  const GraphEdge* delta = edge(g, ex, "Alpha Corp", "Delta City");
  REQUIRE(gamma);
  REQUIRE(beta);
  REQUIRE(delta);
  CHECK(gamma->side == LinkSide::OnlyB);
  CHECK(gamma->count == 100);
  CHECK(gamma->count_a == 0);
  CHECK(beta->side == LinkSide::OnlyA);
  CHECK(beta->count == 0);
  CHECK(beta->count_a == 50);
  CHECK(delta->side == LinkSide::Both);
  // The node of an entity only in A is drawn (nodes by the larger of its counts).
  CHECK(std::find(g.nodes.begin(), g.nodes.end(), ex.find_entity("Beta Agency")) != g.nodes.end());

  // The entity table: A and B counts and trends; Beta (only in A) has a row with no articles in range.
  const auto rows = entity_rows(ex);
  const EntityRow* b = table_row(rows, ex.find_entity("Beta Agency"));
  const EntityRow* c = table_row(rows, ex.find_entity("Gamma Party"));
  REQUIRE(b);
  REQUIRE(c);
  CHECK(b->articles == 0);
  CHECK(b->count_a == 50);
  CHECK(b->count_b == 0);
  CHECK(b->trend == Trend::Gone);
  CHECK(c->count_a == 0);
  CHECK(c->count_b == 100);
  CHECK(c->trend == Trend::New);
  CHECK(c->log_ratio > 5);

  // Changes only: the links in both go.
  ex.set_changes_only(true);
  CHECK(edge(ex.graph(), ex, "Alpha Corp", "Delta City") == nullptr);
  CHECK(edge(ex.graph(), ex, "Alpha Corp", "Gamma Party") != nullptr);
  CHECK(edge(ex.graph(), ex, "Alpha Corp", "Beta Agency") != nullptr);

  // The state report.
  const nlohmann::json s = ex.state();
  REQUIRE(s["compare"].is_object());
  CHECK(s["compare"]["a_articles"] == 100);
  CHECK(s["compare"]["b_articles"] == 100);
  CHECK(s["compare"]["links_shown"]["only_b"] == 2);  // Gamma with Alpha, and with Delta
  CHECK(s["compare"]["links_shown"]["only_a"] == 1);
  CHECK(s["compare"]["links_shown"]["both"] == 0);
  CHECK(s["compare"]["new_links"][0][0].get<std::string>() + "+" + s["compare"]["new_links"][0][1].get<std::string>() ==
        "Alpha Corp+Gamma Party");

  // Exports: the table of A and B, and the network as drawn with its sides.
  std::string out;
  REQUIRE(export_view(ex, "compare.csv", out));
  CHECK(out.find("Gamma Party,org,0,100,100,") != std::string::npos);
  CHECK(out.find(",new\n") != std::string::npos);
  REQUIRE(export_view(ex, "compare.gexf", out));
  CHECK(out.find("value=\"only_b\"") != std::string::npos);
  CHECK(out.find("value=\"only_a\"") != std::string::npos);
  CHECK(out.find("value=\"both\"") == std::string::npos);  // changes only, as drawn

  // The URL hash keeps the baseline and the switch, and gives them back.
  const std::string hash = view_hash(ex);
  CHECK(hash.find("a=2026-03-01..2026-03-10") != std::string::npos);
  CHECK(hash.find("changes=1") != std::string::npos);
  Explorer other;
  load_session(other);
  std::string problems;
  CHECK_FALSE(apply_view_hash(other, hash, problems));
  CHECK(other.comparing());
  CHECK(other.changes_only());
  CHECK(format_iso(other.baseline_to()) == march(10));
  CHECK(view_hash(other) == hash);
  // A hash without the baseline ends the comparison; a bad one is named and ignored.
  CHECK_FALSE(apply_view_hash(other, "from=2026-03-11&to=2026-03-20", problems));
  CHECK_FALSE(other.comparing());
  CHECK(apply_view_hash(other, "a=2026-03-01..junk", problems));
  CHECK(problems.find("baseline") != std::string::npos);
  CHECK_FALSE(other.comparing());

  // Ending the comparison gives the one-range network back.
  ex.set_baseline(kUndated, kUndated);
  CHECK_FALSE(ex.comparing());
  CHECK(ex.state()["compare"].is_null());
  CHECK_FALSE(export_view(ex, "compare.csv", out));
}

TEST_CASE("session: a link only in A shows A's sentences as evidence; B's when it is in B") {
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(std::string(R"([
    {"id":"x1","date":"2026-03-01","title":"Talks","body":"Alpha Corp met Beta Agency in March.",
     "entities":[{"name":"Alpha Corp","type":"org"},{"name":"Beta Agency","type":"org"}]},
    {"id":"x2","date":"2026-03-05","title":"Talks","body":"Alpha Corp met Gamma Party today.",
     "entities":[{"name":"Alpha Corp","type":"org"},{"name":"Gamma Party","type":"org"}]}])"),
                      "evidence.json"));
  ex.set_range(parse_date(march(5)), parse_date(march(8)));
  ex.set_baseline_before();  // March 1-4
  REQUIRE(ex.comparing());
  ex.select_pair(ex.find_entity("Alpha Corp"), ex.find_entity("Beta Agency"));
  CHECK(ex.pair_evidence_from_baseline());
  CHECK(ex.visible().empty());  // the list is of range B, where they never meet
  auto ev = ex.pair_evidence(100);
  REQUIRE(ev.size() == 1);
  CHECK(ex.corpus().articles[ev[0].article].id == "x1");
  ex.select_pair(ex.find_entity("Alpha Corp"), ex.find_entity("Gamma Party"));
  CHECK_FALSE(ex.pair_evidence_from_baseline());
  ev = ex.pair_evidence(100);
  REQUIRE(ev.size() == 1);
  CHECK(ex.corpus().articles[ev[0].article].id == "x2");
  // Any link's evidence, whatever is selected (a hovered link): A's sentences for a link only in A.
  ex.select(ex.find_entity("Gamma Party"));
  ev = ex.link_evidence(ex.find_entity("Alpha Corp"), ex.find_entity("Beta Agency"), 5);
  REQUIRE(ev.size() == 1);
  CHECK(ex.corpus().articles[ev[0].article].id == "x1");
  const Article& art = ex.corpus().articles[ev[0].article];
  CHECK(std::string(art.body.substr(ev[0].begin, ev[0].end - ev[0].begin)) == "Alpha Corp met Beta Agency in March.");
  ev = ex.link_evidence(ex.find_entity("Alpha Corp"), ex.find_entity("Gamma Party"), 5);
  REQUIRE(ev.size() == 1);
  CHECK(ex.corpus().articles[ev[0].article].id == "x2");
  ex.set_baseline(kUndated, kUndated);  // one range: a link outside it has no evidence
  CHECK(ex.link_evidence(ex.find_entity("Alpha Corp"), ex.find_entity("Beta Agency"), 5).empty());
}

TEST_CASE("session: the table's burst column follows the range; a new corpus ends the comparison") {
  Explorer ex;
  load_session(ex);
  const size_t delta = ex.find_entity("Delta City");
  ex.set_range(parse_date(march(14)), parse_date(march(16)));
  std::vector<EntityRow> rows = entity_rows(ex);
  const EntityRow* r = table_row(rows, delta);
  REQUIRE(r);
  CHECK(r->burst > 0);
  const EntityRow* alpha = table_row(rows, ex.find_entity("Alpha Corp"));
  REQUIRE(alpha);
  CHECK(alpha->burst == 0);
  ex.set_range(parse_date(march(1)), parse_date(march(10)));
  rows = entity_rows(ex);
  r = table_row(rows, delta);
  REQUIRE(r);
  CHECK(r->burst == 0);
  ex.set_baseline_before();
  REQUIRE(ex.comparing());
  REQUIRE(ex.load_now(corpus_json(), "again.json"));
  CHECK_FALSE(ex.comparing());
  CHECK(view_hash(ex).find("a=") == std::string::npos);
}
