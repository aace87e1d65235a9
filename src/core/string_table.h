// string_table.h — strings to small values in one open-addressing table: the strings' bytes in one
// buffer, lookups by a 64-bit hash and a byte comparison, no allocation per lookup. For word lists
// read for every token of a corpus (std::unordered_set hashes with a slower function and chases a
// node per lookup). Layer: core.
#pragma once
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ae {

namespace detail {
// ASCII capitals of eight bytes at once made lower case (other bytes, UTF-8 included, unchanged).
inline uint64_t lower8(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const uint64_t low7 = x & ~kHigh;
  const uint64_t above_z = low7 + (0x7F - 'Z') * kOnes;    // high bit: byte > 'Z' (of its low 7 bits)
  const uint64_t from_a = low7 + (0x80 - 'A') * kOnes;     // high bit: byte >= 'A'
  const uint64_t upper = (from_a ^ above_z) & ~x & kHigh;  // ASCII and in 'A'..'Z'
  return x | (upper >> 2);                                 // 0x80 >> 2 == 0x20
}
template <bool kLower>
inline uint64_t hash_impl(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xC2B2AE3D27D4EB4Full);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (kLower) w = lower8(w);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  // The last 0-7 bytes in two loads that may overlap (4-7 bytes) or three single bytes (1-3): for a
  // given length either way reads every byte (one loop per byte costs more in WebAssembly).
  uint64_t w = 0;
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    w = lo | (static_cast<uint64_t>(hi) << 32);
  } else if (n > 0) {
    w = p[0] | (static_cast<uint64_t>(p[n >> 1]) << 8) | (static_cast<uint64_t>(p[n - 1]) << 16);
  }
  if (kLower) w = lower8(w);
  h = (h ^ w) * 0x94D049BB133111EBull;
  h ^= h >> 29;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 32;
  return h ? h : 1;  // 0 marks an empty slot
}
}  // namespace detail

// A 64-bit hash of bytes, eight at a time (words of news text are short: one or two rounds); never 0.
inline uint64_t hash_bytes(std::string_view s) { return detail::hash_impl<false>(s); }
// The same hash of the bytes with ASCII letters lower-cased: hash_lower("Iraq") == hash_bytes("iraq").
inline uint64_t hash_lower(std::string_view s) { return detail::hash_impl<true>(s); }

// Copies of strings in blocks that never move, so views of them stay valid for the arena's life:
// short strings share 64 KiB blocks, a long one gets a block of its own; no string object and heap
// block per string.
class StringArena {
 public:
  std::string_view keep(std::string_view s) {
    constexpr size_t kBlock = 64 << 10;
    if (s.empty()) return std::string_view();
    char* p;
    if (s.size() > kBlock / 4) {
      blocks_.emplace_back(new char[s.size()]);
      p = blocks_.back().get();
    } else {
      if (!shared_ || used_ + s.size() > kBlock) {
        blocks_.emplace_back(new char[kBlock]);
        shared_ = blocks_.back().get();
        used_ = 0;
      }
      p = shared_ + used_;
      used_ += s.size();
    }
    std::memcpy(p, s.data(), s.size());
    return std::string_view(p, s.size());
  }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* shared_ = nullptr;  // the block short strings are put into now
  size_t used_ = 0;         // bytes of it used
};

// Slots are 8 bytes plus the value (a 32-bit tag of the hash and the key's offset in the byte
// buffer, where each key follows its 4-byte length); the table is at most three quarters full.
template <class V>
class StringTable {
 public:
  StringTable() = default;
  StringTable(std::initializer_list<std::string_view> keys) {
    for (std::string_view k : keys) insert(k);
  }
  // The value of s, made (V{}) when s is new.
  V& insert(std::string_view s) {
    if ((used_ + 1) * 4 > slots_.size() * 3) grow();
    const uint64_t h = hash_bytes(s);
    const uint32_t t = tag(h);
    size_t i = h & (slots_.size() - 1);
    for (; slots_[i].tag; i = (i + 1) & (slots_.size() - 1))
      if (slots_[i].tag == t && key(slots_[i]) == s) return slots_[i].value;
    Slot& slot = slots_[i];
    slot.tag = t;
    slot.offset = static_cast<uint32_t>(bytes_.size());
    const uint32_t length = static_cast<uint32_t>(s.size());
    bytes_.append(reinterpret_cast<const char*>(&length), sizeof length);
    bytes_.append(s.data(), s.size());
    ++used_;
    return slot.value;
  }
  const V* find(std::string_view s) const {
    if (slots_.empty()) return nullptr;
    const uint64_t h = hash_bytes(s);
    const uint32_t t = tag(h);
    for (size_t i = h & (slots_.size() - 1); slots_[i].tag; i = (i + 1) & (slots_.size() - 1))
      if (slots_[i].tag == t && key(slots_[i]) == s) return &slots_[i].value;
    return nullptr;
  }
  bool contains(std::string_view s) const { return find(s) != nullptr; }
  size_t size() const { return used_; }
  void shrink_to_fit() { bytes_.shrink_to_fit(); }  // after the last insert
  template <class F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_)
      if (s.tag) f(key(s), s.value);
  }

 private:
  struct Slot {
    uint32_t tag = 0;  // 0: empty
    uint32_t offset = 0;
    V value{};
  };
  static uint32_t tag(uint64_t h) {
    const uint32_t t = static_cast<uint32_t>(h >> 32);  // the slot comes from the low bits
    return t ? t : 1;
  }
  std::string_view key(const Slot& s) const {
    uint32_t length;
    std::memcpy(&length, bytes_.data() + s.offset, sizeof length);
    return std::string_view(bytes_.data() + s.offset + sizeof length, length);
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (!s.tag) continue;
      size_t i = hash_bytes(key(s)) & (slots_.size() - 1);
      while (slots_[i].tag) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;  // a power of two, at most three quarters full
  std::string bytes_;        // each key: its length (4 bytes), then its bytes
  size_t used_ = 0;
};

}  // namespace ae
