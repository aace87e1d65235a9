// unit-derived.cpp — the derived views (derived_views.h): each is made again exactly when one of its
// inputs changes; the load pipeline (load_pipeline.h) on its own.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "derived_views.h"
#include "explorer.h"
#include "export.h"
#include "load_pipeline.h"
#include "test_util.h"

using namespace ae;

namespace {

// Three days, four entities: "Ann" and "Bob" together twice, "Cyd" once with each, "Dee" alone.
const char* kCorpus = R"([
  {"id":"1","title":"one","date":"2026-01-01","body":"x","entities":[{"name":"Ann","type":"person"},{"name":"Bob","type":"person"}]},
  {"id":"2","title":"two","date":"2026-01-02","body":"apple pie","entities":[{"name":"Ann","type":"person"},{"name":"Bob","type":"person"},{"name":"Cyd","type":"place"}]},
  {"id":"3","title":"three","date":"2026-01-03","body":"apple","entities":[{"name":"Bob","type":"person"},{"name":"Cyd","type":"place"}]},
  {"id":"4","title":"four","body":"undated","entities":[{"name":"Dee","type":"organization"}]}
])";

struct Loaded {
  Corpus corpus;
  EntityIndex index;
};

Loaded load() {
  LoadPipeline p;
  p.set_gazetteer(ae_test::rules_gazetteer());
  REQUIRE(p.begin(ByteBuffer(std::string(kCorpus)), "t.json", Scope::Document));
  LoadPipeline::Status st;
  while ((st = p.step(1e9)) == LoadPipeline::Status::Running) {
  }
  REQUIRE(st == LoadPipeline::Status::Done);
  auto done = p.take();
  REQUIRE(done);
  return Loaded{std::move(done->corpus), std::move(done->entities)};
}

}  // namespace

TEST_CASE("the load pipeline reads, indexes and hands over a corpus; a failure is located") {
  LoadPipeline p;
  p.set_gazetteer(ae_test::rules_gazetteer());
  CHECK(p.step(10) == LoadPipeline::Status::Idle);
  REQUIRE(p.begin(ByteBuffer(std::string(kCorpus)), "t.json", Scope::Sentence));
  CHECK(p.running());
  CHECK(std::string(p.stage()) == "reading");
  LoadPipeline::Status st;
  while ((st = p.step(1e9)) == LoadPipeline::Status::Running) {
  }
  REQUIRE(st == LoadPipeline::Status::Done);
  CHECK_FALSE(p.running());
  auto done = p.take();
  REQUIRE(done);
  CHECK(done->corpus.size() == 4);
  CHECK(done->entities.entities.size() == 4);
  REQUIRE(done->co);
  CHECK(done->co->scope() == Scope::Sentence);  // counted in the scope asked for

  REQUIRE(p.begin(ByteBuffer(std::string("[{\"title\":\"x\"},\n{bad}]")), "bad.json", Scope::Document));
  while ((st = p.step(1e9)) == LoadPipeline::Status::Running) {
  }
  CHECK(st == LoadPipeline::Status::Failed);
  CHECK(p.error().find("Could not load 'bad.json' at line 2") == 0);
  CHECK_FALSE(p.take());

  // A snapshot that does not read is refused at once.
  CHECK_FALSE(p.begin(ByteBuffer(std::string(kSnapshotMagic, 8) + "junk"), "kept.snap", Scope::Document));
  CHECK(p.error().find("Could not open 'kept.snap': ") == 0);
  CHECK_FALSE(p.running());
  CHECK(p.begin(ByteBuffer(std::string(kCorpus)), "again.json", Scope::Document));
  p.cancel();
  CHECK_FALSE(p.running());
  CHECK(std::string(p.stage()).empty());
}

