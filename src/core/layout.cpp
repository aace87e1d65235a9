// layout.cpp — ForceAtlas2 with a Barnes–Hut quadtree. Layer: core.
#include "layout.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace ae {

ForceAtlas2::ForceAtlas2(LayoutSettings settings) : settings_(settings), rng_(settings.seed ? settings.seed : 1) {}

uint32_t ForceAtlas2::next_random() {
  rng_ ^= rng_ << 13;
  rng_ ^= rng_ >> 17;
  rng_ ^= rng_ << 5;
  return rng_;
}

size_t ForceAtlas2::index_of(uint32_t entity) const {
  auto it = index_.find(entity);
  return it == index_.end() ? SIZE_MAX : it->second;
}

void ForceAtlas2::set_graph(const Graph& g) {
  // Remember where the current nodes are.
  for (size_t i = 0; i < nodes_.size(); ++i) remembered_[nodes_[i]] = {x_[i], y_[i]};
  std::unordered_map<uint32_t, char> was_pinned;
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (pinned_[i]) was_pinned[nodes_[i]] = 1;
  const size_t n = g.nodes.size();
  nodes_ = g.nodes;
  index_.clear();
  for (size_t i = 0; i < n; ++i) index_[nodes_[i]] = i;
  x_.assign(n, 0);
  y_.assign(n, 0);
  dx_.assign(n, 0);
  dy_.assign(n, 0);
  old_dx_.assign(n, 0);
  old_dy_.assign(n, 0);
  mass_.assign(n, 1);
  pinned_.assign(n, 0);
  edges_.clear();
  for (const GraphEdge& e : g.edges) {
    const size_t a = index_of(e.a), b = index_of(e.b);
    if (a == SIZE_MAX || b == SIZE_MAX) continue;
    const double w = e.weight > 1.0 ? e.weight : 1.0 + std::max(0.0, e.weight);
    edges_.push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(b), w});
    mass_[a] += 1;
    mass_[b] += 1;
  }
  // Known nodes keep their place; new ones go next to placed neighbours.
  std::vector<char> placed(n, 0);
  double extent = 1;
  for (size_t i = 0; i < n; ++i) {
    auto it = remembered_.find(nodes_[i]);
    if (it != remembered_.end()) {
      x_[i] = it->second.first;
      y_[i] = it->second.second;
      placed[i] = 1;
      extent = std::max(extent, std::max(std::fabs(x_[i]), std::fabs(y_[i])));
      if (was_pinned.count(nodes_[i])) pinned_[i] = 1;
    }
  }
  std::vector<double> sx(n, 0), sy(n, 0), cnt(n, 0);
  for (const Edge& e : edges_) {
    if (placed[e.a] && !placed[e.b]) {
      sx[e.b] += x_[e.a];
      sy[e.b] += y_[e.a];
      cnt[e.b] += 1;
    }
    if (placed[e.b] && !placed[e.a]) {
      sx[e.a] += x_[e.b];
      sy[e.a] += y_[e.b];
      cnt[e.a] += 1;
    }
  }
  const double spread = std::max(10.0, std::sqrt(static_cast<double>(n)) * 10.0);
  for (size_t i = 0; i < n; ++i) {
    if (placed[i]) continue;
    const double jx = (next_random() % 2001 / 1000.0 - 1.0), jy = (next_random() % 2001 / 1000.0 - 1.0);
    if (cnt[i] > 0) {
      x_[i] = sx[i] / cnt[i] + jx * extent * 0.05;
      y_[i] = sy[i] / cnt[i] + jy * extent * 0.05;
    } else {
      x_[i] = jx * spread;
      y_[i] = jy * spread;
    }
  }
  converged_ = false;
  calm_iterations_ = 0;
  speed_ = 1.0;
  speed_efficiency_ = 1.0;
}

void ForceAtlas2::repulsion_exact() {
  const size_t n = x_.size();
  const double kr = settings_.scaling;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      const double ddx = x_[i] - x_[j], ddy = y_[i] - y_[j];
      const double d2 = ddx * ddx + ddy * ddy;
      if (d2 <= 0) continue;
      const double f = kr * mass_[i] * mass_[j] / d2;  // (k m1 m2 / d) along the unit vector
      dx_[i] += ddx * f;
      dy_[i] += ddy * f;
      dx_[j] -= ddx * f;
      dy_[j] -= ddy * f;
    }
}

namespace {

// Quadtree cell: centre of mass, total mass, children (or one body).
struct Cell {
  double cx = 0, cy = 0, mass = 0;
  double x0, y0, size;
  int child[4] = {-1, -1, -1, -1};
  int body = -1;  // a single node, when a leaf
  bool leaf = true;
};

}  // namespace

