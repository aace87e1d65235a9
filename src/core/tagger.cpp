// tagger.cpp — features, decoding and the weight file of the learned tagger. Layer: core.
#include "tagger.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "gazetteer.h"
#include "string_table.h"

namespace ae {

namespace {

// Feature templates: a feature is hash(template, value).
enum Template : uint64_t {
  kFBias = 1,
  kFWord,      // the lower-case word (when in the project's lists), with the text's case mode
  kFWordCase,  // the word with its own capitalisation and sentence start
  kFShape,     // shape with the case mode
  kFSuffix3,
  kFSuffix4,
  kFPrefix3,
  kFPosition,  // sentence start, line start, title, capitalised: with the case mode
  kFPrevWord,
  kFNextWord,
  kFPrev2Word,
  kFNextWord2,
  kFPrevShape,
  kFNextShape,
  kFCorpusCase,  // how the corpus writes the word, with the case mode and the token's capital
  kFDocLower,    // the article writes the word in lower case somewhere
  kFDict,        // English word / first name / demonym bits, with the case mode and capital
  kFGaz,         // gazetteer match covering the token (type, begin/inside)
  kFGazPrev,
  kFGazNext,
  kFRole,  // the gazetteer's roles of the word (one feature per role bit)
  kFPrevRole,
  kFNextRole,
  kFLength,
  kFPrev1,  // label before
  kFPrev1Shape,
  kFPrev2Prev1,
  kFPrev1Word,
  kFShapeWindow,  // shapes of previous, own and next token
};

inline uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x ? x : 1;
}
inline uint64_t feat(uint64_t templ, uint64_t value) {
  return mix(value * 0x9E3779B97F4A7C15ull + templ * 0xD6E8FEB86659FD93ull);
}
inline uint64_t combine(uint64_t a, uint64_t b) { return mix(a * 31 + b); }

uint64_t shape_hash(std::string_view w, char punct) {
  if (punct) return 0x100 + static_cast<unsigned char>(punct);
  char buf[24];
  size_t n = 0;
  char last = 0;
  for (size_t i = 0; i < w.size() && n < sizeof buf; ++i) {
    const unsigned char c = static_cast<unsigned char>(w[i]);
    char k;
    if (c >= 'A' && c <= 'Z') k = 'X';
    else if (c >= 'a' && c <= 'z') k = 'x';
    else if (c >= '0' && c <= '9') k = 'd';
    else if (c >= 0x80) k = 'u';
    else k = static_cast<char>(c);
    if (k == last && (k == 'X' || k == 'x' || k == 'd' || k == 'u')) continue;
    buf[n++] = k;
    last = k;
  }
  return hash_bytes(std::string_view(buf, n));
}

bool is_connector(std::string_view w) {
  if (w.size() > 3) return false;  // every connector is short
  static const StringTable<char> kWords = {"of",  "and", "the", "de", "for", "al", "el", "du", "la", "van",
                                           "von", "der", "den", "di", "del", "da", "on", "&",  "y",  "bin"};
  return kWords.contains(w);
}

// Capitalised function words, and other words, that open sentences and never start a name on their own.
bool is_opening_word(std::string_view w) {
  static const StringTable<char> kMore = {"Earlier", "Later",   "Last",     "Next",      "Asked", "According",
                                          "During",  "Despite", "Analysts", "Officials", "Shares"};
  return is_capitalised_function_word(w) || kMore.contains(w);
}

struct Lower {
  char buf[48];
  size_t n = 0;
  explicit Lower(std::string_view w) {
    n = std::min(w.size(), sizeof buf);
    for (size_t i = 0; i < n; ++i) buf[i] = static_cast<char>(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
  }
  std::string_view view() const { return std::string_view(buf, n); }
};

}  // namespace

TextCase text_case(std::string_view text, const std::vector<Token>& toks) {
  int words = 0, caps = 0, upper = 0;
  for (const Token& t : toks) {
    if (!t.word() || t.has(kTokDigit)) continue;
    if (t.end - t.begin < 4) continue;
    ++words;
    if (t.has(kTokCap)) ++caps;
    if (t.has(kTokAllCaps)) ++upper;
  }
  (void)text;
  if (words == 0) return TextCase::Normal;
  if (upper * 10 >= words * 7) return TextCase::AllCaps;
  if (words >= 3 && caps * 10 >= words * 7) return TextCase::Headline;
  return TextCase::Normal;
}

void DocWords::clear() {
  ++stamp_;
  std::fill(std::begin(capitals_), std::end(capitals_), 0);
  lower_.clear();
  unfiled_ = false;
  // Wrapped, or holding more words than a long article has: emptied (its memory kept), so the table
  // stays small and in the cache rather than growing with the corpus's vocabulary.
  if (stamp_ == 0 || stamps_.size() > (size_t{1} << 12)) {
    stamps_.reset();
    stamp_ = 1;
  }
}

void DocWords::add(std::string_view text, const std::vector<Token>& toks) {
  unfiled_ = true;
  for (const Token& t : toks) {
    if (!t.word() || t.has(kTokDigit)) continue;
    const std::string_view w = text.substr(t.begin, t.end - t.begin);
    if (t.has(kTokCap)) {
      // Its first byte lower-cased where it is an ASCII capital ('A' & 31 == 'a' & 31: nothing to do).
      const uint32_t c = word_class(w);
      capitals_[c >> 6] |= uint64_t{1} << (c & 63);
    } else {
      lower_.push_back(w);
    }
  }
}

void DocWords::file_lower() const {
  for (std::string_view w : lower_) {
    const uint32_t c = word_class(w);
    if (capitals_[c >> 6] >> (c & 63) & 1) stamps_[nonzero(hash_lower(w))] = stamp_;
  }
  unfiled_ = false;
}

// -------------------------------------------------------------------------------------------------
// The weight file
// -------------------------------------------------------------------------------------------------

namespace {
constexpr char kMagic[8] = {'A', 'E', 'T', 'A', 'G', 'G', 'R', '1'};
template <class T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}
template <class T>
T get(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}
}  // namespace

