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
      if (at == 0 ||
          (static_cast<unsigned char>(text[at - 1]) < 0x80 && !std::isalnum(static_cast<unsigned char>(text[at - 1]))))
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

void step_article(Explorer& ex, int delta) {
  const auto& rows = ex.visible();
  if (rows.empty()) return;
  const auto it = std::find(rows.begin(), rows.end(), static_cast<uint32_t>(ex.open_article_index()));
  long k = it == rows.end() ? (delta > 0 ? -1 : static_cast<long>(rows.size())) : it - rows.begin();
  k = std::clamp(k + delta, 0L, static_cast<long>(rows.size()) - 1);
  ex.open_article(rows[static_cast<size_t>(k)]);
}

void step_range(Explorer& ex, const Timeline& t, int delta) {
  const Corpus& c = ex.corpus();
  if (t.starts.empty() || ex.range_from() == kUndated || !c.dated) return;
  const Day from = ex.range_from(), to = ex.range_to(), len = to - from;
  const size_t b = t.bucket_of(from);
  const Day step = t.bucket_end(b) - t.starts[b] + 1;  // a day, a week or this month's days
  const Day lo = c.date_min, hi = std::max(c.date_min, c.date_max - len);
  const Day next = std::clamp(from + (delta > 0 ? step : -step), lo, hi);
  if (next == from) return;
  ex.set_range(next, next + len);
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
  Day d = t.unit == Bucket::Daily    ? c.date_min
          : t.unit == Bucket::Weekly ? week_start(c.date_min)
                                     : month_start(c.date_min);
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
      t.selected[t.bucket_of(a.date)] +=
          sel == SIZE_MAX ? index.pair_articles(*p, static_cast<uint32_t>(e), static_cast<uint32_t>(pair.second))
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
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
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
constexpr long kMaxTopN = 2000;  // the most nodes a link may ask the network for
}  // namespace

std::string view_hash(const Explorer& ex) {
  const Corpus& c = ex.corpus();
  const auto& ents = ex.entities().entities;
  const ViewState& v = ex.view_state();
  std::string h;
  auto add = [&](const char* key, const std::string& value) {
    if (!h.empty()) h += '&';
    h += key;
    h += '=';
    h += percent_encode(value);
  };
  if (c.dated && (v.from != c.date_min || v.to != c.date_max)) {
    add("from", format_iso(v.from));
    add("to", format_iso(v.to));
  }
  if (!v.include_undated) add("undated", "0");
  if (v.selected < ents.size()) add("sel", ents[v.selected].name);
  if (v.pair.first < ents.size()) add("edge", ents[v.pair.first].name + "|" + ents[v.pair.second].name);
  if (v.scope != Scope::Document) add("scope", scope_name(v.scope));
  if (v.measure != Measure::Count) add("measure", measure_name(v.measure));
  if (v.min_count != ViewState().min_count) add("min", std::to_string(v.min_count));
  if (v.top_n != ViewState().top_n) add("top", std::to_string(v.top_n));
  if (!v.search.empty()) add("q", v.search);
  if (v.order != ListOrder::Newest) add("sort", Explorer::order_name(v.order));
  if (v.open < c.size()) add("open", c.articles[v.open].id);
  if (v.comparing()) add("a", format_iso(v.base_from) + ".." + format_iso(v.base_to));
  if (v.changes_only) add("changes", "1");
  if (v.net_types != 0x7) {
    std::string types;
    for (int t = 0; t < kEntityTypes; ++t)
      if (v.net_types & (1u << t))
        types += (types.empty() ? "" : ",") + std::string(type_name(static_cast<EntityType>(t)));
    add("types", types.empty() ? "none" : types);
  }
  if (!v.net_hidden.empty()) {
    std::string hidden;
    for (const std::string& n : v.net_hidden) hidden += (hidden.empty() ? "" : "|") + n;
    add("hide", hidden);
  }
  return h;
}

namespace {

// A hash's keys and decoded values, in order.
class HashFields {
 public:
  explicit HashFields(const std::string& hash) {
    std::string text = hash;
    if (!text.empty() && text[0] == '#') text.erase(0, 1);
    size_t i = 0;
    while (i < text.size()) {
      size_t amp = text.find('&', i);
      if (amp == std::string::npos) amp = text.size();
      const std::string part = text.substr(i, amp - i);
      const size_t eq = part.find('=');
      if (!part.empty())
        kv_.push_back({part.substr(0, eq), eq == std::string::npos ? "" : percent_decode(part.substr(eq + 1))});
      i = amp + 1;
    }
  }
  bool get(const char* key, std::string& out) const {
    for (auto& [k, v] : kv_)
      if (k == key) {
        out = v;
        return true;
      }
    return false;
  }

