// unit-view.cpp — the entity table of the range and the exports of the current view.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "explorer.h"
#include "export.h"
#include "test_util.h"
#include "untrusted.h"
#include "view.h"

using namespace ae;

namespace {
void load_seeds(Explorer& ex) {
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(ae_test::asset("articles.json"), "articles.json"));
}
const char* kTwoDays = R"([
 {"id": "a", "date": "2026-03-01", "title": "Baghdad talks", "body": "Mohammed al-Sudani met Ahmad al-Sharaa in Baghdad."},
 {"id": "b", "date": "2026-03-02", "title": "Damascus visit", "body": "Ahmad al-Sharaa met Hakan Fidan in Damascus."}
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

TEST_CASE("entity table: a scope or threshold change gives new degrees, and the revision panels cache on moves") {
  // Two sentences: by article everyone meets everyone; by sentence al-Sudani never meets Damascus.
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(R"([{"id": "a", "date": "2026-03-01", "title": "Talks",
    "body": "Mohammed al-Sudani met Ahmad al-Sharaa in Baghdad. Later Ahmad al-Sharaa flew to Damascus."}])",
                      "s.json"));
  const size_t sudani = ex.find_entity("Mohammed al-Sudani");
  REQUIRE(sudani != SIZE_MAX);
  auto degree_of = [&](size_t e) {
    for (const EntityRow& r : entity_rows(ex))
      if (r.entity == e) return r.degree;
    return uint32_t{999};
  };
  CHECK(degree_of(sudani) == 3);  // al-Sharaa, Baghdad, Damascus
  // What the table panel does: rows are made again only when the revision moved.
  uint64_t cached_revision = ex.revision();
  uint32_t shown = degree_of(sudani);
  auto table_shows = [&] {
    if (ex.revision() != cached_revision) {
      cached_revision = ex.revision();
      shown = degree_of(sudani);
    }
    return shown;
  };
  ex.set_network(Scope::Sentence, Measure::Count, 1, 60);
  CHECK(table_shows() == 2);  // al-Sharaa and Baghdad
  ex.set_network(Scope::Sentence, Measure::Npmi, 1, 60);
  CHECK(table_shows() == 2);
  ex.set_network(Scope::Document, Measure::Count, 1, 60);
  CHECK(table_shows() == 3);
}

TEST_CASE("exports: every kind is produced; the article list loads back with the same articles and entities") {
  Explorer ex;
  load_seeds(ex);
  for (const std::string& kind : export_kinds()) {
    std::string out;
    if (is_comparison_export(kind)) {  // only while comparing
      CHECK_FALSE(export_view(ex, kind, out));
      continue;
    }
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
  CHECK(csv_cell("plain") == "plain");
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
}

namespace {
// Five articles over five weeks of 2026; Baghdad in three, Damascus in two, one undated.
const char* kWeeks = R"([
 {"id": "w1", "date": "2026-03-02", "title": "Baghdad talks", "body": "Talks in Baghdad on the border. Baghdad again."},
 {"id": "w2", "date": "2026-03-10", "title": "Damascus visit", "body": "Ahmad al-Sharaa visited Damascus. BORDER news."},
 {"id": "w3", "date": "2026-03-18", "title": "Markets", "body": "Nothing of note."},
 {"id": "w4", "date": "2026-04-20", "title": "Baghdad and Damascus", "body": "Officials from Baghdad met in Damascus about the border crossing."},
 {"id": "w5", "title": "Undated Baghdad note", "body": "An undated note."}
])";
void load_weeks(Explorer& ex) {
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(kWeeks, "weeks.json"));
}
std::vector<std::string> ids(const Explorer& ex) {
  std::vector<std::string> out;
  for (uint32_t a : ex.visible()) out.push_back(ex.corpus().articles[a].id);
  return out;
}
}  // namespace