namespace {
constexpr char kMagic2[8] = {'A', 'E', 'T', 'A', 'G', 'G', 'R', '2'};
}  // namespace

bool TaggerModel::load(std::string_view bytes, std::string& error) {
  keys_.clear();
  weights_.clear();
  table_.clear();
  const bool v1 = bytes.size() >= 20 && std::memcmp(bytes.data(), kMagic, 8) == 0;
  const bool v2 = bytes.size() >= 20 && std::memcmp(bytes.data(), kMagic2, 8) == 0;
  if (!v1 && !v2) {
    error = "not a tagger weight file (expected AETAGGR2 or AETAGGR1)";
    return false;
  }
  const uint32_t labels = get<uint32_t>(bytes.data() + 8), n = get<uint32_t>(bytes.data() + 12);
  const float scale = get<float>(bytes.data() + 16);
  if (labels != kTagLabels) {
    error = "tagger weight file has " + std::to_string(labels) + " labels, expected " + std::to_string(kTagLabels);
    return false;
  }
  auto damaged = [&] {
    error = "tagger weight file is truncated or damaged";
    keys_.clear();
    weights_.clear();
    return false;
  };
  if (!std::isfinite(scale) || scale <= 0 || n > bytes.size()) return damaged();
  if (v1) {
    const size_t need = 20 + static_cast<size_t>(n) * 4 + static_cast<size_t>(n) * kTagLabels * 2;
    if (bytes.size() != need) return damaged();
    keys_.resize(n);
    weights_.resize(static_cast<size_t>(n) * kTagLabels);
    std::memcpy(keys_.data(), bytes.data() + 20, static_cast<size_t>(n) * 4);
    std::memcpy(weights_.data(), bytes.data() + 20 + static_cast<size_t>(n) * 4, weights_.size() * 2);
  } else {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data()) + 20;
    const unsigned char* end = reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size();
    keys_.resize(n);
    uint64_t key = 0;
    for (uint32_t i = 0; i < n; ++i) {  // ascending keys as LEB128 gaps
      uint64_t gap = 0;
      for (int shift = 0;; shift += 7) {
        if (p == end || shift > 28) return damaged();
        gap |= uint64_t{*p & 0x7Fu} << shift;
        if (!(*p++ & 0x80)) break;
      }
      key += gap;
      if (key > UINT32_MAX || (i > 0 && gap == 0)) return damaged();
      keys_[i] = static_cast<uint32_t>(key);
    }
    if (static_cast<size_t>(end - p) < static_cast<size_t>(n) * 2) return damaged();
    const unsigned char* masks = p;
    p += static_cast<size_t>(n) * 2;
    size_t nonzero = 0;
    for (uint32_t i = 0; i < n; ++i) {
      const uint16_t m = get<uint16_t>(reinterpret_cast<const char*>(masks) + 2 * i);
      if (m >> kTagLabels) return damaged();
      for (int l = 0; l < kTagLabels; ++l) nonzero += (m >> l) & 1;
    }
    if (static_cast<size_t>(end - p) != nonzero * 2) return damaged();
    const unsigned char* hi = p;
    const unsigned char* lo = p + nonzero;
    weights_.assign(static_cast<size_t>(n) * kTagLabels, 0);
    size_t k = 0;
    for (uint32_t i = 0; i < n; ++i) {
      const uint16_t m = get<uint16_t>(reinterpret_cast<const char*>(masks) + 2 * i);
      for (int l = 0; l < kTagLabels; ++l)
        if ((m >> l) & 1) {
          weights_[static_cast<size_t>(i) * kTagLabels + l] =
              static_cast<int16_t>(static_cast<uint16_t>(hi[k] << 8 | lo[k]));
          ++k;
        }
    }
  }
  for (uint32_t k : keys_)
    if (k == 0) {
      error = "tagger weight file has a zero key";
      keys_.clear();
      weights_.clear();
      return false;
    }
  scale_ = scale;
  index();
  return true;
}

