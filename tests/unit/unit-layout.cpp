// unit-layout.cpp — ForceAtlas2: finite and bounded positions, convergence on small graphs,
// determinism with a seed, warm starts, clusters drawn apart, Barnes–Hut close to the exact forces.
#include <doctest/doctest.h>

#include <cmath>

#include "layout.h"

using namespace ae;

namespace {

// Two 6-cliques joined by one edge; entity ids 0..11.
Graph two_cliques() {
  Graph g;
  for (uint32_t i = 0; i < 12; ++i) g.nodes.push_back(i);
  for (uint32_t c = 0; c < 2; ++c)
    for (uint32_t i = 0; i < 6; ++i)
      for (uint32_t j = i + 1; j < 6; ++j) g.edges.push_back({c * 6 + i, c * 6 + j, 3, 3});
  g.edges.push_back({0, 6, 1, 1});
  return g;
}

Graph ring(uint32_t n) {
  Graph g;
  for (uint32_t i = 0; i < n; ++i) g.nodes.push_back(i);
  for (uint32_t i = 0; i < n; ++i) g.edges.push_back({i, (i + 1) % n, 1, 1});
  return g;
}

double dist(const ForceAtlas2& f, uint32_t a, uint32_t b) {
  const size_t i = f.index_of(a), j = f.index_of(b);
  return std::hypot(f.x(i) - f.x(j), f.y(i) - f.y(j));
}

}  // namespace

TEST_CASE("positions stay finite and bounded, and a small graph converges") {
  ForceAtlas2 f;
  f.set_graph(two_cliques());
  const int ran = f.run(5000);
  CHECK(f.converged());
  CHECK(ran < 5000);
  for (size_t i = 0; i < f.size(); ++i) {
    REQUIRE(std::isfinite(f.x(i)));
    REQUIRE(std::isfinite(f.y(i)));
    CHECK(std::fabs(f.x(i)) < 1e4);
    CHECK(std::fabs(f.y(i)) < 1e4);
  }
}

TEST_CASE("communities are drawn apart: within a clique nodes are closer than across") {
  ForceAtlas2 f;
  f.set_graph(two_cliques());
  f.run(3000);
  double within = 0, across = 0;
  int nw = 0, na = 0;
  for (uint32_t a = 1; a < 12; ++a)
    for (uint32_t b = a + 1; b < 12; ++b) {
      if (a == 6 || b == 6) continue;  // the bridge's end
      if ((a < 6) == (b < 6)) within += dist(f, a, b), ++nw;
      else across += dist(f, a, b), ++na;
    }
  CHECK(within / nw < 0.6 * (across / na));
}

TEST_CASE("the same seed gives the same layout") {
  ForceAtlas2 a(LayoutSettings{}), b(LayoutSettings{});
  a.set_graph(ring(30));
  b.set_graph(ring(30));
  a.run(200);
  b.run(200);
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a.x(i) == b.x(i));
    CHECK(a.y(i) == b.y(i));
  }
  LayoutSettings other;
  other.seed = 99;
  ForceAtlas2 c(other);
  c.set_graph(ring(30));
  c.run(200);
  bool differs = false;
  for (size_t i = 0; i < a.size(); ++i) differs |= a.x(i) != c.x(i);
  CHECK(differs);
}

TEST_CASE("warm start: nodes that stay keep their place, new nodes start next to their neighbours") {
  ForceAtlas2 f;
  Graph g = ring(10);
  f.set_graph(g);
  f.run(500);
  const double x3 = f.x(f.index_of(3)), y3 = f.y(f.index_of(3));
  g.nodes.push_back(100);
  g.edges.push_back({3, 100, 1, 1});
  f.set_graph(g);
  CHECK(f.x(f.index_of(3)) == x3);
  CHECK(f.y(f.index_of(3)) == y3);
  double x0, y0, x1, y1;
  f.bounds(x0, y0, x1, y1);
  CHECK(dist(f, 3, 100) < 0.2 * std::max(x1 - x0, y1 - y0) + 1e-9);
  // A pinned node does not move.
  f.place(f.index_of(5), 42, -7, true);
  f.run(100);
  CHECK(f.x(f.index_of(5)) == 42);
  CHECK(f.y(f.index_of(5)) == -7);
}

TEST_CASE("Barnes–Hut on a larger graph: finite, converging to a layout of similar extent as the exact forces") {
  Graph g = ring(400);
  for (uint32_t i = 0; i < 400; i += 7) g.edges.push_back({i, (i * 13 + 5) % 400, 1, 1});
  LayoutSettings bh, exact;
  exact.barnes_hut = false;
  ForceAtlas2 a(bh), b(exact);
  a.set_graph(g);
  b.set_graph(g);
  a.run(300);
  b.run(300);
  double ax0, ay0, ax1, ay1, bx0, by0, bx1, by1;
  a.bounds(ax0, ay0, ax1, ay1);
  b.bounds(bx0, by0, bx1, by1);
  for (size_t i = 0; i < a.size(); ++i) REQUIRE(std::isfinite(a.x(i)));
  const double ea = std::max(ax1 - ax0, ay1 - ay0), eb = std::max(bx1 - bx0, by1 - by0);
  CHECK(ea > 0.5 * eb);
  CHECK(ea < 2.0 * eb);
}

TEST_CASE("Barnes–Hut repulsion follows the exact one: one step from the same positions moves nodes alike") {
  Graph g;  // no links and no gravity: the step is the repulsion alone
  for (uint32_t i = 0; i < 600; ++i) g.nodes.push_back(i);
  LayoutSettings bh, exact;
  bh.gravity = exact.gravity = 0;
  exact.barnes_hut = false;
  ForceAtlas2 a(bh), b(exact);
  a.set_graph(g);
  b.set_graph(g);
  for (size_t i = 0; i < a.size(); ++i) REQUIRE(a.x(i) == b.x(i));
  std::vector<double> x0(a.size()), y0(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    x0[i] = a.x(i);
    y0[i] = a.y(i);
  }
  a.run(1);
  b.run(1);
  size_t close = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const double ax = a.x(i) - x0[i], ay = a.y(i) - y0[i], bx = b.x(i) - x0[i], by = b.y(i) - y0[i];
    const double err = std::hypot(ax - bx, ay - by), len = std::hypot(bx, by);
    if (err <= 0.1 * len + 1e-9) ++close;
  }
  CHECK(close >= a.size() * 9 / 10);
}

TEST_CASE("Barnes–Hut with nodes on the very same spot: positions stay finite and they separate") {
  Graph g = ring(300);
  ForceAtlas2 f;
  f.set_graph(g);
  for (size_t i = 0; i < 40; ++i) f.place(i, 5.0, 5.0, false);  // 40 nodes stacked on one point
  f.run(50);
  for (size_t i = 0; i < f.size(); ++i) {
    REQUIRE(std::isfinite(f.x(i)));
    REQUIRE(std::isfinite(f.y(i)));
  }
  CHECK(dist(f, 0, 20) > 0);
}