TEST_CASE("the article list is made again exactly when one of its inputs changes") {
  Loaded d = load();
  SearchHits search;
  ArticleList list;
  ViewState v;
  v.from = d.corpus.date_min;
  v.to = d.corpus.date_max;
  uint64_t data = 1;
  search.update(data, d.corpus, v.search);
  CHECK(list.update(data, d.corpus, d.index, search, v));
  CHECK(list.rows().size() == 4);
  // Inputs the list does not read: nothing to do.
  v.measure = Measure::Npmi;
  v.top_n = 5;
  v.open = 1;
  v.net_types = 0x1;
  CHECK_FALSE(list.update(data, d.corpus, d.index, search, v));
  // Each input it reads.
  v.include_undated = false;
  CHECK(list.update(data, d.corpus, d.index, search, v));
  CHECK(list.rows().size() == 3);
  v.from = parse_date("2026-01-02");
  CHECK(list.update(data, d.corpus, d.index, search, v));
  CHECK(list.rows().size() == 2);
  v.selected = find_entity(d.index, "Ann");
  CHECK(list.update(data, d.corpus, d.index, search, v));
  CHECK(list.rows().size() == 1);
  v.selected = SIZE_MAX;
  v.pair = {find_entity(d.index, "Bob"), find_entity(d.index, "Cyd")};
  CHECK(list.update(data, d.corpus, d.index, search, v));
  CHECK(list.rows().size() == 2);
  v.order = ListOrder::Oldest;
  CHECK(list.update(data, d.corpus, d.index, search, v));
  REQUIRE(list.rows().size() == 2);
  CHECK(d.corpus.articles[list.rows()[0]].id == "2");
  v.search = "apple pie";
  CHECK_FALSE(list.update(data, d.corpus, d.index, search, v));  // the hits have not changed yet
  CHECK(search.update(data, d.corpus, v.search));
  CHECK_FALSE(search.update(data, d.corpus, v.search));
  CHECK(list.update(data, d.corpus, d.index, search, v));
  CHECK(list.rows().size() == 1);
  CHECK(list.hits_in_list() == 2);
  ++data;  // new data: made again, whatever else
  CHECK(search.update(data, d.corpus, v.search));
  CHECK(list.update(data, d.corpus, d.index, search, v));
}

TEST_CASE("the network's counts follow range and scope; its graph follows its own settings") {
  Loaded d = load();
  NetworkView net;
  ViewState v;
  v.from = d.corpus.date_min;
  v.to = d.corpus.date_max;
  const uint64_t data = 7;
  CHECK(net.update(data, d.corpus, d.index, v));
  const Cooccurrence* counts = net.counts();
  REQUIRE(counts);
  CHECK(net.graph().edges.size() == 3);  // Ann-Bob, Ann-Cyd, Bob-Cyd
  // Inputs the network does not read.
  v.search = "apple";
  v.selected = 0;
  v.order = ListOrder::Relevance;
  v.include_undated = false;
  CHECK_FALSE(net.update(data, d.corpus, d.index, v));
  // Graph settings: the same counts, a new graph.
  v.min_count = 2;
  CHECK(net.update(data, d.corpus, d.index, v));
  CHECK(net.counts() == counts);
  CHECK(net.graph().edges.size() == 2);  // Ann-Bob 2, Bob-Cyd 2
  v.net_hidden = {"Bob"};
  CHECK(net.update(data, d.corpus, d.index, v));
  CHECK(net.graph().edges.empty());
  v.net_hidden.clear();
  v.net_types = 0x1;  // people only
  CHECK(net.update(data, d.corpus, d.index, v));
  CHECK(net.graph().edges.size() == 1);
  v.net_types = 0x7;
  // The range moves the same counts.
  v.from = parse_date("2026-01-03");
  CHECK(net.update(data, d.corpus, d.index, v));
  CHECK(net.counts() == counts);
  CHECK(net.graph().edges.empty());  // Bob-Cyd once, below min 2
  // A new scope: counted again.
  v.scope = Scope::Sentence;
  CHECK(net.update(data, d.corpus, d.index, v));
  CHECK(net.counts()->scope() == Scope::Sentence);
  // Comparing: the baseline's counts, and back.
  v.min_count = 1;
  v.base_from = parse_date("2026-01-01");
  v.base_to = parse_date("2026-01-02");
  CHECK(net.update(data, d.corpus, d.index, v));
  REQUIRE(net.baseline());
  CHECK_FALSE(net.update(data, d.corpus, d.index, v));
  v.base_from = v.base_to = kUndated;
  CHECK(net.update(data, d.corpus, d.index, v));
  CHECK_FALSE(net.baseline());
}

