// unit-cooccurrence.cpp — pair counts by document and sentence, weights computed by hand, the
// incremental range path equal to a rebuild on random ranges, graph thresholds and exports.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "cooccurrence.h"
#include "export.h"
#include "loader.h"
#include "synth.h"

using namespace ae;

namespace {

struct Fixture {
  Corpus corpus;
  EntityIndex index;
  Gazetteer gazetteer;  // empty: these corpora carry their entities
  uint32_t id(const std::string& name) const {
    for (uint32_t i = 0; i < index.entities.size(); ++i)
      if (index.entities[i].name == name) return i;
    FAIL("no entity " << name);
    return 0;
  }
};

Fixture make(const std::string& json) {
  Fixture f;
  LoadResult r = load_corpus(json, "t");
  REQUIRE_MESSAGE(r.ok, r.error.message);
  f.corpus = std::move(r.corpus);
  f.index = extract_entities(f.corpus, f.gazetteer);
  return f;
}

const char* kSmall = R"([
  {"id":"a1","title":"t","date":"2026-01-01","body":"Xavier met. Yolanda left.",
   "entities":[{"name":"Xavier","type":"person"},{"name":"Yolanda","type":"person"}]},
  {"id":"a2","title":"t","date":"2026-01-02","body":"Xavier met Yolanda. Zed left.",
   "entities":[{"name":"Xavier","type":"person"},{"name":"Yolanda","type":"person"},{"name":"Zed","type":"org"}]},
  {"id":"a3","title":"t","date":"2026-01-03","body":"Yolanda and Zed met.",
   "entities":[{"name":"Yolanda","type":"person"},{"name":"Zed","type":"org"}]},
  {"id":"a4","title":"t","date":"2026-01-03","body":"Xavier.",
   "entities":[{"name":"Xavier","type":"person"}]}
])";

}  // namespace

TEST_CASE("document scope: counts and weights, computed by hand") {
  Fixture f = make(kSmall);
  Cooccurrence co(f.corpus, f.index, Scope::Document);
  co.set_range(f.corpus.date_min, f.corpus.date_max);
  const uint32_t x = f.id("Xavier"), y = f.id("Yolanda"), z = f.id("Zed");
  CHECK(co.units() == 4);
  CHECK(co.entity_units(x) == 3);
  CHECK(co.entity_units(y) == 3);
  CHECK(co.entity_units(z) == 2);
  CHECK(co.pair_count(x, y) == 2);
  CHECK(co.pair_count(y, x) == 2);
  CHECK(co.pair_count(x, z) == 1);
  CHECK(co.pair_count(y, z) == 2);
  CHECK(co.weight(Measure::Count, x, y, 2) == 2);
  CHECK(co.weight(Measure::Jaccard, x, y, 2) == doctest::Approx(0.5));
  CHECK(co.weight(Measure::Jaccard, y, z, 2) == doctest::Approx(2.0 / 3.0));
  // NPMI(x,y) = log(0.5 / (0.75 * 0.75)) / -log(0.5)
  CHECK(co.weight(Measure::Npmi, x, y, 2) == doctest::Approx(std::log(0.5 / 0.5625) / std::log(2.0)));
  CHECK(co.weight(Measure::Npmi, y, z, 2) == doctest::Approx(std::log(0.5 / (0.75 * 0.5)) / std::log(2.0)));
  // One day: only a3 and a4.
  co.set_range(parse_date("2026-01-03"), parse_date("2026-01-03"));
  CHECK(co.units() == 2);
  CHECK(co.pair_count(x, y) == 0);
  CHECK(co.pair_count(y, z) == 1);
  CHECK(co.entity_mentions(x) == 1);
  CHECK(co.pairs().size() == 1);
}

TEST_CASE("sentence scope: pairs only within a sentence; units are sentences") {
  Fixture f = make(kSmall);
  Cooccurrence co(f.corpus, f.index, Scope::Sentence);
  co.set_range(f.corpus.date_min, f.corpus.date_max);
  const uint32_t x = f.id("Xavier"), y = f.id("Yolanda"), z = f.id("Zed");
  CHECK(co.units() == 10);  // titles (1 each) + bodies (2, 2, 1, 1)
  CHECK(co.pair_count(x, y) == 1);
  CHECK(co.pair_count(y, z) == 1);
  CHECK(co.pair_count(x, z) == 0);
  CHECK(co.entity_units(y) == 3);
}