TEST_CASE("search: case-insensitive words (all must occur) or a quoted phrase; combined with range and selection") {
  Explorer ex;
  load_weeks(ex);
  ex.set_search("border");
  CHECK(ids(ex) == std::vector<std::string>{"w4", "w2", "w1"});
  CHECK(ex.search_hits(0) == 1);
  CHECK(ex.search_hits(1) == 1);  // "BORDER"
  CHECK(ex.search_hits_in_list() == 3);
  ex.set_search("baghdad border");
  CHECK(ids(ex) == std::vector<std::string>{"w4", "w1"});
  CHECK(ex.search_hits(0) == 4);  // Baghdad x3 + border
  ex.set_search("\"border crossing\"");
  CHECK(ids(ex) == std::vector<std::string>{"w4"});
  ex.set_search("baghdad");
  CHECK(ids(ex) == std::vector<std::string>{"w4", "w1", "w5"});  // undated last
  ex.set_range(parse_date("2026-03-01"), parse_date("2026-03-31"));
  CHECK(ids(ex) == std::vector<std::string>{"w1", "w5"});
  ex.set_search("");
  ex.select(ex.find_entity("Damascus"));
  CHECK(ids(ex) == std::vector<std::string>{"w2"});
  ex.set_search("nothing");
  CHECK(ids(ex).empty());
}

TEST_CASE("list order: newest, oldest (undated still last), relevance to the selection and the search") {
  Explorer ex;
  load_weeks(ex);
  CHECK(ids(ex) == std::vector<std::string>{"w4", "w3", "w2", "w1", "w5"});
  ex.set_order(Explorer::Order::Oldest);
  CHECK(ids(ex) == std::vector<std::string>{"w1", "w2", "w3", "w4", "w5"});
  ex.set_order(Explorer::Order::Relevance);
  ex.select(ex.find_entity("Baghdad"));
  REQUIRE(ids(ex).size() == 3);
  CHECK(ids(ex)[0] == "w1");  // three mentions of Baghdad (title + body x2)
  CHECK(ex.mentions_in(0, ex.find_entity("Baghdad")) == 3);
}

TEST_CASE("timeline: bucket from the span, counts per bucket, the selection overlaid, sparklines") {
  Explorer ex;
  load_weeks(ex);
  Timeline t = timeline(ex);
  CHECK(t.unit == Bucket::Daily);  // 50 days
  CHECK(t.starts.size() == 50);
  CHECK(t.articles[0] == 1);
  CHECK(t.articles[t.bucket_of(parse_date("2026-04-20"))] == 1);
  uint32_t total = 0;
  for (uint32_t n : t.articles) total += n;
  CHECK(total == 4);  // the undated article is in no bucket
  CHECK(t.selected.empty());
  ex.select(ex.find_entity("Damascus"));
  t = timeline(ex);
  REQUIRE(t.selected.size() == t.starts.size());
  CHECK(t.selected[t.bucket_of(parse_date("2026-03-10"))] == 1);
  CHECK(t.selected[t.bucket_of(parse_date("2026-03-02"))] == 0);
  const std::vector<uint32_t> s = entity_series(ex, static_cast<uint32_t>(ex.find_entity("Baghdad")), t);
  CHECK(s[0] == 3);

  // A longer span: weeks starting on Mondays.
  Explorer wide;
  wide.set_gazetteer(ae_test::gazetteer());
  REQUIRE(wide.load_now(R"([{"title":"a","date":"2026-01-01"},{"title":"b","date":"2026-12-31"}])", "year.json"));
  t = timeline(wide);
  CHECK(t.unit == Bucket::Weekly);
  CHECK(format_iso(t.starts[0]) == "2025-12-29");  // a Monday
  CHECK(t.bucket_end(0) == t.starts[0] + 6);
  Explorer decade;
  REQUIRE(decade.load_now(R"([{"title":"a","date":"2016-05-17"},{"title":"b","date":"2026-01-02"}])", "decade.json"));
  t = timeline(decade);
  CHECK(t.unit == Bucket::Monthly);
  CHECK(format_iso(t.starts[0]) == "2016-05-01");
  CHECK(format_iso(t.bucket_end(0)) == "2016-05-31");
  CHECK(t.articles.back() == 1);
}