void ForceAtlas2::repulsion_barnes_hut() {
  const size_t n = x_.size();
  double x0, y0, x1, y1;
  bounds(x0, y0, x1, y1);
  const double size = std::max(x1 - x0, y1 - y0) + 1e-9;
  std::vector<Cell> cells;
  cells.reserve(n * 2 + 1);
  cells.push_back(Cell{0, 0, 0, x0, y0, size, {-1, -1, -1, -1}, -1, true});
  auto quadrant = [&](const Cell& c, double px, double py) {
    const double h = c.size / 2;
    return (px >= c.x0 + h ? 1 : 0) + (py >= c.y0 + h ? 2 : 0);
  };
  auto make_child = [&](int parent, int q) {
    const Cell& c = cells[static_cast<size_t>(parent)];
    const double h = c.size / 2;
    Cell child{0, 0, 0, c.x0 + (q & 1 ? h : 0), c.y0 + (q & 2 ? h : 0), h, {-1, -1, -1, -1}, -1, true};
    cells.push_back(child);
    return static_cast<int>(cells.size() - 1);
  };
  for (size_t i = 0; i < n; ++i) {
    int c = 0;
    for (int depth = 0;; ++depth) {
      Cell& cell = cells[static_cast<size_t>(c)];
      // Update centre of mass on the way down.
      const double m = cell.mass + mass_[i];
      cell.cx = (cell.cx * cell.mass + x_[i] * mass_[i]) / m;
      cell.cy = (cell.cy * cell.mass + y_[i] * mass_[i]) / m;
      cell.mass = m;
      if (cell.leaf) {
        if (cell.body < 0 && m == mass_[i]) {
          cell.body = static_cast<int>(i);
          break;
        }
        if (depth > 40) break;  // coincident points: keep them together in this leaf
        // Split: push the resident body one level down.
        const int resident = cell.body;
        cells[static_cast<size_t>(c)].leaf = false;
        cells[static_cast<size_t>(c)].body = -1;
        if (resident >= 0) {
          const int q = quadrant(cells[static_cast<size_t>(c)], x_[static_cast<size_t>(resident)], y_[static_cast<size_t>(resident)]);
          const int ch = make_child(c, q);
          cells[static_cast<size_t>(c)].child[q] = ch;
          Cell& rc = cells[static_cast<size_t>(ch)];
          rc.body = resident;
          rc.mass = mass_[static_cast<size_t>(resident)];
          rc.cx = x_[static_cast<size_t>(resident)];
          rc.cy = y_[static_cast<size_t>(resident)];
        }
      }
      const int q = quadrant(cells[static_cast<size_t>(c)], x_[i], y_[i]);
      int next = cells[static_cast<size_t>(c)].child[q];
      if (next < 0) {
        next = make_child(c, q);
        cells[static_cast<size_t>(c)].child[q] = next;
      }
      c = next;
    }
  }
  const double kr = settings_.scaling, theta2 = settings_.barnes_hut_theta * settings_.barnes_hut_theta;
  std::vector<int> stack;
  for (size_t i = 0; i < n; ++i) {
    stack.assign(1, 0);
    while (!stack.empty()) {
      const Cell& c = cells[static_cast<size_t>(stack.back())];
      stack.pop_back();
      if (c.mass <= 0) continue;
      const double ddx = x_[i] - c.cx, ddy = y_[i] - c.cy;
      const double d2 = ddx * ddx + ddy * ddy;
      if (c.leaf || c.size * c.size < theta2 * d2) {
        if (c.leaf && c.body == static_cast<int>(i)) continue;
        if (d2 <= 0) continue;
        const double f = kr * mass_[i] * c.mass / d2;
        dx_[i] += ddx * f;
        dy_[i] += ddy * f;
        continue;
      }
      for (int q = 0; q < 4; ++q)
        if (c.child[q] >= 0) stack.push_back(c.child[q]);
    }
  }
}

