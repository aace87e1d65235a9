// view.cpp — the entity table of the range and the exports of the current view. Layer: core.
#include "view.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "text.h"

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
    const auto& ms = index.by_article[a];
    for (size_t k = 0; k < ms.size(); ++k) {
      const Mention& m = ms[k];
      mentions[m.entity] += index.mention_count(a, k);
      if (last_seen[m.entity] != a) {
        last_seen[m.entity] = a;
        articles[m.entity] += index.mention_articles(a, k);
      }
    }
  });
  if (const Cooccurrence* co = ex.cooccurrence())  // kept by the counts as pairs appear and vanish
    for (uint32_t e = 0; e < n && e < co->entity_count(); ++e) degree[e] = co->entity_degree(e);
  std::vector<EntityRow> rows;
  std::vector<uint32_t> row_of(n, UINT32_MAX);
  for (uint32_t e = 0; e < n; ++e)
    if (mentions[e]) {
      row_of[e] = static_cast<uint32_t>(rows.size());
      rows.push_back({e, articles[e], mentions[e], degree[e]});
    }
  for (const EntityChange& c : ex.entity_changes(false)) {
    if (c.entity >= n) continue;
    if (row_of[c.entity] == UINT32_MAX) {  // only in A
      row_of[c.entity] = static_cast<uint32_t>(rows.size());
      rows.push_back({c.entity, 0, 0, 0});
    }
    EntityRow& r = rows[row_of[c.entity]];
    r.count_a = c.a;
    r.count_b = c.b;
    r.log_ratio = c.log_ratio;
    r.trend = c.trend;
  }
  if (ex.range_from() != kUndated && ex.corpus().dated) {
    const BurstIndex& b = ex.bursts();
    for (EntityRow& r : rows) r.burst = b.bursting(r.entity, ex.range_from(), ex.range_to());
  }
  const std::vector<uint32_t>& rank = ex.name_rank();  // ties by name, without comparing strings
  std::sort(rows.begin(), rows.end(), [&](const EntityRow& x, const EntityRow& y) {
    if (x.mentions != y.mentions) return x.mentions > y.mentions;
    if (x.articles != y.articles) return x.articles > y.articles;
    return rank[x.entity] < rank[y.entity];
  });
  return rows;
}

std::vector<uint32_t> find_entities(const Explorer& ex, const std::string& query, size_t max) {
  std::vector<uint32_t> out;
  const std::string q = search_fold(query);
  if (q.empty() || max == 0) return out;
  const auto& ents = ex.entities().entities;
  std::vector<char> drawn(ents.size(), 0);
  for (uint32_t e : ex.graph().nodes)
    if (e < drawn.size()) drawn[e] = 1;
  struct Hit {
    uint32_t e;
    int rank;  // 0 a word of the name starts with it, 1 a word of another form does, 2 contained
  };
  // 0 when a word of `text` (lower case) starts with q, 2 when q is inside, 3 when absent.
  auto rank_in = [&](const std::string& text) {
    for (size_t at = text.find(q); at != std::string::npos; at = text.find(q, at + 1))
      if (at == 0 || (static_cast<unsigned char>(text[at - 1]) < 0x80 && !std::isalnum(static_cast<unsigned char>(text[at - 1]))))
        return 0;
    return text.find(q) != std::string::npos ? 2 : 3;
  };
  std::vector<Hit> hits;
  for (uint32_t e = 0; e < ents.size(); ++e) {
    int rank = rank_in(search_fold(ents[e].name));
    for (const EntityAlias& al : ents[e].aliases) {
      if (rank <= 1) break;
      const int r = rank_in(search_fold(al.surface));
      rank = std::min(rank, r == 0 ? 1 : r);
    }
    if (rank < 3) hits.push_back({e, rank});
  }
  std::sort(hits.begin(), hits.end(), [&](const Hit& x, const Hit& y) {
    if (x.rank != y.rank) return x.rank < y.rank;
    if (drawn[x.e] != drawn[y.e]) return drawn[x.e] > drawn[y.e];
    if (ents[x.e].articles != ents[y.e].articles) return ents[x.e].articles > ents[y.e].articles;
    return x.e < y.e;
  });
  for (size_t k = 0; k < hits.size() && k < max; ++k) out.push_back(hits[k].e);
  return out;
}

