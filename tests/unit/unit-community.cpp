// unit-community.cpp — Louvain on graphs whose communities are known.
#include <doctest/doctest.h>

#include <set>

#include "community.h"

using namespace ae;

namespace {
// k cliques of size s, consecutive cliques joined by one light edge (a ring of cliques).
std::vector<WeightedEdge> ring_of_cliques(uint32_t k, uint32_t s) {
  std::vector<WeightedEdge> e;
  for (uint32_t c = 0; c < k; ++c) {
    for (uint32_t i = 0; i < s; ++i)
      for (uint32_t j = i + 1; j < s; ++j) e.push_back({c * s + i, c * s + j, 1.0});
    e.push_back({c * s, ((c + 1) % k) * s + 1, 0.5});
  }
  return e;
}
}  // namespace

TEST_CASE("two cliques joined by one edge are two communities") {
  std::vector<WeightedEdge> e;
  for (uint32_t c = 0; c < 2; ++c)
    for (uint32_t i = 0; i < 5; ++i)
      for (uint32_t j = i + 1; j < 5; ++j) e.push_back({c * 5 + i, c * 5 + j, 2.0});
  e.push_back({0, 5, 1.0});
  const auto comm = louvain(10, e);
  for (uint32_t i = 1; i < 5; ++i) CHECK(comm[i] == comm[0]);
  for (uint32_t i = 6; i < 10; ++i) CHECK(comm[i] == comm[5]);
  CHECK(comm[0] != comm[5]);
  CHECK(comm[0] == 0);  // numbered in order of first node
  CHECK(modularity(10, e, comm) > 0.4);
}

TEST_CASE("a ring of 8 cliques is found clique by clique (aggregation levels included)") {
  const auto e = ring_of_cliques(8, 6);
  const auto comm = louvain(48, e);
  std::set<uint32_t> ids(comm.begin(), comm.end());
  CHECK(ids.size() == 8);
  for (uint32_t c = 0; c < 8; ++c)
    for (uint32_t i = 1; i < 6; ++i) CHECK(comm[c * 6 + i] == comm[c * 6]);
  std::vector<uint32_t> one(48, 0);
  CHECK(modularity(48, e, comm) > modularity(48, e, one));
}

TEST_CASE("edge cases: no edges, isolated nodes, determinism") {
  CHECK(louvain(0, {}).empty());
  const auto lone = louvain(3, {});
  CHECK(lone == std::vector<uint32_t>{0, 1, 2});
  const auto e = ring_of_cliques(5, 4);
  CHECK(louvain(20, e) == louvain(20, e));
}
