// corrections.cpp — parsing, writing and applying the user's corrections. Layer: core.
#include "corrections.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "text.h"

namespace ae {

const char* edit_op_name(Edit::Op op) {
  switch (op) {
    case Edit::Op::Merge: return "merge";
    case Edit::Op::Split: return "split";
    case Edit::Op::Rename: return "rename";
    case Edit::Op::Retype: return "retype";
    case Edit::Op::Hide: return "hide";
    default: return "hide_pattern";
  }
}

std::string describe(const Edit& e) {
  switch (e.op) {
    case Edit::Op::Merge: return "merge " + e.entity + " into " + e.value;
    case Edit::Op::Split: return "split " + e.value + " off " + e.entity;
    case Edit::Op::Rename: return "rename " + e.entity + " to " + e.value;
    case Edit::Op::Retype: return std::string("make ") + e.entity + " a " + type_name(e.type);
    case Edit::Op::Hide: return "hide " + e.entity;
    default: return "hide every name like " + e.entity;
  }
}

bool parse_rules(std::string_view text, Rules& out, std::string& error) {
  if (text.size() > kMaxRulesBytes) {
    error = "the rules file is larger than " + std::to_string(kMaxRulesBytes >> 20) + " MB";
    return false;
  }
  // Depth is bounded before parsing: a rules file is two levels deep.
  int depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
      if (max_depth > 8) {
        error = "the rules file is nested too deeply to be a rules file";
        return false;
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) {
    error = "the rules file is not valid JSON";
    return false;
  }
  if (!j.is_object() || !j.contains("edits") || !j["edits"].is_array()) {
    error = "a rules file is an object with an \"edits\" list";
    return false;
  }
  if (j.contains("version") && !(j["version"].is_number_integer() && j["version"].get<long long>() == 1)) {
    error = "this rules file has a version this explorer does not read (expected 1)";
    return false;
  }
  const auto& edits = j["edits"];
  if (edits.size() > kMaxEdits) {
    error = "the rules file has more than " + std::to_string(kMaxEdits) + " edits";
    return false;
  }
  Rules rules;
  size_t n = 0;
  for (const auto& e : edits) {
    ++n;
    auto str = [&](const char* key, std::string& v) {
      auto it = e.find(key);
      if (it == e.end() || !it->is_string()) return false;
      v = it->get<std::string>();
      return !v.empty() && v.size() <= 1000;
    };
    if (!e.is_object()) {
      error = "edit " + std::to_string(n) + " is not an object";
      return false;
    }
    std::string op;
    Edit ed;
    bool ok = str("op", op);
    if (ok && op == "merge") {
      ed.op = Edit::Op::Merge;
      ok = str("entity", ed.entity) && str("into", ed.value);
    } else if (ok && op == "split") {
      ed.op = Edit::Op::Split;
      ok = str("entity", ed.entity) && str("alias", ed.value);
    } else if (ok && op == "rename") {
      ed.op = Edit::Op::Rename;
      ok = str("entity", ed.entity) && str("name", ed.value);
    } else if (ok && op == "retype") {
      ed.op = Edit::Op::Retype;
      std::string t;
      ok = str("entity", ed.entity) && str("type", t) && parse_entity_type(t, ed.type);
    } else if (ok && op == "hide") {
      ed.op = Edit::Op::Hide;
      ok = str("entity", ed.entity);
    } else if (ok && op == "hide_pattern") {
      ed.op = Edit::Op::HidePattern;
      ok = str("pattern", ed.entity);
    } else {
      error = "edit " + std::to_string(n) + " has no known \"op\" (merge, split, rename, retype, hide, hide_pattern)";
      return false;
    }
    if (!ok) {
      error = "edit " + std::to_string(n) + " (" + op + ") lacks a field or has one that is not a short text";
      return false;
    }
    rules.edits.push_back(std::move(ed));
  }
  out = std::move(rules);
  return true;
}

std::string rules_json(const Rules& rules) {
  nlohmann::json edits = nlohmann::json::array();
  for (const Edit& e : rules.edits) {
    nlohmann::json o = {{"op", edit_op_name(e.op)}};
    switch (e.op) {
      case Edit::Op::Merge:
        o["entity"] = e.entity;
        o["into"] = e.value;
        break;
      case Edit::Op::Split:
        o["entity"] = e.entity;
        o["alias"] = e.value;
        break;
      case Edit::Op::Rename:
        o["entity"] = e.entity;
        o["name"] = e.value;
        break;
      case Edit::Op::Retype:
        o["entity"] = e.entity;
        o["type"] = type_name(e.type);
        break;
      case Edit::Op::Hide: o["entity"] = e.entity; break;
      case Edit::Op::HidePattern: o["pattern"] = e.entity; break;
    }
    edits.push_back(std::move(o));
  }
  const nlohmann::json j = {{"version", 1}, {"edits", std::move(edits)}};
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool matches_pattern(std::string_view p, std::string_view t) {
  auto low = [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c); };
  // Iterative glob with one backtrack point (linear in practice, no recursion).
  size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] != '*' && low(p[pi]) == low(t[ti])) {
      ++pi;
      ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

EntityIndex apply_rules(const Rules& rules, const Corpus& corpus, const EntityIndex& index,
                        std::vector<std::string>* unmatched) {
  EntityIndex out = index;
  std::vector<Entity>& ents = out.entities;
  std::vector<uint32_t> into(ents.size());  // merged entity -> the one it joined (itself when not merged)
  std::vector<bool> hidden(ents.size(), false);
  for (uint32_t i = 0; i < into.size(); ++i) into[i] = i;
  auto root = [&](uint32_t e) {
    while (into[e] != e) e = into[e] = into[into[e]];
    return e;
  };
  auto alive = [&](uint32_t e) { return into[e] == e && !hidden[e]; };
  auto find = [&](const std::string& name) -> size_t {
    for (uint32_t i = 0; i < ents.size(); ++i)
      if (alive(i) && ents[i].name == name) return i;
    const std::string lower = ascii_lower(name);
    for (uint32_t i = 0; i < ents.size(); ++i)
      if (alive(i) && ascii_lower(ents[i].name) == lower) return i;
    return SIZE_MAX;
  };
  auto surface_of = [&](size_t article, const Mention& m) -> std::string_view {
    if (m.begin == kNoOffset) return {};
    const Article& a = corpus.articles[article];
    const std::string_view field = m.field == 0 ? std::string_view(a.title) : std::string_view(a.body);
    return m.end <= field.size() ? field.substr(m.begin, m.end - m.begin) : std::string_view();
  };
  auto add_alias = [](Entity& e, const std::string& surface, const std::string& rule, uint32_t count) {
    for (EntityAlias& a : e.aliases)
      if (a.surface == surface) {
        a.count += count;
        return;
      }
    e.aliases.push_back({surface, rule, count});
  };
  for (const Edit& ed : rules.edits) {
    bool matched = false;
    switch (ed.op) {
      case Edit::Op::Merge: {
        const size_t a = find(ed.entity), b = find(ed.value);
        if (a == SIZE_MAX || b == SIZE_MAX || a == b) break;
        matched = true;
        Entity& src = ents[a];
        Entity& dst = ents[b];
        add_alias(dst, src.name, "merged by user", 0);
        for (const EntityAlias& al : src.aliases) add_alias(dst, al.surface, al.rule, al.count);
        dst.known = dst.known || src.known;
        into[a] = static_cast<uint32_t>(b);
        break;
      }
      case Edit::Op::Split: {
        const size_t a = find(ed.entity);
        if (a == SIZE_MAX) break;
        auto al = std::find_if(ents[a].aliases.begin(), ents[a].aliases.end(),
                               [&](const EntityAlias& x) { return x.surface == ed.value; });
        if (al == ents[a].aliases.end() || ed.value == ents[a].name) break;
        matched = true;
        Entity fresh;
        fresh.name = ed.value;
        fresh.type = ents[a].type;
        fresh.aliases.push_back({ed.value, "split off by user", al->count});
        ents[a].aliases.erase(al);
        const uint32_t id = static_cast<uint32_t>(ents.size());
        ents.push_back(std::move(fresh));
        into.push_back(id);
        hidden.push_back(false);
        for (size_t art = 0; art < out.by_article.size(); ++art)
          for (Mention& m : out.by_article[art])
            if (root(m.entity) == a && !m.via_demonym && surface_of(art, m) == ed.value) m.entity = id;
        break;
      }
      case Edit::Op::Rename: {
        const size_t a = find(ed.entity);
        if (a == SIZE_MAX) break;
        matched = true;
        add_alias(ents[a], ents[a].name, "renamed by user", 0);
        ents[a].name = ed.value;
        break;
      }
      case Edit::Op::Retype: {
        const size_t a = find(ed.entity);
        if (a == SIZE_MAX) break;
        matched = true;
        ents[a].type = ed.type;
        break;
      }
      case Edit::Op::Hide: {
        const size_t a = find(ed.entity);
        if (a == SIZE_MAX) break;
        matched = true;
        hidden[a] = true;
        break;
      }
      case Edit::Op::HidePattern:
        for (uint32_t i = 0; i < ents.size(); ++i) {
          if (!alive(i)) continue;
          bool hit = matches_pattern(ed.entity, ents[i].name);
          for (const EntityAlias& al : ents[i].aliases) hit = hit || matches_pattern(ed.entity, al.surface);
          if (hit) {
            hidden[i] = true;
            matched = true;
          }
        }
        break;
    }
    if (!matched && unmatched) unmatched->push_back(describe(ed));
  }
  // New ids for the entities that remain, in their old order; mentions follow, counts are made again.
  std::vector<uint32_t> id(ents.size(), UINT32_MAX);
  std::vector<Entity> kept;
  for (uint32_t i = 0; i < ents.size(); ++i)
    if (alive(i)) {
      id[i] = static_cast<uint32_t>(kept.size());
      kept.push_back(std::move(ents[i]));
      kept.back().mentions = kept.back().articles = 0;
    }
  std::vector<uint32_t> last(kept.size(), UINT32_MAX);
  for (size_t art = 0; art < out.by_article.size(); ++art) {
    std::vector<Mention>& ms = out.by_article[art];
    size_t w = 0;
    for (const Mention& m0 : ms) {
      Mention m = m0;
      const uint32_t r = root(m.entity);
      if (id[r] == UINT32_MAX) continue;  // hidden
      m.entity = id[r];
      ms[w++] = m;
      ++kept[m.entity].mentions;
      if (last[m.entity] != art) {
        last[m.entity] = static_cast<uint32_t>(art);
        ++kept[m.entity].articles;
      }
    }
    ms.resize(w);
  }
  ents = std::move(kept);
  return out;
}

}  // namespace ae
