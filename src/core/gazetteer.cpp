// gazetteer.cpp — loading and lookups of known names and cue words. Layer: core.
#include "gazetteer.h"

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "text.h"

namespace ae {

const char* type_name(EntityType t) {
  switch (t) {
    case EntityType::Person: return "person";
    case EntityType::Org: return "org";
    default: return "place";
  }
}
const char* type_plural(EntityType t) {
  switch (t) {
    case EntityType::Person: return "people";
    case EntityType::Org: return "orgs";
    default: return "places";
  }
}
bool parse_entity_type(std::string_view text, EntityType& out) {
  const std::string t = ascii_lower(text);
  if (t == "person" || t == "people" || t == "per" || t == "persons") out = EntityType::Person;
  else if (t == "org" || t == "orgs" || t == "organisation" || t == "organization" || t == "organisations" ||
           t == "organizations")
    out = EntityType::Org;
  else if (t == "place" || t == "places" || t == "location" || t == "locations" || t == "loc" || t == "gpe")
    out = EntityType::Place;
  else return false;
  return true;
}

std::string name_key(std::string_view name) {
  std::string out;
  name_key_into(name, out);
  return out;
}

namespace {
// What name_key does with each byte: below 256, the byte it writes (ASCII capitals lower-cased);
// kDrop: nothing; kSpace: one space; kE2: the lead byte of a curly quote or a dash, maybe.
// kArabic: the lead byte of an Arabic letter (folded by arabic_fold, as search does).
enum : uint16_t { kDrop = 256, kSpace = 257, kE2 = 258, kArabic = 259 };
struct KeyMap {
  uint16_t to[256];
  KeyMap() {
    for (int c = 0; c < 256; ++c) to[c] = static_cast<uint16_t>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    to[static_cast<unsigned char>('\'')] = to[static_cast<unsigned char>('.')] = kDrop;
    for (int c = 0; c < 256; ++c)
      if (key_space_byte(static_cast<unsigned char>(c))) to[c] = kSpace;
    to[0xE2] = kE2;
    for (int c = 0xD8; c <= 0xDB; ++c) to[c] = kArabic;
  }
};
const KeyMap kKeyMap;
}  // namespace

size_t name_key_to(std::string_view name, char* const begin) {
  char* o = begin;
  const size_t n = name.size();
  const unsigned char* in = reinterpret_cast<const unsigned char*>(name.data());
  for (size_t i = 0; i < n; ++i) {
    const uint16_t m = kKeyMap.to[in[i]];
    if (m < 256) {  // the common case
      *o++ = static_cast<char>(m);
      continue;
    }
    if (m == kDrop) continue;
    if (m == kArabic) {
      if (i + 1 < n && (in[i + 1] & 0xC0) == 0x80) {
        const uint32_t cp = arabic_fold((in[i] & 0x1Fu) << 6 | (in[i + 1] & 0x3Fu));
        if (cp) {
          *o++ = static_cast<char>(0xC0 | cp >> 6);
          *o++ = static_cast<char>(0x80 | (cp & 0x3F));
        }
        ++i;
      } else {
        *o++ = static_cast<char>(in[i]);
      }
      continue;
    }
    if (m == kE2 && i + 2 < n && in[i + 1] == 0x80) {
      const unsigned char c3 = in[i + 2];
      if (c3 == 0x98 || c3 == 0x99) {  // ‘ ’ dropped like '
        i += 2;
        continue;
      }
      if (c3 >= 0x90 && c3 <= 0x94) {  // dashes
        if (o != begin && o[-1] != ' ') *o++ = ' ';
        i += 2;
        continue;
      }
    }
    if (m == kE2) {
      *o++ = static_cast<char>(0xE2);
      continue;
    }
    if (o != begin && o[-1] != ' ') *o++ = ' ';  // kSpace
  }
  while (o != begin && o[-1] == ' ') --o;
  size_t len = static_cast<size_t>(o - begin);
  size_t from = 0;
  if (len > 4 && std::memcmp(begin, "the ", 4) == 0) from = 4;
  // Transliteration: a final "ah" and "a" are one (Hasakah / Hasaka), "ou"/"u" stay distinct.
  if (len - from > 4 && begin[len - 2] == 'a' && begin[len - 1] == 'h') --len;
  if (from) std::memmove(begin, begin + from, len - from);
  return len - from;
}

std::string_view key_first_word(std::string_view key) {
  std::string_view w = key.substr(0, key.find(' '));
  if (w.size() > 4 && w[w.size() - 2] == 'a' && w.back() == 'h') w.remove_suffix(1);
  return w;
}

void name_key_into(std::string_view name, std::string& out) {
  out.resize(name.size());
  out.resize(name_key_to(name, out.data()));
}

namespace {

std::vector<std::string> strings_of(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string string_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void Gazetteer::add(std::string name, EntityType type, const std::vector<std::string>& aliases, std::string kind,
                    std::string country) {
  const int id = static_cast<int>(entries_.size());
  // A name already taken by an earlier entry keeps its first owner (countries before cities).
  auto claim = [&](const std::string& surface) {
    const std::string key = name_key(surface);
    if (key.empty()) return;
    int& slot = by_key_.insert(key);
    if (slot == 0) slot = id + 1;
    starts_.insert(key_first_word(key));
  };
  claim(name);
  for (const std::string& a : aliases) claim(a);
  entries_.push_back({std::move(name), type, std::move(kind), std::move(country)});
}

bool Gazetteer::load_json(std::string_view text, std::string& error) {
  const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_object()) {
    error = "the gazetteer is not a JSON object";
    return false;
  }
  struct Section {
    const char* key;
    EntityType type;
  };
  for (const Section& s : {Section{"places", EntityType::Place}, Section{"orgs", EntityType::Org},
                           Section{"people", EntityType::Person}}) {
    auto it = j.find(s.key);
    if (it == j.end() || !it->is_array()) continue;
    for (const auto& e : *it) {
      if (!e.is_object()) continue;
      std::string name = string_of(e, "name");
      if (name.empty()) continue;
      const int id = static_cast<int>(entries_.size());
      add(name, s.type, strings_of(e, "aliases"), string_of(e, "kind"), string_of(e, "country"));
      for (const std::string& d : strings_of(e, "demonyms")) {
        WordInfo& w = words_.insert(d);
        if (w.demonym < 0) w.demonym = id;
      }
    }
  }
  // {"late": {"aliases": {"New Zealand": ["NZ"]}, "demonyms": {"Philippines": ["Philippine"]}}}: names of
  // entries above, each with what was added after the tagger's weights were trained.
  if (auto late = j.find("late"); late != j.end() && late->is_object()) {
    for (const char* part : {"aliases", "demonyms"}) {
      auto it = late->find(part);
      if (it == late->end() || !it->is_object()) continue;
      for (auto e = it->begin(); e != it->end(); ++e) {
        const int id = find(e.key());
        if (id < 0 || !e->is_array()) continue;
        for (const auto& v : *e) {
          if (!v.is_string()) continue;
          const std::string w = v.get<std::string>();
          if (part[0] == 'a') {
            const std::string key = name_key(w);
            if (!key.empty() && find_key(key) < 0) late_by_key_.insert(key) = id + 1;
          } else if (find_demonym(w) < 0) {
            late_demonyms_.insert(w) = id + 1;
          }
        }
      }
    }
  }
  for (const std::string& w : strings_of(j, "first_names")) lexicon_.insert(w) |= kFirstName;
  {  // front-coded: "3n" is the first three letters of the name before, then "n"
    std::string name;
    for (const std::string& w : strings_of(j, "first_names_fc")) {
      const size_t keep = !w.empty() && w[0] >= '1' && w[0] <= '9' ? static_cast<size_t>(w[0] - '0') : 0;
      name.resize(std::min(keep, name.size()));
      name.append(w, keep ? 1 : 0, std::string::npos);
      if (!name.empty()) lexicon_.insert(name) |= kFirstName;
    }
  }
  for (const std::string& w : strings_of(j, "not_entities")) add_role(w, kNotEntity);
  for (const std::string& w : strings_of(j, "not_alone")) add_role(w, kNotAlone);
  for (const std::string& w : strings_of(j, "org_head_words")) add_role(w, kOrgHead);
  for (const std::string& w : strings_of(j, "place_head_words")) add_role(w, kPlaceHead);
  for (const std::string& w : strings_of(j, "person_cue_words")) add_role(ascii_lower(w), kPersonCue);
  for (const std::string& w : strings_of(j, "org_cue_words")) add_role(ascii_lower(w), kOrgCue);
  for (const std::string& w : strings_of(j, "place_cue_words_after")) add_role(ascii_lower(w), kPlaceCueAfter);
  for (const std::string& w : strings_of(j, "place_cue_words_before")) add_role(ascii_lower(w), kPlaceCueBefore);
  for (const std::string& t : strings_of(j, "person_titles")) {
    add_role(t, kTitle);
    add_role(std::string_view(t).substr(0, t.find(' ')), kTitleFirstWord);
    size_t words = 1;
    for (char c : t) words += c == ' ';
    if (words > max_title_words_) max_title_words_ = words;
  }
  words_.shrink_to_fit();
  lexicon_.shrink_to_fit();
  by_key_.shrink_to_fit();
  starts_.shrink_to_fit();
  return true;
}

void Gazetteer::load_words(std::string_view text) {
  std::string word;  // the word before, for front-coded lines ("5ing": its first five letters and "ing")
  size_t i = 0;
  while (i < text.size()) {
    size_t e = text.find('\n', i);
    if (e == std::string_view::npos) e = text.size();
    std::string_view w = text.substr(i, e - i);
    i = e + 1;
    if (!w.empty() && w.back() == '\r') w.remove_suffix(1);
    if (w.empty() || w[0] == '#') continue;
    size_t keep = 0, k = 0;
    while (k < w.size() && k < 3 && w[k] >= '0' && w[k] <= '9') keep = keep * 10 + static_cast<size_t>(w[k++] - '0');
    word.resize(std::min(keep, word.size()));
    word.append(w.substr(k));
    if (!word.empty()) lexicon_.insert(word) |= kEnglishWord;
  }
  lexicon_.shrink_to_fit();
}

int Gazetteer::find(std::string_view surface) const {
  char buf[128];  // lookups run for every candidate span: short names need no allocation
  std::string long_key;
  std::string_view key;
  if (surface.size() <= sizeof buf) {
    key = std::string_view(buf, name_key_to(surface, buf));
  } else {
    name_key_into(surface, long_key);
    key = long_key;
  }
  return find_key(key);
}

int Gazetteer::find_demonym(std::string_view word) const {
  const WordInfo* w = words_.find(word);
  return w ? w->demonym : -1;
}

size_t Gazetteer::title_length(const std::string_view* words, size_t count) const {
  if (count == 0 || !(roles(words[0]) & kTitleFirstWord)) return 0;
  char phrase[256];
  size_t used = 0, best = 0;
  for (size_t k = 0; k < count && k < max_title_words_; ++k) {
    if (used + 1 + words[k].size() > sizeof phrase) break;
    if (k) phrase[used++] = ' ';
    std::memcpy(phrase + used, words[k].data(), words[k].size());
    used += words[k].size();
    if (roles(std::string_view(phrase, used)) & kTitle) best = k + 1;
  }
  return best;
}

bool load_language_files(const std::string& dir, Gazetteer& gaz, std::string& error, bool with_tagger) {
  auto read = [&](const std::string& name, std::string& out) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    if (!in) {
      error = "cannot read " + dir + "/" + name;
      return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
  };
  std::string json, words, weights;
  if (!read("gazetteer.json", json) || !read("english_words.txt", words)) return false;
  if (!gaz.load_json(json, error)) {
    error = dir + "/gazetteer.json: " + error;
    return false;
  }
  gaz.load_words(words);
  if (!with_tagger) return true;
  if (!read("tagger.bin", weights)) return false;
  if (!gaz.load_tagger(weights, error)) {
    error = dir + "/tagger.bin: " + error;
    return false;
  }
  return true;
}

}  // namespace ae
