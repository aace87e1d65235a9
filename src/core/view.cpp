// view.cpp — the entity table of the range and the exports of the current view. Layer: core.
#include "view.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ae {

namespace {

// Calls f(article index) for every article in range (dated in [from, to], then undated if included).
template <class F>
void for_each_in_range(const Explorer& ex, F&& f) {
  const Corpus& c = ex.corpus();
  if (ex.range_from() != kUndated) {
    auto [first, last] = c.dated_span(ex.range_from(), ex.range_to());
    for (size_t k = first; k < last; ++k) f(c.by_date[k]);
  }
  if (ex.include_undated())
    for (size_t k = c.dated; k < c.by_date.size(); ++k) f(c.by_date[k]);
}

}  // namespace

std::vector<EntityRow> entity_rows(const Explorer& ex) {
  const EntityIndex& index = ex.entities();
  const size_t n = index.entities.size();
  std::vector<uint32_t> articles(n, 0), mentions(n, 0), last_seen(n, UINT32_MAX), degree(n, 0);
  for_each_in_range(ex, [&](uint32_t a) {
    if (a >= index.by_article.size()) return;
    for (const Mention& m : index.by_article[a]) {
      ++mentions[m.entity];
      if (last_seen[m.entity] != a) {
        last_seen[m.entity] = a;
        ++articles[m.entity];
      }
    }
  });
  if (const Cooccurrence* co = ex.cooccurrence())
    co->pairs().for_each([&](uint64_t key, uint32_t) {
      ++degree[static_cast<uint32_t>(key >> 32)];
      ++degree[static_cast<uint32_t>(key & 0xffffffffu)];
    });
  std::vector<EntityRow> rows;
  for (uint32_t e = 0; e < n; ++e)
    if (mentions[e]) rows.push_back({e, articles[e], mentions[e], degree[e]});
  std::sort(rows.begin(), rows.end(), [&](const EntityRow& x, const EntityRow& y) {
    if (x.mentions != y.mentions) return x.mentions > y.mentions;
    if (x.articles != y.articles) return x.articles > y.articles;
    return index.entities[x.entity].name < index.entities[y.entity].name;
  });
  return rows;
}

const std::vector<std::string>& export_kinds() {
  static const std::vector<std::string> kinds = {"edges.csv", "edges.gexf", "entities.csv", "articles.json"};
  return kinds;
}

bool export_view(const Explorer& ex, const std::string& kind, std::string& out) {
  const EntityIndex& index = ex.entities();
  if (kind == "edges.csv") {
    out = graph_csv(ex.graph(), index, ex.measure());
    return true;
  }
  if (kind == "edges.gexf") {
    if (!ex.cooccurrence()) return false;
    out = graph_gexf(ex.graph(), index, *ex.cooccurrence(), ex.measure());
    return true;
  }
  if (kind == "entities.csv") {
    out = "name,type,articles,mentions,degree,aliases\n";
    for (const EntityRow& r : entity_rows(ex)) {
      const Entity& e = index.entities[r.entity];
      std::string aliases;
      for (const EntityAlias& al : e.aliases) {
        if (al.surface == e.name) continue;
        if (!aliases.empty()) aliases += "; ";
        aliases += al.surface;
      }
      out += csv_field(e.name) + "," + type_name(e.type) + "," + std::to_string(r.articles) + "," +
             std::to_string(r.mentions) + "," + std::to_string(r.degree) + "," + csv_field(aliases) + "\n";
    }
    return true;
  }
  if (kind == "articles.json") {
    const Corpus& c = ex.corpus();
    nlohmann::json list = nlohmann::json::array();
    for (uint32_t a : ex.visible()) {
      const Article& art = c.articles[a];
      nlohmann::json j = {{"id", art.id}};
      if (art.date != kUndated) j["date"] = format_iso(art.date);
      j["title"] = art.title;
      if (!art.source.empty()) j["source"] = art.source;
      if (!art.url.empty()) j["url"] = art.url;
      j["body"] = art.body;
      nlohmann::json ents = {{"people", nlohmann::json::array()}, {"orgs", nlohmann::json::array()},
                             {"places", nlohmann::json::array()}};
      if (a < index.by_article.size()) {
        std::vector<uint32_t> seen;
        for (const Mention& m : index.by_article[a]) {
          if (std::find(seen.begin(), seen.end(), m.entity) != seen.end()) continue;
          seen.push_back(m.entity);
          const Entity& e = index.entities[m.entity];
          ents[type_plural(e.type)].push_back(e.name);
        }
      }
      j["entities"] = std::move(ents);
      list.push_back(std::move(j));
    }
    out = list.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    return true;
  }
  return false;
}

}  // namespace ae
