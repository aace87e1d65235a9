// gazetteer.h — names the extractor knows in advance (places, organisations, people, first names)
// and the cue words it reads around names, loaded from assets/gazetteer.json and the English word
// list assets/english_words.txt. Layer: core.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entity_type.h"

namespace ae {


// Key under which names are compared: ASCII lower case, ’ as ', hyphens and repeated spaces as one
// space, apostrophes dropped, a leading "the " dropped, and a final "ah" read as "a" (Hasakah/Hasaka).
std::string name_key(std::string_view name);
void name_key_into(std::string_view name, std::string& out);  // the same into a reused string

struct GazetteerEntry {
  std::string name;       // canonical
  EntityType type;
  std::string kind;       // places: country, city, region, ...
  std::string country;    // places: the country it lies in, when known
};

class Gazetteer {
 public:
  // Reads the gazetteer JSON (see README "Gazetteer"). Returns false with a message on bad input;
  // entries that are malformed are skipped.
  bool load_json(std::string_view json_text, std::string& error);
  // Reads the English word list: one lower-case word per line, '#' comments.
  void load_words(std::string_view text);

  // Entry for a name or alias (by name_key), or -1.
  int find(std::string_view surface) const;
  // Place entry of a demonym ("Iraqi", "Iraqis"), or -1. Case-sensitive on the first letter.
  int find_demonym(std::string_view word) const;
  const GazetteerEntry& entry(int i) const { return entries_[static_cast<size_t>(i)]; }
  size_t size() const { return entries_.size(); }

  // Lookups take views and allocate nothing (they run for every token of a corpus).
  bool is_first_name(std::string_view w) const { return first_names_.count(w) != 0; }
  bool is_english_word(std::string_view lower) const { return words_.count(lower) != 0; }
  bool is_not_entity(std::string_view w) const { return not_entities_.count(w) != 0; }
  bool is_org_head(std::string_view w) const { return org_heads_.count(w) != 0; }
  bool is_place_head(std::string_view w) const { return place_heads_.count(w) != 0; }
  bool is_person_cue(std::string_view lower) const { return person_cues_.count(lower) != 0; }
  bool is_org_cue(std::string_view lower) const { return org_cues_.count(lower) != 0; }
  bool is_place_cue_after(std::string_view lower) const { return place_after_.count(lower) != 0; }
  bool is_place_cue_before(std::string_view lower) const { return place_before_.count(lower) != 0; }
  // Longest person title ("First Deputy Speaker", "Prime Minister", "Mr.") made of the words
  // starting at words[0]; returns how many words it spans (0 when none).
  size_t title_length(const std::string_view* words, size_t count) const;
  size_t title_length(const std::vector<std::string_view>& words) const { return title_length(words.data(), words.size()); }
  size_t words_loaded() const { return words_.size(); }
  // The cue word lists as loaded (lower case), for callers that index them their own way.
  using ViewSet = std::unordered_set<std::string_view>;
  const ViewSet& person_cues() const { return person_cues_; }
  const ViewSet& org_cues() const { return org_cues_; }
  const ViewSet& place_cues_after() const { return place_after_; }
  const ViewSet& place_cues_before() const { return place_before_; }

 private:
  void add(std::string name, EntityType type, const std::vector<std::string>& aliases, std::string kind,
           std::string country);
  std::vector<GazetteerEntry> entries_;
  std::unordered_map<std::string, int> by_key_;
  std::unordered_map<std::string, int> demonyms_;
  std::string_view keep(std::string s);  // stores s; the view stays valid for the gazetteer's life
  std::deque<std::string> storage_;
  ViewSet first_names_, words_, not_entities_, org_heads_, place_heads_, person_cues_, org_cues_, place_after_,
      place_before_;
  std::unordered_set<std::string> titles_;  // exact title phrases
  ViewSet title_first_words_;               // first words of titles (a quick "no")
  size_t max_title_words_ = 1;
};

}  // namespace ae