const std::vector<std::string>& export_kinds() {
  static const std::vector<std::string> kinds = {"edges.csv",  "edges.gexf", "entities.csv", "articles.json",
                                                 "rules.json", "bursts.csv", "compare.csv",  "compare.gexf",
                                                 "corpus.aesnap"};
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

const char* bucket_name(Bucket b) { return b == Bucket::Daily ? "day" : b == Bucket::Weekly ? "week" : "month"; }

namespace {

Day month_start(Day d) {
  int y;
  unsigned m, dd;
  civil_from_days(d, y, m, dd);
  return days_from_civil(y, m, 1);
}
Day next_month(Day start) {
  int y;
  unsigned m, dd;
  civil_from_days(start, y, m, dd);
  return m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
}
// Monday on or before d (1970-01-01 was a Thursday).
Day week_start(Day d) {
  const int64_t wd = ((static_cast<int64_t>(d) + 3) % 7 + 7) % 7;  // 0 = Monday
  return static_cast<Day>(d - wd);
}

}  // namespace

size_t Timeline::bucket_of(Day d) const {
  if (starts.empty()) return SIZE_MAX;
  const auto it = std::upper_bound(starts.begin(), starts.end(), d);
  return it == starts.begin() ? 0 : static_cast<size_t>(it - starts.begin() - 1);
}

Day Timeline::bucket_end(size_t i) const {
  if (i + 1 < starts.size()) return starts[i + 1] - 1;
  const Day s = starts[i];
  return unit == Bucket::Daily ? s : unit == Bucket::Weekly ? s + 6 : next_month(s) - 1;
}

Timeline timeline(const Explorer& ex) {
  Timeline t;
  const Corpus& c = ex.corpus();
  if (!c.dated) return t;
  const int64_t span = static_cast<int64_t>(c.date_max) - c.date_min + 1;
  t.unit = span <= 92 ? Bucket::Daily : span <= 3 * 366 ? Bucket::Weekly : Bucket::Monthly;
  Day d = t.unit == Bucket::Daily ? c.date_min : t.unit == Bucket::Weekly ? week_start(c.date_min) : month_start(c.date_min);
  while (d <= c.date_max) {
    t.starts.push_back(d);
    d = t.unit == Bucket::Daily ? d + 1 : t.unit == Bucket::Weekly ? d + 7 : next_month(d);
  }
  t.articles.assign(t.starts.size(), 0);
  size_t b = 0;
  for (size_t k = 0; k < c.dated; ++k) {  // by_date is sorted: walk the buckets along
    const Day day = c.articles[c.by_date[k]].date;
    while (b + 1 < t.starts.size() && t.starts[b + 1] <= day) ++b;
    t.articles[b] += ex.entities().weight(c.by_date[k]);
  }
  const size_t sel = ex.selected();
  const auto pair = ex.selected_pair();
  if (sel != SIZE_MAX || pair.first != SIZE_MAX) {
    t.selected.assign(t.starts.size(), 0);
    const size_t e = sel != SIZE_MAX ? sel : pair.first;
    auto [first, last] = ex.articles_of(e);
    for (const uint32_t* p = first; p != last; ++p) {
      const Article& a = c.articles[*p];
      if (a.date == kUndated) continue;
      const EntityIndex& index = ex.entities();
      t.selected[t.bucket_of(a.date)] += sel == SIZE_MAX ? index.pair_articles(*p, static_cast<uint32_t>(e),
                                                                              static_cast<uint32_t>(pair.second))
                                                         : index.entity_articles(*p, static_cast<uint32_t>(e));
    }
  }
  return t;
}

std::vector<uint32_t> entity_series(const Explorer& ex, uint32_t entity, const Timeline& t) {
  std::vector<uint32_t> out(t.starts.size(), 0);
  if (t.starts.empty()) return out;
  auto [first, last] = ex.articles_of(entity);
  for (const uint32_t* p = first; p != last; ++p) {
    const Article& a = ex.corpus().articles[*p];
    if (a.date != kUndated) out[t.bucket_of(a.date)] += ex.mentions_in(*p, entity);
  }
  return out;
}

std::string percent_encode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string percent_decode(const std::string& s) {
  auto hex = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

namespace {
constexpr uint32_t kDefaultMinCount = 1;
constexpr size_t kDefaultTopN = 60;
constexpr long kMaxTopN = 2000;  // the most nodes a link may ask the network for
}  // namespace

std::string view_hash(const Explorer& ex) {
  const Corpus& c = ex.corpus();
  const auto& ents = ex.entities().entities;
  std::string h;
  auto add = [&](const char* key, const std::string& value) {
    if (!h.empty()) h += '&';
    h += key;
    h += '=';
    h += percent_encode(value);
  };
  if (c.dated && (ex.range_from() != c.date_min || ex.range_to() != c.date_max)) {
    add("from", format_iso(ex.range_from()));
    add("to", format_iso(ex.range_to()));
  }
  if (!ex.include_undated()) add("undated", "0");
  if (ex.selected() < ents.size()) add("sel", ents[ex.selected()].name);
  const auto pair = ex.selected_pair();
  if (pair.first < ents.size()) add("edge", ents[pair.first].name + "|" + ents[pair.second].name);
  if (ex.scope() != Scope::Document) add("scope", scope_name(ex.scope()));
  if (ex.measure() != Measure::Count) add("measure", measure_name(ex.measure()));
  if (ex.min_count() != kDefaultMinCount) add("min", std::to_string(ex.min_count()));
  if (ex.top_n() != kDefaultTopN) add("top", std::to_string(ex.top_n()));
  if (!ex.search().empty()) add("q", ex.search());
  if (ex.order() != Explorer::Order::Newest) add("sort", Explorer::order_name(ex.order()));
  if (ex.open_article_index() < c.size()) add("open", c.articles[ex.open_article_index()].id);
  if (ex.comparing()) add("a", format_iso(ex.baseline_from()) + ".." + format_iso(ex.baseline_to()));
  if (ex.changes_only()) add("changes", "1");
  if (ex.network_types() != 0x7) {
    std::string types;
    for (int t = 0; t < kEntityTypes; ++t)
      if (ex.network_types() & (1u << t)) types += (types.empty() ? "" : ",") + std::string(type_name(static_cast<EntityType>(t)));
    add("types", types.empty() ? "none" : types);
  }
  if (!ex.network_hidden().empty()) {
    std::string hidden;
    for (const std::string& n : ex.network_hidden()) hidden += (hidden.empty() ? "" : "|") + n;
    add("hide", hidden);
  }
  return h;
}

bool apply_view_hash(Explorer& ex, const std::string& hash, std::string& problems) {
  std::string text = hash;
  if (!text.empty() && text[0] == '#') text.erase(0, 1);
  std::vector<std::pair<std::string, std::string>> kv;
  size_t i = 0;
  while (i < text.size()) {
    size_t amp = text.find('&', i);
    if (amp == std::string::npos) amp = text.size();
    const std::string part = text.substr(i, amp - i);
    const size_t eq = part.find('=');
    if (!part.empty()) kv.push_back({part.substr(0, eq), eq == std::string::npos ? "" : percent_decode(part.substr(eq + 1))});
    i = amp + 1;
  }
  auto get = [&](const char* key, std::string& out) {
    for (auto& [k, v] : kv)
      if (k == key) {
        out = v;
        return true;
      }
    return false;
  };
  problems.clear();
  auto problem = [&](const std::string& p) {
    if (problems.size() < 2000) problems += (problems.empty() ? "" : "; ") + p;  // a hash may be long junk
  };
  // A value as quoted in a message: at most 40 bytes of it.
  auto q40 = [](const std::string& x) { return x.size() > 40 ? x.substr(0, 40) + "…" : x; };
  const Corpus& c = ex.corpus();
  std::string v;
  // Network settings first (they rebuild the counts), then the range, then what depends on them.
  Scope scope = Scope::Document;
  Measure measure = Measure::Count;
  uint32_t min_count = kDefaultMinCount;
  size_t top_n = kDefaultTopN;
  if (get("scope", v) && !parse_scope(v, scope)) problem("scope '" + q40(v) + "' is not document or sentence");
  if (get("measure", v) && !parse_measure(v, measure)) problem("measure '" + q40(v) + "' is not count, npmi or jaccard");
  // Numbers from a link are clamped to what the controls offer (a stranger's "top=-1" must not ask
  // the page to draw every entity of a large corpus).
  if (get("min", v)) {
    const long n = std::atol(v.c_str());
    if (n < 1 || n > 1000000) problem("min '" + q40(v) + "' is not between 1 and 1000000");
    min_count = static_cast<uint32_t>(std::clamp(n, 1L, 1000000L));
  }
  if (get("top", v)) {
    const long n = std::atol(v.c_str());
    if (n < 1 || n > kMaxTopN) problem("top '" + q40(v) + "' is not between 1 and " + std::to_string(kMaxTopN));
    top_n = static_cast<size_t>(std::clamp(n, 1L, static_cast<long>(kMaxTopN)));
  }
  if (scope != ex.scope() || measure != ex.measure() || min_count != ex.min_count() || top_n != ex.top_n())
    ex.set_network(scope, measure, min_count, top_n);
  Day from = c.date_min, to = c.date_max;
  if (get("from", v)) {
    const Day d = parse_date(v);
    if (d == kUndated) problem("'" + q40(v) + "' is not a date");
    else from = d;
  }
  if (get("to", v)) {
    const Day d = parse_date(v);
    if (d == kUndated) problem("'" + q40(v) + "' is not a date");
    else to = d;
  }
  if (c.dated && (from != ex.range_from() || to != ex.range_to())) ex.set_range(from, to);
  Day a_from = kUndated, a_to = kUndated;
  if (get("a", v)) {
    const size_t dots = v.find("..");
    const Day f = dots == std::string::npos ? kUndated : parse_date(v.substr(0, dots));
    const Day t = dots == std::string::npos ? kUndated : parse_date(v.substr(dots + 2));
    if (f == kUndated || t == kUndated) problem("baseline '" + q40(v) + "' is not FROM..TO (two dates)");
    else if (c.dated) {
      a_from = f;
      a_to = t;
    }
  }
  if (a_from != ex.baseline_from() || a_to != ex.baseline_to()) ex.set_baseline(a_from, a_to);
  const bool changes = get("changes", v) && v == "1";
  if (changes != ex.changes_only()) ex.set_changes_only(changes);
  uint8_t types = 0x7;
  if (get("types", v)) {
    types = 0;
    size_t i0 = 0;
    while (i0 <= v.size()) {
      size_t comma = v.find(',', i0);
      if (comma == std::string::npos) comma = v.size();
      const std::string one = v.substr(i0, comma - i0);
      EntityType t;
      if (one == "none" || one.empty()) {
      } else if (parse_entity_type(one, t)) {
        types |= static_cast<uint8_t>(1u << static_cast<int>(t));
      } else {
        problem("type '" + q40(one) + "' is not person, org or place");
      }
      i0 = comma + 1;
    }
  }
  std::vector<std::string> hidden;
  if (get("hide", v) && !v.empty()) {
    size_t i0 = 0;
    while (i0 <= v.size() && hidden.size() < 200) {  // a link may carry junk: at most 200 names
      size_t bar = v.find('|', i0);
      if (bar == std::string::npos) bar = v.size();
      if (bar > i0) hidden.push_back(v.substr(i0, std::min<size_t>(bar - i0, 300)));
      i0 = bar + 1;
    }
  }
  ex.set_network_filter(types, std::move(hidden));
  const bool undated = !(get("undated", v) && v == "0");
  if (undated != ex.include_undated()) ex.set_include_undated(undated);
  std::string q;
  get("q", q);
  if (q != ex.search()) ex.set_search(q);
  Explorer::Order order = Explorer::Order::Newest;
  if (get("sort", v)) {
    if (v == "oldest") order = Explorer::Order::Oldest;
    else if (v == "relevance") order = Explorer::Order::Relevance;
    else if (v != "newest") problem("sort '" + q40(v) + "' is not newest, oldest or relevance");
  }
  if (order != ex.order()) ex.set_order(order);
  size_t sel = SIZE_MAX;
  if (get("sel", v)) {
    sel = ex.find_entity(v);
    if (sel == SIZE_MAX) problem("no entity is named '" + q40(v) + "'");
  }
  std::pair<size_t, size_t> pair{SIZE_MAX, SIZE_MAX};
  if (get("edge", v)) {
    const size_t bar = v.find('|');
    const size_t a = bar == std::string::npos ? SIZE_MAX : ex.find_entity(v.substr(0, bar));
    const size_t b = bar == std::string::npos ? SIZE_MAX : ex.find_entity(v.substr(bar + 1));
    if (a == SIZE_MAX || b == SIZE_MAX) problem("no link '" + q40(v) + "'");
    else pair = {a, b};
  }
  if (pair.first != SIZE_MAX) {
    if (pair != ex.selected_pair()) ex.select_pair(pair.first, pair.second);
  } else if (sel != ex.selected() || ex.selected_pair().first != SIZE_MAX) {
    ex.select(sel);
  }
  size_t open = SIZE_MAX;
  if (get("open", v)) {
    open = c.find_id(v);
    if (open == SIZE_MAX) problem("no article has the id '" + q40(v) + "'");
  }
  if (open != ex.open_article_index()) ex.open_article(open);
  return !problems.empty();
}

}  // namespace ae