TEST_CASE("incremental range updates equal a rebuild, on random ranges of a random corpus") {
  std::mt19937 rng(12345);
  nlohmann::json arts = nlohmann::json::array();
  const char* names[] = {"Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivo", "Jo", "Kai", "Lu"};
  for (int i = 0; i < 300; ++i) {
    std::string body;
    nlohmann::json ents = nlohmann::json::array();
    const int sentences = 1 + static_cast<int>(rng() % 4);
    for (int s = 0; s < sentences; ++s) {
      const int k = 1 + static_cast<int>(rng() % 3);
      for (int j = 0; j < k; ++j) {
        const char* n = names[rng() % 12];
        body += std::string(n) + " ";
        ents.push_back({{"name", n}, {"type", "person"}});
      }
      body += "met. ";
    }
    char date[16];
    std::snprintf(date, sizeof date, "2026-%02d-%02d", 1 + static_cast<int>(rng() % 2),
                  1 + static_cast<int>(rng() % 28));
    arts.push_back({{"id", std::to_string(i)}, {"title", "t"}, {"date", date}, {"body", body}, {"entities", ents}});
  }
  Fixture f = make(arts.dump());
  for (Scope scope : {Scope::Document, Scope::Sentence}) {
    Cooccurrence inc(f.corpus, f.index, scope), ref(f.corpus, f.index, scope);
    for (int step = 0; step < 300; ++step) {
      size_t lo = rng() % (f.corpus.dated + 1), hi = rng() % (f.corpus.dated + 1);
      if (lo > hi) std::swap(lo, hi);
      // Mostly small moves, as when dragging a range; sometimes jumps.
      inc.set_positions(lo, hi);
      ref.rebuild(lo, hi);
      REQUIRE(inc.units() == ref.units());
      REQUIRE(inc.pairs() == ref.pairs());
      // Degrees kept incrementally equal the pairs counted from the table.
      std::vector<uint32_t> degree(f.index.entities.size(), 0);
      ref.pairs().for_each([&](uint64_t key, uint32_t) {
        ++degree[static_cast<uint32_t>(key >> 32)];
        ++degree[static_cast<uint32_t>(key & 0xffffffffu)];
      });
      for (uint32_t e = 0; e < f.index.entities.size(); ++e) {
        REQUIRE(inc.entity_units(e) == ref.entity_units(e));
        REQUIRE(inc.entity_mentions(e) == ref.entity_mentions(e));
        REQUIRE(inc.entity_degree(e) == degree[e]);
        REQUIRE(ref.entity_degree(e) == degree[e]);
      }
      const size_t shift = rng() % 5;
      inc.set_positions(lo + shift, std::min(f.corpus.dated, hi + shift));
      ref.rebuild(lo + shift, std::min(f.corpus.dated, hi + shift));
      REQUIRE(inc.pairs() == ref.pairs());
    }
  }
}

TEST_CASE("graph: top N by mentions, minimum count, hidden nodes and edges counted; exports") {
  Fixture f = make(kSmall);
  Cooccurrence co(f.corpus, f.index, Scope::Document);
  co.set_range(f.corpus.date_min, f.corpus.date_max);
  Graph all = build_graph(co, Measure::Count, 1, 0);
  CHECK(all.nodes.size() == 3);
  CHECK(all.edges.size() == 3);
  CHECK(all.nodes_hidden == 0);
  CHECK(all.edges_hidden == 0);
  Graph top2 = build_graph(co, Measure::Count, 1, 2);
  CHECK(top2.nodes.size() == 2);
  CHECK(top2.nodes_hidden == 1);
  CHECK(top2.edges.size() == 1);
  CHECK(top2.edges_hidden == 2);
  Graph min2 = build_graph(co, Measure::Count, 2, 0);
  CHECK(min2.edges.size() == 2);
  CHECK(min2.edges_hidden == 1);
  const std::string csv = graph_csv(min2, f.index, Measure::Count);
  CHECK(csv.rfind("source,target,source_type,target_type,count,weight,measure\n", 0) == 0);
  CHECK(csv.find("person,person,2,2,count\n") != std::string::npos);
  const std::string gexf = graph_gexf(all, f.index, co, Measure::Jaccard);
  CHECK(gexf.find("<gexf xmlns=\"http://gexf.net/1.3\"") != std::string::npos);
  CHECK(gexf.find("label=\"Zed\"><attvalues><attvalue for=\"type\" value=\"org\"/>") != std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(graph_json(all, f.index, co, Measure::Npmi));
  CHECK(j["edges"].size() == 3);
  CHECK(j["nodes"][0]["mentions"].get<int>() >= j["nodes"][2]["mentions"].get<int>());
}

TEST_CASE("graph: a few top nodes (pairs looked up) give the links a walk over all pairs gives") {
  // 60 names, articles of 2..6 of them: many pairs, so top 3 takes the lookup path.
  std::mt19937 rng(7);
  nlohmann::json arts = nlohmann::json::array();
  for (int i = 0; i < 400; ++i) {
    nlohmann::json ents = nlohmann::json::array();
    std::string body;
    const int k = 2 + static_cast<int>(rng() % 5);
    for (int j = 0; j < k; ++j) {
      // Skewed: low numbers are frequent.
      const int n = static_cast<int>((rng() % 60) * (rng() % 60) / 60);
      const std::string name = "Person" + std::to_string(n);
      body += name + " met. ";
      ents.push_back({{"name", name}, {"type", "person"}});
    }
    arts.push_back(
        {{"id", std::to_string(i)}, {"title", "t"}, {"date", "2026-02-01"}, {"body", body}, {"entities", ents}});
  }
  Fixture f = make(arts.dump());
  Cooccurrence co(f.corpus, f.index, Scope::Document);
  co.set_range(f.corpus.date_min, f.corpus.date_max);
  REQUIRE(co.pairs().size() > 200);
  for (size_t top : {2, 3, 5}) {
    for (uint32_t min_count : {1u, 3u}) {
      const Graph g = build_graph(co, Measure::Npmi, min_count, top);
      // Reference: every live pair, kept when both ends are shown and the count is high enough.
      std::vector<std::pair<uint32_t, uint32_t>> want;
      size_t hidden = 0;
      co.pairs().for_each([&](uint64_t key, uint32_t c) {
        const uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key & 0xffffffffu);
        const bool shown = std::find(g.nodes.begin(), g.nodes.end(), a) != g.nodes.end() &&
                           std::find(g.nodes.begin(), g.nodes.end(), b) != g.nodes.end();
        if (shown && c >= min_count) want.push_back({a, b});
        else ++hidden;
      });
      std::vector<std::pair<uint32_t, uint32_t>> got;
      for (const GraphEdge& e : g.edges) got.push_back({e.a, e.b});
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      CHECK(got == want);
      CHECK(g.edges_hidden == hidden);
    }
  }
}

