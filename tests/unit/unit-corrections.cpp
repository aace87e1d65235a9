// unit-corrections.cpp — the user's corrections: each edit kind on a small corpus with given entities,
// undo through the Explorer, the rules file round trip, and hostile rules files.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "corrections.h"
#include "explorer.h"
#include "export.h"
#include "loader.h"
#include "test_util.h"
#include "view.h"

using namespace ae;

namespace {

const char* kCorpus = R"([
 {"id":"a","date":"2026-03-01","title":"Talks","body":"Ronald Reagan met Reuters editors. Reagan said the U.S. Company is fine.",
  "entities":[{"name":"Ronald Reagan","type":"person"},{"name":"Reagan","type":"person"},{"name":"Reuters","type":"org"},
              {"name":"United States","type":"place","aliases":["U.S. Company"]}]},
 {"id":"b","date":"2026-03-02","title":"More","body":"Reuter reported. Reagan again, and the United States.",
  "entities":[{"name":"Reagan","type":"person"},{"name":"Reuter","type":"org"},{"name":"United States","type":"place"}]}
])";

struct Fixture {
  Corpus corpus;
  EntityIndex index;
  Fixture() {
    LoadResult r = load_corpus(kCorpus, "c.json");
    REQUIRE_MESSAGE(r.ok, r.error.message);
    corpus = std::move(r.corpus);
    index = extract_entities(corpus, *ae_test::gazetteer());
  }
};

const Entity* by_name(const EntityIndex& idx, const std::string& name) {
  for (const Entity& e : idx.entities)
    if (e.name == name) return &e;
  return nullptr;
}

Rules one(Edit e) {
  Rules r;
  r.edits.push_back(std::move(e));
  return r;
}

// Every mention points at an existing entity and the counts add up.
void check_consistent(const EntityIndex& idx) {
  std::vector<uint32_t> mentions(idx.entities.size(), 0);
  for (const auto& ms : idx.by_article)
    for (const Mention& m : ms) {
      REQUIRE(m.entity < idx.entities.size());
      ++mentions[m.entity];
    }
  for (size_t e = 0; e < idx.entities.size(); ++e) CHECK(idx.entities[e].mentions == mentions[e]);
}

}  // namespace

TEST_CASE("merge: the mentions of one entity join another, its name becomes an alias") {
  Fixture f;
  const Entity* ronald = by_name(f.index, "Ronald Reagan");
  const Entity* reagan = by_name(f.index, "Reagan");
  REQUIRE((ronald && reagan));
  const uint32_t before = ronald->mentions + reagan->mentions;
  std::vector<std::string> unmatched;
  const EntityIndex out =
      apply_rules(one({Edit::Op::Merge, "Reagan", "Ronald Reagan", {}}), f.corpus, f.index, &unmatched);
  CHECK(unmatched.empty());
  CHECK(by_name(out, "Reagan") == nullptr);
  const Entity* merged = by_name(out, "Ronald Reagan");
  REQUIRE(merged);
  CHECK(merged->mentions == before);
  CHECK(merged->articles == 2);
  CHECK(std::any_of(merged->aliases.begin(), merged->aliases.end(),
                    [](const EntityAlias& a) { return a.surface == "Reagan" && a.rule == "merged by user"; }));
  CHECK(out.entities.size() == f.index.entities.size() - 1);
  check_consistent(out);
}

TEST_CASE("split: an alias and its mentions become an entity of their own") {
  Fixture f;
  const Entity* us = by_name(f.index, "United States");
  REQUIRE(us);
  const EntityIndex out = apply_rules(one({Edit::Op::Split, "United States", "U.S. Company", {}}), f.corpus, f.index);
  const Entity* company = by_name(out, "U.S. Company");
  REQUIRE(company);
  CHECK(company->mentions == 1);
  const Entity* us2 = by_name(out, "United States");
  REQUIRE(us2);
  CHECK(us2->mentions == us->mentions - 1);
  CHECK(std::none_of(us2->aliases.begin(), us2->aliases.end(),
                     [](const EntityAlias& a) { return a.surface == "U.S. Company"; }));
  check_consistent(out);
}

TEST_CASE("rename, retype and hide; a pattern hides every matching name") {
  Fixture f;
  Rules r;
  r.edits.push_back({Edit::Op::Rename, "Ronald Reagan", "President Reagan", {}});
  r.edits.push_back({Edit::Op::Retype, "United States", "", EntityType::Org});
  r.edits.push_back({Edit::Op::HidePattern, "reuter*", "", {}});
  r.edits.push_back({Edit::Op::Hide, "Nobody Known", "", {}});
  std::vector<std::string> unmatched;
  const EntityIndex out = apply_rules(r, f.corpus, f.index, &unmatched);
  CHECK(by_name(out, "Ronald Reagan") == nullptr);
  REQUIRE(by_name(out, "President Reagan"));
  CHECK(by_name(out, "United States")->type == EntityType::Org);
  CHECK(by_name(out, "Reuters") == nullptr);
  CHECK(by_name(out, "Reuter") == nullptr);
  for (const auto& ms : out.by_article)
    for (const Mention& m : ms) CHECK(out.entities[m.entity].name.rfind("Reuter", 0) != 0);
  REQUIRE(unmatched.size() == 1);
  CHECK(unmatched[0] == "hide Nobody Known");
  check_consistent(out);
}