TEST_CASE("the explorer's revision moves when a view it keys changes, not on a no-op") {
  Explorer ex;
  ex.set_gazetteer(ae_test::rules_gazetteer());
  REQUIRE(ex.load_now(ByteBuffer(std::string(kCorpus)), "t.json"));
  const uint64_t r0 = ex.revision();
  ex.set_range(ex.range_from(), ex.range_to());  // the same range
  CHECK(ex.revision() == r0);
  ex.open_article(1);  // the reader is not a derived view
  CHECK(ex.revision() == r0);
  ex.set_network(Scope::Document, Measure::Jaccard, 1, 60);
  CHECK(ex.revision() > r0);
  const uint64_t r1 = ex.revision();
  ex.set_search("apple");
  CHECK(ex.revision() > r1);
  CHECK(ex.visible().size() == 2);
  CHECK(ex.view_state().search == "apple");
  CHECK(ex.view_state().measure == Measure::Jaccard);
}

TEST_CASE("set_view applies a whole view at once, normalised as the single actions are") {
  Explorer ex;
  ex.set_gazetteer(ae_test::rules_gazetteer());
  REQUIRE(ex.load_now(ByteBuffer(std::string(kCorpus)), "t.json"));
  ViewState v = ex.view_state();
  v.from = parse_date("2026-01-03");
  v.to = parse_date("2026-01-02");  // reversed: swapped
  v.base_from = parse_date("2026-01-01");
  v.base_to = kUndated;  // half a baseline: none
  v.pair = {0, 0};       // a link to itself: none
  v.selected = 999;      // no such entity: none
  v.open = 999;          // no such article: closed
  v.net_hidden = {"Bob", "Ann", "Bob"};
  v.net_types = 0xFF;
  v.min_count = 0;
  v.search = "apple";
  const uint64_t opened = ex.open_revision();
  ex.set_view(v);
  const ViewState& s = ex.view_state();
  CHECK(s.from == parse_date("2026-01-02"));
  CHECK(s.to == parse_date("2026-01-03"));
  CHECK_FALSE(s.comparing());
  CHECK(s.pair.first == SIZE_MAX);
  CHECK(s.selected == SIZE_MAX);
  CHECK(s.open == SIZE_MAX);
  CHECK(ex.open_revision() == opened);  // no article was open, none is
  CHECK(s.net_hidden == std::vector<std::string>{"Ann", "Bob"});
  CHECK(s.net_types == 0x7);
  CHECK(s.min_count == 1);
  CHECK(ex.visible().size() == 2);      // the derived views follow: "apple" in articles 2 and 3
  CHECK(ex.graph().nodes.size() == 1);  // Cyd alone (Ann and Bob left out)
  v = s;
  v.open = 1;
  ex.set_view(v);
  CHECK(ex.open_revision() == opened + 1);
  CHECK(ex.open_article_index() == 1);
}

