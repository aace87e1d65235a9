// cooccurrence.h — who appears with whom in the articles of a date range: pair counts by document or
// by sentence, weights (count, NPMI, Jaccard), kept up to date incrementally as the range moves.
// Layer: core.
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "corpus.h"
#include "entities.h"

namespace ae {

enum class Scope : uint8_t { Document, Sentence };
enum class Measure : uint8_t { Count, Npmi, Jaccard };
const char* scope_name(Scope s);
const char* measure_name(Measure m);
bool parse_scope(const std::string& s, Scope& out);
bool parse_measure(const std::string& s, Measure& out);

inline uint64_t pair_key(uint32_t a, uint32_t b) {
  return a < b ? (static_cast<uint64_t>(a) << 32) | b : (static_cast<uint64_t>(b) << 32) | a;
}

// Pair counts in one open-addressing table. Keys are pair_key() values (never 0); a pair whose count
// drops to zero is removed at once (the entries after it in the probe run shift back; no tombstones).
// A slot is 12 bytes and the capacity is not a power of two: at three quarters full a rehash makes
// room for twice the pairs, so the table holds 1.33-2 slots per pair (Reuters-21578's 372,000 pairs:
// 6-9 MB, where 16-byte slots in power-of-two tables took 16.8 MB). The slots live in pages of 4,096
// (48 KiB), not in one block: a table of many megabytes made after a large load fits into the holes
// the load's freed working memory left in the heap, instead of growing the heap by its whole size.
class PairCounts {
 public:
  bool add(uint64_t key, uint32_t c);  // true when the key was not there before
  bool sub(uint64_t key, uint32_t c);  // the key must be present with at least c; true when removed (zero)
  uint32_t get(uint64_t key) const;
  void clear();  // every pair gone; the table keeps its size (a range that was once this wide may come back)
  // Room for n pairs without a rehash (a table filled in one go is made once, at its final size,
  // instead of through a chain of ever larger tables whose freed blocks fragment the heap).
  void reserve(size_t n);
  size_t size() const { return live_; }
  size_t capacity() const { return capacity_; }
  size_t tables_made() const { return tables_made_; }  // rehashes so far (reserve's included)
  template <class F>
  void for_each(F&& f) const {
    for (size_t p = 0; p < pages_.size(); ++p) {
      const Slot* page = pages_[p].get();
      const size_t count = std::min(kPage, capacity_ - (p << kPageBits));
      for (size_t i = 0; i < count; ++i)
        if (page[i].lo != 0) f(page[i].key(), page[i].count);
    }
  }
  std::vector<std::pair<uint64_t, uint32_t>> sorted() const;  // for comparisons in tests
  bool operator==(const PairCounts& o) const { return sorted() == o.sorted(); }

 private:
  struct Slot {
    uint32_t hi = 0, lo = 0;  // the key's halves; lo is never 0 in a key (the larger id of a pair)
    uint32_t count = 0;
    uint64_t key() const { return (static_cast<uint64_t>(hi) << 32) | lo; }
  };
  static constexpr size_t kPageBits = 12, kPage = size_t{1} << kPageBits;
  Slot& at(size_t i) { return pages_[i >> kPageBits][i & (kPage - 1)]; }
  const Slot& at(size_t i) const { return pages_[i >> kPageBits][i & (kPage - 1)]; }
  size_t find_slot(uint64_t key) const;
  void rehash(size_t capacity);
  std::vector<std::unique_ptr<Slot[]>> pages_;  // the last one may be shorter (a table under a page)
  size_t capacity_ = 0;
  size_t live_ = 0;  // pairs held (every held pair has a count)
  size_t tables_made_ = 0;
};

// The number of distinct keys fed to it, estimated without storing them (HyperLogLog with 4,096
// one-byte registers: about 1.6% standard error). Used to size a pair table before it is filled.
class PairSketch {
 public:
  void add(uint64_t key);
  size_t estimate() const;

 private:
  static constexpr int kBits = 12;
  uint8_t reg_[size_t{1} << kBits] = {};
};

// Counts over the dated articles at positions [lo, hi) of corpus.by_date (undated articles are not in
// any range). Units are articles (document scope) or sentences (sentence scope).
class Cooccurrence {
 public:
  // Precomputes each article's entity set (and, in sentence scope, its pairs). O(sum of pairs per article).
  Cooccurrence(const Corpus& corpus, const EntityIndex& index, Scope scope);

  // Moves the range to [lo, hi) by adding the articles that enter and subtracting those that leave:
  // O(pairs of the changed articles). Returns the number of articles touched.
  size_t set_positions(size_t lo, size_t hi);
  // Recomputes the counts of [lo, hi) from nothing (the reference the incremental path must equal).
  void rebuild(size_t lo, size_t hi);
  // Building a wide range in slices (set_positions(0, k) for growing k) would grow the pair table
  // through a chain of ever larger tables, each rehash holding the old and the new one and leaving
  // freed blocks behind. Instead: feed the positions to a sketch in slices, then reserve_pairs() once.
  void sketch_positions(size_t lo, size_t hi, PairSketch& sketch) const;
  void reserve_pairs(size_t n) { pairs_.reserve(n * 21 / 20); }  // 5% over: the estimate's error, mostly
  // Day range convenience: positions of the dated articles with from <= date <= to.
  size_t set_range(Day from, Day to);