TEST_CASE("patterns: * for any run, case ignored") {
  CHECK(matches_pattern("reuter*", "Reuters"));
  CHECK(matches_pattern("*press*", "Associated Press"));
  CHECK(matches_pattern("A*B*C", "aXXbYYc"));
  CHECK_FALSE(matches_pattern("reuter*", "Thomson Reuters"));
  CHECK_FALSE(matches_pattern("abc", "abcd"));
  CHECK(matches_pattern("*", ""));
  CHECK(matches_pattern(std::string(50, '*') + "x", std::string(10000, 'a') + "x"));
}

TEST_CASE("rules file: written and read back the same; hostile files refused with a message") {
  Rules r;
  r.edits.push_back({Edit::Op::Merge, "Reagan", "Ronald Reagan", {}});
  r.edits.push_back({Edit::Op::Split, "United States", "U.S. Company", {}});
  r.edits.push_back({Edit::Op::Rename, "Moody", "Moody's", {}});
  r.edits.push_back({Edit::Op::Retype, "Volcker", "", EntityType::Person});
  r.edits.push_back({Edit::Op::Hide, "Reuters", "", {}});
  r.edits.push_back({Edit::Op::HidePattern, "Reuter*", "", {}});
  Rules back;
  std::string error;
  REQUIRE(parse_rules(rules_json(r), back, error));
  CHECK(back == r);
  for (const std::string& bad :
       {std::string("not json"), std::string("[]"), std::string("{\"edits\": 3}"),
        std::string("{\"version\": 2, \"edits\": []}"),
        std::string("{\"edits\": [{\"op\": \"explode\", \"entity\": \"x\"}]}"),
        std::string("{\"edits\": [{\"op\": \"merge\", \"entity\": \"x\"}]}"),
        std::string("{\"edits\": [{\"op\": \"retype\", \"entity\": \"x\", \"type\": \"planet\"}]}"),
        std::string("{\"edits\": [{\"op\": \"hide\", \"entity\": 42}]}"), std::string("{\"edits\": [7]}"),
        std::string(100000, '[') + std::string(100000, ']'), std::string(kMaxRulesBytes + 1, ' ')}) {
    Rules untouched = r;
    std::string message;
    CHECK_FALSE(parse_rules(bad, untouched, message));
    CHECK(!message.empty());
    CHECK(untouched == r);
  }
}

TEST_CASE("the explorer: edits apply at once to table and network, undo and redo, and survive a reload") {
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(kCorpus, "c.json"));
  const size_t n = ex.entities().entities.size();
  REQUIRE(ex.find_entity("Reuters") != SIZE_MAX);
  ex.add_edit({Edit::Op::Hide, "Reuters", "", {}});
  CHECK(ex.find_entity("Reuters") == SIZE_MAX);
  CHECK(ex.entities().entities.size() == n - 1);
  for (const EntityRow& row : entity_rows(ex)) CHECK(ex.entities().entities[row.entity].name != "Reuters");
  for (uint32_t node : ex.graph().nodes) CHECK(ex.entities().entities[node].name != "Reuters");
  ex.add_edit({Edit::Op::Merge, "Reagan", "Ronald Reagan", {}});
  CHECK(ex.find_entity("Reagan") == SIZE_MAX);
  CHECK(ex.rules().edits.size() == 2);
  REQUIRE(ex.undo());
  CHECK(ex.find_entity("Reagan") != SIZE_MAX);
  CHECK(ex.find_entity("Reuters") == SIZE_MAX);
  REQUIRE(ex.undo());
  CHECK(ex.find_entity("Reuters") != SIZE_MAX);
  CHECK_FALSE(ex.undo());
  REQUIRE(ex.redo());
  CHECK(ex.find_entity("Reuters") == SIZE_MAX);
  // The rules stay with the session: loading the corpus again applies them.
  REQUIRE(ex.load_now(kCorpus, "c.json"));
  CHECK(ex.find_entity("Reuters") == SIZE_MAX);
  CHECK(ex.rules().edits.size() == 1);
  std::string out;
  REQUIRE(export_view(ex, "rules.json", out));
  Rules back;
  std::string error;
  REQUIRE(parse_rules(out, back, error));
  CHECK(back == ex.rules());
}
