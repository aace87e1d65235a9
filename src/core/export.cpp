// export.cpp — the files the explorer writes. Layer: core.
#include "export.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <utility>

#include "corrections.h"
#include "explorer.h"
#include "untrusted.h"
#include "view.h"

namespace ae {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string fixed(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// GEXF 1.3, written the same way for every network: the head with the attributes declared, nodes,
// edges (each with its attribute values), the tail.
struct GexfAttribute {
  const char* id;
  const char* title;
  const char* type;
};
using GexfValues = std::initializer_list<std::pair<const char*, std::string>>;

std::string gexf_head(const std::string& description, std::initializer_list<GexfAttribute> node,
                      std::initializer_list<GexfAttribute> edge) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
      "  <meta><creator>Article Explorer</creator><description>" +
      xml_escape(description) +
      "</description></meta>\n"
      "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n";
  for (const auto* list : {&node, &edge}) {
    out += list == &node ? "    <attributes class=\"node\">\n" : "    <attributes class=\"edge\">\n";
    for (const GexfAttribute& a : *list)
      out += std::string("      <attribute id=\"") + a.id + "\" title=\"" + a.title + "\" type=\"" + a.type + "\"/>\n";
    out += "    </attributes>\n";
  }
  return out + "    <nodes>\n";
}

std::string gexf_values(GexfValues values) {
  std::string out = "<attvalues>";
  for (const auto& [id, value] : values)
    out += std::string("<attvalue for=\"") + id + "\" value=\"" + xml_escape(value) + "\"/>";
  return out + "</attvalues>";
}

std::string gexf_node(uint32_t id, const std::string& label, GexfValues values) {
  return "      <node id=\"" + std::to_string(id) + "\" label=\"" + xml_escape(label) + "\">" + gexf_values(values) +
         "</node>\n";
}

const char* const kGexfBetween = "    </nodes>\n    <edges>\n";

std::string gexf_edge(size_t id, uint32_t source, uint32_t target, const std::string& weight, GexfValues values) {
  return "      <edge id=\"" + std::to_string(id) + "\" source=\"" + std::to_string(source) + "\" target=\"" +
         std::to_string(target) + "\" weight=\"" + weight + "\">" + gexf_values(values) + "</edge>\n";
}

const char* const kGexfTail = "    </edges>\n  </graph>\n</gexf>\n";

}  // namespace

std::string graph_csv(const Graph& g, const EntityIndex& index, Measure m) {
  std::string out = "source,target,source_type,target_type,count,weight,measure\n";
  for (const GraphEdge& e : g.edges) {
    const Entity& a = index.entities[e.a];
    const Entity& b = index.entities[e.b];
    out += csv_cell(a.name) + "," + csv_cell(b.name) + "," + type_name(a.type) + "," + type_name(b.type) + "," +
           std::to_string(e.count) + "," + number(e.weight) + "," + measure_name(m) + "\n";
  }
  return out;
}

std::string graph_json(const Graph& g, const EntityIndex& index, const Cooccurrence& co, Measure m) {
  nlohmann::json j;
  j["scope"] = scope_name(co.scope());
  j["measure"] = measure_name(m);
  j["units"] = co.units();
  j["nodes_hidden"] = g.nodes_hidden;
  j["edges_hidden"] = g.edges_hidden;
  j["nodes"] = nlohmann::json::array();
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const uint32_t e = g.nodes[i];
    j["nodes"].push_back({{"id", e},
                          {"name", index.entities[e].name},
                          {"type", type_name(index.entities[e].type)},
                          {"mentions", co.entity_mentions(e)},
                          {"units", co.entity_units(e)},
                          {"community", i < g.community.size() ? g.community[i] : 0}});
  }
  j["edges"] = nlohmann::json::array();
  for (const GraphEdge& e : g.edges)
    j["edges"].push_back({{"source", index.entities[e.a].name},
                          {"target", index.entities[e.b].name},
                          {"count", e.count},
                          {"weight", e.weight}});
  return j.dump(1);
}

std::string graph_gexf(const Graph& g, const EntityIndex& index, const Cooccurrence& co, Measure m) {
  std::string out = gexf_head(
      std::string("co-occurrence, scope ") + scope_name(co.scope()) + ", weight " + measure_name(m),
      {{"type", "type", "string"}, {"mentions", "mentions", "integer"}, {"community", "community", "integer"}},
      {{"count", "count", "integer"}});
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const uint32_t e = g.nodes[i];
    out += gexf_node(e, index.entities[e].name,
                     {{"type", type_name(index.entities[e].type)},
                      {"mentions", std::to_string(co.entity_mentions(e))},
                      {"community", std::to_string(i < g.community.size() ? g.community[i] : 0)}});
  }
  out += kGexfBetween;
  size_t id = 0;
  for (const GraphEdge& e : g.edges)
    out += gexf_edge(id++, e.a, e.b, number(e.weight), {{"count", std::to_string(e.count)}});
  return out + kGexfTail;
}

std::string compare_csv(const std::vector<EntityChange>& rows, const EntityIndex& index) {
  std::string out = "name,type,count_a,count_b,change,log_ratio,trend\n";
  for (const EntityChange& c : rows) {
    const Entity& e = index.entities[c.entity];
    out += csv_cell(e.name) + "," + type_name(e.type) + "," + std::to_string(c.a) + "," + std::to_string(c.b) + "," +
           std::to_string(c.delta) + "," + fixed(c.log_ratio, 3) + "," + trend_name(c.trend) + "\n";
  }
  return out;
}

