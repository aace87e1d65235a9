// unit-snapshot.cpp — a corpus and its entities written as a snapshot and opened again: the same
// articles, entities, mentions, network and exports, without extraction; damaged snapshots (the
// browser's saved entries are untrusted) are refused with a message and lose nothing loaded.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "explorer.h"
#include "export.h"
#include "snapshot.h"
#include "synth.h"
#include "test_util.h"
#include "view.h"

using namespace ae;

namespace {
const char* kCorpus = R"([
  {"id":"a1","date":"2026-01-20","title":"Iraq and Syria talk border security","source":"Wire","url":"https://example.org/a1",
   "body":"Iraqi Prime Minister Mohammed Shia' al-Sudani met Syrian President Ahmad al-Sharaa in Baghdad.\n\nThe Syrian Democratic Forces (SDF) said the Islamic State attacked Hasaka."},
  {"id":"a2","date":"2026-01-21","title":"Border talks go on",
   "body":"Al-Sudani said Iraq and Syria would meet again in Damascus. The SDF agreed."},
  {"id":"g1","date":"2026-01-22","title":"Given entities kept","body":"Acme Widgets opened a plant in Erbil.",
   "entities":[{"name":"Acme Widgets","type":"org","aliases":["Acme"]},{"name":"Nowhere Town","type":"place"}]},
  {"id":"u1","title":"Undated note","body":"Nothing dated here about Baghdad."}
])";

std::shared_ptr<Gazetteer> gaz() { return ae_test::gazetteer(); }

void expect_same_view(const Explorer& a, const Explorer& b) {
  ae_test::check_same_articles(a.corpus(), b.corpus());
  for (const char* kind : {"entities.csv", "edges.csv", "edges.gexf", "articles.json"}) {
    std::string ea, eb;
    REQUIRE(export_view(a, kind, ea));
    REQUIRE(export_view(b, kind, eb));
    CHECK_MESSAGE(ea == eb, kind);
  }
  CHECK(a.entities().by_article.size() == b.entities().by_article.size());
  for (size_t i = 0; i < a.entities().by_article.size(); ++i) {
    const auto& ma = a.entities().by_article[i];
    const auto& mb = b.entities().by_article[i];
    REQUIRE(ma.size() == mb.size());
    for (size_t k = 0; k < ma.size(); ++k) {
      CHECK(ma[k].entity == mb[k].entity);
      CHECK(ma[k].begin == mb[k].begin);
      CHECK(ma[k].end == mb[k].end);
      CHECK(ma[k].sentence == mb[k].sentence);
      CHECK(ma[k].field == mb[k].field);
    }
  }
}
}  // namespace

TEST_CASE("a snapshot reopens the corpus and its entities without extracting them") {
  Explorer first;
  first.set_gazetteer(gaz());
  REQUIRE(first.load_now(kCorpus, "border.json"));
  REQUIRE(first.entities().entities.size() >= 6);
  std::string snap;
  REQUIRE(export_view(first, "corpus.aesnap", snap));
  REQUIRE(is_snapshot(snap.data(), snap.size()));

  Explorer again;  // no gazetteer at all: nothing could be extracted
  REQUIRE(again.load_now(ByteBuffer(snap), "border.aesnap"));
  expect_same_view(first, again);
  const nlohmann::json s = again.state();
  CHECK(s["corpus_name"] == "border.json");
  CHECK(s["load"]["extract_ms"] == 0);
  CHECK(s["load"]["format"] == "array");  // the corpus's own load, as first read
  CHECK(s["load"]["snapshot_bytes"] == snap.size());
  CHECK(again.corpus().undated() == 1);
  // A snapshot of the reopened corpus is the same bytes.
  std::string snap2;
  REQUIRE(export_view(again, "corpus.aesnap", snap2));
  CHECK(snap2 == snap);
}

TEST_CASE("a snapshot written a slice at a time is the same bytes; a change in between abandons it") {
  SynthOptions opt;
  opt.articles = 700;
  Explorer ex;
  ex.set_gazetteer(gaz());
  REQUIRE(ex.load_now(synth_corpus(opt), "synth.jsonl"));
  REQUIRE(ex.entities().entities.size() > 200);
  const std::string whole = ex.snapshot();
  std::string sliced;
  size_t pieces = 0;
  ex.begin_snapshot([&](const char* data, size_t size) {
    sliced.append(data, size);
    ++pieces;
  });
  int steps = 1;
  Explorer::SnapshotStep st;
  while ((st = ex.snapshot_step(0)) == Explorer::SnapshotStep::More) ++steps;  // 64 items a step
  CHECK(st == Explorer::SnapshotStep::Done);
  CHECK(steps > 10);
  CHECK(sliced == whole);
  CHECK(ex.snapshot_step(0) == Explorer::SnapshotStep::None);
  // Also written straight, with no limit of time.
  std::string direct;
  SnapshotWriter w(ex.corpus(), ex.entities(), SnapshotMeta{}, [&](const char* d, size_t n) { direct.append(d, n); });
  CHECK(w.step(1e9));
  CHECK(direct == write_snapshot(ex.corpus(), ex.entities(), SnapshotMeta{}));

  // A correction while it is written: abandoned (the entities written so far are not those of now).
  ex.begin_snapshot([](const char*, size_t) {});
  CHECK(ex.snapshot_step(0) == Explorer::SnapshotStep::More);
  ex.add_edit(Edit{Edit::Op::Hide, ex.entities().entities[0].name, "", EntityType::Person});
  CHECK(ex.snapshot_step(0) == Explorer::SnapshotStep::Abandoned);
  CHECK(ex.snapshot_step(0) == Explorer::SnapshotStep::None);
  // A load while it is written: abandoned too.
  ex.begin_snapshot([](const char*, size_t) {});
  CHECK(ex.snapshot_step(0) == Explorer::SnapshotStep::More);
  REQUIRE(ex.load_now(kCorpus, "border.json"));
  CHECK(ex.snapshot_step(0) == Explorer::SnapshotStep::Abandoned);
}

