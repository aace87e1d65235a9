// unit-explorer.cpp — the session: loading over a corpus, the date filter, the state report.
#include <doctest/doctest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "explorer.h"
#include "test_util.h"

using namespace ae;

TEST_CASE("the seed corpus: state report, range narrowing, reader") {
  Explorer ex;
  REQUIRE(ex.load_now(ae_test::asset("articles.json"), "articles.json"));
  nlohmann::json s = ex.state();
  CHECK(s["articles_total"] == 2);
  CHECK(s["articles_in_range"] == 2);
  CHECK(s["date_min"] == "2026-01-21");
  CHECK(s["date_max"] == "2026-01-21");
  CHECK(s["range_from"] == "2026-01-21");
  CHECK(s["range_to"] == "2026-01-21");
  CHECK(s["load"]["bytes"].get<size_t>() > 4000);
  CHECK(s["errors"].empty());
  CHECK(ex.status_line() == "Iraq–Syria border security, January 2026 (demo) · 2 articles · 2026-01-21");

  ex.set_range(parse_date("2026-01-22"), parse_date("2026-02-01"));
  CHECK(ex.state()["articles_in_range"] == 0);
  ex.set_range(parse_date("2026-01-21"), parse_date("2026-01-21"));
  CHECK(ex.visible().size() == 2);

  ex.open_article(1);
  CHECK(ex.state()["open_article"] == "seed-003-28278e9f02149438");
  ex.open_article(SIZE_MAX);
  CHECK(ex.state()["open_article"].is_null());
}

TEST_CASE("visible articles are newest first, undated last unless excluded") {
  Explorer ex;
  REQUIRE(ex.load_now(R"([{"id":"a","title":"a","date":"2026-01-01"},{"id":"u","title":"u"},
                          {"id":"c","title":"c","date":"2026-01-03"},{"id":"b","title":"b","date":"2026-01-02"}])",
                      "t"));
  auto ids = [&] {
    std::string out;
    for (uint32_t i : ex.visible()) out += ex.corpus().articles[i].id;
    return out;
  };
  CHECK(ids() == "cbau");
  ex.set_range(parse_date("2026-01-02"), parse_date("2026-01-01"));  // reversed bounds are swapped
  CHECK(ids() == "bau");
  ex.set_include_undated(false);
  CHECK(ids() == "ba");
  CHECK(ex.state()["articles_in_range"] == 2);
}

TEST_CASE("a failed load keeps the previous corpus and reports a located error") {
  Explorer ex;
  REQUIRE(ex.load_now(R"([{"title":"kept","date":"2026-01-01"}])", "good.json"));
  const uint64_t rev = ex.revision();
  CHECK_FALSE(ex.load_now("[{\"title\":\"x\"},\n{bad}]", "bad.json"));
  CHECK(ex.corpus().size() == 1);
  CHECK(ex.corpus().articles[0].title == "kept");
  CHECK(ex.revision() == rev);
  REQUIRE(ex.errors().size() == 1);
  CHECK(ex.errors()[0] ==
        "Could not load 'bad.json' at line 2, column 2: invalid JSON in article 2: syntax error while parsing object "
        "key - invalid literal; last read: '{b'; expected string literal. The previous corpus is still loaded.");
}

TEST_CASE("a load in slices leaves the current corpus usable until it completes, and can be cancelled") {
  Explorer ex;
  REQUIRE(ex.load_now(R"([{"title":"old"}])", "old"));
  std::string big = "[";
  for (int i = 0; i < 20000; ++i) big += std::string(i ? "," : "") + "{\"title\":\"n" + std::to_string(i) + "\"}";
  big += "]";
  ex.begin_load(big, "new");
  CHECK_FALSE(ex.load_step(0));  // one slice of the input, not all of it
  CHECK(ex.loading());
  CHECK(ex.load_progress() > 0.0);
  CHECK(ex.load_progress() < 1.0);
  CHECK(ex.corpus().articles[0].title == "old");
  ex.cancel_load();
  CHECK_FALSE(ex.loading());
  CHECK(ex.corpus().articles[0].title == "old");
  ex.begin_load(big, "new");
  while (!ex.load_step(0)) {
  }
  CHECK(ex.corpus().size() == 20000);
  CHECK(ex.last_load().total_ms >= ex.last_load().parse_ms * 0.5);
}

TEST_CASE("a corpus set aside for a replacement: released, and reopened from its snapshot when the load fails") {
  Explorer ex;
  REQUIRE(ex.load_now(R"([{"title":"kept","date":"2026-01-01"}])", "good.json"));
  const std::string copy = ex.snapshot();  // what the page holds outside the module
  const std::string notice = ex.notice();
  ex.set_aside();
  CHECK(ex.corpus().size() == 0);  // released: the next load reuses the memory
  CHECK(ex.notice() == notice);    // nothing announced in between
  CHECK_FALSE(ex.load_now("[{\"title\":\"x\"},\n{bad}]", "bad.json"));
  REQUIRE(ex.errors().size() == 1);
  CHECK(ex.errors()[0].find("The previous corpus is still loaded.") != std::string::npos);
  // The page reopens the copy: the corpus is back, the failed load's outcome stays what the state says.
  ex.restoring();
  REQUIRE(ex.load_now(ByteBuffer(copy), "good.json"));
  CHECK(ex.corpus().size() == 1);
  CHECK(ex.corpus().articles[0].title == "kept");
  CHECK(ex.last_load().outcome == "failed");
  // A cancelled replacement: its notice stays after the reopening too.
  ex.set_aside();
  ex.begin_load(ByteBuffer(std::string(R"([{"title":"new"}])")), "new.json");
  ex.cancel_load();
  CHECK(ex.notice() == "Stopped loading 'new.json'; the previous corpus is still loaded.");
  ex.restoring();
  REQUIRE(ex.load_now(ByteBuffer(copy), "good.json"));
  CHECK(ex.corpus().articles[0].title == "kept");
  CHECK(ex.notice() == "Stopped loading 'new.json'; the previous corpus is still loaded.");
  CHECK(ex.last_load().outcome == "cancelled");
  // A replacement that succeeds announces itself as any load does.
  ex.set_aside();
  REQUIRE(ex.load_now(R"([{"title":"a"},{"title":"b"}])", "next.json"));
  CHECK(ex.corpus().size() == 2);
  CHECK(ex.last_load().outcome == "loaded");
  CHECK(ex.notice().rfind("Loaded 2 articles", 0) == 0);
}

