// unit-aggregates.cpp — a corpus of daily counts (aggregates.h): every view made from the counts equals
// the view of the articles they were counted from; hostile aggregates are refused with a located message
// and the loaded corpus stays; the page's kept copy reads back the same.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "aggregates.h"
#include "explorer.h"
#include "export.h"
#include "synth.h"
#include "test_util.h"
#include "view.h"

using namespace ae;

namespace {

// What scripts/pipeline.sh computes, written here from an explorer's articles and entities: per day the
// articles, each entity's articles and mentions, each pair's articles (document scope).
std::string aggregates_of(const Explorer& ex) {
  const Corpus& c = ex.corpus();
  const EntityIndex& index = ex.entities();
  struct Day_ {
    uint32_t articles = 0;
    std::map<uint32_t, std::pair<uint32_t, uint32_t>> entities;
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> pairs;
  };
  std::map<Day, Day_> days;
  for (size_t a = 0; a < c.size(); ++a) {
    if (c.articles[a].date == kUndated) continue;
    Day_& d = days[c.articles[a].date];
    ++d.articles;
    std::map<uint32_t, uint32_t> m;
    for (const Mention& x : index.by_article[a]) ++m[x.entity];
    for (const auto& [e, n] : m) {
      ++d.entities[e].first;
      d.entities[e].second += n;
    }
    for (auto i = m.begin(); i != m.end(); ++i)
      for (auto j = std::next(i); j != m.end(); ++j) ++d.pairs[{i->first, j->first}];
  }
  nlohmann::json ents = nlohmann::json::array();
  for (const Entity& e : index.entities) ents.push_back({e.name, type_name(e.type)});
  std::string out = R"({"format":"article-explorer-aggregates","version":1,"name":"t","scope":"document"})"
                    "\n";
  out += nlohmann::json{{"entities", ents}}.dump() + "\n";
  for (const auto& [day, d] : days) {
    nlohmann::json es = nlohmann::json::array(), ps = nlohmann::json::array();
    for (const auto& [e, am] : d.entities) es.push_back({e, am.first, am.second});
    for (const auto& [p, n] : d.pairs) ps.push_back({p.first, p.second, n});
    out += nlohmann::json{{"day", format_iso(day)}, {"articles", d.articles}, {"entities", es}, {"pairs", ps}}.dump() +
           "\n";
  }
  return out;
}

std::map<std::string, std::pair<uint32_t, uint32_t>> table(const Explorer& ex) {
  std::map<std::string, std::pair<uint32_t, uint32_t>> out;
  for (const EntityRow& r : entity_rows(ex)) out[ex.entities().entities[r.entity].name] = {r.articles, r.mentions};
  return out;
}

std::map<std::pair<std::string, std::string>, uint32_t> links(const Explorer& ex) {
  std::map<std::pair<std::string, std::string>, uint32_t> out;
  const auto& es = ex.entities().entities;
  ex.cooccurrence()->pairs().for_each([&](uint64_t key, uint32_t n) {
    std::string a = es[static_cast<uint32_t>(key >> 32)].name, b = es[static_cast<uint32_t>(key)].name;
    if (b < a) std::swap(a, b);
    out[{a, b}] = n;
  });
  return out;
}

// Articles with given entities (no extraction), over 40 days.
std::string article_corpus() {
  SynthOptions o;
  o.articles = 600;
  o.entities = 120;
  o.topics = 12;
  return synth_corpus(o);
}

// The synthetic articles in one session, their daily counts in the other.
void open_both(Explorer& articles, Explorer& counts) {
  articles.set_gazetteer(ae_test::gazetteer());
  REQUIRE(articles.load_now(article_corpus(), "synth.jsonl"));
  REQUIRE(counts.load_now(aggregates_of(articles), "aggregates.jsonl"));
}

}  // namespace

