// flat_table.h — an open-addressing table from 64-bit keys (never 0) to small values, and the
// word-case evidence of a corpus kept in one. Used for every per-token lookup of the extractor and the
// tagger: no allocation per lookup. Layer: core.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "string_table.h"
#include "text.h"

namespace ae {

inline uint64_t nonzero(uint64_t h) { return h ? h : 1; }
// Where a table keyed by a hash of something else (a string, a span) looks next when two different
// things share a 64-bit hash: the hash rehashed.
inline uint64_t rehash_key(uint64_t k) { return nonzero(k * 0x9E3779B97F4A7C15ull + 1); }

// Open addressing from integer keys that are already hashes (never 0) to small values: no allocation
// per lookup, linear probing, at most three quarters full. The project's one general hash table:
// string keys go through StringTable (string_table.h), which keeps their bytes; the co-occurrence
// counts have their own paged table with deletion (PairCounts, cooccurrence.h).
template <class V, class K = uint64_t>
class FlatTable {
 public:
  const V* find(K key) const {
    if (slots_.empty()) return nullptr;
    size_t i = key & (slots_.size() - 1);
    while (slots_[i].key) {
      if (slots_[i].key == key) return &slots_[i].value;
      i = (i + 1) & (slots_.size() - 1);
    }
    return nullptr;
  }
  size_t size() const { return used_; }
  void clear() {  // every entry gone, the memory too
    std::vector<Slot>().swap(slots_);
    used_ = 0;
  }
  void reset() {  // every entry gone, the memory kept for the next ones
    std::fill(slots_.begin(), slots_.end(), Slot{});
    used_ = 0;
  }
  // Calls f(key, value) for every entry, in slot order.
  template <class F>
  void for_each(F f) const {
    for (const Slot& s : slots_)
      if (s.key) f(s.key, s.value);
  }
  V& operator[](K key) {
    make_room(1);
    return add_in_room(key);
  }
  // For loops that add many keys: make_room(k), then up to k add_in_room() calls without a size check.
  void make_room(size_t extra) {
    while ((used_ + extra) * 4 > slots_.size() * 3) grow();  // at most three quarters full
  }
  V& add_in_room(K key) {
    size_t i = key & (slots_.size() - 1);
    while (slots_[i].key && slots_[i].key != key) i = (i + 1) & (slots_.size() - 1);
    if (!slots_[i].key) {
      slots_[i].key = key;
      ++used_;
    }
    return slots_[i].value;
  }

 private:
  struct Slot {
    K key = 0;
    V value{};
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    used_ = 0;
    for (const Slot& s : old)
      if (s.key) (*this)[s.key] = s.value;
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

// Word-case evidence gathered over the whole corpus: how often a word is written in lower case, and
// how often capitalised where the capital is not forced by a sentence start. Words are identified by a
// 64-bit hash of their lower-case bytes.
class CaseStats {
 public:
  void add(std::string_view text, const std::vector<Token>& toks) {
    ++revision_;
    constexpr size_t kBatch = 64;  // room is made for this many new words at a time
    size_t room = 0;
    for (const Token& t : toks) {
      if (!t.word() || t.has(kTokDigit) || t.has(kTokAllCaps)) continue;
      const bool lower = !t.has(kTokCap);
      if (!lower && t.has(kTokSentStart)) continue;
      if (room == 0) {
        counts_.make_room(kBatch);
        room = kBatch;
      }
      --room;
      Counts& s = counts_.add_in_room(hash_lower(text.substr(t.begin, t.end - t.begin)));
      (lower ? s.lower : s.capitalised)++;
    }
  }
  // Adds the counts of another corpus share (statistics made on several threads).
  void merge(const CaseStats& other) {
    ++revision_;
    other.counts_.for_each([&](uint64_t key, const Counts& c) {
      Counts& s = counts_[key];
      s.lower += c.lower;
      s.capitalised += c.capitalised;
    });
  }
  // True when the corpus writes this word in lower case at least as often as capitalised mid-sentence.
  bool mostly_lower(std::string_view word) const {
    const Counts* s = counts_.find(hash_lower(word));
    return s && s->lower > 0 && s->lower >= s->capitalised;
  }
  bool seen_capitalised(std::string_view word) const {
    const Counts* s = counts_.find(hash_lower(word));
    return s && s->capitalised > s->lower;
  }
  struct Counts {
    uint32_t lower = 0, capitalised = 0;
  };
  // The counts of a word by its hash_lower, or nullptr when the corpus never wrote it.
  const Counts* counts(uint64_t word_hash) const { return counts_.find(word_hash); }
  // Changes whenever add() is called (what the tagger's caches of corpus evidence are keyed on).
  uint64_t revision() const { return revision_; }

 private:
  FlatTable<Counts> counts_;
  uint64_t revision_ = 0;
};

}  // namespace ae