TEST_CASE("the view in a URL hash: written, read back into a fresh session, bad values named") {
  Explorer ex;
  load_seeds(ex);
  CHECK(view_hash(ex).empty());  // all defaults
  ex.set_network(Scope::Sentence, Measure::Npmi, 2, 40);
  ex.set_search("border \"Prime Minister\"");
  ex.set_order(Explorer::Order::Relevance);
  ex.select_pair(ex.find_entity("Iraq"), ex.find_entity("Mohammed Shia' al-Sudani"));
  ex.open_article(1);
  const std::string h = view_hash(ex);
  CHECK(h ==
        "edge=Iraq%7CMohammed%20Shia%27%20al-Sudani&scope=sentence&measure=npmi&min=2&top=40"
        "&q=border%20%22Prime%20Minister%22&sort=relevance&open=seed-003-28278e9f02149438");

  Explorer back;
  load_seeds(back);
  std::string problems;
  CHECK_FALSE(apply_view_hash(back, "#" + h, problems));
  CHECK(problems.empty());
  CHECK(view_hash(back) == h);
  CHECK(back.visible() == ex.visible());
  CHECK(back.graph().edges.size() == ex.graph().edges.size());

  // Absent keys return to defaults; unknown values are reported and skipped.
  CHECK(apply_view_hash(back, "sel=Nobody&from=soon&open=nope&x=1", problems));
  CHECK(problems == "'soon' is not a date; no entity is named 'Nobody'; no article has the id 'nope'");
  CHECK(view_hash(back).empty());
  CHECK(percent_decode(percent_encode("Shia' al-Sudani & co. / 100%")) == "Shia' al-Sudani & co. / 100%");
}

TEST_CASE("a view hash from a stranger: junk, huge and negative values are refused or clamped, named briefly") {
  Explorer ex;
  load_seeds(ex);
  const std::string huge(100000, 'x');
  const std::string hashes[] = {"top=-1&min=-5&scope=banana&measure=&sort=sideways",
                                "top=99999999999999999999&min=4294967296&from=-99999-01-01&to=99999999",
                                "sel=" + huge + "&q=" + huge + "&open=" + huge + "&edge=" + huge,
                                "from=2026-01-21&to=1970-01-01&undated=%FF%FE&sel=%E2%80%AEIraq",
                                "%%%&&&===&=&top&min&from&to&sel&&",
                                std::string("sel=\0Iraq", 9) + "&top=0"};
  for (const std::string& h : hashes) {
    std::string problems;
    apply_view_hash(ex, h, problems);
    CAPTURE(h.substr(0, 80));
    CHECK(problems.size() <= 2100);  // named briefly, however long the junk
    CHECK(ex.top_n() >= 1);
    CHECK(ex.top_n() <= 2000);  // a link cannot ask for every entity
    CHECK(ex.min_count() >= 1);
    CHECK(ex.graph().nodes.size() <= 2000);
    CHECK(ex.corpus().size() == 2);  // nothing lost
  }
  std::string problems;
  apply_view_hash(ex, "top=-1&min=0", problems);
  CHECK(problems.find("top '-1' is not between 1 and 2000") != std::string::npos);
  CHECK(problems.find("min '0' is not between 1 and 1000000") != std::string::npos);
  CHECK(ex.top_n() == 1);
  apply_view_hash(ex, "top=25&min=2", problems);
  CHECK(problems.empty());
  CHECK(ex.top_n() == 25);
  CHECK(ex.min_count() == 2);
}

TEST_CASE("network filter: types and single entities left out of the network only; in the hash") {
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(kTwoDays, "two.json"));
  auto drawn = [&](const std::string& name) {
    const size_t e = ex.find_entity(name);
    for (uint32_t n : ex.graph().nodes)
      if (n == e) return true;
    return false;
  };
  REQUIRE(drawn("Baghdad"));
  REQUIRE(drawn("Ahmad al-Sharaa"));
  const size_t rows_before = entity_rows(ex).size();
  // Places out: no place is drawn, no link touches one; the table keeps them.
  ex.set_network_filter(0x7 & ~(1u << static_cast<int>(EntityType::Place)), {});
  CHECK_FALSE(drawn("Baghdad"));
  CHECK_FALSE(drawn("Damascus"));
  CHECK(drawn("Ahmad al-Sharaa"));
  for (const GraphEdge& e : ex.graph().edges) {
    CHECK(ex.entities().entities[e.a].type != EntityType::Place);
    CHECK(ex.entities().entities[e.b].type != EntityType::Place);
  }
  CHECK(ex.graph().nodes_hidden == 0);  // left out, not hidden by the thresholds
  CHECK(entity_rows(ex).size() == rows_before);
  // One entity out by name; the hash carries both and gives them back.
  ex.hide_in_network("Ahmad al-Sharaa");
  CHECK_FALSE(drawn("Ahmad al-Sharaa"));
  CHECK(drawn("Hakan Fidan"));
  const std::string hash = view_hash(ex);
  CHECK(hash.find("types=person%2Corg") != std::string::npos);
  CHECK(hash.find("hide=Ahmad%20al-Sharaa") != std::string::npos);
  Explorer other;
  other.set_gazetteer(ae_test::gazetteer());
  REQUIRE(other.load_now(kTwoDays, "two.json"));
  std::string problems;
  CHECK_FALSE(apply_view_hash(other, hash, problems));
  CHECK(other.network_types() == ex.network_types());
  CHECK(other.network_hidden() == ex.network_hidden());
  CHECK(other.graph().nodes == ex.graph().nodes);
  // A junk type is named; an empty hash shows everything again.
  CHECK(apply_view_hash(other, "types=person,robots", problems));
  CHECK(problems.find("robots") != std::string::npos);
  CHECK(other.network_types() == (1u << static_cast<int>(EntityType::Person)));
  CHECK_FALSE(apply_view_hash(other, "", problems));
  CHECK(other.network_types() == 0x7);
  CHECK(other.network_hidden().empty());
  CHECK(other.state()["network"]["hidden"].empty());
}

