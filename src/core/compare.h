// compare.h — what changed between two date ranges (a baseline A and a current range B): entities
// that appear, vanish, rise or fall, links only in A, only in B or in both; and bursts of attention
// over the corpus's timeline (Kleinberg's two-state automaton). Layer: core.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "cooccurrence.h"
#include "corpus.h"
#include "entities.h"

namespace ae {

// ---------------------------------------------------------------------------------------------
// Two ranges
// ---------------------------------------------------------------------------------------------

enum class Trend : uint8_t { Steady, New, Gone, Rising, Falling };
const char* trend_name(Trend t);

// One entity in A and in B. Counts are units (articles in document scope, sentences in sentence scope)
// containing it. The change as a ratio is smoothed so small counts do not swing it:
//   log_ratio = log2( ((b + 0.5) / (units_b + 1)) / ((a + 0.5) / (units_a + 1)) )
// i.e. the share of units mentioning the entity in B against A (ranges of different sizes compare
// fairly). Trend: New when a = 0 and b >= 2; Gone when b = 0 and a >= 2; Rising when log_ratio >= 1
// and b >= 3; Falling when log_ratio <= -1 and a >= 3; Steady otherwise.
struct EntityChange {
  uint32_t entity = 0;
  uint32_t a = 0, b = 0;
  int64_t delta = 0;  // b - a
  double log_ratio = 0;
  Trend trend = Trend::Steady;
};

// Every entity mentioned in A or B, by |log_ratio| * (a + b) descending (the biggest changes that
// are not noise first), then id; by id when `sorted` is false (a table that sorts them itself).
std::vector<EntityChange> compare_entities(const Cooccurrence& a, const Cooccurrence& b, bool sorted = true);

struct LinkChange {
  uint32_t x = 0, y = 0;  // x < y
  uint32_t a = 0, b = 0;  // units with both, in A and in B
  LinkSide side = LinkSide::Both;
};

// The links with count >= min_count in A or in B (a link below it in one range counts as absent
// there), by max(a, b) descending, then (x, y).
std::vector<LinkChange> compare_links(const Cooccurrence& a, const Cooccurrence& b, uint32_t min_count);

// The three-way network of A and B: nodes are the top_n entities by max(mentions in A, mentions in B)
// (0 = all), ordered by mentions in B, then in A, then id; edges the pairs among them with count >=
// min_count in A or in B, each with its side and both counts (weight: the measure in B, or in A for a
// link only in A). changes_only drops the links in both. Communities as build_graph.
Graph build_compare_graph(const Cooccurrence& a, const Cooccurrence& b, Measure measure, uint32_t min_count,
                          size_t top_n, bool changes_only, const std::vector<char>* skip = nullptr);

// ---------------------------------------------------------------------------------------------
// Bursts
// ---------------------------------------------------------------------------------------------

// The corpus's dated articles in bins of one day, or of seven days when the corpus spans more than
// 180 days (bins start at the first date).
struct BurstBins {
  Day first = kUndated;
  int bin_days = 1;
  std::vector<uint32_t> articles;  // dated articles per bin
  size_t bin_of(Day d) const { return static_cast<size_t>((d - first) / bin_days); }
  Day bin_start(size_t k) const { return first + static_cast<Day>(k) * bin_days; }
};
BurstBins make_bins(const Corpus& corpus, const EntityIndex* index = nullptr);  // index: daily counts weigh

// A run of bins [begin, end] where an entity's share of articles was markedly higher than its
// corpus-wide share. weight: how much better the bursty state explains those bins (natural log units).
struct Burst {
  uint32_t entity = 0;
  uint32_t begin = 0, end = 0;  // bins, inclusive
  double weight = 0;
};

// Kleinberg's two-state automaton, batched form (Kleinberg 2002, "Bursty and hierarchical structure in
// streams", section 4): in bin t, r[t] of n[t] articles mention the entity; the base state emits at
// p0 = sum r / sum n, the burst state at p1 = min(s * p0, 0.9999); a state's cost in a bin is
// -ln(p^r (1-p)^(n-r)); entering the burst state costs gamma * ln(bins); leaving it is free. The
// cheapest state sequence (Viterbi) marks the bursts. Bins with n = 0 cost nothing in either state.
std::vector<Burst> detect_bursts(const std::vector<uint32_t>& r, const std::vector<uint32_t>& n, double s = 2.0,
                                 double gamma = 1.0);

// Per entity: articles mentioning it per bin (sparse) and its bursts.
struct BurstIndex {
  BurstBins timeline;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> series;  // per entity: (bin, articles) ascending
  std::vector<Burst> bursts;                                       // every entity's, by weight descending
  std::vector<std::vector<uint32_t>> of_entity;                    // per entity: its bursts (indices), by time
  // The entity's series as a dense vector over the whole timeline.
  std::vector<uint32_t> dense(uint32_t entity) const;
  // How bursty an entity is in [from, to]: the summed weight of its bursts overlapping those days.
  // O(bursts of the entity).
  double bursting(uint32_t entity, Day from, Day to) const;
  Day burst_from(const Burst& b) const { return timeline.bin_start(b.begin); }
  Day burst_to(const Burst& b) const { return timeline.bin_start(b.end) + timeline.bin_days - 1; }
};
// Entities mentioned in fewer than min_articles articles get a series but no burst detection.
BurstIndex compute_bursts(const Corpus& corpus, const EntityIndex& index, uint32_t min_articles = 3);

}  // namespace ae