TEST_CASE("opening an article: one action, with or without a target sentence, that the reader follows") {
  Explorer ex;
  REQUIRE(ex.load_now(R"([{"id":"a","title":"A","body":"One. Two."},{"id":"b","title":"B"}])", "t.json"));
  const uint64_t r0 = ex.open_revision();
  ex.open_article(1);
  CHECK(ex.open_article_index() == 1);
  CHECK(ex.reader_target().field == -1);  // no target: the reader starts at the top
  CHECK(ex.open_revision() != r0);
  const uint64_t r1 = ex.open_revision();
  ex.open_article(1);  // the same article again still asks the reader to scroll
  CHECK(ex.open_revision() != r1);
  ex.open_article(0, ReaderTarget{1, 5, 9});
  CHECK(ex.reader_target() == ReaderTarget{1, 5, 9});
  ex.open_article(99, ReaderTarget{1, 0, 4});  // no such article: the reader closes, without a target
  CHECK(ex.open_article_index() == SIZE_MAX);
  CHECK(ex.reader_target().field == -1);
  ex.open_article(0, ReaderTarget{0, 0, 1});
  REQUIRE(ex.load_now(R"([{"title":"new"}])", "n.json"));  // a new corpus closes the reader
  CHECK(ex.open_article_index() == SIZE_MAX);
  CHECK(ex.reader_target().field == -1);
}

TEST_CASE("frame statistics use nearest-rank percentiles over a window") {
  FrameStats f;
  CHECK(f.percentile(50) == 0);
  for (int i = 1; i <= 100; ++i) f.add(i);
  CHECK(f.percentile(50) == 50);
  CHECK(f.percentile(95) == 95);
  for (int i = 0; i < 1000; ++i) f.add(1);
  CHECK(f.count() == FrameStats::kCapacity);
  CHECK(f.percentile(95) == 1);
}

TEST_CASE("with a gazetteer, a load reads then extracts in slices; the old corpus stays until both are done") {
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(R"([{"title":"old","body":"Talks in Baghdad."}])", "old"));
  CHECK(ex.entities().entities.size() == 1);
  std::string big = "[";
  for (int i = 0; i < 3000; ++i)
    big += std::string(i ? "," : "") + "{\"title\":\"n" + std::to_string(i) +
           "\",\"body\":\"President Zorblat Quennix met officials of the Varnok Party in Damascus on Monday.\"}";
  big += "]";
  ex.begin_load(big, "new");
  bool saw_extracting = false;
  int steps = 0;
  while (!ex.load_step(0)) {
    ++steps;
    if (std::string(ex.load_stage()) == "extracting") {
      saw_extracting = true;
      CHECK(ex.load_progress() >= 0.5);
      CHECK(ex.corpus().articles[0].title == "old");
    }
  }
  CHECK(saw_extracting);
  CHECK(steps > 2);
  CHECK(ex.corpus().size() == 3000);
  CHECK(ex.entities().entities.size() == 3);
  CHECK(ex.state()["entities_total"] == 3);
  CHECK(ex.state()["load"]["extract_ms"].get<double>() > 0);
}

TEST_CASE("selecting a link filters the list to articles naming both and gives the sentences as evidence") {
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(ae_test::asset("articles.json"), "seed"));
  const size_t sadr = ex.find_entity("Muqtada al-Sadr"), iraq = ex.find_entity("iraq");
  REQUIRE(sadr != SIZE_MAX);
  REQUIRE(iraq != SIZE_MAX);
  ex.select_pair(sadr, iraq);
  CHECK(ex.visible().size() == 1);
  CHECK(ex.state()["selected_edge"] == nlohmann::json::array({"Muqtada al-Sadr", "Iraq"}));
  const auto ev = ex.pair_evidence(10);
  REQUIRE(!ev.empty());
  const std::string_view body = ex.corpus().articles[ev[0].article].body;
  const std::string sentence(body.substr(ev[0].begin, ev[0].end - ev[0].begin));
  CHECK(sentence.rfind("Influential Iraqi Shiite cleric Muqtada al-Sadr on Monday called on Damascus", 0) == 0);
  CHECK(sentence.find("violations") != std::string::npos);  // the whole sentence
  ex.select(SIZE_MAX);
  CHECK(ex.visible().size() == 2);
  CHECK(ex.state()["selected_edge"].is_null());
}