 private:
  std::vector<std::pair<std::string, std::string>> kv_;
};

// What did not apply, "; "-separated and bounded (a hash may be long junk).
struct Problems {
  std::string& text;
  void add(const std::string& p) {
    if (text.size() < 2000) text += (text.empty() ? "" : "; ") + p;
  }
  // A value as quoted in a message: at most 40 bytes of it.
  static std::string q40(const std::string& x) { return x.size() > 40 ? x.substr(0, 40) + "…" : x; }
};

// Network settings. Numbers from a link are clamped to what the controls offer (a stranger's "top=-1"
// must not ask the page to draw every entity of a large corpus).
void parse_network(const HashFields& f, ViewState& v, Problems& p) {
  std::string x;
  if (f.get("scope", x) && !parse_scope(x, v.scope)) p.add("scope '" + p.q40(x) + "' is not document or sentence");
  if (f.get("measure", x) && !parse_measure(x, v.measure))
    p.add("measure '" + p.q40(x) + "' is not count, npmi or jaccard");
  if (f.get("min", x)) {
    const long n = std::atol(x.c_str());
    if (n < 1 || n > 1000000) p.add("min '" + p.q40(x) + "' is not between 1 and 1000000");
    v.min_count = static_cast<uint32_t>(std::clamp(n, 1L, 1000000L));
  }
  if (f.get("top", x)) {
    const long n = std::atol(x.c_str());
    if (n < 1 || n > kMaxTopN) p.add("top '" + p.q40(x) + "' is not between 1 and " + std::to_string(kMaxTopN));
    v.top_n = static_cast<size_t>(std::clamp(n, 1L, static_cast<long>(kMaxTopN)));
  }
  v.changes_only = f.get("changes", x) && x == "1";
  if (f.get("types", x)) {
    v.net_types = 0;
    size_t i0 = 0;
    while (i0 <= x.size()) {
      size_t comma = x.find(',', i0);
      if (comma == std::string::npos) comma = x.size();
      const std::string one = x.substr(i0, comma - i0);
      EntityType t;
      if (one == "none" || one.empty()) {
      } else if (parse_entity_type(one, t)) {
        v.net_types |= static_cast<uint8_t>(1u << static_cast<int>(t));
      } else {
        p.add("type '" + p.q40(one) + "' is not person, org or place");
      }
      i0 = comma + 1;
    }
  }
  if (f.get("hide", x) && !x.empty()) {
    size_t i0 = 0;
    while (i0 <= x.size() && v.net_hidden.size() < 200) {  // a link may carry junk: at most 200 names
      size_t bar = x.find('|', i0);
      if (bar == std::string::npos) bar = x.size();
      if (bar > i0) v.net_hidden.push_back(x.substr(i0, std::min<size_t>(bar - i0, 300)));
      i0 = bar + 1;
    }
  }
}

// The range and the comparison's baseline ("a=FROM..TO").
void parse_dates(const HashFields& f, const Corpus& c, ViewState& v, Problems& p) {
  std::string x;
  for (const char* key : {"from", "to"})
    if (f.get(key, x)) {
      const Day d = parse_date(x);
      if (d == kUndated) p.add("'" + p.q40(x) + "' is not a date");
      else if (c.dated) (key[0] == 'f' ? v.from : v.to) = d;
    }
  if (f.get("a", x)) {
    const size_t dots = x.find("..");
    const Day from = dots == std::string::npos ? kUndated : parse_date(x.substr(0, dots));
    const Day to = dots == std::string::npos ? kUndated : parse_date(x.substr(dots + 2));
    if (from == kUndated || to == kUndated) {
      p.add("baseline '" + p.q40(x) + "' is not FROM..TO (two dates)");
    } else if (c.dated) {
      v.base_from = from;
      v.base_to = to;
    }
  }
  v.include_undated = !(f.get("undated", x) && x == "0");
}

// The list (search, order), the selection (an entity or a link, by name) and the open article (by id).
void parse_list(const HashFields& f, const Corpus& c, const EntityIndex& index, ViewState& v, Problems& p) {
  std::string x;
  f.get("q", v.search);
  if (f.get("sort", x)) {
    if (x == "oldest") v.order = ListOrder::Oldest;
    else if (x == "relevance") v.order = ListOrder::Relevance;
    else if (x != "newest") p.add("sort '" + p.q40(x) + "' is not newest, oldest or relevance");
  }
  if (f.get("sel", x)) {
    v.selected = find_entity(index, x);
    if (v.selected == SIZE_MAX) p.add("no entity is named '" + p.q40(x) + "'");
  }
  if (f.get("edge", x)) {
    const size_t bar = x.find('|');
    const size_t a = bar == std::string::npos ? SIZE_MAX : find_entity(index, x.substr(0, bar));
    const size_t b = bar == std::string::npos ? SIZE_MAX : find_entity(index, x.substr(bar + 1));
    if (a == SIZE_MAX || b == SIZE_MAX) p.add("no link '" + p.q40(x) + "'");
    else v.pair = {a, b};
  }
  if (f.get("open", x)) {
    v.open = c.find_id(x);
    if (v.open == SIZE_MAX) p.add("no article has the id '" + p.q40(x) + "'");
  }
}

}  // namespace

ViewState parse_view_hash(const std::string& hash, const Corpus& corpus, const EntityIndex& index,
                          std::string& problems) {
  problems.clear();
  Problems p{problems};
  const HashFields f(hash);
  ViewState v;  // keys absent from the hash are at their defaults
  v.from = corpus.date_min;
  v.to = corpus.date_max;
  parse_network(f, v, p);
  parse_dates(f, corpus, v, p);
  parse_list(f, corpus, index, v, p);
  return v;
}

bool apply_view_hash(Explorer& ex, const std::string& hash, std::string& problems) {
  ex.set_view(parse_view_hash(hash, ex.corpus(), ex.entities(), problems));
  return !problems.empty();
}

}  // namespace ae
