// compare.cpp — two ranges compared, and bursts of attention. Layer: core.
#include "compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace ae {

const char* trend_name(Trend t) {
  switch (t) {
    case Trend::New: return "new";
    case Trend::Gone: return "gone";
    case Trend::Rising: return "rising";
    case Trend::Falling: return "falling";
    default: return "steady";
  }
}

std::vector<EntityChange> compare_entities(const Cooccurrence& a, const Cooccurrence& b, bool sorted) {
  std::vector<EntityChange> out;
  const size_t n = std::min(a.entity_count(), b.entity_count());
  const double ua = static_cast<double>(a.units()) + 1.0, ub = static_cast<double>(b.units()) + 1.0;
  for (uint32_t e = 0; e < n; ++e) {
    const uint32_t ca = a.entity_units(e), cb = b.entity_units(e);
    if (ca == 0 && cb == 0) continue;
    EntityChange c;
    c.entity = e;
    c.a = ca;
    c.b = cb;
    c.delta = static_cast<int64_t>(cb) - static_cast<int64_t>(ca);
    c.log_ratio = std::log2(((cb + 0.5) / ub) / ((ca + 0.5) / ua));
    if (ca == 0 && cb >= 2) c.trend = Trend::New;
    else if (cb == 0 && ca >= 2) c.trend = Trend::Gone;
    else if (c.log_ratio >= 1.0 && cb >= 3) c.trend = Trend::Rising;
    else if (c.log_ratio <= -1.0 && ca >= 3) c.trend = Trend::Falling;
    out.push_back(c);
  }
  if (!sorted) return out;
  std::vector<std::pair<double, uint32_t>> order;  // (score, position): the score computed once each
  order.reserve(out.size());
  for (uint32_t k = 0; k < out.size(); ++k) order.push_back({std::fabs(out[k].log_ratio) * (out[k].a + out[k].b), k});
  std::sort(order.begin(), order.end(), [&](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first > y.first;
    return out[x.second].entity < out[y.second].entity;
  });
  std::vector<EntityChange> ranked;
  ranked.reserve(out.size());
  for (const auto& o : order) ranked.push_back(out[o.second]);
  return ranked;
}

std::vector<LinkChange> compare_links(const Cooccurrence& a, const Cooccurrence& b, uint32_t min_count) {
  std::unordered_map<uint64_t, LinkChange> links;
  auto take = [&](const Cooccurrence& co, bool is_b) {
    co.pairs().for_each([&](uint64_t key, uint32_t count) {
      if (count < min_count) return;
      LinkChange& l = links[key];
      l.x = static_cast<uint32_t>(key >> 32);
      l.y = static_cast<uint32_t>(key);
      (is_b ? l.b : l.a) = count;
    });
  };
  take(a, false);
  take(b, true);
  std::vector<LinkChange> out;
  out.reserve(links.size());
  for (auto& [key, l] : links) {
    l.side = l.a && l.b ? LinkSide::Both : l.a ? LinkSide::OnlyA : LinkSide::OnlyB;
    out.push_back(l);
  }
  std::sort(out.begin(), out.end(), [](const LinkChange& p, const LinkChange& q) {
    const uint32_t mp = std::max(p.a, p.b), mq = std::max(q.a, q.b);
    if (mp != mq) return mp > mq;
    return p.x != q.x ? p.x < q.x : p.y < q.y;
  });
  return out;
}