std::string compare_gexf(const std::vector<LinkChange>& links, const EntityIndex& index, const Cooccurrence& b) {
  std::vector<uint32_t> nodes;
  for (const LinkChange& l : links) {
    nodes.push_back(l.x);
    nodes.push_back(l.y);
  }
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  std::string out = gexf_head(
      std::string("co-occurrence in two ranges, scope ") + scope_name(b.scope()),
      {{"type", "type", "string"}, {"mentions_b", "mentions in B", "integer"}},
      {{"side", "side", "string"}, {"count_a", "count in A", "integer"}, {"count_b", "count in B", "integer"}});
  for (uint32_t e : nodes)
    out +=
        gexf_node(e, index.entities[e].name,
                  {{"type", type_name(index.entities[e].type)}, {"mentions_b", std::to_string(b.entity_mentions(e))}});
  out += kGexfBetween;
  size_t id = 0;
  for (const LinkChange& l : links)
    out += gexf_edge(
        id++, l.x, l.y, std::to_string(std::max<uint32_t>(1, l.b)),
        {{"side", link_side_name(l.side)}, {"count_a", std::to_string(l.a)}, {"count_b", std::to_string(l.b)}});
  return out + kGexfTail;
}

std::string compare_json(const std::vector<EntityChange>& rows, const std::vector<LinkChange>& links,
                         const EntityIndex& index, const Cooccurrence& a, const Cooccurrence& b) {
  nlohmann::json j;
  j["a"] = {{"units", a.units()}};
  j["b"] = {{"units", b.units()}};
  nlohmann::json ents = nlohmann::json::array();
  for (const EntityChange& c : rows) {
    const Entity& e = index.entities[c.entity];
    ents.push_back({{"name", e.name},
                    {"type", type_name(e.type)},
                    {"count_a", c.a},
                    {"count_b", c.b},
                    {"change", c.delta},
                    {"log_ratio", std::round(c.log_ratio * 1000) / 1000},
                    {"trend", trend_name(c.trend)}});
  }
  j["entities"] = std::move(ents);
  nlohmann::json ls = nlohmann::json::array();
  for (const LinkChange& l : links)
    ls.push_back({{"source", index.entities[l.x].name},
                  {"target", index.entities[l.y].name},
                  {"count_a", l.a},
                  {"count_b", l.b},
                  {"side", link_side_name(l.side)}});
  j["links"] = std::move(ls);
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string bursts_csv(const BurstIndex& bursts, const EntityIndex& index) {
  std::string out = "name,type,from,to,weight,articles\n";
  for (const Burst& b : bursts.bursts) {
    const Entity& e = index.entities[b.entity];
    uint32_t articles = 0;
    for (const auto& [bin, count] : bursts.series[b.entity])
      if (bin >= b.begin && bin <= b.end) articles += count;
    out += csv_cell(e.name) + "," + type_name(e.type) + "," + format_iso(bursts.timeline.bin_start(b.begin)) + "," +
           format_iso(bursts.timeline.bin_start(b.end) + bursts.timeline.bin_days - 1) + "," + fixed(b.weight, 2) +
           "," + std::to_string(articles) + "\n";
  }
  return out;
}

const std::vector<std::string>& export_kinds() {
  static const std::vector<std::string> kinds = {"edges.csv",     "edges.gexf",   "entities.csv",
                                                 "articles.json", "rules.json",   "bursts.csv",
                                                 "compare.csv",   "compare.gexf", "corpus.aesnap"};
  return kinds;
}

bool is_comparison_export(const std::string& kind) { return kind.rfind("compare.", 0) == 0; }

bool export_view(const Explorer& ex, const std::string& kind, std::string& out) {
  const EntityIndex& index = ex.entities();
  if (kind == "corpus.aesnap") {  // the corpus and its entities, to reopen without extracting (snapshot.h)
    if (!ex.corpus().size()) return false;
    out = ex.snapshot();
    return true;
  }
  if (kind == "rules.json") {  // the user's corrections (corrections.h)
    out = rules_json(ex.rules());
    return true;
  }
  if (kind == "bursts.csv") {
    out = bursts_csv(ex.bursts(), index);
    return true;
  }
  if (is_comparison_export(kind)) {
    if (!ex.comparing() || !ex.cooccurrence()) return false;
    if (kind == "compare.csv") {
      out = compare_csv(ex.entity_changes(), index);
      return true;
    }
    if (kind == "compare.gexf") {  // the three-way network as drawn
      std::vector<LinkChange> links;
      for (const GraphEdge& e : ex.graph().edges) links.push_back({e.a, e.b, e.count_a, e.count, e.side});
      out = compare_gexf(links, index, *ex.cooccurrence());
      return true;
    }
    return false;
  }
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
      out += csv_cell(e.name) + "," + type_name(e.type) + "," + std::to_string(r.articles) + "," +
             std::to_string(r.mentions) + "," + std::to_string(r.degree) + "," + csv_cell(aliases) + "\n";
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
      nlohmann::json ents = {
          {"people", nlohmann::json::array()}, {"orgs", nlohmann::json::array()}, {"places", nlohmann::json::array()}};
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