TEST_CASE("a new corpus keeps the view's settings, search and order, not what belonged to the corpus before") {
  Explorer ex;
  ex.set_gazetteer(ae_test::rules_gazetteer());
  REQUIRE(ex.load_now(ByteBuffer(std::string(kCorpus)), "t.json"));
  ex.set_order(ListOrder::Oldest);
  ex.set_search("apple");
  ex.set_network(Scope::Sentence, Measure::Npmi, 2, 30);
  ex.set_include_undated(false);
  ex.set_range(parse_date("2026-01-02"), parse_date("2026-01-02"));
  ex.select(ex.find_entity("Bob"));
  ex.set_baseline(parse_date("2026-01-01"), parse_date("2026-01-01"));
  ex.open_article(0);
  REQUIRE(ex.load_now(ByteBuffer(std::string(kCorpus)), "again.json"));
  const ViewState& v = ex.view_state();
  CHECK(v.order == ListOrder::Oldest);
  CHECK(v.search == "apple");
  CHECK(v.scope == Scope::Sentence);
  CHECK(v.measure == Measure::Npmi);
  CHECK(v.min_count == 2);
  CHECK(v.top_n == 30);
  CHECK_FALSE(v.include_undated);
  CHECK(v.from == ex.corpus().date_min);
  CHECK(v.to == ex.corpus().date_max);
  CHECK(v.selected == SIZE_MAX);
  CHECK_FALSE(v.comparing());
  CHECK(v.open == SIZE_MAX);
  REQUIRE(ex.visible().size() == 2);
  CHECK(ex.corpus().articles[ex.visible()[0]].id == "2");  // oldest first
}

TEST_CASE("a load handed over in pieces: JSON Lines read piece by piece; a snapshot or daily counts joined first") {
  auto pieces = [](const std::string& text, size_t cut) {
    std::vector<ByteBuffer> out;
    const size_t nl = text.find('\n', cut);
    REQUIRE(nl != std::string::npos);
    out.emplace_back(std::string_view(text).substr(0, nl + 1));
    out.emplace_back(std::string_view(text).substr(nl + 1));
    return out;
  };
  std::string lines;
  for (const nlohmann::json& a : nlohmann::json::parse(kCorpus)) lines += a.dump() + "\n";
  Explorer whole;
  whole.set_gazetteer(ae_test::rules_gazetteer());
  REQUIRE(whole.load_now(ByteBuffer(lines), "t.jsonl"));

  Explorer ex;
  ex.set_gazetteer(ae_test::rules_gazetteer());
  ex.begin_load(pieces(lines, lines.size() / 2), "t.jsonl");
  while (!ex.load_step(1e9)) {
  }
  REQUIRE(ex.corpus().size() == 4);
  CHECK(ex.corpus().text->more.size() == 1);  // the first piece's text stays where it was handed over
  CHECK(ex.entities().entities.size() == whole.entities().entities.size());
  std::string a, b;
  REQUIRE(export_view(ex, "entities.csv", a));
  REQUIRE(export_view(whole, "entities.csv", b));
  CHECK(a == b);
  CHECK(ex.snapshot() == whole.snapshot());

  // A snapshot cut in two (anywhere: it is not made of lines) reopens as the whole one does.
  const std::string snap = whole.snapshot();
  std::vector<ByteBuffer> halves;
  halves.emplace_back(std::string_view(snap).substr(0, snap.size() / 2));
  halves.emplace_back(std::string_view(snap).substr(snap.size() / 2));
  Explorer re;
  re.begin_load(std::move(halves), "t.aesnap");
  while (!re.load_step(1e9)) {
  }
  CHECK(re.errors().empty());
  CHECK(re.snapshot() == snap);

  // Daily counts in pieces read as one text.
  const std::string counts = std::string(R"({"format":"article-explorer-aggregates","version":1})") + "\n" +
                             R"({"entities":[["Ann","person"],["Bob","person"]]})" + "\n" +
                             R"({"day":"2026-01-01","articles":2,"entities":[[0,1,1],[1,2,2]],"pairs":[[0,1,1]]})" +
                             "\n";
  Explorer agg;
  agg.begin_load(pieces(counts, 10), "counts.jsonl");
  while (!agg.load_step(1e9)) {
  }
  CHECK(agg.errors().empty());
  CHECK(agg.entities().entities.size() == 2);
}