TEST_CASE("a snapshot keeps the entities as extracted; the user's corrections apply on top when reopened") {
  Explorer ex;
  ex.set_gazetteer(gaz());
  Rules rules;
  std::string error;
  REQUIRE(parse_rules(R"({"version":1,"edits":[{"op":"hide","entity":"Baghdad"}]})", rules, error));
  ex.set_rules(rules);
  REQUIRE(ex.load_now(kCorpus, "border.json"));
  CHECK(ex.find_entity("Baghdad") == SIZE_MAX);
  const std::string snap = ex.snapshot();
  Explorer plain;
  REQUIRE(plain.load_now(ByteBuffer(snap), "s.aesnap"));
  CHECK(plain.find_entity("Baghdad") != SIZE_MAX);  // as extracted
  Explorer corrected;
  corrected.set_rules(rules);
  REQUIRE(corrected.load_now(ByteBuffer(snap), "s.aesnap"));
  CHECK(corrected.find_entity("Baghdad") == SIZE_MAX);
}

TEST_CASE("damaged snapshots are refused with a message and the loaded corpus stays") {
  Explorer ex;
  ex.set_gazetteer(gaz());
  REQUIRE(ex.load_now(kCorpus, "border.json"));
  const std::string snap = ex.snapshot();
  const size_t before = ex.corpus().size();
  // Every truncation, and a byte changed at many places: refused or read, never a crash (ASan watches).
  size_t refused = 0;
  for (size_t cut = 8; cut < snap.size(); cut += std::max<size_t>(1, snap.size() / 400)) {
    Corpus c;
    EntityIndex idx;
    SnapshotMeta meta;
    std::string error;
    if (!read_snapshot(ByteBuffer(std::string_view(snap).substr(0, cut)), c, idx, meta, error)) {
      ++refused;
      CHECK(error.rfind("the snapshot is damaged", 0) == 0);
    }
  }
  CHECK(refused > 0);
  for (size_t at = 8; at < snap.size(); at += 7) {
    for (unsigned char v : {0x00, 0x7F, 0xFF}) {
      std::string bad = snap;
      bad[at] = static_cast<char>(v);
      Corpus c;
      EntityIndex idx;
      SnapshotMeta meta;
      std::string error;
      if (read_snapshot(ByteBuffer(bad), c, idx, meta, error)) {
        for (size_t a = 0; a < idx.by_article.size(); ++a)
          for (const Mention& m : idx.by_article[a]) {
            CHECK(m.entity < idx.entities.size());
            if (m.begin != kNoOffset)
              CHECK(m.end <= (m.field ? c.articles[a].body.size() : c.articles[a].title.size()));
          }
      }
    }
  }
  // Through the session: a message, and the corpus loaded before is still there.
  CHECK_FALSE(ex.load_now(ByteBuffer(snap.substr(0, snap.size() / 2)), "half.aesnap"));
  CHECK(ex.corpus().size() == before);
  CHECK(ex.state()["last_error"].get<std::string>().find("Could not open 'half.aesnap': the snapshot is damaged") == 0);
  CHECK(ex.state()["last_error"].get<std::string>().find("The previous corpus is still loaded") != std::string::npos);
  // A mention pointing past its text, written by hand.
  Corpus c;
  c.name = "x";
  Article a;
  a.id = "1";
  a.title = c.keep("Iraq");
  a.date = parse_date("2026-01-01");
  c.articles.push_back(a);
  c.finalize();
  EntityIndex idx;
  idx.entities.push_back(Entity{"Iraq", EntityType::Place, {}, 1, 1, true});
  idx.by_article.push_back({Mention{0, 0, 99, 0, 0, 0}});
  idx.sentences.push_back(1);
  Corpus c2;
  EntityIndex idx2;
  SnapshotMeta meta;
  std::string error;
  CHECK_FALSE(read_snapshot(ByteBuffer(write_snapshot(c, idx, {})), c2, idx2, meta, error));
  CHECK(error == "the snapshot is damaged (a mention outside its text)");
  idx.by_article[0][0].end = 4;
  CHECK(read_snapshot(ByteBuffer(write_snapshot(c, idx, {})), c2, idx2, meta, error));
  idx.by_article[0][0].entity = 3;
  CHECK_FALSE(read_snapshot(ByteBuffer(write_snapshot(c, idx, {})), c2, idx2, meta, error));
  CHECK(error == "the snapshot is damaged (a mention of an unknown entity)");
}