std::string TaggerModel::save() const {
  std::string out(kMagic2, 8);
  put<uint32_t>(out, kTagLabels);
  put<uint32_t>(out, static_cast<uint32_t>(keys_.size()));
  put<float>(out, scale_);
  uint32_t before = 0;
  for (uint32_t k : keys_) {
    for (uint32_t gap = k - before;; gap >>= 7) {
      if (gap < 0x80) {
        out.push_back(static_cast<char>(gap));
        break;
      }
      out.push_back(static_cast<char>((gap & 0x7F) | 0x80));
    }
    before = k;
  }
  std::string hi, lo;
  for (size_t i = 0; i < keys_.size(); ++i) {
    uint16_t m = 0;
    for (int l = 0; l < kTagLabels; ++l) {
      const int16_t w = weights_[i * kTagLabels + static_cast<size_t>(l)];
      if (!w) continue;
      m = static_cast<uint16_t>(m | 1u << l);
      hi.push_back(static_cast<char>(static_cast<uint16_t>(w) >> 8));
      lo.push_back(static_cast<char>(static_cast<uint16_t>(w) & 0xFF));
    }
    put<uint16_t>(out, m);
  }
  return out + hi + lo;
}

void TaggerModel::build(const std::vector<std::pair<uint64_t, std::vector<float>>>& features) {
  // Features whose 32-bit keys collide are summed (their weights act together at run time too).
  std::vector<std::pair<uint32_t, const std::vector<float>*>> order;
  order.reserve(features.size());
  float max_abs = 0;
  for (const auto& [f, w] : features) {
    order.push_back({key32(f), &w});
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<uint32_t> keys;
  std::vector<float> sums;
  for (const auto& [k, w] : order) {
    if (keys.empty() || keys.back() != k) {
      keys.push_back(k);
      sums.resize(sums.size() + kTagLabels, 0.0f);
    }
    float* row = &sums[sums.size() - kTagLabels];
    for (int l = 0; l < kTagLabels; ++l) row[l] += (*w)[static_cast<size_t>(l)];
  }
  for (float v : sums) max_abs = std::max(max_abs, std::fabs(v));
  scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  keys_ = std::move(keys);
  weights_.resize(sums.size());
  for (size_t i = 0; i < sums.size(); ++i) weights_[i] = static_cast<int16_t>(std::lround(sums[i] / scale_));
  index();
}

void TaggerModel::index() {
  table_.clear();
  table_.make_room(keys_.size());
  for (uint32_t r = 0; r < keys_.size(); ++r) table_.add_in_room(keys_[r]) = r;
}

// -------------------------------------------------------------------------------------------------
// Features
// -------------------------------------------------------------------------------------------------

void Tagger::prepare(std::string_view text, const std::vector<Token>& toks, const TagContext& ctx) {
  text_ = text;
  toks_ = &toks;
  ctx_ = ctx;
  const Gazetteer& gaz = *ctx.gaz;
  const size_t n = toks.size();
  info_.assign(n, TokInfo{});
  const bool normal = ctx.mode == TextCase::Normal;
  // Gazetteer matches: the longest name starting at each capitalised token (any word in headlines),
  // running over capitalised words and connectors ("Bank of England").
  for (size_t i = 0; i < n;) {
    const Token& t = toks[i];
    const bool start = t.word() && !t.has(kTokDigit) && (!normal || t.has(kTokCap) || t.has(kTokAllCaps));
    if (!start) {
      ++i;
      continue;
    }
    size_t last = i;
    for (size_t k = i + 1; k < n && k < i + 6; ++k) {
      const Token& u = toks[k];
      if (u.line_break_before() || u.sentence != t.sentence) break;
      if (u.word() && (u.has(kTokCap) || u.has(kTokAllCaps) || u.has(kTokDigit))) {
        last = k;
        continue;
      }
      const std::string_view uw = text.substr(u.begin, u.end - u.begin);
      if ((u.word() && is_connector(Lower(uw).view())) || u.punct == '&') continue;
      break;
    }
    // No name of the gazetteer starts with the word: nothing to look up, unless the bytes after it
    // (not a space) make the first word of a longer span's key another word ("McDonald's Corp").
    if (pass_unstarted_ && info(i).gaz_start == 0 &&
        (last == i || t.end >= text.size() || key_space_byte(text[t.end]))) {
      ++i;
      continue;
    }
    size_t matched = 0;
    int type = -1;
    for (size_t e = last + 1; e > i; --e) {
      if (!toks[e - 1].word()) continue;
      const std::string_view s = text.substr(t.begin, toks[e - 1].end - t.begin);
      name_key_into(s, key_);
      int id = gaz.find_key(key_);
      // "Moody's", "Standard and Poor's": the 's is the name's (not before another capitalised word:
      // "Queen's Park" is not Queens)
      const bool name_after = e < n && toks[e].word() && (toks[e].has(kTokCap) || toks[e].has(kTokAllCaps));
      if (id < 0 && !name_after && toks[e - 1].has(kTokPossessive)) id = gaz.find_key_possessive(key_);
      if (id >= 0) {
        matched = e - i;
        type = static_cast<int>(gaz.entry(id).type);
        break;
      }
    }
    if (!matched) {
      ++i;
      continue;
    }
    for (size_t k = i; k < i + matched; ++k) info_[k].gaz = static_cast<uint8_t>(1 + 2 * type + (k == i ? 0 : 1));
    i += matched;
  }
}

void Tagger::read_token(size_t i) const {
  TokInfo& ti = info_[i];
  ti.ready = true;  // (ti.gaz was set by prepare())
  read_fields((*toks_)[i], ti);
  // A neighbour's features read its shape, its word when lexical and its roles: the key of its group.
  ti.nkey = nonzero(combine(combine(ti.shape, ti.lex ? ti.lower_hash : 0), ti.roles));
  // Punctuation's own features read its shape alone.
  if (!ti.key) ti.key = nonzero(combine(ti.nkey, 3 << 12));
}

void Tagger::read_fields(const Token& t, TokInfo& ti) const {
  const std::string_view w = text_.substr(t.begin, t.end - t.begin);
  if (!t.word()) {
    ti.shape = shape_hash(w, t.punct ? t.punct : '?');
    return;
  }
  // A word's information depends on its bytes and on whether it is capitalised (kTokCap), which the
  // bytes decide but for the tokenizer's view of non-Latin capitals: both are in the key.
  const uint64_t key =
      nonzero(hash_bytes(w) ^ (t.has(kTokCap) ? 0x5bd1e995ull : 0) ^ (t.has(kTokDigit) ? 0xc2b2ae35ull : 0));
  ti.key = key;
  if (const WordInfo* c = words_.find(key)) {
    ti.lower_hash = c->lower_hash;
    ti.shape = c->shape;
    ti.roles = c->roles;
    ti.dict = c->dict;
    ti.lex = c->lex;
    ti.opening = c->opening;
    ti.gaz_start = c->gaz_start;
    return;
  }
  read_word(w, t, ti);
  if (cached_ < kWordCacheSize) {
    ++cached_;
    words_[key] = WordInfo{ti.lower_hash, ti.shape, ti.roles, ti.dict, ti.lex, ti.opening, ti.gaz_start};
  }
}

void Tagger::read_word(std::string_view w, const Token& t, TokInfo& ti) const {
  const Gazetteer& gaz = *ctx_.gaz;
  ti.shape = shape_hash(w, 0);
  ti.lower_hash = hash_lower(w);
  ti.opening = is_opening_word(w) ? 1 : 0;
  ti.gaz_start = 2;
  if (w.size() <= 64) {
    char buf[64];
    const std::string_view first = key_first_word(std::string_view(buf, name_key_to(w, buf)));
    if (!first.empty() && first != "the") ti.gaz_start = gaz.starts_name(first) ? 1 : 0;
  }
  if (t.has(kTokDigit)) return;
  const Lower lw(w);
  const std::string_view l = lw.view();
  const Gazetteer::WordInfo* wi = gaz.word(l);
  ti.roles = wi ? wi->roles : 0;
  const bool english = gaz.is_english_word(l);
  // First names and demonyms are stored capitalised and only asked for capitalised words.
  bool first = false, demonym = false;
  if (t.has(kTokCap)) {
    char cap[48];
    const size_t cn = l.size();
    std::memcpy(cap, l.data(), cn);
    if (cn && cap[0] >= 'a' && cap[0] <= 'z') cap[0] = static_cast<char>(cap[0] - 32);
    const std::string_view capw(cap, cn);
    first = gaz.is_first_name(capw);
    demonym = gaz.find_demonym(capw) >= 0;
  }
  ti.dict = static_cast<uint8_t>((english ? 1 : 0) | (first ? 2 : 0) | (demonym ? 4 : 0));
  ti.lex = english || first || demonym || wi != nullptr || is_connector(l);
}

bool Tagger::considered(size_t i, uint8_t previous_label) const {
  const Token& t = (*toks_)[i];
  if (previous_label != kLabelO) return true;
  if (!t.word()) return false;
  if (ctx_.mode != TextCase::Normal) return true;
  if (!(t.has(kTokCap) || t.has(kTokAllCaps) || t.has(kTokParticle))) return false;
  // "The", "But", "He" opening a sentence start no name (but where a gazetteer name does: "The Hague").
  if (t.has(kTokSentStart) && info_[i].gaz == 0 && info(i).opening) return false;
  return true;
}

void Tagger::word_features(size_t i, uint64_t capbits, std::vector<uint64_t>& out) const {
  const Token& t = (*toks_)[i];
  const TokInfo& ti = info(i);
  const uint64_t mode = static_cast<uint64_t>(ctx_.mode);
  out.push_back(feat(kFBias, 0));
  out.push_back(feat(kFShape, combine(ti.shape, mode)));
  if (!t.word()) return;
  const std::string_view w = text_.substr(t.begin, t.end - t.begin);
  if (ti.lex) {
    out.push_back(feat(kFWord, combine(ti.lower_hash, mode)));
    out.push_back(feat(kFWordCase, combine(ti.lower_hash, capbits)));
  }
  if (w.size() >= 5) {
    const Lower l(w);
    const std::string_view lv = l.view();
    out.push_back(feat(kFSuffix3, hash_bytes(lv.substr(lv.size() - 3))));
    out.push_back(feat(kFSuffix4, hash_bytes(lv.substr(lv.size() - 4))));
    out.push_back(feat(kFPrefix3, hash_bytes(lv.substr(0, 3))));
  }
  out.push_back(feat(kFLength, std::min<size_t>(w.size(), 12) | mode << 8));
  out.push_back(feat(kFDict, ti.dict | capbits << 3 | mode << 6));
  if (t.has(kTokDigit)) return;
  uint64_t bucket = 0;  // never seen
  if (ctx_.corpus) {
    if (const CaseStats::Counts* c = ctx_.corpus->counts(ti.lower_hash)) {
      if (c->lower == 0) bucket = c->capitalised >= 3 ? 1 : 2;  // only capitalised
      else if (c->capitalised == 0) bucket = 3;                 // only lower case
      else if (c->capitalised >= 4 * c->lower) bucket = 4;      // mostly capitalised
      else if (c->lower >= 4 * c->capitalised) bucket = 5;      // mostly lower case
      else bucket = 6;
    }
  }
  out.push_back(feat(kFCorpusCase, bucket | capbits << 3 | mode << 6));
  for (int b = 0; b < 11; ++b)
    if (ti.roles & (1u << b)) out.push_back(feat(kFRole, static_cast<uint64_t>(b) | mode << 4));
}

void Tagger::neighbour_features(const TokInfo& n, bool before, std::vector<uint64_t>& out) {
  out.push_back(feat(before ? kFPrevShape : kFNextShape, n.shape));
  if (n.lex) out.push_back(feat(before ? kFPrevWord : kFNextWord, n.lower_hash));
  for (int b = 0; b < 11; ++b)
    if (n.roles & (1u << b)) out.push_back(feat(before ? kFPrevRole : kFNextRole, static_cast<uint64_t>(b)));
}

namespace {
constexpr uint64_t kNoNeighbour = 0x5EED;
uint64_t capbits_of(const Token& t) {
  return (t.has(kTokCap) ? 1u : 0u) | (t.has(kTokAllCaps) ? 2u : 0u) | (t.has(kTokSentStart) ? 4u : 0u);
}
}  // namespace

// The features that depend on the token's place in the text: those with few values (position, the
// article's words, the gazetteer's matches around it), then the shapes around it and the words two away.
Tagger::Small Tagger::small_features(size_t i, const TokInfo* prev, const TokInfo* next, uint64_t capbits) const {
  const Token& t = (*toks_)[i];
  const TokInfo& ti = info(i);
  const uint32_t mode = static_cast<uint32_t>(ctx_.mode);
  Small v;
  v.position = static_cast<uint32_t>(capbits) | mode << 3 | (ctx_.title ? 32u : 0u) |
               (t.has(kTokLineBefore) || i == 0 ? 64u : 0u);
  if (t.word() && !t.has(kTokDigit)) {
    const bool doc_lower = ctx_.doc && (!t.has(kTokCap) || ctx_.doc->has_lower(ti.lower_hash));
    v.doc_lower = (doc_lower ? 1u : 0u) | static_cast<uint32_t>(capbits) << 1 | mode << 4;
  }
  v.gaz = ti.gaz | mode << 4;
  v.gaz_prev = prev ? prev->gaz : 99;
  v.gaz_next = next ? next->gaz : 99;
  return v;
}

void Tagger::place_features(size_t i, const TokInfo* prev, const TokInfo* next, std::vector<uint64_t>& out) const {
  const std::vector<Token>& toks = *toks_;
  const TokInfo& ti = info(i);
  out.push_back(feat(kFShapeWindow,
                     combine(combine(prev ? prev->shape : kNoNeighbour, ti.shape), next ? next->shape : kNoNeighbour)));
  if (i >= 2 && info(i - 2).lex) out.push_back(feat(kFPrev2Word, info(i - 2).lower_hash));
  if (i + 2 < toks.size() && info(i + 2).lex) out.push_back(feat(kFNextWord2, info(i + 2).lower_hash));
}

void Tagger::static_features(size_t i, std::vector<uint64_t>& out) const {
  const std::vector<Token>& toks = *toks_;
  const Token& t = toks[i];
  const uint64_t capbits = capbits_of(t);
  const TokInfo* prev = i > 0 ? &info(i - 1) : nullptr;
  const TokInfo* next = i + 1 < toks.size() ? &info(i + 1) : nullptr;
  word_features(i, capbits, out);
  if (prev) neighbour_features(*prev, true, out);
  else out.push_back(feat(kFPrevShape, kNoNeighbour));
  if (next) neighbour_features(*next, false, out);
  else out.push_back(feat(kFNextShape, kNoNeighbour));
  const Small v = small_features(i, prev, next, capbits);
  out.push_back(feat(kFPosition, v.position));
  if (v.doc_lower != Small::kNone) out.push_back(feat(kFDocLower, v.doc_lower));
  out.push_back(feat(kFGaz, v.gaz));
  out.push_back(feat(kFGazPrev, v.gaz_prev));
  out.push_back(feat(kFGazNext, v.gaz_next));
  place_features(i, prev, next, out);
}

namespace {
// The label features that read the token (its shape and word) besides the label before it.
void label_word_features(uint64_t shape, uint64_t word, uint8_t prev1, std::vector<uint64_t>& out) {
  out.push_back(feat(kFPrev1Shape, combine(prev1, shape)));
  if (word) out.push_back(feat(kFPrev1Word, combine(prev1, word)));
}
}  // namespace

void tag_label_features(uint64_t shape, uint64_t word, uint8_t prev1, uint8_t prev2, std::vector<uint64_t>& out) {
  out.push_back(feat(kFPrev1, prev1));
  out.push_back(feat(kFPrev2Prev1, static_cast<uint64_t>(prev2) << 8 | prev1));
  label_word_features(shape, word, prev1, out);
}

// Dense tables of the features with few values, in this order: position (128 values), the article's
// words (64), gazetteer match (64), before (100), after (100), label before (9), two labels before (81).
namespace {
constexpr uint32_t kDensePosition = 0, kDenseDocLower = 128, kDenseGaz = 192, kDenseGazPrev = 256, kDenseGazNext = 356,
                   kDensePrev1 = 456, kDensePrev2Prev1 = 465, kDenseSize = 546;
}  // namespace

void Tagger::make_dense(const TaggerModel& model) {
  dense_.assign(kDenseSize, ScoreLine{});
  auto fill = [&](uint32_t at, uint64_t templ, uint64_t value) {
    if (const int16_t* w = model.find(feat(templ, value)))
      for (int l = 0; l < kTagLabels; ++l) dense_[at].s[l] = w[l];
  };
  for (uint32_t v = 0; v < 128; ++v) fill(kDensePosition + v, kFPosition, v);
  for (uint32_t v = 0; v < 64; ++v) fill(kDenseDocLower + v, kFDocLower, v);
  for (uint32_t v = 0; v < 64; ++v) fill(kDenseGaz + v, kFGaz, v);
  for (uint32_t v = 0; v < 100; ++v) fill(kDenseGazPrev + v, kFGazPrev, v);
  for (uint32_t v = 0; v < 100; ++v) fill(kDenseGazNext + v, kFGazNext, v);
  for (uint32_t a = 0; a < kTagLabels; ++a) {
    fill(kDensePrev1 + a, kFPrev1, a);
    for (uint32_t b = 0; b < kTagLabels; ++b)
      fill(kDensePrev2Prev1 + a * kTagLabels + b, kFPrev2Prev1, uint64_t{a} << 8 | b);
  }
}

void Tagger::tag(const TaggerModel& model, std::string_view text, const std::vector<Token>& toks, const TagContext& ctx,
                 std::vector<TagSpan>& out) {
  out.clear();
  if (toks.empty() || model.empty()) return;
  prepare(text, toks, ctx);
  labels_.assign(toks.size(), kLabelO);
  margins_.assign(toks.size(), 255);
  if (cache_model_ != &model || cache_gaz_ != ctx.gaz || cache_corpus_ != ctx.corpus ||
      (ctx.corpus && cache_revision_ != ctx.corpus->revision())) {
    if (cache_gaz_ != ctx.gaz) {
      words_ = FlatTable<WordInfo>();
      cached_ = 0;
    }
    score_cache_.assign(kScoreCacheMin, ScoreLine{});
    cache_tokens_ = 0;
    if (cache_model_ != &model) make_dense(model);
    cache_model_ = &model;
    cache_gaz_ = ctx.gaz;
    cache_corpus_ = ctx.corpus;
    cache_revision_ = ctx.corpus ? ctx.corpus->revision() : 0;
  }
  // The cache grows with the text read (a short text does not pay for a large one).
  cache_tokens_ += toks.size();
  if (score_cache_.size() < kScoreCacheMax && cache_tokens_ > 16 * score_cache_.size()) {
    score_cache_.assign(score_cache_.size() * 2, ScoreLine{});
    cache_tokens_ = 0;
  }
  const uint64_t mode = static_cast<uint64_t>(ctx.mode);
  uint8_t prev1 = kLabelO, prev2 = kLabelO;
  int32_t score[kTagLabels];
  for (size_t i = 0; i < toks.size(); ++i) {
    uint8_t best = kLabelO;
    if (considered(i, prev1)) {
      // The same features as static_features() and label_features(), the word's and its neighbours'
      // groups summed once per distinct word.
      std::fill(score, score + kTagLabels, 0);
      const Token& t = toks[i];
      const TokInfo& ti = info(i);
      const uint64_t capbits = capbits_of(t);
      const TokInfo* prev = i > 0 ? &info(i - 1) : nullptr;
      const TokInfo* next = i + 1 < toks.size() ? &info(i + 1) : nullptr;
      const uint64_t lexical = ti.lex ? ti.lower_hash : 0;
      add_group(model, nonzero(combine(ti.key, capbits | mode << 3 | uint64_t{prev1} << 8)), score,
                [&](std::vector<uint64_t>& g) {
                  word_features(i, capbits, g);
                  label_word_features(ti.shape, lexical, prev1, g);
                });
      if (prev)
        add_group(model, nonzero(combine(prev->nkey, 1 << 12)), score,
                  [&](std::vector<uint64_t>& g) { neighbour_features(*prev, true, g); });
      if (next)
        add_group(model, nonzero(combine(next->nkey, 2 << 12)), score,
                  [&](std::vector<uint64_t>& g) { neighbour_features(*next, false, g); });
      feats_.clear();
      if (!prev) feats_.push_back(feat(kFPrevShape, kNoNeighbour));
      if (!next) feats_.push_back(feat(kFNextShape, kNoNeighbour));
      place_features(i, prev, next, feats_);
      const Small v = small_features(i, prev, next, capbits);
      add_dense(kDensePosition + v.position, score);
      if (v.doc_lower != Small::kNone) add_dense(kDenseDocLower + v.doc_lower, score);
      add_dense(kDenseGaz + v.gaz, score);
      add_dense(kDenseGazPrev + v.gaz_prev, score);
      add_dense(kDenseGazNext + v.gaz_next, score);
      add_dense(kDensePrev1 + prev1, score);
      add_dense(kDensePrev2Prev1 + prev2 * kTagLabels + prev1, score);
      for (uint64_t f : feats_)
        if (const int16_t* w = model.find(f))
          for (int l = 0; l < kTagLabels; ++l) score[l] += w[l];
      best = best_label(score, prev1, model.scale(), margins_[i]);
    }
    labels_[i] = best;
    prev2 = prev1;
    prev1 = best;
  }
  spans_from_labels(labels_, out);
  for (TagSpan& sp : out) {
    sp.margin = 255;
    for (uint32_t k = sp.first; k <= sp.last; ++k) sp.margin = std::min(sp.margin, margins_[k]);
  }
  join_gazetteer_pieces(out);
}

// A name of the gazetteer of two words or more that the labels cut into pieces, or of which they read
// only a part ("New" + "Hampshire", "England" of "Bank of England"), is read whole, as the gazetteer's
// type. Names running past the gazetteer's ("New York Stock Exchange" around "New York") stay as read,
// and pieces of such a name that touch are joined.
void Tagger::join_gazetteer_pieces(std::vector<TagSpan>& out) const {
  const size_t n = info_.size();
  size_t w = 0, s = 0;  // out[0, w): kept; out[s]: the next span to look at
  for (size_t a = 0; a < n;) {
    const uint8_t g = info_[a].gaz;
    if (g == 0 || (g - 1) % 2 != 0) {
      ++a;
      continue;
    }
    size_t b = a + 1;  // the match is tokens [a, b)
    while (b < n && info_[b].gaz == g + 1) ++b;
    // Spans before the match are kept as they are.
    while (s < out.size() && out[s].last < a) out[w++] = out[s++];
    size_t e = s;
    while (e < out.size() && out[e].first < b) ++e;  // out[s, e): the spans meeting the match
    const bool inside = e > s && out[s].first >= a && out[e - 1].last < b;
    // (not over a lower-case word or an article at the match's edges: "the Berlin" is Berlin)
    if (inside) {
      const std::vector<Token>& toks = *toks_;
      auto edge_word = [&](size_t k) {
        if (!toks[k].word() || !(toks[k].has(kTokCap) || toks[k].has(kTokAllCaps))) return false;
        const Lower word(text_.substr(toks[k].begin, toks[k].end - toks[k].begin));
        return word.view() != "the" && word.view() != "a" && word.view() != "an";
      };
      while (a < out[s].first && !edge_word(a)) ++a;
      while (b - 1 > out[e - 1].last && !edge_word(b - 1)) --b;
    }
    const bool whole = e == s + 1 && out[s].first == a && out[s].last == b - 1;
    // A longer name cut inside the gazetteer's ("New" + "York Mercantile Exchange"): names that touch,
    // with no word or sign between them, are one name, of the type of the part that runs past the match.
    bool touching = e - s >= 2 && !inside;
    for (size_t k = s; touching && k + 1 < e; ++k)
      touching = out[k + 1].first == out[k].last + 1 && !(*toks_)[out[k + 1].first].line_break_before();
    if (touching) {
      TagSpan joined;
      joined.first = out[s].first;
      joined.last = out[e - 1].last;
      joined.type = out[e - 1].last >= b ? out[e - 1].type : out[s].type;
      for (size_t k = s; k < e; ++k) joined.margin = std::min(joined.margin, out[k].margin);
      out[w++] = joined;
      s = e;
    } else if (b - a >= 2 && inside && !whole) {
      TagSpan joined;
      joined.first = static_cast<uint32_t>(a);
      joined.last = static_cast<uint32_t>(b - 1);
      joined.type = static_cast<uint8_t>((g - 1) / 2);
      for (size_t k = s; k < e; ++k) joined.margin = std::min(joined.margin, out[k].margin);
      out[w++] = joined;
      s = e;
    }
    a = b;
  }
  while (s < out.size()) out[w++] = out[s++];
  out.resize(w);
}

template <class Emit>
void Tagger::add_group(const TaggerModel& model, uint64_t key, int32_t* score, Emit&& emit) {
  ScoreLine* line = key ? &score_cache_[mix(key) & (score_cache_.size() - 1)] : nullptr;
  if (!line || line->key != key) {
    group_.clear();
    emit(group_);
    int32_t sum[kTagLabels] = {};
    for (uint64_t f : group_)
      if (const int16_t* w = model.find(f))
        for (int l = 0; l < kTagLabels; ++l) sum[l] += w[l];
    if (!line) {
      for (int l = 0; l < kTagLabels; ++l) score[l] += sum[l];
      return;
    }
    line->key = key;
    std::memcpy(line->s, sum, sizeof sum);
  }
  for (int l = 0; l < kTagLabels; ++l) score[l] += line->s[l];
}

uint8_t best_label(const int32_t* score, uint8_t prev1, float scale, uint8_t& margin) {
  uint8_t best = kLabelO;
  int32_t top = INT32_MIN, second = INT32_MIN;
  for (int l = 0; l < kTagLabels; ++l) {
    // I-x only continues a name of type x.
    if (l != kLabelO && (l % 2) == 0 && label_type(prev1) != label_type(static_cast<uint8_t>(l))) continue;
    if (score[l] > top) {
      second = top;
      top = score[l];
      best = static_cast<uint8_t>(l);
    } else if (score[l] > second) {
      second = score[l];
    }
  }
  const float lead = static_cast<float>(static_cast<int64_t>(top) - second) * scale * 4.0f;
  margin = static_cast<uint8_t>(std::min(255.0f, lead));
  return best;
}

void spans_from_labels(const std::vector<uint8_t>& labels, std::vector<TagSpan>& out) {
  out.clear();
  int open = -1;
  uint32_t first = 0;
  for (uint32_t i = 0; i <= labels.size(); ++i) {
    const uint8_t l = i < labels.size() ? labels[i] : kLabelO;
    const int type = label_type(l);
    const bool inside = l != kLabelO && (l % 2) == 0 && type == open;
    if (inside) continue;
    if (open >= 0) out.push_back({first, i - 1, static_cast<uint8_t>(open)});
    open = type;
    first = i;
  }
}

}  // namespace ae