int ForceAtlas2::run(int iterations) {
  const size_t n = x_.size();
  if (n == 0) {
    converged_ = true;
    return 0;
  }
  int done = 0;
  for (; done < iterations && !converged_; ++done) {
    const auto t0 = std::chrono::steady_clock::now();
    old_dx_.swap(dx_);
    old_dy_.swap(dy_);
    std::fill(dx_.begin(), dx_.end(), 0.0);
    std::fill(dy_.begin(), dy_.end(), 0.0);
    if (settings_.barnes_hut && n > settings_.barnes_hut_min) repulsion_barnes_hut();
    else repulsion_exact();
    // Gravity towards the origin.
    for (size_t i = 0; i < n; ++i) {
      const double d = std::sqrt(x_[i] * x_[i] + y_[i] * y_[i]);
      if (d <= 0) continue;
      const double f = settings_.strong_gravity ? settings_.gravity * mass_[i] : settings_.gravity * mass_[i] / d;
      dx_[i] -= x_[i] * f;
      dy_[i] -= y_[i] * f;
    }
    // Attraction along edges.
    for (const Edge& e : edges_) {
      const double ddx = x_[e.a] - x_[e.b], ddy = y_[e.a] - y_[e.b];
      double w = settings_.edge_weight_influence == 1.0 ? e.w : std::pow(e.w, settings_.edge_weight_influence);
      double f;
      if (settings_.lin_log) {
        const double d = std::sqrt(ddx * ddx + ddy * ddy);
        if (d <= 0) continue;
        f = -w * std::log(1 + d) / d;
      } else {
        f = -w;
      }
      dx_[e.a] += ddx * f;
      dy_[e.a] += ddy * f;
      dx_[e.b] -= ddx * f;
      dy_[e.b] -= ddy * f;
    }
    // Adaptive speed (Gephi's ForceAtlas2).
    double swinging = 0, traction = 0;
    for (size_t i = 0; i < n; ++i) {
      if (pinned_[i]) continue;
      swinging += mass_[i] * std::hypot(old_dx_[i] - dx_[i], old_dy_[i] - dy_[i]);
      traction += mass_[i] * 0.5 * std::hypot(old_dx_[i] + dx_[i], old_dy_[i] + dy_[i]);
    }
    const double nn = static_cast<double>(n);
    const double estimated = 0.05 * std::sqrt(nn);
    const double min_jt = std::sqrt(estimated), max_jt = 10;
    double jt = settings_.jitter_tolerance *
                std::max(min_jt, std::min(max_jt, estimated * traction / (nn * nn)));
    const double min_efficiency = 0.05;
    if (traction > 0 && swinging / traction > 2.0) {
      if (speed_efficiency_ > min_efficiency) speed_efficiency_ *= 0.5;
      jt = std::max(jt, settings_.jitter_tolerance);
    }
    const double target = swinging > 0 ? jt * speed_efficiency_ * traction / swinging : speed_;
    if (swinging > jt * traction) {
      if (speed_efficiency_ > min_efficiency) speed_efficiency_ *= 0.7;
    } else if (speed_ < 1000) {
      speed_efficiency_ *= 1.3;
    }
    speed_ = speed_ + std::min(target - speed_, 0.5 * speed_);
    // Move.
    double moved = 0;
    for (size_t i = 0; i < n; ++i) {
      if (pinned_[i]) continue;
      const double sw = mass_[i] * std::hypot(old_dx_[i] - dx_[i], old_dy_[i] - dy_[i]);
      double factor = speed_ / (1.0 + std::sqrt(speed_ * sw));
      // Never jump further than 10 units per iteration relative to the force (keeps it stable).
      const double fl = std::hypot(dx_[i], dy_[i]);
      if (fl * factor > 10.0 * std::sqrt(mass_[i]) * 10.0) factor = 100.0 * std::sqrt(mass_[i]) / fl;
      x_[i] += dx_[i] * factor;
      y_[i] += dy_[i] * factor;
      moved += std::hypot(dx_[i] * factor, dy_[i] * factor);
    }
    ++iterations_;
    double bx0, by0, bx1, by1;
    bounds(bx0, by0, bx1, by1);
    const double extent = std::max(1e-9, std::max(bx1 - bx0, by1 - by0));
    if (moved / nn < settings_.converged_below * extent) {
      if (++calm_iterations_ >= 10) converged_ = true;
    } else {
      calm_iterations_ = 0;
    }
    last_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  return done;
}

void ForceAtlas2::place(size_t i, double x, double y, bool pin) {
  if (i >= x_.size()) return;
  x_[i] = x;
  y_[i] = y;
  pinned_[i] = pin ? 1 : 0;
  converged_ = false;
  calm_iterations_ = 0;
}

void ForceAtlas2::unpin_all() {
  std::fill(pinned_.begin(), pinned_.end(), 0);
  converged_ = false;
}

void ForceAtlas2::bounds(double& x0, double& y0, double& x1, double& y1) const {
  x0 = y0 = 1e300;
  x1 = y1 = -1e300;
  for (size_t i = 0; i < x_.size(); ++i) {
    x0 = std::min(x0, x_[i]);
    y0 = std::min(y0, y_[i]);
    x1 = std::max(x1, x_[i]);
    y1 = std::max(y1, y_[i]);
  }
  if (x_.empty()) x0 = y0 = x1 = y1 = 0;
}

}  // namespace ae
