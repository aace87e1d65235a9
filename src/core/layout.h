// layout.h — ForceAtlas2 layout of the co-occurrence graph: linear (or LinLog) attraction along
// edges, repulsion scaled by degree (Barnes–Hut approximation for large graphs), gravity, and Gephi's
// adaptive speed. Bounded work per call; warm starts keep nodes where they were. Layer: core.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "cooccurrence.h"

namespace ae {

struct LayoutSettings {
  double scaling = 2.0;                // repulsion strength k_r
  double gravity = 1.0;                // pull towards the centre, scaled by degree
  bool strong_gravity = false;         // gravity grows with distance
  bool lin_log = false;                // log(1 + d) attraction: tighter clusters
  double edge_weight_influence = 1.0;  // attraction uses weight^influence
  double jitter_tolerance = 1.0;
  bool barnes_hut = true;  // used when the graph has more than barnes_hut_min nodes
  size_t barnes_hut_min = 200;
  double barnes_hut_theta = 1.2;
  double converged_below = 0.002;  // mean displacement per node, relative to the layout's extent
  uint32_t seed = 1;
};

class ForceAtlas2 {
 public:
  explicit ForceAtlas2(LayoutSettings settings = {});

  // Sets the graph to lay out. Nodes already placed keep their positions; a new node starts next to
  // its placed neighbours (their centre, slightly jittered), or on a seeded random spot.
  // Edge weights are taken from the graph (count for Measure::Count; for NPMI/Jaccard, 1 + weight).
  void set_graph(const Graph& g);
  // Runs up to `iterations` iterations (fewer when it converges). Returns iterations run.
  int run(int iterations);
  bool converged() const { return converged_; }
  uint64_t iterations_total() const { return iterations_; }
  double last_iteration_ms() const { return last_ms_; }
  // Changes whenever a position or the graph changes (for views that cache what they draw).
  uint64_t revision() const { return revision_; }

  size_t size() const { return x_.size(); }
  uint32_t node(size_t i) const { return nodes_[i]; }  // entity id
  double x(size_t i) const { return x_[i]; }
  double y(size_t i) const { return y_[i]; }
  double mass(size_t i) const { return mass_[i]; }
  // Index of an entity among the nodes, or SIZE_MAX.
  size_t index_of(uint32_t entity) const;
  // Moves a node (e.g. dragged by the user) and pins it there (pinned nodes do not move).
  void place(size_t i, double x, double y, bool pin);
  bool pinned(size_t i) const { return pinned_[i] != 0; }
  void unpin_all();
  // Bounding box of the positions: min x, min y, max x, max y.
  void bounds(double& x0, double& y0, double& x1, double& y1) const;
  LayoutSettings& settings() { return settings_; }

 private:
  void repulsion_exact();
  void repulsion_barnes_hut();
  template <typename Weight>
  void attract(Weight weight);
  uint32_t next_random();

  LayoutSettings settings_;
  std::vector<uint32_t> nodes_;
  std::vector<double> x_, y_, dx_, dy_, old_dx_, old_dy_, mass_;
  std::vector<char> pinned_;
  struct Edge {
    uint32_t a, b;
    double w;
  };
  std::vector<Edge> edges_;
  std::unordered_map<uint32_t, size_t> index_;
  struct FlatCell {  // a Barnes–Hut cell in depth-first order (single precision: 28 bytes)
    float cx, cy, mass;
    float open2;            // an inner cell is opened for a body closer than sqrt(open2)
    int32_t skip;           // index of the first cell after this cell's subtree
    uint32_t first, count;  // a leaf's bodies (in curve order); count 0: an inner cell
  };
  std::vector<FlatCell> flat_;
  std::vector<uint64_t> keyed_;                                         // (Z-order key << 32 | node), sorted
  std::vector<float> bx_, by_, bm_;                                     // positions and masses in curve order
  std::vector<double> sum_m_, sum_x_, sum_y_;                           // prefix sums of mass, mass * x, mass * y
  std::unordered_map<uint32_t, std::pair<double, double>> remembered_;  // positions of nodes seen before
  double speed_ = 1.0, speed_efficiency_ = 1.0;
  bool converged_ = false;
  int calm_iterations_ = 0;
  uint64_t iterations_ = 0;
  uint64_t revision_ = 0;
  double last_ms_ = 0;
  uint32_t rng_;
};

}  // namespace ae
