// gazetteer.cpp — loading and lookups of known names and cue words. Layer: core.
#include "gazetteer.h"

#include <nlohmann/json.hpp>

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
           t == "organizations") out = EntityType::Org;
  else if (t == "place" || t == "places" || t == "location" || t == "locations" || t == "loc" || t == "gpe") out = EntityType::Place;
  else return false;
  return true;
}

std::string name_key(std::string_view name) {
  std::string out;
  name_key_into(name, out);
  return out;
}

void name_key_into(std::string_view name, std::string& out) {
  out.clear();
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == 0xE2 && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0x80) {
      const unsigned char c3 = static_cast<unsigned char>(name[i + 2]);
      if (c3 == 0x98 || c3 == 0x99) { i += 2; continue; }  // ‘ ’ dropped like '
      if (c3 >= 0x90 && c3 <= 0x94) { if (!out.empty() && out.back() != ' ') out += ' '; i += 2; continue; }  // dashes
    }
    if (c == '\'' || c == '.') continue;
    if (c == '-' || c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.compare(0, 4, "the ") == 0 && out.size() > 4) out.erase(0, 4);
  // Transliteration: a final "ah" and "a" are one (Hasakah / Hasaka), "ou"/"u" stay distinct.
  if (out.size() > 4 && out.compare(out.size() - 2, 2, "ah") == 0) out.pop_back();
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
    if (!key.empty()) by_key_.emplace(key, id);
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
      for (const std::string& d : strings_of(e, "demonyms")) demonyms_.emplace(d, id);
    }
  }
  for (const std::string& w : strings_of(j, "first_names")) first_names_.insert(keep(w));
  for (const std::string& w : strings_of(j, "not_entities")) not_entities_.insert(keep(w));
  for (const std::string& w : strings_of(j, "org_head_words")) org_heads_.insert(keep(w));
  for (const std::string& w : strings_of(j, "place_head_words")) place_heads_.insert(keep(w));
  for (const std::string& w : strings_of(j, "person_cue_words")) person_cues_.insert(keep(ascii_lower(w)));
  for (const std::string& w : strings_of(j, "org_cue_words")) org_cues_.insert(keep(ascii_lower(w)));
  for (const std::string& w : strings_of(j, "place_cue_words_after")) place_after_.insert(keep(ascii_lower(w)));
  for (const std::string& w : strings_of(j, "place_cue_words_before")) place_before_.insert(keep(ascii_lower(w)));
  for (const std::string& t : strings_of(j, "person_titles")) {
    titles_.insert(t);
    title_first_words_.insert(keep(t.substr(0, t.find(' '))));
    size_t words = 1;
    for (char c : t) words += c == ' ';
    if (words > max_title_words_) max_title_words_ = words;
  }
  return true;
}

void Gazetteer::load_words(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t e = text.find('\n', i);
    if (e == std::string_view::npos) e = text.size();
    std::string_view w = text.substr(i, e - i);
    if (!w.empty() && w.back() == '\r') w.remove_suffix(1);
    if (!w.empty() && w[0] != '#') words_.insert(keep(std::string(w)));
    i = e + 1;
  }
}

int Gazetteer::find(std::string_view surface) const {
  thread_local std::string key;  // reused: lookups run for every candidate span
  name_key_into(surface, key);
  auto it = by_key_.find(key);
  return it == by_key_.end() ? -1 : it->second;
}

int Gazetteer::find_demonym(std::string_view word) const {
  thread_local std::string key;
  key.assign(word.data(), word.size());
  auto it = demonyms_.find(key);
  return it == demonyms_.end() ? -1 : it->second;
}

std::string_view Gazetteer::keep(std::string s) {
  storage_.push_back(std::move(s));
  return storage_.back();
}

size_t Gazetteer::title_length(const std::string_view* words, size_t count) const {
  if (count == 0 || !title_first_words_.count(words[0])) return 0;
  std::string phrase;
  size_t best = 0;
  for (size_t k = 0; k < count && k < max_title_words_; ++k) {
    if (k) phrase += ' ';
    phrase.append(words[k].data(), words[k].size());
    if (titles_.count(phrase)) best = k + 1;
  }
  return best;
}

}  // namespace ae