  // The corpus object moved (same contents, e.g. from a pending load into the session).
  void rebind(const Corpus& corpus) { corpus_ = &corpus; }

  Scope scope() const { return scope_; }
  uint64_t units() const { return units_; }                             // articles or sentences in range
  uint32_t entity_units(uint32_t e) const { return entity_units_[e]; }  // units containing e
  uint32_t entity_mentions(uint32_t e) const { return mentions_[e]; }   // mentions of e in range
  uint32_t entity_degree(uint32_t e) const { return degree_[e]; }       // distinct partners of e in range
  size_t entity_count() const { return mentions_.size(); }
  const PairCounts& pairs() const { return pairs_; }  // units with both
  uint32_t pair_count(uint32_t a, uint32_t b) const;
  // Weight of a pair with count c (NPMI in [-1, 1]; Jaccard in [0, 1]; count as is).
  double weight(Measure m, uint32_t a, uint32_t b, uint32_t c) const;

 private:
  // One article's part of the flat arrays below.
  struct ArticleData {
    const uint32_t* entities;      // distinct entities of the article
    const uint32_t* mentions;      // mentions of each
    const uint32_t* entity_units;  // units of the article containing each (null: 1 each, document scope)
    uint32_t count;
    const std::pair<uint64_t, uint32_t>* pairs;  // sentence scope: pair -> sentences with both
    uint32_t npairs;                             // (document scope: every pair of entities, once)
    uint32_t units;
  };
  ArticleData article(size_t a) const;
  void apply(const ArticleData& a, int sign);
  // Calls f(pair key, units with both) for each pair of the article: every pair of its entities
  // once in document scope, its stored sentence pairs in sentence scope.
  template <class F>
  void each_pair(const ArticleData& a, F&& f) const {
    if (scope_ == Scope::Document && !stored_pairs_) {
      for (uint32_t i = 0; i < a.count; ++i)
        for (uint32_t j = i + 1; j < a.count; ++j) f(pair_key(a.entities[i], a.entities[j]), 1u);
    } else {
      for (uint32_t k = 0; k < a.npairs; ++k) f(a.pairs[k].first, a.pairs[k].second);
    }
  }

  void from_counts(const EntityIndex& index);
  const Corpus* corpus_;
  Scope scope_;
  bool stored_pairs_ = false;  // document scope from daily counts: pairs stored per day, as in sentence scope
  // Every article's data in a few flat arrays (one block each, not four small vectors per article):
  // article a's entities are [first_[a], first_[a + 1]) of ents_, counts_ and (sentence scope) units_each_;
  // its sentence pairs [first_pair_[a], first_pair_[a + 1]) of pairs_of_.
  std::vector<uint32_t> first_, ents_, counts_, units_each_, article_units_;
  std::vector<uint32_t> first_pair_;
  std::vector<std::pair<uint64_t, uint32_t>> pairs_of_;
  size_t lo_ = 0, hi_ = 0;
  uint64_t units_ = 0;
  std::vector<uint32_t> entity_units_, mentions_;
  std::vector<uint32_t> degree_;  // pairs in range per entity, kept as pairs appear and vanish
  PairCounts pairs_;
};

// The graph to show or export: nodes are the top_n entities by mentions in range (0 = all), edges the
// pairs among them with count >= min_count; what the thresholds hide is counted.
// Where a link is when two ranges are compared (compare.h): in both, only in the baseline A, or only
// in the current range B. A graph of one range has every link Both.
enum class LinkSide : uint8_t { Both, OnlyA, OnlyB };
const char* link_side_name(LinkSide s);  // "both", "only_a", "only_b"

struct GraphEdge {
  uint32_t a, b;
  uint32_t count;                  // units with both in range (in B when comparing; 0 for a link only in A)
  double weight;                   // the measure of count (of the A count for a link only in A)
  uint32_t count_a = 0;            // comparing: units with both in A
  LinkSide side = LinkSide::Both;  // comparing: where the link is
};
struct Graph {
  std::vector<uint32_t> nodes;      // entity ids, by mentions in range (descending), then id
  std::vector<uint32_t> community;  // Louvain community of each node (parallel to nodes), 0 = largest first node
  std::vector<GraphEdge> edges;     // by weight descending, then (a, b)
  size_t nodes_hidden = 0;          // entities with mentions in range not shown
  size_t edges_hidden = 0;          // pairs in range not shown (below min_count or touching a hidden node)
};
// Builds the graph and its communities (Louvain on the link counts).
// skip (optional, indexed by entity): entities left out of the graph altogether (not counted as hidden).
Graph build_graph(const Cooccurrence& co, Measure measure, uint32_t min_count, size_t top_n,
                  const std::vector<char>* skip = nullptr);
// The Louvain communities of a graph's nodes (g.community), from its links' counts.
void assign_communities(Graph& g);

}  // namespace ae