Graph build_compare_graph(const Cooccurrence& a, const Cooccurrence& b, Measure measure, uint32_t min_count,
                          size_t top_n, bool changes_only, const std::vector<char>* skip) {
  Graph g;
  min_count = std::max<uint32_t>(1, min_count);
  const size_t n = std::min(a.entity_count(), b.entity_count());
  std::vector<uint32_t> present;
  for (uint32_t e = 0; e < n; ++e)
    if ((a.entity_mentions(e) || b.entity_mentions(e)) && !(skip && e < skip->size() && (*skip)[e]))
      present.push_back(e);
  auto key = [&](uint32_t e) { return std::max(a.entity_mentions(e), b.entity_mentions(e)); };
  const size_t shown = top_n == 0 ? present.size() : std::min(top_n, present.size());
  std::partial_sort(present.begin(), present.begin() + static_cast<std::ptrdiff_t>(shown), present.end(),
                    [&](uint32_t x, uint32_t y) { return key(x) != key(y) ? key(x) > key(y) : x < y; });
  g.nodes.assign(present.begin(), present.begin() + static_cast<std::ptrdiff_t>(shown));
  std::sort(g.nodes.begin(), g.nodes.end(), [&](uint32_t x, uint32_t y) {
    if (b.entity_mentions(x) != b.entity_mentions(y)) return b.entity_mentions(x) > b.entity_mentions(y);
    if (a.entity_mentions(x) != a.entity_mentions(y)) return a.entity_mentions(x) > a.entity_mentions(y);
    return x < y;
  });
  g.nodes_hidden = present.size() - shown;
  size_t in_b_shown = 0;  // links of B at or above min_count among the shown nodes
  auto consider = [&](uint32_t x, uint32_t y, uint32_t cb, uint32_t ca) {
    const bool in_b = cb >= min_count, in_a = ca >= min_count;
    if (!in_a && !in_b) return;
    in_b_shown += in_b;
    GraphEdge e{x, y, in_b ? cb : 0, 0};
    e.count_a = in_a ? ca : 0;
    e.side = in_a && in_b ? LinkSide::Both : in_b ? LinkSide::OnlyB : LinkSide::OnlyA;
    if (changes_only && e.side == LinkSide::Both) return;
    e.weight = in_b ? b.weight(measure, x, y, cb) : a.weight(measure, x, y, ca);
    g.edges.push_back(e);
  };
  // Each pair of shown nodes looked up in both tables when that is cheaper than walking them.
  const size_t lookups = shown * (shown - (shown > 0)) / 2;
  if (lookups < (a.pairs().capacity() + b.pairs().capacity()) / 4) {
    for (size_t i = 0; i < shown; ++i)
      for (size_t j = i + 1; j < shown; ++j) {
        const uint32_t x = std::min(g.nodes[i], g.nodes[j]), y = std::max(g.nodes[i], g.nodes[j]);
        const uint64_t k = pair_key(x, y);
        consider(x, y, b.pairs().get(k), a.pairs().get(k));
      }
  } else {
    std::vector<char> in(n, 0);
    for (uint32_t e : g.nodes) in[e] = 1;
    auto split = [](uint64_t k, uint32_t& x, uint32_t& y) {
      x = static_cast<uint32_t>(k >> 32);
      y = static_cast<uint32_t>(k & 0xffffffffu);
    };
    b.pairs().for_each([&](uint64_t k, uint32_t cb) {
      uint32_t x, y;
      split(k, x, y);
      if (x < n && y < n && in[x] && in[y]) consider(x, y, cb, a.pairs().get(k));
    });
    a.pairs().for_each([&](uint64_t k, uint32_t ca) {
      uint32_t x, y;
      split(k, x, y);
      if (x < n && y < n && in[x] && in[y] && b.pairs().get(k) < min_count) consider(x, y, 0, ca);
    });
  }
  g.edges_hidden = b.pairs().size() - std::min(b.pairs().size(), in_b_shown);  // B's links not drawn
  std::sort(g.edges.begin(), g.edges.end(), [](const GraphEdge& x, const GraphEdge& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    const uint32_t mx = std::max(x.count, x.count_a), my = std::max(y.count, y.count_a);
    if (mx != my) return mx > my;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  assign_communities(g);
  return g;
}

// ---------------------------------------------------------------------------------------------
// Bursts
// ---------------------------------------------------------------------------------------------

BurstBins make_bins(const Corpus& corpus, const EntityIndex* index) {
  BurstBins t;
  if (corpus.dated == 0) return t;
  t.first = corpus.date_min;
  t.bin_days = corpus.date_max - corpus.date_min > 180 ? 7 : 1;
  t.articles.assign(static_cast<size_t>((corpus.date_max - corpus.date_min) / t.bin_days) + 1, 0);
  for (size_t k = 0; k < corpus.dated; ++k)
    t.articles[t.bin_of(corpus.articles[corpus.by_date[k]].date)] += index ? index->weight(corpus.by_date[k]) : 1;
  return t;
}

std::vector<Burst> detect_bursts(const std::vector<uint32_t>& r, const std::vector<uint32_t>& n, double s,
                                 double gamma) {
  std::vector<Burst> out;
  const size_t T = std::min(r.size(), n.size());
  double R = 0, N = 0;
  for (size_t t = 0; t < T; ++t) {
    R += r[t];
    N += n[t];
  }
  if (T < 2 || R <= 0 || N <= 0 || R >= N) return out;
  const double p0 = R / N, p1 = std::min(s * p0, 0.9999);
  if (p1 <= p0) return out;
  const double up = gamma * std::log(static_cast<double>(T));
  auto cost = [&](size_t t, double p) {
    if (n[t] == 0) return 0.0;
    return -(r[t] * std::log(p) + (static_cast<double>(n[t]) - r[t]) * std::log1p(-p));
  };
  // Viterbi over two states; back[t][i]: the state at t - 1 on the cheapest path into state i at t.
  std::vector<uint8_t> back(T * 2, 0);
  double c0 = cost(0, p0), c1 = cost(0, p1) + up;  // the sequence starts in the base state
  for (size_t t = 1; t < T; ++t) {
    const double e0 = cost(t, p0), e1 = cost(t, p1);
    const double to0_from0 = c0, to0_from1 = c1;  // leaving a burst is free
    const double to1_from0 = c0 + up, to1_from1 = c1;
    const double n0 = std::min(to0_from0, to0_from1) + e0, n1 = std::min(to1_from0, to1_from1) + e1;
    back[t * 2 + 0] = to0_from1 < to0_from0 ? 1 : 0;
    back[t * 2 + 1] = to1_from1 <= to1_from0 ? 1 : 0;
    c0 = n0;
    c1 = n1;
  }
  std::vector<uint8_t> state(T, 0);
  state[T - 1] = c1 < c0 ? 1 : 0;
  for (size_t t = T - 1; t > 0; --t) state[t - 1] = back[t * 2 + state[t]];
  for (size_t t = 0; t < T;) {
    if (!state[t]) {
      ++t;
      continue;
    }
    Burst b;
    b.begin = static_cast<uint32_t>(t);
    double w = 0;
    while (t < T && state[t]) {
      w += cost(t, p0) - cost(t, p1);
      ++t;
    }
    b.end = static_cast<uint32_t>(t - 1);
    b.weight = w;
    if (w > 0) out.push_back(b);
  }
  return out;
}

std::vector<uint32_t> BurstIndex::dense(uint32_t entity) const {
  std::vector<uint32_t> v(timeline.articles.size(), 0);
  if (entity < series.size())
    for (const auto& [bin, count] : series[entity]) v[bin] = count;
  return v;
}

double BurstIndex::bursting(uint32_t entity, Day from, Day to) const {
  if (timeline.articles.empty() || entity >= of_entity.size()) return 0;
  double w = 0;
  for (uint32_t k : of_entity[entity]) {
    const Burst& b = bursts[k];
    if (burst_from(b) <= to && burst_to(b) >= from) w += b.weight;
  }
  return w;
}

BurstIndex compute_bursts(const Corpus& corpus, const EntityIndex& index, uint32_t min_articles) {
  BurstIndex out;
  out.timeline = make_bins(corpus, &index);
  out.series.resize(index.entities.size());
  out.of_entity.resize(index.entities.size());
  if (out.timeline.articles.empty()) return out;
  std::vector<uint32_t> seen;
  for (size_t k = 0; k < corpus.dated; ++k) {
    const uint32_t a = corpus.by_date[k];
    const uint32_t bin = static_cast<uint32_t>(out.timeline.bin_of(corpus.articles[a].date));
    seen.clear();
    const auto& ms = index.by_article[a];
    for (const Mention& m : ms) seen.push_back(m.entity);
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (uint32_t e : seen) {
      const uint32_t n = index.entity_articles(a, e);  // 1, or a day's articles mentioning it
      auto& s = out.series[e];
      if (!s.empty() && s.back().first == bin) s.back().second += n;
      else s.push_back({bin, n});
    }
  }
  std::vector<uint32_t> r(out.timeline.articles.size(), 0);
  for (uint32_t e = 0; e < out.series.size(); ++e) {
    uint32_t total = 0;
    for (const auto& p : out.series[e]) total += p.second;
    if (total < min_articles) continue;
    std::fill(r.begin(), r.end(), 0);
    for (const auto& [bin, count] : out.series[e]) r[bin] = count;
    for (Burst b : detect_bursts(r, out.timeline.articles)) {
      b.entity = e;
      out.bursts.push_back(b);
    }
  }
  std::sort(out.bursts.begin(), out.bursts.end(), [](const Burst& x, const Burst& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return x.entity != y.entity ? x.entity < y.entity : x.begin < y.begin;
  });
  out.of_entity.resize(index.entities.size());
  for (uint32_t k = 0; k < out.bursts.size(); ++k) out.of_entity[out.bursts[k].entity].push_back(k);
  for (auto& list : out.of_entity)
    std::sort(list.begin(), list.end(),
              [&](uint32_t x, uint32_t y) { return out.bursts[x].begin < out.bursts[y].begin; });
  return out;
}

}  // namespace ae
