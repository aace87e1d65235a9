// layout.cpp — ForceAtlas2 with a Barnes–Hut quadtree. Layer: core.
#include "layout.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace ae {

ForceAtlas2::ForceAtlas2(LayoutSettings settings) : settings_(settings), rng_(settings.seed ? settings.seed : 1) {}

namespace {
// Length of (x, y): forces here are far from overflow, so no need for std::hypot's scaling.
inline double length(double x, double y) { return std::sqrt(x * x + y * y); }
}  // namespace

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
  ++revision_;
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

// Interleaves the bits of two 16-bit numbers: x in the even bits, y in the odd ones.
uint32_t morton(uint32_t x, uint32_t y) {
  auto spread = [](uint32_t v) {
    v &= 0xFFFF;
    v = (v | (v << 8)) & 0x00FF00FF;
    v = (v | (v << 4)) & 0x0F0F0F0F;
    v = (v | (v << 2)) & 0x33333333;
    v = (v | (v << 1)) & 0x55555555;
    return v;
  };
  return spread(x) | (spread(y) << 1);
}

}  // namespace

// Barnes–Hut. The quadtree is built straight in depth-first order from the bodies sorted along a
// Z-order curve (a cell is a run of consecutive bodies; centres of mass come from prefix sums), so a
// walk is one forward loop: accept a cell and jump past its subtree, or step into its first child.
// Cells with a single occupied quadrant are not emitted (their child stands for them); leaves hold
// up to kLeafBodies bodies (more at the deepest level), met one by one.
void ForceAtlas2::repulsion_barnes_hut() {
  constexpr size_t kLeafBodies = 4;
  constexpr int kLevels = 16;
  const size_t n = x_.size();
  double x0, y0, x1, y1;
  bounds(x0, y0, x1, y1);
  const double size = std::max(x1 - x0, y1 - y0) + 1e-9;
  const double q = 65536.0 / size;
  keyed_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t qx = static_cast<uint32_t>(std::min(65535.0, std::max(0.0, (x_[i] - x0) * q)));
    const uint32_t qy = static_cast<uint32_t>(std::min(65535.0, std::max(0.0, (y_[i] - y0) * q)));
    keyed_[i] = (static_cast<uint64_t>(morton(qx, qy)) << 32) | i;
  }
  std::sort(keyed_.begin(), keyed_.end());
  bx_.resize(n);
  by_.resize(n);
  bm_.resize(n);
  sum_m_.assign(n + 1, 0);
  sum_x_.assign(n + 1, 0);
  sum_y_.assign(n + 1, 0);
  for (size_t k = 0; k < n; ++k) {
    const size_t i = static_cast<uint32_t>(keyed_[k]);
    bx_[k] = static_cast<float>(x_[i]);
    by_[k] = static_cast<float>(y_[i]);
    bm_[k] = static_cast<float>(mass_[i]);
    sum_m_[k + 1] = sum_m_[k] + mass_[i];
    sum_x_[k + 1] = sum_x_[k] + mass_[i] * x_[i];
    sum_y_[k + 1] = sum_y_[k] + mass_[i] * y_[i];
  }
  const double theta2 = settings_.barnes_hut_theta * settings_.barnes_hut_theta;
  flat_.clear();
  auto centre = [&](size_t lo, size_t hi, float& cx, float& cy, float& m) {
    const double mm = sum_m_[hi] - sum_m_[lo];
    cx = static_cast<float>((sum_x_[hi] - sum_x_[lo]) / mm);
    cy = static_cast<float>((sum_y_[hi] - sum_y_[lo]) / mm);
    m = static_cast<float>(mm);
  };
  // build(lo, hi, level): the bodies [lo, hi) share the top 2*level bits of their keys.
  auto build = [&](auto&& self, size_t lo, size_t hi, int level) -> void {
    if (hi - lo <= kLeafBodies || level == kLevels) {
      FlatCell leaf{0,
                    0,
                    0,
                    0,
                    static_cast<int32_t>(flat_.size() + 1),
                    static_cast<uint32_t>(lo),
                    static_cast<uint32_t>(hi - lo)};
      centre(lo, hi, leaf.cx, leaf.cy, leaf.mass);
      flat_.push_back(leaf);
      return;
    }
    // Split [lo, hi) by the two key bits of this level.
    const int shift = 32 + 30 - 2 * level;
    size_t cut[5] = {lo, lo, lo, lo, hi};
    for (int quad = 1; quad < 4; ++quad) {
      size_t a = cut[quad - 1], b = hi;
      while (a < b) {
        const size_t mid = (a + b) / 2;
        if (static_cast<int>((keyed_[mid] >> shift) & 3) < quad) a = mid + 1;
        else b = mid;
      }
      cut[quad] = a;
    }
    int occupied = 0;
    for (int quad = 0; quad < 4; ++quad) occupied += cut[quad + 1] > cut[quad];
    if (occupied == 1) {
      self(self, lo, hi, level + 1);
      return;
    }
    const size_t at = flat_.size();
    const double cell_size = size / static_cast<double>(1u << level);
    FlatCell inner{0, 0, 0, static_cast<float>(cell_size * cell_size / theta2), 0, 0, 0};
    centre(lo, hi, inner.cx, inner.cy, inner.mass);
    flat_.push_back(inner);
    for (int quad = 0; quad < 4; ++quad)
      if (cut[quad + 1] > cut[quad]) self(self, cut[quad], cut[quad + 1], level + 1);
    flat_[at].skip = static_cast<int32_t>(flat_.size());
  };
  if (n) build(build, 0, n, 0);

  const double kr = settings_.scaling;
  const FlatCell* cell = flat_.data();
  const float* px = bx_.data();
  const float* py = by_.data();
  const float* pm = bm_.data();
  const int cells = static_cast<int>(flat_.size());
  for (size_t k = 0; k < n; ++k) {  // bodies in curve order: neighbours walk similar paths
    const float xi = px[k], yi = py[k];
    float fx = 0, fy = 0;
    int c = 0;
    while (c < cells) {
      const FlatCell& cl = cell[c];
      if (cl.count) {  // a leaf: its bodies one by one (not itself, nor one on the very same spot)
        for (uint32_t j = cl.first, end = cl.first + cl.count; j < end; ++j) {
          const float ddx = xi - px[j], ddy = yi - py[j];
          const float d2 = ddx * ddx + ddy * ddy;
          if (!(d2 > 0)) continue;
          const float f = pm[j] / d2;
          fx += ddx * f;
          fy += ddy * f;
        }
        ++c;
        continue;
      }
      const float ddx = xi - cl.cx, ddy = yi - cl.cy;
      const float d2 = ddx * ddx + ddy * ddy;
      if (d2 > cl.open2) {  // far enough: the cell's whole mass at its centre
        const float f = cl.mass / d2;
        fx += ddx * f;
        fy += ddy * f;
        c = cl.skip;
      } else {
        ++c;
      }
    }
    const size_t i = static_cast<uint32_t>(keyed_[k]);
    const double mi = kr * mass_[i];
    dx_[i] += mi * fx;
    dy_[i] += mi * fy;
  }
}

