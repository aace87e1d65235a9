// unit-view.cpp — the entity table of the range and the exports of the current view.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "explorer.h"
#include "test_util.h"
#include "view.h"

using namespace ae;

namespace {
void load_seeds(Explorer& ex) {
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(ae_test::asset("articles.json"), "articles.json"));
}
const char* kTwoDays = R"([
 {"id": "a", "date": "2026-03-01", "title": "Baghdad talks", "body": "Mohammed al-Sudani met Ahmad al-Sharaa in Baghdad."},
 {"id": "b", "date": "2026-03-02", "title": "Damascus visit", "body": "Ahmad al-Sharaa visited Damascus with Hakan Fidan."}
])";
}  // namespace

TEST_CASE("entity rows: counts of the range, degree from the pairs in range, sorted by mentions") {
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(kTwoDays, "two.json"));
  std::vector<EntityRow> rows = entity_rows(ex);
  REQUIRE(!rows.empty());
  const Entity& top = ex.entities().entities[rows[0].entity];
  CHECK(top.name == "Ahmad al-Sharaa");
  CHECK(rows[0].articles == 2);
  CHECK(rows[0].mentions == 2);
  CHECK(rows[0].degree == 4);  // al-Sudani, Baghdad, Damascus, Hakan Fidan
  ex.set_range(parse_date("2026-03-02"), parse_date("2026-03-02"));
  rows = entity_rows(ex);
  for (const EntityRow& r : rows) CHECK(ex.entities().entities[r.entity].name != "Baghdad");
  CHECK(ex.entities().entities[rows[0].entity].name == "Damascus");  // title and body
  CHECK(rows[0].mentions == 2);
  const size_t sharaa = ex.find_entity("Ahmad al-Sharaa");
  for (const EntityRow& r : rows)
    if (r.entity == sharaa) {
      CHECK(r.mentions == 1);
      CHECK(r.degree == 2);  // Damascus and Hakan Fidan
    }
  // The selection narrows the list, not the table.
  ex.select(ex.find_entity("Hakan Fidan"));
  CHECK(entity_rows(ex).size() == rows.size());
}

TEST_CASE("exports: every kind is produced; the article list loads back with the same articles and entities") {
  Explorer ex;
  load_seeds(ex);
  for (const std::string& kind : export_kinds()) {
    std::string out;
    CHECK_MESSAGE(export_view(ex, kind, out), kind);
    CHECK(!out.empty());
  }
  std::string out;
  CHECK_FALSE(export_view(ex, "edges.png", out));

  REQUIRE(export_view(ex, "edges.csv", out));
  CHECK(out.rfind("source,target,source_type,target_type,count,weight,measure\n", 0) == 0);
  REQUIRE(export_view(ex, "entities.csv", out));
  CHECK(out.rfind("name,type,articles,mentions,degree,aliases\nIraq,place,2,", 0) == 0);

  ex.select(ex.find_entity("Muqtada al-Sadr"));
  REQUIRE(ex.visible().size() == 1);
  REQUIRE(export_view(ex, "articles.json", out));
  Explorer back;
  REQUIRE(back.load_now(out, "export.json"));
  REQUIRE(back.corpus().size() == 1);
  const Article& a = back.corpus().articles[0];
  const Article& orig = ex.corpus().articles[ex.visible()[0]];
  CHECK(a.id == orig.id);
  CHECK(a.title == orig.title);
  CHECK(a.body == orig.body);
  CHECK(a.date == orig.date);
  CHECK(a.has_given_entities);
  const nlohmann::json j = nlohmann::json::parse(out);
  const auto& people = j[0]["entities"]["people"];
  CHECK(std::find(people.begin(), people.end(), "Muqtada al-Sadr") != people.end());
}

TEST_CASE("CSV fields with commas, quotes and line breaks are quoted") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}
