// gazetteer.h — names the extractor knows in advance (places, organisations, people, first names)
// and the cue words it reads around names, loaded from assets/gazetteer.json and the English word
// list assets/english_words.txt. Layer: core.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entity_type.h"
#include "string_table.h"
#include "tagger.h"

namespace ae {

// Key under which names are compared: ASCII lower case, ’ as ', hyphens and repeated spaces as one
// space, apostrophes dropped, a leading "the " dropped, and a final "ah" read as "a" (Hasakah/Hasaka).
std::string name_key(std::string_view name);
void name_key_into(std::string_view name, std::string& out);  // the same into a reused string
size_t name_key_to(std::string_view name, char* out);         // into out (name.size() bytes of room); its length
// Whether name_key writes a byte as a space between words.
inline bool key_space_byte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '-'; }
// The first word of a name key as Gazetteer::starts_name compares it: up to the first space, a final
// "ah" read as "a" when the word is longer than four bytes (name_key reads a last word so, and the
// first word may be the last).
std::string_view key_first_word(std::string_view key);

struct GazetteerEntry {
  std::string name;  // canonical
  EntityType type;
  std::string kind;     // places: country, city, region, ...
  std::string country;  // places: the country it lies in, when known
};

class Gazetteer {
 public:
  // Reads the gazetteer JSON (see README "Gazetteer"). Returns false with a message on bad input;
  // entries that are malformed are skipped.
  bool load_json(std::string_view json_text, std::string& error);
  // Reads the English word list: one lower-case word per line, '#' comments.
  void load_words(std::string_view text);
  // Reads the learned tagger's weights (assets/tagger.bin). Without them the extractor finds names by
  // its rules alone.
  bool load_tagger(std::string_view bytes, std::string& error) { return tagger_.load(bytes, error); }
  const TaggerModel* tagger() const { return tagger_.empty() ? nullptr : &tagger_; }

  // Entry for a name or alias (by name_key), or -1.
  int find(std::string_view surface) const;
  // Whether some name's key starts with this word (key_first_word of a key): where none does, no name
  // of the gazetteer begins.
  bool starts_name(std::string_view first_word) const { return starts_.contains(first_word); }
  int find_key(std::string_view key) const {  // the same for a name key already made (name_key)
    const int* id = by_key_.find(key);
    return id ? *id - 1 : -1;
  }  // The entry of a name written with a possessive 's the key leaves out ("Moody" of "Moody's" is
  // looked up as "moodys"), or -1; key comes back as it was.
  int find_key_possessive(std::string& key) const {
    key += 's';
    const int id = find_key(key);
    key.pop_back();
    return id;
  }

  // Place entry of a demonym ("Iraqi", "Iraqis"), or -1. Case-sensitive on the first letter.
  int find_demonym(std::string_view word) const;
  // Aliases and demonyms added after the tagger's weights were trained ("late" in gazetteer.json): the
  // merge reads them, the tagger does not, so adding one changes no reading of the weights and needs no
  // retraining ("NZ" is New Zealand, "Philippine" the Philippines' demonym).
  int find_key_late(std::string_view key) const {
    const int* id = late_by_key_.find(key);
    return id ? *id - 1 : -1;
  }
  int find_demonym_late(std::string_view word) const {
    const int* id = late_demonyms_.find(word);
    return id ? *id - 1 : -1;
  }
  const GazetteerEntry& entry(int i) const { return entries_[static_cast<size_t>(i)]; }
  size_t size() const { return entries_.size(); }

  // What the gazetteer knows of a string, exactly as written (cue and English words are stored in
  // lower case, so those are looked up lower-cased).
  enum WordRole : uint16_t {
    kFirstName = 1 << 0,
    kEnglishWord = 1 << 1,
    kNotEntity = 1 << 2,
    kOrgHead = 1 << 3,
    kPlaceHead = 1 << 4,
    kPersonCue = 1 << 5,
    kOrgCue = 1 << 6,
    kPlaceCueAfter = 1 << 7,
    kPlaceCueBefore = 1 << 8,
    kTitleFirstWord = 1 << 9,  // first word of a person title
    kTitle = 1 << 10,          // a whole person title ("Prime Minister")
    kNotAlone = 1 << 11,       // part of names, not a name by itself ("Interior"); not a tagger feature
  };
  struct WordInfo {
    uint16_t roles = 0;
    int32_t demonym = -1;  // the place entry of a demonym
  };
  // Lookups take views and allocate nothing (they run for every token of a corpus). The long lists
  // (English words, first names) are a table of their own, so the cue words, heads, titles and
  // demonyms asked for most often sit in a small table that stays in the cache.
  const WordInfo* word(std::string_view w) const { return words_.find(w); }
  uint16_t roles(std::string_view w) const {  // every role but kEnglishWord and kFirstName
    const WordInfo* i = words_.find(w);
    return i ? i->roles : 0;
  }
  bool is_first_name(std::string_view w) const { return lexicon_role(w) & kFirstName; }
  bool is_english_word(std::string_view lower) const { return lexicon_role(lower) & kEnglishWord; }
  bool is_not_entity(std::string_view w) const { return roles(w) & kNotEntity; }
  bool is_org_head(std::string_view w) const { return roles(w) & kOrgHead; }
  bool is_place_head(std::string_view w) const { return roles(w) & kPlaceHead; }
  bool is_not_alone(std::string_view w) const { return roles(w) & kNotAlone; }
  // Longest person title ("First Deputy Speaker", "Prime Minister", "Mr.") made of the words
  // starting at words[0]; returns how many words it spans (0 when none).
  size_t title_length(const std::string_view* words, size_t count) const;
  size_t title_length(const std::vector<std::string_view>& words) const {
    return title_length(words.data(), words.size());
  }
  // Every string of the small table with its roles, for callers that index the cue words their own way.
  template <class F>
  void for_each_word(F&& f) const {
    words_.for_each(f);
  }

 private:
  void add(std::string name, EntityType type, const std::vector<std::string>& aliases, std::string kind,
           std::string country);
  void add_role(std::string_view w, WordRole role) { words_.insert(w).roles |= role; }
  uint16_t lexicon_role(std::string_view w) const {
    const uint16_t* r = lexicon_.find(w);
    return r ? *r : 0;
  }
  std::vector<GazetteerEntry> entries_;
  StringTable<int> by_key_;         // name key -> entry + 1
  StringTable<int> late_by_key_;    // the same for aliases added after training
  StringTable<int> late_demonyms_;  // demonym -> place entry + 1, added after training
  StringTable<char> starts_;        // key_first_word of every key
  StringTable<WordInfo> words_;     // cue and head words, title phrases, demonyms, words not entities
  StringTable<uint16_t> lexicon_;   // English words and first names (kEnglishWord, kFirstName)
  size_t max_title_words_ = 1;
  TaggerModel tagger_;
};

// Loads the language data of a directory into gaz: gazetteer.json, english_words.txt and, when
// with_tagger, tagger.bin (the project's assets/; the page reads the same files from its embedded
// /data). Returns false with a message naming the file.
bool load_language_files(const std::string& dir, Gazetteer& gaz, std::string& error, bool with_tagger = true);

}  // namespace ae