TEST_CASE("every view of daily counts equals the view of the articles they count") {
  Explorer articles;
  articles.set_gazetteer(ae_test::gazetteer());
  REQUIRE(articles.load_now(article_corpus(), "synth.jsonl"));
  const std::string text = aggregates_of(articles);
  REQUIRE(is_aggregates(text));
  Explorer counts;
  REQUIRE_MESSAGE(counts.load_now(text, "aggregates.jsonl"), (counts.errors().empty() ? "" : counts.errors().back()));
  CHECK(counts.entities().counts != nullptr);
  CHECK(counts.last_load().format == "aggregates");
  CHECK(counts.notice().find("Loaded daily counts of 600 articles") == 0);
  CHECK(counts.status_line().find("600 articles in daily counts") != std::string::npos);
  CHECK(counts.corpus().size() < articles.corpus().size());  // one per day
  CHECK(counts.corpus().date_min == articles.corpus().date_min);

  const Day lo = articles.corpus().date_min, hi = articles.corpus().date_max;
  const std::vector<std::pair<Day, Day>> ranges = {{lo, hi}, {lo + 30, lo + 60}, {hi - 6, hi}, {lo + 100, lo + 100}};
  for (const auto& range : ranges) {
    const Day from = range.first, to = range.second;
    const std::string shown_range = format_iso(from) + ".." + format_iso(to);
    CAPTURE(shown_range);
    articles.set_range(from, to);
    counts.set_range(from, to);
    CHECK(table(counts) == table(articles));
    CHECK(links(counts) == links(articles));
    CHECK(counts.cooccurrence()->units() == articles.cooccurrence()->units());
    CHECK(counts.articles_between(from, to) == articles.articles_between(from, to));
    // The network drawn: the same nodes and links with the same counts and weights, in every measure.
    for (Measure m : {Measure::Count, Measure::Npmi, Measure::Jaccard}) {
      articles.set_network(Scope::Document, m, 1, 40);
      counts.set_network(Scope::Document, m, 1, 40);
      const Graph &ga = articles.graph(), &gc = counts.graph();
      REQUIRE(ga.nodes.size() == gc.nodes.size());
      REQUIRE(ga.edges.size() == gc.edges.size());
      for (size_t i = 0; i < ga.edges.size(); ++i) {
        CHECK(ga.edges[i].count == gc.edges[i].count);
        CHECK(ga.edges[i].weight == doctest::Approx(gc.edges[i].weight));
      }
    }
  }
  // The timeline, a selection's bars on it, a link's, and an entity's sparkline.
  articles.set_range(lo, hi);
  counts.set_range(lo, hi);
  const uint32_t e = articles.graph().nodes[0];
  const std::string name = articles.entities().entities[e].name;
  const size_t ce = counts.find_entity(name);
  REQUIRE(ce != SIZE_MAX);
  articles.select(e);
  counts.select(ce);
  const Timeline ta = timeline(articles), tc = timeline(counts);
  CHECK(ta.articles == tc.articles);
  CHECK(ta.selected == tc.selected);
  CHECK(entity_series(articles, e, ta) == entity_series(counts, static_cast<uint32_t>(ce), tc));
  const GraphEdge& link = articles.graph().edges[0];
  const size_t ca = counts.find_entity(articles.entities().entities[link.a].name);
  const size_t cb = counts.find_entity(articles.entities().entities[link.b].name);
  articles.select_pair(link.a, link.b);
  counts.select_pair(ca, cb);
  CHECK(timeline(articles).selected == timeline(counts).selected);
  CHECK(counts.link_evidence(ca, cb, 5).empty());  // no text: no sentences
  // Bursts and a comparison of two periods.
  CHECK(bursts_csv(articles.bursts(), articles.entities()) == bursts_csv(counts.bursts(), counts.entities()));
  articles.set_range(lo + 40, lo + 80);
  counts.set_range(lo + 40, lo + 80);
  articles.set_baseline_before();
  counts.set_baseline_before();
  std::string xa, xc;
  REQUIRE(export_view(articles, "compare.csv", xa));
  REQUIRE(export_view(counts, "compare.csv", xc));
  CHECK(xa == xc);
  // Sentence scope cannot be had from daily counts: the session stays in document scope.
  counts.set_network(Scope::Sentence, Measure::Count, 1, 40);
  CHECK(counts.scope() == Scope::Document);
}

TEST_CASE("a day says its text is not included, and lists its entities where the reader marks them") {
  Explorer articles, counts;
  open_both(articles, counts);
  const Article& day = counts.corpus().articles[0];
  CHECK(std::string(day.title).find("daily counts; the text is not included") != std::string::npos);
  CHECK(std::string(day.body).find("not included") != std::string::npos);
  for (const Mention& m : counts.entities().by_article[0])
    CHECK(day.body.substr(m.begin, m.end - m.begin) == counts.entities().entities[m.entity].name);
}