template <typename Weight>
void ForceAtlas2::attract(Weight weight) {
  const double* px = x_.data();
  const double* py = y_.data();
  double* fx = dx_.data();
  double* fy = dy_.data();
  const bool lin_log = settings_.lin_log;
  for (const Edge& e : edges_) {
    const double ddx = px[e.a] - px[e.b], ddy = py[e.a] - py[e.b];
    const double w = weight(e.w);
    double f = -w;
    if (lin_log) {
      const double d = std::sqrt(ddx * ddx + ddy * ddy);
      if (d <= 0) continue;
      f = -w * std::log(1 + d) / d;
    }
    fx[e.a] += ddx * f;
    fy[e.a] += ddy * f;
    fx[e.b] -= ddx * f;
    fy[e.b] -= ddy * f;
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
    // Attraction along edges, one loop per kind of weight: with the test inside the loop the
    // compiler turned it into a select and called pow for every edge.
    if (settings_.edge_weight_influence == 1.0) attract([](double w) { return w; });
    else attract([p = settings_.edge_weight_influence](double w) { return std::pow(w, p); });
    // Adaptive speed (Gephi's ForceAtlas2).
    double swinging = 0, traction = 0;
    for (size_t i = 0; i < n; ++i) {
      if (pinned_[i]) continue;
      swinging += mass_[i] * length(old_dx_[i] - dx_[i], old_dy_[i] - dy_[i]);
      traction += mass_[i] * 0.5 * length(old_dx_[i] + dx_[i], old_dy_[i] + dy_[i]);
    }
    const double nn = static_cast<double>(n);
    const double estimated = 0.05 * std::sqrt(nn);
    const double min_jt = std::sqrt(estimated), max_jt = 10;
    double jt = settings_.jitter_tolerance * std::max(min_jt, std::min(max_jt, estimated * traction / (nn * nn)));
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
      const double sw = mass_[i] * length(old_dx_[i] - dx_[i], old_dy_[i] - dy_[i]);
      double factor = speed_ / (1.0 + std::sqrt(speed_ * sw));
      // Never jump further than 10 units per iteration relative to the force (keeps it stable).
      const double fl = length(dx_[i], dy_[i]);
      if (fl * factor > 10.0 * std::sqrt(mass_[i]) * 10.0) factor = 100.0 * std::sqrt(mass_[i]) / fl;
      x_[i] += dx_[i] * factor;
      y_[i] += dy_[i] * factor;
      moved += length(dx_[i] * factor, dy_[i] * factor);
    }
    ++iterations_;
    ++revision_;
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
  ++revision_;
  converged_ = false;
  calm_iterations_ = 0;
}

void ForceAtlas2::unpin_all() {
  std::fill(pinned_.begin(), pinned_.end(), 0);
  ++revision_;
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
