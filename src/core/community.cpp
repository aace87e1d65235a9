// community.cpp — Louvain's method. Layer: core.
#include "community.h"

#include <algorithm>
#include <unordered_map>

namespace ae {

namespace {

struct Adjacency {
  std::vector<std::vector<std::pair<uint32_t, double>>> nbrs;  // neighbour, weight (self-loops once)
  std::vector<double> degree;                                  // weighted degree (self-loop counted twice)
  double total = 0;                                            // 2m
};

Adjacency make_adjacency(size_t n, const std::vector<WeightedEdge>& edges) {
  Adjacency g;
  g.nbrs.resize(n);
  g.degree.assign(n, 0);
  for (const WeightedEdge& e : edges) {
    if (e.w <= 0) continue;
    if (e.a == e.b) {
      g.nbrs[e.a].push_back({e.a, e.w});
      g.degree[e.a] += 2 * e.w;
    } else {
      g.nbrs[e.a].push_back({e.b, e.w});
      g.nbrs[e.b].push_back({e.a, e.w});
      g.degree[e.a] += e.w;
      g.degree[e.b] += e.w;
    }
    g.total += 2 * e.w;
  }
  return g;
}

// One level: moves nodes between communities while modularity improves. Returns whether any moved.
bool local_moving(const Adjacency& g, std::vector<uint32_t>& comm) {
  const size_t n = g.nbrs.size();
  std::vector<double> tot(n, 0);  // total degree per community
  for (size_t i = 0; i < n; ++i) tot[comm[i]] += g.degree[i];
  bool any = false, improved = true;
  std::unordered_map<uint32_t, double> links;
  int rounds = 0;
  while (improved && rounds++ < 100) {
    improved = false;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t own = comm[i];
      links.clear();
      for (const auto& [j, w] : g.nbrs[i])
        if (j != i) links[comm[j]] += w;
      tot[own] -= g.degree[i];
      // Gain of joining community c: links_c - tot_c * k_i / 2m.
      uint32_t best = own;
      double best_gain = (links.count(own) ? links[own] : 0) - tot[own] * g.degree[i] / g.total;
      std::vector<std::pair<uint32_t, double>> cand(links.begin(), links.end());
      std::sort(cand.begin(), cand.end());  // deterministic order
      for (const auto& [c, l] : cand) {
        const double gain = l - tot[c] * g.degree[i] / g.total;
        if (gain > best_gain + 1e-12) {
          best_gain = gain;
          best = c;
        }
      }
      tot[best] += g.degree[i];
      if (best != own) {
        comm[i] = best;
        improved = any = true;
      }
    }
  }
  return any;
}

std::vector<uint32_t> renumber(std::vector<uint32_t>& comm) {
  std::unordered_map<uint32_t, uint32_t> ids;
  for (uint32_t& c : comm) {
    auto it = ids.emplace(c, static_cast<uint32_t>(ids.size())).first;
    c = it->second;
  }
  return comm;
}

}  // namespace

std::vector<uint32_t> louvain(size_t n, const std::vector<WeightedEdge>& edges) {
  std::vector<uint32_t> result(n);
  for (size_t i = 0; i < n; ++i) result[i] = static_cast<uint32_t>(i);
  if (n == 0) return result;
  std::vector<WeightedEdge> level_edges = edges;
  size_t level_n = n;
  std::vector<uint32_t> node_of(n);  // original node -> node of the current level
  for (size_t i = 0; i < n; ++i) node_of[i] = static_cast<uint32_t>(i);
  for (int level = 0; level < 32; ++level) {
    const Adjacency g = make_adjacency(level_n, level_edges);
    if (g.total <= 0) break;
    std::vector<uint32_t> comm(level_n);
    for (size_t i = 0; i < level_n; ++i) comm[i] = static_cast<uint32_t>(i);
    if (!local_moving(g, comm)) break;
    renumber(comm);
    const uint32_t communities = comm.empty() ? 0 : *std::max_element(comm.begin(), comm.end()) + 1;
    for (size_t i = 0; i < n; ++i) node_of[i] = comm[node_of[i]];
    // Aggregate: one node per community, edge weights summed.
    std::unordered_map<uint64_t, double> agg;
    for (const WeightedEdge& e : level_edges) {
      uint32_t a = comm[e.a], b = comm[e.b];
      if (a > b) std::swap(a, b);
      agg[(static_cast<uint64_t>(a) << 32) | b] += e.w;
    }
    level_edges.clear();
    for (const auto& [k, w] : agg)
      level_edges.push_back({static_cast<uint32_t>(k >> 32), static_cast<uint32_t>(k & 0xffffffffu), w});
    std::sort(level_edges.begin(), level_edges.end(),
              [](const WeightedEdge& x, const WeightedEdge& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
    if (communities == level_n) break;
    level_n = communities;
  }
  result = node_of;
  renumber(result);
  return result;
}

double modularity(size_t n, const std::vector<WeightedEdge>& edges, const std::vector<uint32_t>& community) {
  const Adjacency g = make_adjacency(n, edges);
  if (g.total <= 0) return 0;
  std::unordered_map<uint32_t, double> in, tot;
  for (const WeightedEdge& e : edges) {
    if (community[e.a] == community[e.b]) in[community[e.a]] += 2 * e.w;
  }
  for (size_t i = 0; i < n; ++i) tot[community[i]] += g.degree[i];
  double q = 0;
  for (const auto& [c, t] : tot) q += (in.count(c) ? in[c] : 0) / g.total - (t / g.total) * (t / g.total);
  return q;
}

}  // namespace ae