TEST_CASE("pair table: removals keep every other pair findable; the table stays within 2 slots per pair") {
  // Few distinct ids, so keys collide and probe runs are long (and wrap around the table's end); then
  // more ids, so the table spans many pages and probe runs cross from one page into the next.
  for (const uint32_t ids : {60u, 600u}) {
    CAPTURE(ids);
    std::mt19937 rng(7);
    std::map<uint64_t, uint32_t> ref;
    PairCounts t;
    const int check_every = ids < 100 ? 997 : 19997;
    for (int step = 0; step < 200000; ++step) {
      const uint32_t a = rng() % ids, b = rng() % ids;
      if (a == b) continue;
      const uint64_t k = pair_key(a, b);
      auto it = ref.find(k);
      if (it != ref.end() && rng() % 2) {
        const uint32_t c = 1 + rng() % it->second;
        t.sub(k, c);
        if ((it->second -= c) == 0) ref.erase(it);
      } else {
        const uint32_t c = 1 + rng() % 3;
        t.add(k, c);
        ref[k] += c;
      }
      if (step % check_every == 0) {
        REQUIRE(t.size() == ref.size());
        for (const auto& [key, count] : ref) REQUIRE(t.get(key) == count);
        CHECK(t.get(pair_key(ids + 1, ids + 2)) == 0);
      }
    }
    if (ids > 100) CHECK(t.capacity() > 4 * 4096);  // several pages
    std::vector<std::pair<uint64_t, uint32_t>> expect(ref.begin(), ref.end());
    CHECK(t.sorted() == expect);
    // clear() empties the table and keeps its size; it fills again like a new one.
    const size_t cap = t.capacity();
    t.clear();
    CHECK(t.size() == 0);
    CHECK(t.sorted().empty());
    CHECK(t.capacity() == cap);
    for (const auto& [key, count] : ref) t.add(key, count);
    CHECK(t.sorted() == expect);
  }
  // Growing to 5,000 pairs: at most two slots per pair once past the first table of 1,024.
  PairCounts g;
  for (uint32_t i = 1; i <= 5000; ++i) g.add(pair_key(0, i), 1);
  CHECK(g.capacity() <= 2 * 5000 + 2);
  CHECK(g.capacity() * 3 >= 5000 * 4);
  for (uint32_t i = 1; i <= 5000; ++i) g.sub(pair_key(0, i), 1);
  CHECK(g.size() == 0);
  CHECK(g.sorted().empty());
}

TEST_CASE("a rebuild sizes the pair table once, from an estimate of the distinct pairs") {
  SynthOptions o;
  o.articles = 4000;
  o.entities = 3000;
  o.topics = 60;
  Fixture f = make(synth_corpus(o));
  {  // (the synthetic articles name one entity per sentence: document scope only)
    Cooccurrence co(f.corpus, f.index, Scope::Document);
    co.rebuild(0, f.corpus.dated);
    const size_t n = co.pairs().size(), cap = co.pairs().capacity();
    INFO("pairs ", n, ", slots ", cap);
    REQUIRE(n > 5000);
    // One table, made before the pairs went in, at most three quarters full and within 15% over
    // the exact size.
    CHECK(co.pairs().tables_made() == 1);
    CHECK(cap * 3 >= n * 4);
    CHECK(cap <= (n + n / 3 + 1) * 115 / 100);
  }
}