TEST_CASE("entity search: names and other forms, prefixes first, drawn entities before others") {
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(kTwoDays, "two.json"));
  auto names = [&](const std::string& q) {
    std::vector<std::string> out;
    for (uint32_t e : find_entities(ex, q, 10)) out.push_back(ex.entities().entities[e].name);
    return out;
  };
  CHECK(names("").empty());
  CHECK(names("zzz").empty());
  auto sharaa = names("SHARAA");
  REQUIRE(sharaa.size() == 1);
  CHECK(sharaa[0] == "Ahmad al-Sharaa");
  auto a = names("a");  // everything with an a; prefix matches (Ahmad) before the others
  REQUIRE(a.size() >= 3);
  CHECK(a[0] == "Ahmad al-Sharaa");
  CHECK(find_entities(ex, "a", 2).size() == 2);
}

TEST_CASE("search marks: where the search's words and phrases are in a text, case-insensitively") {
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  REQUIRE(ex.load_now(kTwoDays, "two.json"));
  CHECK(ex.search_marks("Baghdad talks").empty());  // no search
  ex.set_search("baghdad \"met ahmad\"");
  const std::string text = "Mohammed al-Sudani met Ahmad al-Sharaa in Baghdad. BAGHDAD!";
  const auto marks = ex.search_marks(text);
  REQUIRE(marks.size() == 3);
  CHECK(text.substr(marks[0].first, marks[0].second - marks[0].first) == "met Ahmad");
  CHECK(text.substr(marks[1].first, marks[1].second - marks[1].first) == "Baghdad");
  CHECK(text.substr(marks[2].first, marks[2].second - marks[2].first) == "BAGHDAD");
  ex.set_search("");
  CHECK(ex.search_marks(text).empty());
}

TEST_CASE("stepping the reader through the list (J/K) and the range by a timeline bucket ([ ])") {
  Explorer ex;
  REQUIRE(ex.load_now(R"([{"id":"a","title":"a","date":"2026-01-01"},{"id":"b","title":"b","date":"2026-01-02"},
                          {"id":"c","title":"c","date":"2026-01-03"},{"id":"d","title":"d","date":"2026-01-10"}])",
                      "t"));
  auto open_id = [&] { return ex.corpus().articles[ex.open_article_index()].id; };
  step_article(ex, +1);  // none open: the first of the list (newest first)
  CHECK(open_id() == "d");
  step_article(ex, +1);
  CHECK(open_id() == "c");
  step_article(ex, -1);
  CHECK(open_id() == "d");
  step_article(ex, -1);  // stays at the top
  CHECK(open_id() == "d");
  ex.open_article(SIZE_MAX);
  step_article(ex, -1);  // none open, backwards: the last
  CHECK(open_id() == "a");

  // Days: a two-day range moves by a day and stays within the corpus's dates.
  ex.set_range(parse_date("2026-01-01"), parse_date("2026-01-02"));
  const Timeline t = timeline(ex);
  REQUIRE(t.unit == Bucket::Daily);
  step_range(ex, t, +1);
  CHECK(format_iso(ex.range_from()) == "2026-01-02");
  CHECK(format_iso(ex.range_to()) == "2026-01-03");
  step_range(ex, t, -1);
  step_range(ex, t, -1);  // already at the start
  CHECK(format_iso(ex.range_from()) == "2026-01-01");
  ex.set_range(parse_date("2026-01-08"), parse_date("2026-01-10"));
  step_range(ex, t, +1);  // already at the end
  CHECK(format_iso(ex.range_to()) == "2026-01-10");
}