TEST_CASE("the kept copy of daily counts reads back the same; corrections are not applied to counts") {
  Explorer articles, counts;
  open_both(articles, counts);
  const std::string kept = counts.snapshot();
  CHECK(is_aggregates(kept));
  Explorer again;
  REQUIRE(again.load_now(kept, "kept"));
  CHECK(again.snapshot() == kept);
  CHECK(table(again) == table(counts));
  CHECK(links(again) == links(counts));
  Edit hide;
  hide.op = Edit::Op::Hide;
  hide.entity = counts.entities().entities[0].name;
  counts.add_edit(hide);
  CHECK(counts.entities().entities.size() == again.entities().entities.size());
  REQUIRE(counts.unmatched_edits().size() == 1);
  CHECK(counts.unmatched_edits()[0].find("daily counts") != std::string::npos);
}

TEST_CASE("hostile aggregates are refused with a located message, and the corpus loaded before stays") {
  const std::string head = R"({"format":"article-explorer-aggregates","version":1})"
                           "\n";
  const std::string ents = R"({"entities":[["Iraq","place"],["Syria","place"],["UN","org"]]})"
                           "\n";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"format":"article-explorer-aggregates","version":2})"
       "\n",
       "version"},
      {head, "no day"},
      {head + ents + "not json\n", "line 3"},
      {head + R"({"entities":[["Iraq","planet"]]})"
              "\n",
       "type"},
      {head + R"({"entities":[["",  "place"]]})"
              "\n",
       "name"},
      {head + ents +
           R"({"day":"2026-02-30","articles":1})"
           "\n",
       "date"},
      {head + ents +
           R"({"day":"2026-02-01","articles":0})"
           "\n",
       "count"},
      {head + ents +
           R"({"day":"2026-02-01","articles":-4})"
           "\n",
       "count"},
      {head + ents +
           R"({"day":"2026-02-01","articles":2,"entities":[[7,1,1]]})"
           "\n",
       "not listed"},
      {head + ents +
           R"({"day":"2026-02-01","articles":2,"entities":[[0,3,3]]})"
           "\n",
       "do not fit"},
      {head + ents +
           R"({"day":"2026-02-01","articles":2,"entities":[[0,2,1]]})"
           "\n",
       "do not fit"},
      {head + ents +
           R"({"day":"2026-02-01","articles":2,"entities":[[0,1,1],[0,1,1]]})"
           "\n",
       "twice"},
      {head + ents +
           R"({"day":"2026-02-01","articles":2,"entities":[[0,1,1]],"pairs":[[0,1,1]]})"
           "\n",
       "does not list"},
      {head + ents +
           R"({"day":"2026-02-01","articles":2,"entities":[[0,1,1],[1,2,2]],"pairs":[[0,1,2]]})"
           "\n",
       "fit"},
      {head + ents +
           R"({"day":"2026-02-01","articles":2,"entities":[[0,1,1],[1,2,2]],"pairs":[[0,1,1],[1,0,1]]})"
           "\n",
       "twice"},
      {head + ents +
           R"({"day":"2026-02-01","articles":1})"
           "\n"
           R"({"day":"2026-02-01","articles":1})"
           "\n",
       "twice"},
      {head +
           R"({"day":"2026-02-01","articles":1})"
           "\n" +
           ents,
       "before the days"},
      {head + ents +
           R"({"day":"2026-02-01","articles":99999999999})"
           "\n",
       "count"},
  };
  Explorer ex;
  REQUIRE(ex.load_now(ae_test::asset("articles.json"), "articles.json"));
  for (const auto& item : bad) {
    const std::string& text = item.first;
    const std::string& says = item.second;
    CAPTURE(text);
    Corpus c;
    EntityIndex i;
    std::string error;
    CHECK_FALSE(read_aggregates(text, "x", c, i, error));
    CHECK_MESSAGE(error.find(says) != std::string::npos, error);
    if (is_aggregates(text)) {
      CHECK_FALSE(ex.load_now(text, "bad.jsonl"));
      CHECK(ex.corpus().size() == 2);  // the seed articles stay
    }
  }
  // A good one for comparison.
  Corpus c;
  EntityIndex i;
  std::string error;
  CHECK(read_aggregates(head + ents +
                            R"({"day":"2026-02-01","articles":2,"entities":[[0,1,1],[1,2,2]],"pairs":[[0,1,1]]})"
                            "\n",
                        "x", c, i, error));
}
