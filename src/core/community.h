// community.h — Louvain community detection on a weighted undirected graph. Layer: core.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ae {

struct WeightedEdge {
  uint32_t a, b;  // node indices 0..n-1
  double w;       // > 0
};

// Communities by Louvain's method (local moving, then aggregation, repeated while modularity grows).
// Returns a community id per node, numbered 0.. in order of first node; deterministic (nodes are
// visited in index order). O(m) per pass, a few passes in practice.
std::vector<uint32_t> louvain(size_t n, const std::vector<WeightedEdge>& edges);

// Newman's modularity of a partition.
double modularity(size_t n, const std::vector<WeightedEdge>& edges, const std::vector<uint32_t>& community);

}  // namespace ae
