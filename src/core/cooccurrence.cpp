// cooccurrence.cpp — pair counts per date range, incremental, and graph exports. Layer: core.
#include "cooccurrence.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "community.h"
#include "untrusted.h"

namespace ae {

const char* scope_name(Scope s) { return s == Scope::Document ? "document" : "sentence"; }
const char* measure_name(Measure m) { return m == Measure::Count ? "count" : m == Measure::Npmi ? "npmi" : "jaccard"; }
bool parse_scope(const std::string& s, Scope& out) {
  if (s == "document") out = Scope::Document;
  else if (s == "sentence") out = Scope::Sentence;
  else return false;
  return true;
}
bool parse_measure(const std::string& s, Measure& out) {
  if (s == "count") out = Measure::Count;
  else if (s == "npmi") out = Measure::Npmi;
  else if (s == "jaccard") out = Measure::Jaccard;
  else return false;
  return true;
}

namespace {
// The slot for a key in a table of n slots: a multiplicative hash scaled to [0, n).
inline size_t slot_index(uint64_t key, size_t n) {
  const uint64_t h = (key * 0x9E3779B97F4A7C15ull) >> 32;
  return static_cast<size_t>((h * static_cast<uint64_t>(n)) >> 32);
}
}  // namespace

size_t PairCounts::find_slot(uint64_t key) const {
  const size_t n = capacity_;
  const uint32_t hi = static_cast<uint32_t>(key >> 32), lo = static_cast<uint32_t>(key);
  size_t i = slot_index(key, n);
  for (;;) {
    const Slot& s = at(i);
    if (s.lo == 0 || (s.lo == lo && s.hi == hi)) return i;
    if (++i == n) i = 0;
  }
}

void PairCounts::rehash(size_t capacity) {
  ++tables_made_;
  if (capacity > kPage) capacity = (capacity + kPage - 1) & ~(kPage - 1);  // whole pages
  std::vector<std::unique_ptr<Slot[]>> old = std::move(pages_);
  const size_t old_capacity = capacity_;
  pages_.clear();
  for (size_t base = 0; base < capacity; base += kPage) pages_.emplace_back(new Slot[std::min(kPage, capacity - base)]);
  capacity_ = capacity;
  for (size_t i = 0; i < old_capacity; ++i) {
    const Slot& s = old[i >> kPageBits][i & (kPage - 1)];
    if (s.lo != 0) at(find_slot(s.key())) = s;
  }
}

bool PairCounts::add(uint64_t key, uint32_t c) {
  if ((live_ + 1) * 4 > capacity_ * 3) rehash(std::max<size_t>(1024, (live_ + 1) * 2));
  Slot& s = at(find_slot(key));
  const bool fresh = s.lo == 0;
  if (fresh) {
    s.hi = static_cast<uint32_t>(key >> 32);
    s.lo = static_cast<uint32_t>(key);
    ++live_;
  }
  s.count += c;
  return fresh;
}

void PairCounts::reserve(size_t n) {
  const size_t want = std::max<size_t>(1024, n + n / 3 + 1);  // three quarters full at n
  if (n && want > capacity_) rehash(want);
}

bool PairCounts::sub(uint64_t key, uint32_t c) {
  if (capacity_ == 0) return false;
  size_t i = find_slot(key);
  Slot& s = at(i);
  if (s.lo == 0) return false;
  s.count -= std::min(s.count, c);
  if (s.count != 0) return false;
  // Removed without a tombstone: the entries after it in the probe run move back into the gap
  // unless their home slot lies after the gap (cyclically), so every lookup still finds its key.
  --live_;
  const size_t n = capacity_;
  for (size_t j = i;;) {
    if (++j == n) j = 0;
    const Slot& next = at(j);
    if (next.lo == 0) break;
    const size_t home = slot_index(next.key(), n);
    const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
    if (stays) continue;
    at(i) = next;
    i = j;
  }
  at(i) = Slot{};
  return true;
}

uint32_t PairCounts::get(uint64_t key) const {
  if (capacity_ == 0) return 0;
  return at(find_slot(key)).count;
}

void PairCounts::clear() {
  for (size_t p = 0; p < pages_.size(); ++p)
    std::fill(pages_[p].get(), pages_[p].get() + std::min(kPage, capacity_ - (p << kPageBits)), Slot{});
  live_ = 0;
}

std::vector<std::pair<uint64_t, uint32_t>> PairCounts::sorted() const {
  std::vector<std::pair<uint64_t, uint32_t>> out;
  for_each([&](uint64_t k, uint32_t c) { out.push_back({k, c}); });
  std::sort(out.begin(), out.end());
  return out;
}

Cooccurrence::Cooccurrence(const Corpus& corpus, const EntityIndex& index, Scope scope)
    : corpus_(&corpus), scope_(scope) {
  const size_t n = corpus.size(), na = std::min(n, index.by_article.size());
  entity_units_.assign(index.entities.size(), 0);
  mentions_.assign(index.entities.size(), 0);
  degree_.assign(index.entities.size(), 0);
  if (index.counts && index.counts->articles.size() == n && na == n) {
    from_counts(index);
    return;
  }
  std::vector<uint32_t> ents;  // an article's entity of each mention, sorted
  auto sorted_entities = [&](size_t a) {
    ents.clear();
    for (const Mention& m : index.by_article[a]) ents.push_back(m.entity);
    std::sort(ents.begin(), ents.end());
  };
  // First the distinct entities are counted, so the arrays are made once at their size.
  first_.assign(n + 1, 0);
  size_t total = 0;
  for (size_t a = 0; a < n; ++a) {
    first_[a] = static_cast<uint32_t>(total);
    if (a >= na) continue;
    sorted_entities(a);
    total += static_cast<size_t>(std::unique(ents.begin(), ents.end()) - ents.begin());
  }
  first_[n] = static_cast<uint32_t>(total);
  ents_.reserve(total);
  counts_.reserve(total);
  article_units_.assign(n, 0);
  if (scope == Scope::Sentence) {
    units_each_.assign(total, 0);
    first_pair_.assign(n + 1, 0);
  }
  std::vector<std::pair<uint32_t, uint32_t>> by_sentence;  // (sentence, entity)
  std::vector<std::pair<uint64_t, uint32_t>> pairs;
  for (size_t a = 0; a < na; ++a) {
    // Distinct entities with mention counts.
    sorted_entities(a);
    for (size_t i = 0; i < ents.size();) {
      size_t j = i;
      while (j < ents.size() && ents[j] == ents[i]) ++j;
      ents_.push_back(ents[i]);
      counts_.push_back(static_cast<uint32_t>(j - i));
      i = j;
    }
    if (scope == Scope::Document) {
      article_units_[a] = 1;
      continue;  // every pair of the entities once: made when applied, not stored (memory)
    }
    // Sentence scope: distinct (sentence, entity), then pairs within each sentence.
    first_pair_[a] = static_cast<uint32_t>(pairs_of_.size());
    by_sentence.clear();
    for (const Mention& m : index.by_article[a]) by_sentence.push_back({m.sentence, m.entity});
    std::sort(by_sentence.begin(), by_sentence.end());
    by_sentence.erase(std::unique(by_sentence.begin(), by_sentence.end()), by_sentence.end());
    uint32_t units = a < index.sentences.size() ? index.sentences[a] : 0;
    const uint32_t* own = ents_.data() + first_[a];
    const uint32_t count = first_[a + 1] - first_[a];
    pairs.clear();
    for (size_t i = 0; i < by_sentence.size();) {
      size_t j = i;
      while (j < by_sentence.size() && by_sentence[j].first == by_sentence[i].first) ++j;
      for (size_t x = i; x < j; ++x) {
        const size_t pos = static_cast<size_t>(std::lower_bound(own, own + count, by_sentence[x].second) - own);
        ++units_each_[first_[a] + pos];
        for (size_t y = x + 1; y < j; ++y) pairs.push_back({pair_key(by_sentence[x].second, by_sentence[y].second), 1});
      }
      i = j;
    }
    std::sort(pairs.begin(), pairs.end());
    for (size_t i = 0; i < pairs.size();) {
      size_t j = i;
      while (j < pairs.size() && pairs[j].first == pairs[i].first) ++j;
      pairs_of_.push_back({pairs[i].first, static_cast<uint32_t>(j - i)});
      i = j;
    }
    if (units == 0 && count > 0) units = 1;
    article_units_[a] = units;
  }
  if (scope == Scope::Sentence)
    for (size_t a = na; a <= n; ++a) first_pair_[a] = static_cast<uint32_t>(pairs_of_.size());
}

// Daily counts (aggregates.h): a day is a unit of its articles, as a sentence-scope article is of its
// sentences: its entities with the articles mentioning each, its pairs with the articles naming both.
// Only document scope can be had from them, whatever scope was asked for.
void Cooccurrence::from_counts(const EntityIndex& index) {
  const DayCounts& c = *index.counts;
  const size_t n = c.articles.size();
  scope_ = Scope::Document;
  stored_pairs_ = true;
  first_.assign(n + 1, 0);
  first_pair_.assign(c.first_pair.begin(), c.first_pair.end());
  pairs_of_ = c.pairs;
  article_units_.assign(c.articles.begin(), c.articles.end());
  std::vector<std::array<uint32_t, 3>> day;  // entity, articles, mentions: sorted by entity
  for (size_t a = 0; a < n; ++a) {
    first_[a] = static_cast<uint32_t>(ents_.size());
    day.clear();
    for (size_t k = 0; k < index.by_article[a].size(); ++k)
      day.push_back(
          {index.by_article[a][k].entity, c.entity_articles[c.first[a] + k], c.entity_mentions[c.first[a] + k]});
    std::sort(day.begin(), day.end());
    for (const auto& [e, ea, em] : day) {
      ents_.push_back(e);
      units_each_.push_back(ea);
      counts_.push_back(em);
    }
  }
  first_[n] = static_cast<uint32_t>(ents_.size());
}

Cooccurrence::ArticleData Cooccurrence::article(size_t a) const {
  ArticleData d;
  const uint32_t b = first_[a];
  d.entities = ents_.data() + b;
  d.mentions = counts_.data() + b;
  d.entity_units = units_each_.empty() ? nullptr : units_each_.data() + b;
  d.count = first_[a + 1] - b;
  d.pairs = first_pair_.empty() ? nullptr : pairs_of_.data() + first_pair_[a];
  d.npairs = first_pair_.empty() ? 0 : first_pair_[a + 1] - first_pair_[a];
  d.units = article_units_[a];
  return d;
}

void PairSketch::add(uint64_t key) {
  uint64_t h = key * 0x9E3779B97F4A7C15ull;  // splitmix64's finaliser: every bit of the key counts
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  h ^= h >> 31;
  const size_t idx = static_cast<size_t>(h >> (64 - kBits));
  const uint64_t rest = (h << kBits) | (uint64_t{1} << (kBits - 1));  // never 0
  uint8_t rank = 1;
  for (uint64_t bit = uint64_t{1} << 63; !(rest & bit); bit >>= 1) ++rank;
  if (rank > reg_[idx]) reg_[idx] = rank;
}

size_t PairSketch::estimate() const {
  double sum = 0;
  size_t zeros = 0;
  for (uint8_t r : reg_) {
    sum += std::ldexp(1.0, -r);
    zeros += r == 0;
  }
  const double m = static_cast<double>(sizeof reg_);
  double e = 0.7213 / (1 + 1.079 / m) * m * m / sum;
  if (e <= 2.5 * m && zeros) e = m * std::log(m / static_cast<double>(zeros));  // few keys: count empty registers
  return static_cast<size_t>(e + 0.5);
}

void Cooccurrence::sketch_positions(size_t lo, size_t hi, PairSketch& sketch) const {
  hi = std::min(hi, corpus_->dated);
  for (size_t p = lo; p < hi; ++p)
    each_pair(article(corpus_->by_date[p]), [&](uint64_t key, uint32_t) { sketch.add(key); });
}

void Cooccurrence::apply(const ArticleData& a, int sign) {
  if (sign > 0) {
    units_ += a.units;
    for (uint32_t i = 0; i < a.count; ++i) {
      entity_units_[a.entities[i]] += a.entity_units ? a.entity_units[i] : 1;
      mentions_[a.entities[i]] += a.mentions[i];
    }
  } else {
    units_ -= a.units;
    for (uint32_t i = 0; i < a.count; ++i) {
      entity_units_[a.entities[i]] -= a.entity_units ? a.entity_units[i] : 1;
      mentions_[a.entities[i]] -= a.mentions[i];
    }
  }
  // A pair that appears or vanishes changes both ends' degree.
  auto ends = [&](uint64_t key, int d) {
    degree_[static_cast<uint32_t>(key >> 32)] += d;
    degree_[static_cast<uint32_t>(key & 0xffffffffu)] += d;
  };
  if (sign > 0)
    each_pair(a, [&](uint64_t key, uint32_t c) {
      if (pairs_.add(key, c)) ends(key, 1);
    });
  else
    each_pair(a, [&](uint64_t key, uint32_t c) {
      if (pairs_.sub(key, c)) ends(key, -1);
    });
}

size_t Cooccurrence::set_positions(size_t lo, size_t hi) {
  hi = std::min(hi, corpus_->dated);
  lo = std::min(lo, hi);
  size_t touched = 0;
  // Disjoint ranges: cheaper to rebuild than to walk both.
  if (hi <= lo_ || lo >= hi_ || lo_ == hi_) {
    touched = (hi_ - lo_) + (hi - lo);
    if (touched > 0) rebuild(lo, hi);
    return touched;
  }
  auto art = [&](size_t pos) { return article(corpus_->by_date[pos]); };
  for (size_t p = lo_; p < lo; ++p, ++touched) apply(art(p), -1);  // leaving at the front
  for (size_t p = hi; p < hi_; ++p, ++touched) apply(art(p), -1);  // leaving at the back
  for (size_t p = lo; p < lo_; ++p, ++touched) apply(art(p), +1);  // entering at the front
  for (size_t p = hi_; p < hi; ++p, ++touched) apply(art(p), +1);  // entering at the back
  lo_ = lo;
  hi_ = hi;
  return touched;
}

void Cooccurrence::rebuild(size_t lo, size_t hi) {
  hi = std::min(hi, corpus_->dated);
  lo = std::min(lo, hi);
  units_ = 0;
  std::fill(entity_units_.begin(), entity_units_.end(), 0);
  std::fill(mentions_.begin(), mentions_.end(), 0);
  std::fill(degree_.begin(), degree_.end(), 0);
  pairs_.clear();
  PairSketch sketch;
  sketch_positions(lo, hi, sketch);
  reserve_pairs(sketch.estimate());
  for (size_t p = lo; p < hi; ++p) apply(article(corpus_->by_date[p]), +1);
  lo_ = lo;
  hi_ = hi;
}

size_t Cooccurrence::set_range(Day from, Day to) {
  const auto [lo, hi] = corpus_->dated_span(from, to);
  return set_positions(lo, hi);
}

uint32_t Cooccurrence::pair_count(uint32_t a, uint32_t b) const { return pairs_.get(pair_key(a, b)); }

double Cooccurrence::weight(Measure m, uint32_t a, uint32_t b, uint32_t c) const {
  if (m == Measure::Count) return c;
  const double na = entity_units_[a], nb = entity_units_[b];
  if (m == Measure::Jaccard) {
    const double u = na + nb - c;
    return u > 0 ? c / u : 0.0;
  }
  // NPMI = log(p(a,b) / (p(a) p(b))) / -log p(a,b), with p = units / units in range.
  const double n = static_cast<double>(units_);
  if (c == 0 || n == 0 || na == 0 || nb == 0) return -1.0;
  const double pab = c / n;
  if (pab >= 1.0) return 1.0;
  return std::log(pab / ((na / n) * (nb / n))) / -std::log(pab);
}

Graph build_graph(const Cooccurrence& co, Measure measure, uint32_t min_count, size_t top_n,
                  const std::vector<char>* skip) {
  Graph g;
  std::vector<uint32_t> present;
  for (uint32_t e = 0; e < co.entity_count(); ++e)
    if (co.entity_mentions(e) > 0 && !(skip && e < skip->size() && (*skip)[e])) present.push_back(e);
  auto by_mentions = [&](uint32_t x, uint32_t y) {
    if (co.entity_mentions(x) != co.entity_mentions(y)) return co.entity_mentions(x) > co.entity_mentions(y);
    return x < y;
  };
  const size_t shown = top_n == 0 ? present.size() : std::min(top_n, present.size());
  // Only the shown ones need ordering.
  std::partial_sort(present.begin(), present.begin() + static_cast<std::ptrdiff_t>(shown), present.end(), by_mentions);
  g.nodes.assign(present.begin(), present.begin() + static_cast<std::ptrdiff_t>(shown));
  g.nodes_hidden = present.size() - shown;
  // The links among the shown nodes: by looking up each pair of them when that is cheaper than walking
  // the whole pair table (a few dozen nodes over a long range), else by walking the table.
  const size_t live = co.pairs().size();
  if (shown * (shown - (shown > 0)) / 2 < co.pairs().capacity() / 4) {
    for (size_t i = 0; i < shown; ++i)
      for (size_t j = i + 1; j < shown; ++j) {
        const uint32_t a = std::min(g.nodes[i], g.nodes[j]), b = std::max(g.nodes[i], g.nodes[j]);
        const uint32_t c = co.pairs().get(pair_key(a, b));
        if (c >= min_count && c > 0) g.edges.push_back({a, b, c, co.weight(measure, a, b, c)});
      }
    g.edges_hidden = live - g.edges.size();
  } else {
    std::vector<char> in(co.entity_count(), 0);
    for (uint32_t e : g.nodes) in[e] = 1;
    co.pairs().for_each([&](uint64_t key, uint32_t c) {
      const uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key & 0xffffffffu);
      if (c < min_count || !in[a] || !in[b]) {
        ++g.edges_hidden;
        return;
      }
      g.edges.push_back({a, b, c, co.weight(measure, a, b, c)});
    });
  }
  std::sort(g.edges.begin(), g.edges.end(), [](const GraphEdge& x, const GraphEdge& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    if (x.count != y.count) return x.count > y.count;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  assign_communities(g);
  return g;
}

void assign_communities(Graph& g) {
  std::unordered_map<uint32_t, uint32_t> pos;
  for (uint32_t i = 0; i < g.nodes.size(); ++i) pos[g.nodes[i]] = i;
  std::vector<WeightedEdge> we;
  we.reserve(g.edges.size());
  for (const GraphEdge& e : g.edges)
    we.push_back({pos[e.a], pos[e.b], static_cast<double>(std::max(e.count, e.count_a))});
  std::sort(we.begin(), we.end(),
            [](const WeightedEdge& x, const WeightedEdge& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
  g.community = louvain(g.nodes.size(), we);
}

const char* link_side_name(LinkSide s) {
  switch (s) {
    case LinkSide::OnlyA: return "only_a";
    case LinkSide::OnlyB: return "only_b";
    default: return "both";
  }
}

}  // namespace ae
