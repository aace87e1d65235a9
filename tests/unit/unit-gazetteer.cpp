// unit-gazetteer.cpp — the gazetteer on its own (a small file written here, and the project's own
// assets), the name key, and the synthetic corpus generator.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "gazetteer.h"
#include "loader.h"
#include "synth.h"
#include "test_util.h"

using namespace ae;

TEST_CASE("name_key folds case, apostrophes, hyphens, spaces, a leading 'the' and a final 'ah'") {
  CHECK(name_key("The  United-States") == "united states");
  CHECK(name_key("Al-Hasakah") == "al hasaka");
  CHECK(name_key("Al Hasaka") == "al hasaka");
  CHECK(name_key("O’Neill") == name_key("O'Neill"));
  CHECK(name_key("Theresa") == "theresa");  // only "the " as a word is dropped
  std::string into;
  name_key_into("The Hague", into);
  CHECK(into == "hague");
  char buf[32];
  CHECK(std::string(buf, name_key_to("New  York", buf)) == "new york");
}

TEST_CASE("a gazetteer file: entries by name and alias, first owner kept, demonyms, roles, titles") {
  Gazetteer g;
  std::string error;
  const char* json = R"({
    "places": [{"name": "Iraq", "aliases": ["Republic of Iraq"], "demonyms": ["Iraqi", "Iraqis"], "kind": "country"},
               {"name": "Georgia", "kind": "country"},
               {"name": "Georgia", "kind": "state", "country": "United States"},
               {"aliases": ["nameless"]}, 7],
    "orgs": [{"name": "United Nations", "aliases": ["UN"]}],
    "people": [{"name": "Ronald Reagan"}],
    "first_names": ["Ronald"],
    "first_names_fc": ["Muqtada", "4ir", "2"],
    "not_entities": ["Monday"],
    "org_head_words": ["Ministry"],
    "person_cue_words": ["Spokesman"],
    "person_titles": ["Prime Minister", "President"]
  })";
  REQUIRE(g.load_json(json, error));
  CHECK(g.size() == 5);  // the entry without a name and the number are skipped
  const int iraq = g.find("republic of IRAQ");
  REQUIRE(iraq >= 0);
  CHECK(g.entry(iraq).name == "Iraq");
  CHECK(g.entry(iraq).type == EntityType::Place);
  CHECK(g.entry(iraq).kind == "country");
  CHECK(g.find_demonym("Iraqis") == iraq);
  CHECK(g.find_demonym("Syrian") == -1);
  CHECK(g.entry(g.find("Georgia")).kind == "country");  // the first owner of a name keeps it
  CHECK(g.entry(g.find("UN")).type == EntityType::Org);
  CHECK(g.find("Reagan") == -1);
  CHECK(g.is_first_name("Ronald"));
  CHECK(g.is_first_name("Muqtada"));
  CHECK(g.is_first_name("Muqtir"));  // front-coded: four letters of "Muqtada", then "ir"
  CHECK(g.is_first_name("Mu"));      // "2": the first two letters alone
  CHECK_FALSE(g.is_first_name("Reagan"));
  CHECK(g.is_not_entity("Monday"));
  CHECK(g.is_org_head("Ministry"));
  CHECK((g.roles("spokesman") & Gazetteer::kPersonCue) != 0);  // cue words are kept in lower case
  const std::vector<std::string_view> words = {"Prime", "Minister", "Mohammed"};
  CHECK(g.title_length(words) == 2);
  CHECK(g.title_length(std::vector<std::string_view>{"President", "Biden"}) == 1);
  CHECK(g.title_length(std::vector<std::string_view>{"Minister"}) == 0);

  g.load_words("# comment\nborder\n6s\r\n\nsecurity\n");
  CHECK(g.is_english_word("border"));
  CHECK(g.is_english_word("borders"));  // front-coded line
  CHECK(g.is_english_word("security"));
  CHECK_FALSE(g.is_english_word("# comment"));

  Gazetteer bad;
  CHECK_FALSE(bad.load_json("[1, 2]", error));
  CHECK(error == "the gazetteer is not a JSON object");
  CHECK_FALSE(bad.load_json("{broken", error));
}

TEST_CASE("late aliases and demonyms: found by the merge's lookups, not by the gazetteer's own") {
  Gazetteer g;
  std::string error;
  REQUIRE(g.load_json(R"({"places": [{"name": "New Zealand", "aliases": ["NZL"], "demonyms": ["New Zealander"]},
                                      {"name": "Philippines", "demonyms": ["Filipino"]}],
    "late": {"aliases": {"New Zealand": ["NZ", "NZL"], "Nowhere": ["NW"]},
             "demonyms": {"Philippines": ["Philippine", "Filipino"]}}})",
                      error));
  const int nz = g.find("New Zealand"), ph = g.find("Philippines");
  REQUIRE(nz >= 0);
  REQUIRE(ph >= 0);
  CHECK(g.find("NZ") < 0);  // the tagger's lookups do not see them
  CHECK(g.find_key_late(name_key("NZ")) == nz);
  CHECK(g.find_key_late(name_key("NZL")) < 0);  // already the gazetteer's: not repeated
  CHECK(g.find_key_late(name_key("NW")) < 0);   // names no entry: left out
  CHECK(g.find_demonym("Philippine") < 0);
  CHECK(g.find_demonym_late("Philippine") == ph);
  CHECK(g.find_demonym_late("Filipino") < 0);
}

TEST_CASE("the project's language files load and know the seed corpus's places") {
  auto g = ae_test::gazetteer();
  CHECK(g->size() > 1000);
  const int iraq = g->find("Iraq"), syria = g->find("Syria");
  REQUIRE(iraq >= 0);
  REQUIRE(syria >= 0);
  CHECK(g->entry(iraq).type == EntityType::Place);
  CHECK(g->find_demonym("Syrian") == syria);
  CHECK(g->is_english_word("border"));
  CHECK(g->tagger() != nullptr);
  Gazetteer missing;
  std::string error;
  CHECK_FALSE(load_language_files("/nonexistent", missing, error));
  CHECK_MESSAGE(error.find("/nonexistent/") != std::string::npos, error);
}

TEST_CASE("the synthetic corpus: deterministic, dated over its year, given entities, loads") {
  SynthOptions o;
  o.articles = 300;
  o.entities = 120;
  o.topics = 12;
  o.seed = 7;
  const std::string a = synth_corpus(o), b = synth_corpus(o);
  CHECK(a == b);  // same options, same bytes
  o.seed = 8;
  CHECK(synth_corpus(o) != a);
  o.seed = 7;
  size_t lines = 0;
  std::istringstream in(a);
  std::string line;
  std::set<std::string> names;
  while (std::getline(in, line)) {
    ++lines;
    const nlohmann::json j = nlohmann::json::parse(line);
    REQUIRE(j.contains("date"));
    CHECK(j["date"].get<std::string>().rfind("2025-", 0) == 0);
    REQUIRE(j.contains("entities"));
    for (const auto& e : j["entities"]) names.insert(e["name"].get<std::string>());
  }
  CHECK(lines == 300);
  CHECK(names.size() > 30);
  CHECK(names.size() <= 120);
  LoadResult r = load_corpus(ByteBuffer(a), "synth.jsonl");
  REQUIRE(r.ok);
  CHECK(r.corpus.size() == 300);
  CHECK(r.corpus.dated == 300);
  o.given_entities = false;
  CHECK(synth_corpus(o).find("\"entities\"") == std::string::npos);
}
