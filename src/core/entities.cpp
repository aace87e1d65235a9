// entities.cpp — rule-based named-entity extraction and corpus-wide alias merging. Layer: core.
//
// How the work is shaped (news repeats the same names thousands of times):
//   1. Bodies, then titles: tokens, word-case statistics, and candidate spans. A candidate is a small
//      record (article, sentence, offsets, context read as bits); its text is looked up in a table of
//      distinct spans, so each distinct span is kept once with its tokens.
//   2. Cleaning and typing run once per distinct span, after the statistics are final.
//   3. Merging works on integer group keys; strings are made once per distinct span or alias.
//
// [SECTION] Hash tables and word hashes
// [SECTION] Candidates: capitalised sequences with particles and connectors, and their context
// [SECTION] Cleaning: sentence-initial words, titles, demonyms, headline words
// [SECTION] Typing: votes from the gazetteer and from cue words around each mention
// [SECTION] Merging: gazetteer aliases, spelling variants, acronyms, surnames; canonical names
#include "entities.h"

#include "flat_table.h"
#ifndef __EMSCRIPTEN__  // the page has no threads: the pool is the command line's
#include "parallel.h"
#define AE_WITH_THREADS 1
#endif

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "string_table.h"
#include "tagger.h"
#include "text.h"

namespace ae {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

// -------------------------------------------------------------------------------------------------
// [SECTION] Hash tables and word hashes
// -------------------------------------------------------------------------------------------------

// Strings to dense ids (merge keys, surface forms): each distinct string stored once in blocks that
// never move (views stay valid), found by its 64-bit hash (a collision of two strings probes on with
// the hash rehashed).
class Interner {
 public:
  uint32_t id(std::string_view s) {
    for (uint64_t k = nonzero(hash_bytes(s));; k = rehash_key(k)) {
      uint32_t& slot = ids_[k];  // id + 1, 0 new
      if (slot == 0) {
        views_.push_back(store_.keep(s));
        slot = static_cast<uint32_t>(views_.size());
      }
      if (views_[slot - 1] == s) return slot - 1;
    }
  }
  uint32_t find(std::string_view s) const {
    for (uint64_t k = nonzero(hash_bytes(s));; k = rehash_key(k)) {
      const uint32_t* slot = ids_.find(k);
      if (!slot) return kNone;
      if (views_[*slot - 1] == s) return *slot - 1;
    }
  }
  std::string_view name(uint32_t id) const { return views_[id]; }
  size_t size() const { return views_.size(); }

 private:
  FlatTable<uint32_t> ids_;
  std::vector<std::string_view> views_;
  StringArena store_;
};

// -------------------------------------------------------------------------------------------------
// [SECTION] Candidates
// -------------------------------------------------------------------------------------------------

struct SpanTok {
  uint32_t begin, end;
  uint16_t flags;
};

// What the words around a candidate say, read once when it is collected.
enum ContextBit : uint16_t {
  kCtxPersonBefore = 1 << 0,      // "spokesman X" (a person cue; "said"/"told" are not)
  kCtxPersonAfter = 1 << 1,       // "X, a spokesman"
  kCtxSpeechAfter = 1 << 2,       // "X said"
  kCtxHonorific = 1 << 3,         // "Mr X"
  kCtxOrgBefore = 1 << 4,         // an organisation cue before
  kCtxPlaceAfter = 1 << 5,        // "X province"
  kCtxPlaceBefore2 = 1 << 6,      // a two-word place cue before ("border with")
  kCtxPlaceBefore1 = 1 << 7,      // a one-word place cue before
  kCtxInstitutionAfter = 1 << 8,  // "Iraqi government": a lone demonym refers to its place
  kCtxNumberBefore = 1 << 9,      // a number just before (results tables)
};

enum CandFlag : uint8_t {
  kCandLineStart = 1 << 0,    // first token of a line
  kCandNumberAfter = 1 << 1,  // followed by a number on the same line ("Surrey 320", "Croft 3-45")
  kCandDateline = 1 << 2,     // "BRUSSELS 1996-08-22", "ERBIL, Kurdistan Region –" at the top of a body
  kCandDemonymRef = 1 << 3,   // a lone demonym read as a reference to its place ("Iraqi government")
};

// Names the tagger found with a smaller margin are not kept.
constexpr uint8_t kMinTagMargin = 4;

enum Rule : uint8_t { kRuleName, kRuleGazAlias, kRuleTeam, kRuleAcronym, kRuleSurname, kRuleTicker, kRuleShortName };

// One candidate mention: 32 bytes, no strings. Its text is the distinct span `span`.
struct Cand {
  uint32_t article = 0;
  uint32_t sentence = 0;
  uint32_t span = 0;      // index into the span table
  uint32_t begin = 0;     // first byte of the raw span in its field
  uint32_t key = kNone;   // merge group (set when merging)
  uint32_t rule_arg = 0;  // acronym: the defining article; surname: the full name's candidate
  uint16_t ctx = 0;       // ContextBit
  uint8_t field = 1;      // 0 title, 1 body
  uint8_t flags = 0;      // CandFlag
  uint8_t rule = kRuleName;
  uint8_t tag = 0;     // the learned tagger's reading: 0 none (rules), else 1 + TagType
  uint8_t margin = 0;  // how sure the tagger was (TagSpan::margin)
};

// A distinct candidate span (its bytes, whether its first word starts a sentence, whether it sits in a
// headline), with its tokens from the first occurrence and, once cleaned, everything merging reads.
struct Span {
  uint32_t article = 0;    // where it was first seen (its text: that article's field)
  uint32_t first_tok = 0;  // in the token pool (offsets in that text)
  uint32_t ntoks = 0;
  uint8_t field = 1;
  bool sent_start = false, headline = false;
  // Cleaning and typing (per span):
  bool dropped = false;
  bool corporate = false;
  bool gaz_alias = false;                   // a gazetteer entry under another surface
  uint16_t kept = 0;                        // tokens kept (at most 65535: only 0, 1 and "2 or more" matter)
  uint16_t kept_flags = 0;                  // flags of the first kept token
  int16_t votes[kEntityTypes] = {0, 0, 0};  // the span's own evidence (context comes per candidate)
  int gaz = -1;
  int single_demonym = -1;    // a lone demonym: its place
  uint32_t from = 0, to = 0;  // kept bytes (a dropped demonym: its bytes), relative to the span's start
  // Merge keys (ids):
  uint32_t key = kNone;          // group: gazetteer entry or normalised name (a demonym: its place)
  uint32_t demonym_key = kNone;  // a lone demonym: its place's group
  bool prefix_ref = false;       // "US-led": the place is referred to wherever the word stands
  uint32_t dem_from = 0, dem_to = 0, dem_surface = kNone;  // a lone demonym's bytes (from the span's start), text
  uint32_t surface = kNone;                                // the kept text (a dropped demonym: the demonym)
  uint32_t last_key = kNone;       // surname key of a multi-word name ("sadr" of "Muqtada al-Sadr")
  uint32_t first_key = kNone;      // its first word ("merrill" of "Merrill Lynch"): a company's short name
  uint32_t surname_probe = kNone;  // key under which a one-word name looks for its full name
};

class SpanTable {
 public:
  explicit SpanTable(const Corpus& corpus) : corpus_(corpus) {}
  std::string_view text(const Span& s) const {
    const Article& a = corpus_.articles[s.article];
    return s.field == 0 ? std::string_view(a.title) : std::string_view(a.body);
  }
  // Index of the span (text[b, e) with the flags), added with its tokens when new.
  uint32_t intern(std::string_view text, uint32_t article, uint8_t field, const std::vector<Token>& toks, size_t i,
                  size_t j, bool headline) {
    const uint32_t b = toks[i].begin, e = toks[j].end;
    const std::string_view bytes = text.substr(b, e - b);
    const bool sent = toks[i].flags & kTokSentStart;
    uint64_t k = nonzero(hash_bytes(bytes) ^ (sent ? 0x9E37u : 0) ^ (headline ? 0x79B9u << 16 : 0));
    const uint32_t shape = static_cast<uint32_t>(bytes.size()) << 2 | (sent ? 1u : 0u) | (headline ? 2u : 0u);
    for (;;) {
      Ref& ref = table_[k];
      if (ref.index == 0) {
        ref.bytes = bytes.data();
        ref.shape = shape;
        Span s;
        s.article = article;
        s.field = field;
        s.first_tok = static_cast<uint32_t>(pool.size());
        s.ntoks = static_cast<uint32_t>(j - i + 1);
        for (size_t t = i; t < i + s.ntoks; ++t) pool.push_back({toks[t].begin, toks[t].end, toks[t].flags});
        s.sent_start = sent;
        s.headline = headline;
        spans.push_back(s);
        ref.index = static_cast<uint32_t>(spans.size());
        return ref.index - 1;
      }
      // The first occurrence's bytes are compared where they lie (the span and its tokens stay untouched).
      if (ref.shape == shape && std::memcmp(ref.bytes, bytes.data(), bytes.size()) == 0) return ref.index - 1;
      k = rehash_key(k);  // a 64-bit collision: probe on
    }
  }
  std::deque<Span> spans;
  std::vector<SpanTok> pool;

  void release_table() { table_ = FlatTable<Ref>(); }  // no more spans come
  void release_tokens() { std::vector<SpanTok>().swap(pool); }

 private:
  struct Ref {
    uint32_t index = 0;           // span + 1 (0: empty)
    uint32_t shape = 0;           // length << 2 | headline << 1 | sentence start
    const char* bytes = nullptr;  // the first occurrence in the corpus text
  };
  const Corpus& corpus_;
  FlatTable<Ref> table_;
};

// Roles of context words, by the hash of their lower-case text (one- and two-word phrases).
enum CueRole : uint16_t {
  kRolePersonCue = 1 << 0,
  kRoleOrgCue = 1 << 1,
  kRolePlaceAfter = 1 << 2,
  kRolePlaceBefore = 1 << 3,
  kRoleSpeech = 1 << 4,       // speech and action verbs after a person ("said", "visited")
  kRoleInstitution = 1 << 5,  // nouns after a demonym that make it a reference to the place
  kRoleHonorific = 1 << 6,    // mr, mrs, ms, dr
  kRoleArticle = 1 << 7,      // a, the
  kRoleSaidTold = 1 << 8,     // person cues that say nothing before a name
};

const char* const kSpeechVerbs[] = {
    "said",      "says",    "told",   "added",    "stated",     "announced",  "noted",  "warned",
    "explained", "argued",  "wrote",  "asked",    "replied",    "insisted",   "urged",  "affirmed",
    "confirmed", "praised", "voiced", "convened", "conducted",  "declared",   "denied", "acknowledged",
    "stressed",  "pointed", "vowed",  "accused",  "criticised", "criticized", "met",    "visited",
    "resigned",  "died",    "who",    "has",      "was",        "is"};

const char* const kInstitutionNouns[] = {
    "government", "army",      "forces",  "force",       "parliament", "authorities",    "ministry",    "military",
    "troops",     "officials", "police",  "border",      "borders",    "territory",      "president",   "prime",
    "foreign",    "defence",   "defense", "security",    "state",      "capital",        "economy",     "embassy",
    "navy",       "cabinet",   "side",    "leadership",  "regime",     "administration", "interior",    "central",
    "national",   "air",       "armed",   "soil",        "airspace",   "waters",         "sovereignty", "counterparts",
    "delegation", "judiciary", "courts",  "prosecutors", "consulate",  "coast"};

class CueTable {
 public:
  explicit CueTable(const Gazetteer& gaz) {
    auto add = [&](std::string_view w, uint16_t role) { roles_[phrase_hash(w)] |= role; };
    gaz.for_each_word([&](std::string_view w, const Gazetteer::WordInfo& info) {
      if (info.roles & Gazetteer::kPersonCue) add(w, kRolePersonCue);
      if (info.roles & Gazetteer::kOrgCue) add(w, kRoleOrgCue);
      if (info.roles & Gazetteer::kPlaceCueAfter) add(w, kRolePlaceAfter);
      if (info.roles & Gazetteer::kPlaceCueBefore) add(w, kRolePlaceBefore);
    });
    for (const char* w : kSpeechVerbs)
      if (std::strlen(w) > 3) add(w, kRoleSpeech);  // short ones ("met", "who") are too common
    for (const char* w : kInstitutionNouns) add(w, kRoleInstitution);
    for (const char* w : {"mr", "mrs", "ms", "dr"}) add(w, kRoleHonorific);
    for (const char* w : {"a", "the"}) add(w, kRoleArticle);
    for (const char* w : {"said", "told"}) add(w, kRoleSaidTold);
  }
  // A phrase's key: its word's hash_lower, or for words separated by spaces ("border with") the
  // words' hashes combined as pair() combines them.
  static uint64_t phrase_hash(std::string_view phrase) {
    uint64_t h = 0;
    bool first = true;
    size_t i = 0;
    for (;;) {
      size_t e = phrase.find(' ', i);
      if (e == std::string_view::npos) e = phrase.size();
      const uint64_t w = hash_lower(phrase.substr(i, e - i));
      h = first ? w : pair(h, w);
      first = false;
      if (e == phrase.size()) return nonzero(h);
      i = e + 1;
    }
  }
  static uint64_t pair(uint64_t first, uint64_t second) { return nonzero((first * 0x9E3779B97F4A7C15ull) ^ second); }
  uint16_t roles(uint64_t hash) const {
    const uint16_t* r = roles_.find(nonzero(hash));
    return r ? *r : 0;
  }

 private:
  FlatTable<uint16_t> roles_;
};

using WordSet = StringTable<char>;

bool is_particle(std::string_view w) {
  static const WordSet kParticles = {"al",  "el", "bin", "ibn",   "van", "von", "der",  "den", "de",  "du", "da", "dos",
                                     "das", "di", "del", "della", "la",  "le",  "bint", "ter", "ten", "zu", "y"};
  return kParticles.contains(w);
}

bool is_name_token(const Token& t) {
  if (!t.word() || t.has(kTokHyphenLower)) return false;
  if (!t.has(kTokCap) && !t.has(kTokParticle)) return false;
  return t.end - t.begin > 1;  // "I"; initials are joined separately
}

std::string_view tok_text(std::string_view text, const Token& t) { return text.substr(t.begin, t.end - t.begin); }
std::string_view tok_text(std::string_view text, const SpanTok& t) { return text.substr(t.begin, t.end - t.begin); }

// Lower-cased copy of a short word into a buffer (views of it are valid until the next call).
struct LowerBuf {
  char buf[64];
  std::string_view operator()(std::string_view w) {
    const size_t n = std::min(w.size(), sizeof buf);
    for (size_t i = 0; i < n; ++i) buf[i] = static_cast<char>(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
    return std::string_view(buf, n);
  }
};

// Is a headline written in capitals or in title case (so capitals say nothing about names)?
bool is_headline_case(std::string_view text, const std::vector<Token>& toks) {
  int words = 0, caps = 0, upper = 0;
  for (const Token& t : toks) {
    if (!t.word() || t.has(kTokDigit)) continue;
    const std::string_view w = tok_text(text, t);
    if (w.size() < 4) continue;
    ++words;
    if (t.has(kTokCap)) ++caps;
    if (t.has(kTokAllCaps)) ++upper;
  }
  if (words == 0) return false;
  return upper * 10 >= words * 7 || (words >= 3 && caps * 10 >= words * 7);
}

// An acronym in parentheses right after a candidate: "Syrian Democratic Forces (SDF)"; or a stock
// ticker in angle brackets ("Exxon Corp <XON>", "GENCORP <GY>"), whose letters need not be initials.
struct AcronymAfter {
  uint32_t cand;
  uint32_t begin, end;
  bool ticker = false;
};

struct Collector {
  const Gazetteer& gaz;
  const CueTable& cues;
  SpanTable& spans;
  std::deque<Cand>& out;
  std::vector<AcronymAfter>& acronyms;
  bool plain_case = true;  // the text read now is written as prose (not in headline case or capitals)
};

// The words around a candidate [i, j] within its sentence, read into context bits and flags; an
// acronym in parentheses after it is noted.
void read_context(std::string_view text, const std::vector<Token>& toks, size_t i, size_t j, Cand& c, Collector& col) {
  const size_t n = toks.size();
  const uint8_t field = c.field;
  // Context within the sentence: up to two words before (quotes and symbols skipped) and after.
  const uint32_t s = toks[i].sentence;
  size_t before[2] = {SIZE_MAX, SIZE_MAX}, after[2] = {SIZE_MAX, SIZE_MAX};
  size_t p = i;
  int got = 0;
  while (p > 0 && got < 2) {
    --p;
    if (toks[p].sentence != s) break;
    if (!toks[p].word()) {
      if (toks[p].punct != '"' && toks[p].punct != '\x01') break;
      continue;
    }
    before[got++] = p;
  }
  if (i == 0 || toks[i].line_break_before()) c.flags |= kCandLineStart;
  if (j + 1 < n && toks[j + 1].has(kTokDigit) && !toks[j + 1].line_break_before() && toks[j + 1].word()) {
    const std::string_view num = tok_text(text, toks[j + 1]);
    if (num.find_first_not_of("0123456789-./") == std::string_view::npos) c.flags |= kCandNumberAfter;
  }
  if (field == 1 && (c.flags & kCandLineStart) && toks[i].has(kTokAllCaps) && toks[i].begin < 200) {
    const bool follows = j + 1 < n && !toks[j + 1].has(kTokLineBefore) &&
                         (toks[j + 1].has(kTokDigit) || toks[j + 1].punct == ',' || toks[j + 1].punct == '-' ||
                          toks[j + 1].punct == '\x01' || toks[j + 1].punct == '(');
    if (follows) c.flags |= kCandDateline;
  }
  size_t q = j + 1;
  if (q < n && toks[q].punct == '(' && q + 2 < n && toks[q + 1].has(kTokAllCaps) && toks[q + 2].punct == ')')
    col.acronyms.push_back({static_cast<uint32_t>(col.out.size()), toks[q + 1].begin, toks[q + 1].end});
  if (q < n && toks[q].punct == '<' && q + 2 < n && toks[q + 1].word() && toks[q + 1].has(kTokAllCaps)) {
    // "<XON>", and of an exchange's code ("<CSRA.S>", "<CKGH.HKG>") the part before the dot.
    size_t e = q + 2;
    while (e + 1 < n && e < q + 6 && toks[e].punct == '.' && toks[e + 1].word()) e += 2;
    if (e < n && toks[e].punct == '>')
      col.acronyms.push_back({static_cast<uint32_t>(col.out.size()), toks[q + 1].begin, toks[q + 1].end, true});
  }
  bool comma_after = false;
  if (q < n && toks[q].punct == ',') {
    comma_after = true;
    ++q;
  }
  got = 0;
  while (q < n && got < 2 && toks[q].sentence == s && toks[q].word()) after[got++] = q++;
  // What the context words say.
  auto hash_of = [&](size_t k) { return hash_lower(tok_text(text, toks[k])); };
  const CueTable& cues = col.cues;
  if (before[0] != SIZE_MAX) {
    const uint64_t h0 = hash_of(before[0]);
    const uint16_t r = cues.roles(h0);
    if ((r & kRolePersonCue) && !(r & kRoleSaidTold)) c.ctx |= kCtxPersonBefore;
    if (r & kRoleHonorific) c.ctx |= kCtxHonorific;
    if (r & kRoleOrgCue) c.ctx |= kCtxOrgBefore;
    // "first second": the two words before, in reading order
    if (before[1] != SIZE_MAX && (cues.roles(CueTable::pair(hash_of(before[1]), h0)) & kRolePlaceBefore))
      c.ctx |= kCtxPlaceBefore2;
    else if (r & kRolePlaceBefore) c.ctx |= kCtxPlaceBefore1;
    const std::string_view w = tok_text(text, toks[before[0]]);
    if (!w.empty() && w.find_first_not_of("0123456789-./") == std::string_view::npos) c.ctx |= kCtxNumberBefore;
  }
  if (after[0] != SIZE_MAX) {
    const uint64_t h0 = hash_of(after[0]), h1 = after[1] != SIZE_MAX ? hash_of(after[1]) : 0;
    const uint16_t r = cues.roles(h0);
    const uint16_t r2 = after[1] != SIZE_MAX ? cues.roles(h1) : 0;
    if (comma_after && ((r & kRolePersonCue) || ((r & kRoleArticle) && (r2 & kRolePersonCue))))
      c.ctx |= kCtxPersonAfter;
    if (r & kRoleSpeech) c.ctx |= kCtxSpeechAfter;
    if ((after[1] != SIZE_MAX && (cues.roles(CueTable::pair(h0, h1)) & kRolePlaceAfter)) || (r & kRolePlaceAfter))
      c.ctx |= kCtxPlaceAfter;
    if (r & kRoleInstitution) c.ctx |= kCtxInstitutionAfter;
  }
}

// "Syrian Democratic Forces (SDF)": the capitalised words before an acronym in parentheses whose
// initials spell it are one organisation's name, whatever the tagger made of them (its spans over
// those words give way). Writes the adjusted spans to out, or leaves out empty when nothing changes.
void acronym_definitions(std::string_view text, const std::vector<Token>& toks, const std::vector<TagSpan>& tagged,
                         std::vector<TagSpan>& out) {
  out.clear();
  const size_t n = toks.size();
  for (size_t q = 1; q + 2 < n; ++q) {
    if (toks[q].punct != '(' || toks[q + 2].punct != ')' || !toks[q + 1].has(kTokAllCaps)) continue;
    const std::string_view acr = tok_text(text, toks[q + 1]);
    if (acr.size() < 2 || acr.size() > 8 ||
        acr.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos)
      continue;
    // Match the letters from the last one backwards over the words before the parenthesis.
    size_t k = q, letters = acr.size();
    size_t first = SIZE_MAX;
    while (k > 0 && letters > 0) {
      const Token& t = toks[k - 1];
      if (!t.word() || toks[k].line_break_before()) break;
      const std::string_view w = tok_text(text, t);
      if (!t.has(kTokCap)) {
        if (w == "of" || w == "and" || w == "for" || w == "the") {
          --k;
          continue;
        }
        break;
      }
      if (w[0] != acr[letters - 1]) break;
      --letters;
      --k;
      first = k;
    }
    if (letters != 0 || first == SIZE_MAX || q - first < 2) continue;
    // The name and the acronym itself (so "IS" of "Islamic State (IS)" stands however sure the tagger was).
    const uint32_t b = static_cast<uint32_t>(first), e = static_cast<uint32_t>(q - 1);
    const uint32_t acr_at = static_cast<uint32_t>(q + 1);
    const std::vector<TagSpan>& src = out.empty() ? tagged : out;
    std::vector<TagSpan> next;
    bool placed = false;
    for (const TagSpan& t : src) {
      if (t.last < b || (t.first > e && t.first != acr_at)) {
        if (!placed && t.first > e) {
          next.push_back({b, e, kTagOrg, 255});
          next.push_back({acr_at, acr_at, kTagOrg, 255});
          placed = true;
        }
        next.push_back(t);
      }
    }
    if (!placed) {
      next.push_back({b, e, kTagOrg, 255});
      next.push_back({acr_at, acr_at, kTagOrg, 255});
    }
    out.swap(next);
  }
}

bool is_and(std::string_view w) { return w == "and" || w == "And" || w == "AND" || w == "&"; }

bool is_corporate_suffix(std::string_view w) {
  static const WordSet kSuffixes = {"Co",   "Co.", "Corp", "Corp.", "Inc",     "Inc.",         "Ltd",         "Ltd.",
                                    "Plc",  "PLC", "plc",  "LLC",   "AG",      "SA",           "S.A.",        "NV",
                                    "N.V.", "BV",  "GmbH", "Cos",   "Limited", "Incorporated", "Corporation", "Company",
                                    "SpA",  "AB",  "ASA",  "Oyj",   "KK"};
  // The same in capitals ("NORANDA INC"), for the longer suffixes (a capital "CO" or "SA" may be a name).
  static const WordSet kCaps = {"CORP",         "CORP.",       "INC",     "INC.", "LTD", "LTD.", "LIMITED",
                                "INCORPORATED", "CORPORATION", "COMPANY", "GMBH", "CO",  "CO.",  "COS"};
  return kSuffixes.contains(w) || kCaps.contains(w);
}

// Lower-case words that join the parts of a name and never end one ("Bank of", "Smith and").
bool is_trailing_connector(std::string_view w) {
  return w == "of" || w == "the" || w == "for" || w == "in" || w == "on" || w == "at" || w == "de" || w == "du";
}

// Suffixes written as abbreviations, whose period belongs to the name ("Corp.", "Inc.").
bool is_abbreviated_suffix(std::string_view w) {
  static const WordSet kAbbrev = {"Co", "Corp", "Inc", "Ltd", "Cos", "Bros", "CO", "CORP", "INC", "LTD", "COS", "BROS"};
  return kAbbrev.contains(w);
}

// A month's name or abbreviation at the front of a name is a date ("July FOMC"). (Not May, June, April,
// August or Jan, which are also given names: "June Carter", "Jan Kroslak".)
bool is_leading_month(std::string_view w) {
  static const WordSet kMonths = {"January",  "February", "March",    "July",     "September", "October", "November",
                                  "December", "Feb",      "Mar",      "Jul",      "Sep",       "Sept",    "Oct",
                                  "Nov",      "Dec",      "JANUARY",  "FEBRUARY", "MARCH",     "JULY",    "SEPTEMBER",
                                  "OCTOBER",  "NOVEMBER", "DECEMBER", "FEB",      "MAR",       "JUL",     "SEP",
                                  "SEPT",     "OCT",      "NOV",      "DEC"};
  return kMonths.contains(w);
}

// Listed as not an entity in any capitalisation ("FRIDAY", "Aug").
// (roles: the gazetteer's roles of w itself, already looked up)
bool not_entity(const Gazetteer& gaz, std::string_view w, uint16_t roles) {
  if (roles & Gazetteer::kNotEntity) return true;
  char t[64];
  if (w.empty() || w.size() > sizeof t) return false;  // the list holds short words
  for (size_t i = 0; i < w.size(); ++i) t[i] = static_cast<char>(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
  if (t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 32);
  const std::string_view variant(t, w.size());
  return variant != w && gaz.is_not_entity(variant);
}
bool not_entity(const Gazetteer& gaz, std::string_view w) { return not_entity(gaz, w, gaz.roles(w)); }

// The same for a phrase of several words ("RUGBY UNION", "World Cup"), each word's capital kept and the
// rest lower-cased.
bool not_entity_phrase(const Gazetteer& gaz, std::string_view s) {
  if (gaz.is_not_entity(s)) return true;
  char t[64];
  if (s.empty() || s.size() > sizeof t) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    const bool first = i == 0 || s[i - 1] == ' ';
    t[i] = first ? (ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch)
                 : (ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch | 0x20) : ch);
  }
  const std::string_view variant(t, s.size());
  return variant != s && gaz.is_not_entity(variant);
}

// Candidates of one text: the names the tagger found (tagged), or without a tagger capitalised runs
// with particles and connectors.
void collect_candidates(std::string_view text, const std::vector<Token>& toks, uint32_t article, uint8_t field,
                        uint32_t sentence_base, bool headline, Collector& col, const std::vector<TagSpan>* tagged) {
  const Gazetteer& gaz = col.gaz;
  const size_t n = toks.size();
  // An initial: "G." before a name ("G. Thorpe", "John F. Kennedy").
  auto initial_at = [&](size_t k) {
    return k + 2 < n && toks[k].word() && toks[k].end - toks[k].begin == 1 && toks[k].has(kTokCap) &&
           toks[k + 1].punct == '.' && !toks[k + 1].has(kTokSpaceBefore) && is_name_token(toks[k + 2]) &&
           !toks[k + 2].line_break_before();
  };
  // A title or role starting at token k ("President", "Prime Minister"): a name never runs into one.
  auto title_at = [&](size_t k) {
    std::string_view words[4];
    size_t count = 0;
    for (size_t m = k; m < n && count < 4 && toks[m].word(); ++m) words[count++] = tok_text(text, toks[m]);
    return count > 0 && gaz.title_length(words, count) > 0;
  };
  auto emit = [&](size_t i, size_t j, uint8_t tag, uint8_t margin) {
    Cand c;
    c.tag = tag;
    c.margin = margin;
    c.article = article;
    c.field = field;
    c.sentence = sentence_base + toks[i].sentence;
    c.begin = toks[i].begin;
    const size_t acronyms_before = col.acronyms.size();
    read_context(text, toks, i, j, c, col);
    if (tag) {
      // A name of another kind before a place word is the place ("Ain al-Assad air base"); a reading
      // the tagger was unsure of stands only with a cue word around it ("newspaper Al Sabah").
      if (tag == 1 + kTagOther && (c.ctx & kCtxPlaceAfter) &&
          (j > i || (col.gaz.find_demonym(tok_text(text, toks[i])) < 0 &&
                     tok_text(text, toks[i]).find('-') == std::string_view::npos)))
        c.tag = 1 + kTagPlace;
      const uint16_t cues =
          kCtxPersonBefore | kCtxPersonAfter | kCtxHonorific | kCtxOrgBefore | kCtxPlaceAfter | kCtxPlaceBefore2;
      if (margin < kMinTagMargin && !(c.ctx & cues)) {
        col.acronyms.resize(acronyms_before);
        return;
      }
    }
    c.span = col.spans.intern(text, article, field, toks, i, j, headline);
    col.out.push_back(c);
  };
  if (tagged) {
    std::vector<TagSpan> defined;
    acronym_definitions(text, toks, *tagged, defined);
    if (defined.empty()) defined = *tagged;
    // A lone particle read as a name of its own right before the next one is that name's start ("Al" +
    // "Sabah"): the two are joined, typed as the surer of the two readings.
    size_t w = 0;
    for (size_t k = 0; k < defined.size(); ++k) {
      if (w > 0) {
        TagSpan& prev = defined[w - 1];
        const TagSpan& cur = defined[k];
        if (prev.first == prev.last && cur.first == prev.last + 1 && toks[cur.first].has(kTokSpaceBefore) &&
            !toks[cur.first].line_break_before() && is_particle(ascii_lower(tok_text(text, toks[prev.first])))) {
          if (cur.margin > prev.margin) prev.type = cur.type;
          prev.margin = std::max(prev.margin, cur.margin);
          prev.last = cur.last;
          continue;
        }
      }
      defined[w++] = defined[k];
    }
    defined.resize(w);
    size_t taken = 0;  // tokens before it belong to names already read
    for (size_t kk = 0; kk < defined.size(); ++kk) {
      const TagSpan& t = defined[kk];
      uint8_t type = t.type;  // (a joined name takes the type of what it joins)
      size_t i = t.first, j = t.last;
      while (i <= j && !toks[i].word()) ++i;  // a name starts and ends with a word
      while (j > i && !toks[j].word()) --j;
      if (i > j) continue;
      // A name never runs over a line that starts a new paragraph or item.
      for (size_t k = i + 1; k <= j; ++k)
        if (toks[k].line_break_before()) {
          j = k - 1;
          while (j > i && !toks[j].word()) --j;
          break;
        }
      // In prose, a place read right before an organisation, with nothing between them, is the start of
      // its name ("Palestine" + "Liberation Organisation", "London" + "International Financial Futures
      // Exchange").
      // (The organisation's part is a name of two words or more that the gazetteer does not know: "U.S." +
      // "Federal Reserve Board" stay two, and "Ltd" or "Is" are not names to join.)
      auto org_part = [&](const TagSpan& o) {
        size_t words = 0;
        for (size_t q = o.first; q <= o.last; ++q) words += toks[q].word() ? 1 : 0;
        return words >= 2 && toks[o.first].word() && !is_capitalised_function_word(tok_text(text, toks[o.first])) &&
               gaz.find(text.substr(toks[o.first].begin, toks[o.last].end - toks[o.first].begin)) < 0;
      };
      if (col.plain_case && t.type == kTagPlace && kk + 1 < defined.size() && defined[kk + 1].type == kTagOrg &&
          defined[kk + 1].first == j + 1 && toks[j + 1].has(kTokSpaceBefore) && !toks[j + 1].line_break_before() &&
          !toks[j].has(kTokPossessive) && toks[j].word() && org_part(defined[kk + 1])) {
        ++kk;
        j = defined[kk].last;
        type = kTagOrg;
      }
      // A name cut at a middle initial's period ("Gerald W" + "McGrath") is one name.
      if (kk + 1 < defined.size() && defined[kk + 1].first == j + 2 && toks[j].word() &&
          toks[j].end - toks[j].begin == 1 && toks[j].has(kTokCap) && toks[j + 1].punct == '.' &&
          !toks[j + 1].has(kTokSpaceBefore) && !toks[j + 2].line_break_before() &&
          (type == kTagPerson || defined[kk + 1].type == kTagPerson)) {
        ++kk;
        j = defined[kk].last;
        while (j > i && !toks[j].word()) --j;
        type = kTagPerson;
      }
      // A person's name cut after a given name ("Phillip" of "Phillip Price", "Billie Jean" of "Billie Jean
      // King") or after it ("Ogea" of "Chad Ogea") takes the capitalised word beside it, when no other name
      // has it: corpus evidence that "price" is a common word does not make it one here.
      if (type == kTagPerson && col.plain_case) {
        auto free_word = [&](size_t k) {
          const std::string_view wk = tok_text(text, toks[k]);
          return toks[k].word() && toks[k].has(kTokCap) && !toks[k].has(kTokAllCaps) && !toks[k].has(kTokDigit) &&
                 !is_capitalised_function_word(wk) && !not_entity(gaz, wk) && !is_leading_month(wk) &&
                 !is_corporate_suffix(wk) && !gaz.is_org_head(wk) && !gaz.is_place_head(wk) &&
                 gaz.title_length(&wk, 1) == 0;
        };
        const bool next_free = kk + 1 >= defined.size() || defined[kk + 1].first > j + 1;
        if (j + 1 < n && next_free && toks[j + 1].has(kTokSpaceBefore) && !toks[j + 1].line_break_before() &&
            !toks[j + 1].has(kTokSentStart) && !toks[j].has(kTokPossessive) &&
            gaz.is_first_name(tok_text(text, toks[j])) && free_word(j + 1))
          ++j;
        if (i >= 1 && i == t.first && taken < i && toks[i].has(kTokSpaceBefore) && !toks[i].line_break_before() &&
            !toks[i - 1].has(kTokPossessive) && !gaz.is_first_name(tok_text(text, toks[i])) &&
            gaz.is_first_name(tok_text(text, toks[i - 1])) && free_word(i - 1))
          --i;
      }
      // A person's initials before the name are part of it ("M. McCague", "T.O'Gorman"), as written.
      if (type == kTagPerson && i == t.first && !toks[i].line_break_before() && toks[i].has(kTokCap))
        while (i >= 2 && i - 2 >= taken && toks[i - 1].punct == '.' && !toks[i - 1].has(kTokSpaceBefore) &&
               toks[i - 2].word() && toks[i - 2].end - toks[i - 2].begin == 1 && toks[i - 2].has(kTokCap) &&
               !toks[i - 1].line_break_before())
          i -= 2;
      // A company's name ends at its corporate suffix: "Daniels Pharmaceuticals Inc of St. Petersburg",
      // "Johnson Controls Inc and Lear Corp" (a suffix after it, "Co Inc", stays).
      for (size_t k = i + 1; k < j; ++k)
        if (toks[k + 1].word() && !toks[k + 1].has(kTokCap) && !toks[k + 1].has(kTokAllCaps) &&
            is_corporate_suffix(tok_text(text, toks[k]))) {
          j = k;
          break;
        }
      // Nor does a name end in a connector ("Smith and", "Bank of").
      while (j > i && (is_and(tok_text(text, toks[j])) || is_trailing_connector(tok_text(text, toks[j])))) {
        --j;
        while (j > i && !toks[j].word()) --j;
      }
      // The period of an abbreviated suffix is the name's where the sentence goes on ("Norwest Corp. said",
      // "Ford Motor Co., the"), as news annotations read it; at a text's or a sentence's end it is the
      // sentence's (before a capitalised word it is taken to be).
      if (j + 2 < n && toks[j + 1].punct == '.' && !toks[j + 1].has(kTokSpaceBefore) &&
          is_abbreviated_suffix(tok_text(text, toks[j])) && !toks[j + 2].line_break_before() &&
          !(toks[j + 2].word() && (toks[j + 2].has(kTokCap) || toks[j + 2].has(kTokAllCaps))))
        ++j;
      // Two names joined by a possessive are two ("Britain's Sun", "Juventus's Zinedine Zidane", "the Labour
      // Department's July report") where one side says so: the owner is a known name or ends in an
      // organisation's head word, or what follows is a known name or a person's (a first name and more).
      // Names with a possessive inside stay whole ("People's Daily", "Moody's Investors Service").
      if (j > i && gaz.find(text.substr(toks[i].begin, toks[j].end - toks[i].begin)) < 0) {
        for (size_t k = i; k < j; ++k) {
          if (!toks[k].has(kTokPossessive) || !toks[k + 1].word() || toks[k + 1].line_break_before()) continue;
          const std::string_view owner = text.substr(toks[i].begin, toks[k].end - toks[i].begin);
          const std::string_view rest = text.substr(toks[k + 1].begin, toks[j].end - toks[k + 1].begin);
          const bool split = gaz.find(owner) >= 0 || gaz.is_org_head(tok_text(text, toks[k])) || gaz.find(rest) >= 0 ||
                             (j > k + 1 && gaz.is_first_name(tok_text(text, toks[k + 1]))) ||
                             is_leading_month(tok_text(text, toks[k + 1]));
          if (!split) continue;
          emit(i, k, static_cast<uint8_t>(1 + type), t.margin);
          i = k + 1;
          while (i <= j && (is_leading_month(tok_text(text, toks[i])) || !toks[i].word()))
            ++i;  // "Department's July report": a date
          break;
        }
        if (i > j) continue;
      }
      // A name read without the word that makes it a two-word demonym ("West" of "West German bonds",
      // "South" of "South Korean exports") takes it: the pair refers to its place (see clean_tagged).
      if (i == j && j + 1 < n && toks[j + 1].word() && toks[j + 1].has(kTokSpaceBefore) &&
          !toks[j + 1].line_break_before() &&
          gaz.find_demonym(text.substr(toks[i].begin, toks[j + 1].end - toks[i].begin)) >= 0)
        ++j;
      taken = j + 1;
      emit(i, j, static_cast<uint8_t>(1 + type), t.margin);
    }
    return;
  }
  size_t i = 0;
  while (i < n) {
    // (an initial is one letter, a name token more: never both)
    const bool initial = !is_name_token(toks[i]) && initial_at(i);
    if (!is_name_token(toks[i]) && !initial) {
      ++i;
      continue;
    }
    int title_first = -1;  // title_at(i), once asked
    size_t j = initial ? i + 2 : i;
    for (;;) {
      if (toks[j].has(kTokPossessive)) break;
      const size_t k = j + 1;
      if (k >= n || toks[k].line_break_before() || toks[k].sentence != toks[j].sentence) break;
      if (initial_at(k) && toks[k].has(kTokSpaceBefore)) {
        j = k + 2;
        continue;
      }
      if (is_name_token(toks[k]) && toks[k].has(kTokSpaceBefore)) {
        if (title_at(k)) {  // "U.S. | President Bill Clinton"
          if (title_first < 0) title_first = title_at(i) ? 1 : 0;
          if (!title_first) break;
        }
        j = k;
        continue;
      }
      if (k + 1 < n && !toks[k + 1].line_break_before() && toks[k].word() && !toks[k].has(kTokCap)) {
        const std::string_view w = tok_text(text, toks[k]);
        if (is_name_token(toks[k + 1]) && is_particle(w)) {  // "Ahmad bin Salman", "Ludwig van Beethoven"
          j = k + 1;
          continue;
        }
        if (w == "of" && gaz.is_org_head(tok_text(text, toks[j]))) {  // "Ministry of Defense", "Bank of England"
          if (is_name_token(toks[k + 1])) {
            j = k + 1;
            continue;
          }
          if (k + 2 < n && tok_text(text, toks[k + 1]) == "the" && is_name_token(toks[k + 2])) {
            j = k + 2;
            continue;
          }
        }
      }
      if (toks[k].punct == '&' && k + 1 < n && is_name_token(toks[k + 1])) {  // "Procter & Gamble"
        j = k + 1;
        continue;
      }
      break;
    }
    emit(i, j, 0, 0);
    i = j + 1;
  }
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Cleaning
// -------------------------------------------------------------------------------------------------

// A name as shown: runs of white space (a line wrapped inside a name, tabs) as one space.
void assign_surface(std::string& out, std::string_view s) {
  out.clear();
  bool space = false;
  for (char ch : s) {
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += ch;
  }
  while (!out.empty() && (out.back() == '\'' || out.back() == '"')) out.pop_back();  // "U.S.'" of "U.S.' trade"
}

// Currency, unit and market-report abbreviations ("12 mln dlrs", "4.5 pct"): never names.
// Lower case without dots into buf (16 bytes); false when w is longer.
bool fold_unit(std::string_view w, char* buf, size_t& n) {
  if (w.size() >= 16) return false;
  n = 0;
  for (char ch : w) {
    if (ch == '.') continue;
    buf[n++] = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
  }
  return true;
}

// Amounts and their units ("MLN DLR", "PCT"): never part of a name, even at its edge ("DLR WORLD BANK").
bool is_quantity_word(std::string_view w) {
  static const WordSet kWords = {"dlr",    "dlrs", "mln", "bln",  "pct", "cts", "ct",  "shr", "shrs", "qtr",
                                 "revs",   "avg",  "vs",  "mths", "yr",  "yrs", "stg", "lbs", "lb",   "kg",
                                 "tonnes", "bpd",  "btu", "qtly", "pts", "cwt", "wk",  "wks"};
  char buf[16];
  size_t n = 0;
  return fold_unit(w, buf, n) && kWords.contains(std::string_view(buf, n));
}

// A month and a number written as one word, as futures tables do ("MAY7", "SEPT87").
bool is_month_code(std::string_view w) {
  static const WordSet kMonths = {"jan",  "feb", "mar", "apr",  "may", "jun", "june", "jul",
                                  "july", "aug", "sep", "sept", "oct", "nov", "dec"};
  size_t k = 0;
  while (k < w.size() && std::isalpha(static_cast<unsigned char>(w[k]))) ++k;
  if (k == 0 || k == w.size() || k > 4) return false;
  for (size_t d = k; d < w.size(); ++d)
    if (!std::isdigit(static_cast<unsigned char>(w[d]))) return false;
  char buf[16];
  size_t n = 0;
  return fold_unit(w.substr(0, k), buf, n) && kMonths.contains(std::string_view(buf, n));
}

bool is_unit_word(std::string_view w) {
  if (is_quantity_word(w)) return true;
  static const WordSet kWords = {"oper", "ltd",   "inc",    "corp", "co",       "plc",   "nil",   "ecus", "yen",
                                 "mark", "marks", "francs", "lire", "guilders", "pesos", "rands", "hl",   "ha",
                                 "div",  "reg",   "prior",  "pay",  "record",   "prov",  "adj",   "ann"};
  char buf[16];
  size_t n = 0;
  return fold_unit(w, buf, n) && kWords.contains(std::string_view(buf, n));
}

// A distinct span being cleaned: its tokens (from its first occurrence) and what cleaning decides.
struct Probe {
  std::vector<SpanTok> toks;
  bool headline = false;
  bool dropped = false;
  bool title_cue = false;   // a person title was stripped from its front
  bool corporate = false;   // ended in a corporate suffix: an organisation
  int demonym_place = -1;   // a lone demonym: the gazetteer place it may refer to
  bool prefix_ref = false;  // the place is the head of a hyphenated word ("US-led"): always a reference
  uint32_t demonym_begin = 0, demonym_end = 0;
  int gaz = -1;
  std::string surface;
  std::string key;           // name_key(surface), made while looking the span up in the gazetteer
  std::string core_surface;  // without a corporate suffix ("Standard Oil" of "Standard Oil Co")
  // Ready for the next span; the memory of the tokens and strings is kept (one probe serves them all).
  void reset(bool is_headline) {
    toks.clear();
    headline = is_headline;
    dropped = title_cue = corporate = false;
    demonym_place = -1;
    prefix_ref = false;
    demonym_begin = demonym_end = 0;
    gaz = -1;
    surface.clear();
    core_surface.clear();
  }
};

// Capitalised function words that never begin a name unless the whole name is known ("The Hague").
bool is_leading_function_word(std::string_view w) { return is_capitalised_function_word(w) || w == "THE"; }

// Short all-capital words of headlines and tables that are never names on their own.
bool is_caps_function_word(std::string_view w) {
  static const WordSet kWords = {
      "IN",   "AT",  "OF",   "TO",  "ON",  "BY",  "THE", "AND",  "FOR", "A",    "AN",   "OR",   "AS",   "IS",
      "IT",   "BE",  "NO",   "SO",  "UP",  "OUT", "OFF", "NEW",  "OLD", "TWO",  "ONE",  "WIN",  "WON",  "GET",
      "SET",  "CUP", "DAY",  "VS",  "V",   "MLN", "PCT", "BIG",  "TOP", "OVER", "WITH", "FROM", "INTO", "AFTER",
      "NOT",  "BUT", "ALL",  "HIS", "HER", "ITS", "WE",  "HE",   "SHE", "THEY", "WHO",  "SAY",  "SAYS", "SEE",
      "SEES", "CUT", "CUTS", "SEC", "NET", "END", "CTS", "DLRS", "SHR", "QTR",  "REVS"};
  return kWords.contains(w);
}

// A head word of organisations or places ("Bank", "Ministry", "Province"), however it is capitalised
// (the gazetteer lists them as "Bank").
bool is_head_word(const Gazetteer& gaz, std::string_view w) {
  char buf[32];
  if (w.empty() || w.size() > sizeof buf) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    const char ch = w[i];
    buf[i] = i == 0 ? (ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch)
                    : (ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch);
  }
  const std::string_view tw(buf, w.size());
  return gaz.is_org_head(tw) || gaz.is_place_head(tw);
}

// Drops words that are not part of the name from the front and back of a candidate, and decides
// whether what is left is a name at all. Sets surface, gaz, title_cue, demonym_place or dropped.
void clean_candidate(Probe& c, std::string_view text, const Gazetteer& gaz, const CaseStats& stats,
                     const Interner& word_keys, const std::vector<bool>& known) {
  auto word = [&](size_t k) { return tok_text(text, c.toks[k]); };
  auto surface_of = [&](size_t a, size_t b) {  // toks [a, b)
    return text.substr(c.toks[a].begin, c.toks[b - 1].end - c.toks[a].begin);
  };
  size_t a = 0, b = c.toks.size();
  // "The United States": the article is not part of the name when the rest is known.
  if (b - a >= 2 && is_leading_function_word(word(a)) && gaz.find(surface_of(a + 1, b)) >= 0) ++a;
  const bool single_demonym = b - a == 1 && gaz.find_demonym(word(a)) >= 0;
  const bool two_word_demonym = b - a >= 2 && gaz.find_demonym(surface_of(a, a + 2)) >= 0;  // "South Korean"
  if (two_word_demonym) {
    if (b - a == 2) {
      c.dropped = true;
      return;
    }
    a += 2;
  }
  // A whole-span gazetteer match wins over every rule below ("The Hague", "Bank of England").
  const size_t whole_a = a, whole_b = b;
  size_t key_a = SIZE_MAX, key_b = SIZE_MAX;  // the tokens c.key was made for
  auto gaz_of = [&](size_t x, size_t y) {     // gazetteer entry of tokens [x, y); their name key kept
    if (x != key_a || y != key_b) {
      name_key_into(surface_of(x, y), c.key);
      key_a = x;
      key_b = y;
    }
    return gaz.find_key(c.key);
  };
  const int whole = single_demonym ? -2 : gaz_of(a, b);  // -2: not looked up
  if (whole < 0) {
    bool changed = true;
    while (changed && a < b) {
      changed = false;
      const std::string_view w = word(a);
      const Gazetteer::WordInfo* info = gaz.word(w);  // one lookup for the roles and demonym of w
      const uint16_t roles = info ? info->roles : 0;
      const int dem = info ? info->demonym : -1;
      // The first word of a sentence is capitalised anyway: drop it when it is a common word (not a
      // known name, demonym or one-word title).
      if (c.toks[a].flags & kTokSentStart && !(c.toks[a].flags & kTokParticle) && dem < 0 &&
          !(roles & Gazetteer::kTitle) && gaz.find(w) < 0) {
        LowerBuf lb;
        const bool common = gaz.is_english_word(lb(w)) ? !stats.seen_capitalised(w) : stats.mostly_lower(w);
        const bool first_name = gaz.is_first_name(w) && b - a >= 2;
        if (common && !first_name) {
          ++a;
          changed = true;
          continue;
        }
      }
      if (not_entity(gaz, w, roles) || is_leading_function_word(w)) {
        ++a;
        changed = true;
        continue;
      }
      // Titles and roles in front: "Prime Minister", "First Deputy Speaker" (a cue for the name after).
      if (roles & Gazetteer::kTitleFirstWord) {
        std::string_view words[8];
        size_t count = 0;
        for (size_t k = a; k < b && count < 8; ++k) words[count++] = word(k);
        const size_t t = gaz.title_length(words, count);
        if (t > 0) {
          a += t;
          c.title_cue = true;
          changed = true;
          continue;
        }
      }
      // A nationality in front: "Iraqi Prime Minister ...", "Syrian Democratic Forces" stays (whole match
      // is tried first, and a demonym followed by an organisation head stays part of the name).
      if (dem >= 0 && !(b - a >= 2 && gaz.is_org_head(word(b - 1)))) {
        if (b - a == 1) {
          // "Iraqi government" is a reference to the place, "Iraqi origin" none: the word after decides,
          // per mention (kCtxInstitutionAfter).
          c.demonym_place = dem;
          c.demonym_begin = c.toks[a].begin;
          c.demonym_end = c.toks[a].end;
        }
        ++a;
        changed = true;
        continue;
      }
    }
    while (b > a && not_entity(gaz, word(b - 1))) --b;
  }
  if (a >= b) {
    c.dropped = true;
    // "Iraqi-Syrian border": every part a demonym.
    return;
  }
  // Hyphenated demonyms ("Iraqi-Syrian") are adjectives.
  if (b - a == 1) {
    const std::string_view w = word(a);
    if (w.find('-') != std::string_view::npos && !(c.toks[a].flags & kTokParticle)) {
      bool all_dem = true;
      size_t s = 0;
      while (s <= w.size()) {
        size_t e = w.find('-', s);
        if (e == std::string_view::npos) e = w.size();
        if (gaz.find_demonym(w.substr(s, e - s)) < 0) all_dem = false;
        s = e + 1;
      }
      if (all_dem) {
        c.dropped = true;
        return;
      }
    }
  }
  // All-capital words: headline or table furniture unless an acronym or a known name.
  bool all_caps = true;
  for (size_t k = a; k < b; ++k)
    if (!(c.toks[k].flags & kTokAllCaps)) all_caps = false;
  std::string_view surface = surface_of(a, b);
  c.gaz = a == whole_a && b == whole_b && whole != -2 ? whole : gaz_of(a, b);
  if (all_caps && c.gaz < 0) {
    // Trim capitalised common words from both ends ("BRUSSELS 1996-08-22" lines, "NEWSLETTER").
    auto furniture = [&](std::string_view w) {
      LowerBuf lb;
      return (is_caps_function_word(w) || (w.size() > 3 && gaz.is_english_word(lb(w)))) && gaz.find(w) < 0;
    };
    while (a < b && furniture(word(a))) ++a;
    while (b > a && furniture(word(b - 1))) --b;
    if (a >= b) {
      c.dropped = true;
      return;
    }
    surface = surface_of(a, b);
    c.gaz = gaz_of(a, b);
  }
  if (c.headline && c.gaz < 0) {
    // In a headline, keep the longest known name inside the span (known: gazetteer, or seen in bodies).
    size_t best_a = 0, best_b = 0;
    for (size_t x = a; x < b && best_b == 0; ++x)
      for (size_t y = b; y > x; --y) {
        const std::string_view s = surface_of(x, y);
        thread_local std::string key;
        name_key_into(s, key);
        const uint32_t id = word_keys.find(key);
        if (gaz.find_key(key) >= 0 || (id != kNone && id < known.size() && known[id])) {
          best_a = x;
          best_b = y;
          break;
        }
      }
    if (best_b == 0) {
      c.dropped = true;
      return;
    }
    a = best_a;
    b = best_b;
    surface = surface_of(a, b);
    c.gaz = gaz_of(a, b);
  }
  // "British Petroleum Co Plc" is the gazetteer's "British Petroleum"; "Standard Oil Co" is "Standard Oil".
  size_t core_b = b;
  while (core_b - a >= 2 && is_corporate_suffix(word(core_b - 1))) --core_b;
  if (core_b != b) {
    c.corporate = true;
    if (c.gaz < 0) c.gaz = gaz.find(surface_of(a, core_b));
    c.core_surface.assign(surface_of(a, core_b));
  }
  c.toks.erase(c.toks.begin() + static_cast<std::ptrdiff_t>(b), c.toks.end());
  c.toks.erase(c.toks.begin(), c.toks.begin() + static_cast<std::ptrdiff_t>(a));
  assign_surface(c.surface, surface);
  if (a != key_a || b != key_b) name_key_into(surface, c.key);
}

// The place of a demonym, the gazetteer's or one added after the tagger was trained ("Philippine").
int demonym_of(const Gazetteer& gaz, std::string_view w) {
  const int dem = gaz.find_demonym(w);
  return dem >= 0 ? dem : gaz.find_demonym_late(w);
}

// Cleaning of a name the tagger found: its bounds stand (the tagger learned them); a leading article
// before a known name goes, a lone demonym is noted (it may refer to its place), the gazetteer is asked,
// and a corporate suffix is set apart for grouping ("Lear Corp" and "Lear" are one company).
void clean_tagged(Probe& c, std::string_view text, const Gazetteer& gaz) {
  auto word = [&](size_t k) { return tok_text(text, c.toks[k]); };
  auto surface_of = [&](size_t a, size_t b) {
    return text.substr(c.toks[a].begin, c.toks[b - 1].end - c.toks[a].begin);
  };
  size_t a = 0, b = c.toks.size();
  // "Norwest Corp.": the period of the suffix is shown with the name, and set aside for the rules below.
  const bool period = b >= 2 && !(c.toks[b - 1].flags & kTokWord) && text[c.toks[b - 1].begin] == '.';
  if (period) --b;
  const size_t suffix_end = b;
  if (b - a >= 2 && is_leading_function_word(word(a)) && gaz.find(surface_of(a + 1, b)) >= 0) ++a;
  // A date is not part of the name after it ("July FOMC", "Sept OPEC meeting").
  auto is_word = [&](size_t k) { return (c.toks[k].flags & kTokWord) != 0; };
  if (b - a >= 2 && is_leading_month(word(a)) && gaz.find(surface_of(a, b)) < 0) {
    ++a;
    while (b - a >= 2 && !is_word(a)) ++a;  // "Jan/Dec": the slash goes with the month
  }
  // Amounts at the edge of a name in a capitals headline are not part of it ("90 MLN DLR WORLD BANK LOAN").
  while (b - a >= 2 && is_quantity_word(word(a))) {
    ++a;
    while (b - a >= 2 && !is_word(a)) ++a;  // "DLRS/BBL": the slash goes with the amount
  }
  while (b - a >= 2 && is_quantity_word(word(b - 1))) {
    --b;
    while (b - a >= 2 && !is_word(b - 1)) --b;
  }
  if (b - a == 1 && is_month_code(word(a))) {
    c.dropped = true;
    return;
  }
  // A word the gazetteer lists as never a name ("Shiite", "Monday", "Pct") is not one here either, nor
  // are units and currencies ("Dlr", "MLN").
  if (b - a == 1 && ((not_entity(gaz, word(a)) && gaz.find_demonym(word(a)) < 0) || is_unit_word(word(a)))) {
    c.dropped = true;
    return;
  }
  if (b - a >= 2 && b - a <= 3 && not_entity_phrase(gaz, surface_of(a, b))) {  // "RUGBY UNION", "World Cup"
    c.dropped = true;
    return;
  }
  // One letter ("O.7 PCT"), a lone head word ("Bank", "Ministry") the gazetteer does not know, or a word
  // that is part of names but not one alone ("Interior") is not a name. (As written: in capitals a lone
  // head word is often a team, "ORIOLES".)
  if (b - a == 1 &&
      (word(a).size() == 1 || (gaz.is_org_head(word(a)) && gaz.find(word(a)) < 0) ||
       (gaz.is_not_alone(word(a)) && gaz.find(word(a)) < 0) || (gaz.is_place_head(word(a)) && gaz.find(word(a)) < 0))) {
    c.dropped = true;
    return;
  }
  if (b - a == 2) {  // a two-word demonym ("West German", "South Korean"), as a lone one below
    const std::string_view pair = surface_of(a, b);
    const int dem = demonym_of(gaz, pair);
    if (dem >= 0 && gaz.find(pair) < 0) {
      c.demonym_place = dem;
      c.demonym_begin = c.toks[a].begin;
      c.demonym_end = c.toks[b - 1].end;
      c.dropped = true;
      return;
    }
  }
  if (b - a == 1) {
    const int dem = demonym_of(gaz, word(a));
    if (dem >= 0) {
      c.demonym_place = dem;
      c.demonym_begin = c.toks[a].begin;
      c.demonym_end = c.toks[a].end;
      // A lone nationality word ("Philippine", "Iraqi") is not a name of its own, whatever the tagger
      // read; it may still refer to its place ("Iraqi government").
      if (gaz.find(word(a)) < 0) {
        c.dropped = true;
        return;
      }
    }
    // "US-led", "Turkish-backed": the place before the hyphen is referred to.
    const std::string_view w = word(a);
    const size_t hy = w.find('-');
    if (dem < 0 && hy != std::string_view::npos && hy > 0 && (c.toks[a].flags & kTokHyphenLower)) {
      const std::string_view head = w.substr(0, hy);
      int place = gaz.find(head);
      if (place < 0 || gaz.entry(place).type != EntityType::Place) place = gaz.find_demonym(head);
      if (place >= 0 && gaz.entry(place).type == EntityType::Place) {
        c.demonym_place = place;
        c.demonym_begin = c.toks[a].begin;
        c.demonym_end = c.toks[a].begin + static_cast<uint32_t>(hy);
        c.prefix_ref = true;
      }
    }
  }
  const std::string_view surface = surface_of(a, b);
  name_key_into(surface, c.key);
  c.gaz = gaz.find_key(c.key);
  if (c.gaz < 0 && (c.toks[b - 1].flags & kTokPossessive)) c.gaz = gaz.find_key_possessive(c.key);  // "Moody's"
  if (c.gaz < 0) c.gaz = gaz.find_key_late(c.key);                                                  // "NZ"
  size_t core_b = b;
  while (core_b - a >= 2 && is_corporate_suffix(word(core_b - 1))) --core_b;
  // "Merrill Lynch and Co Inc", "Smith & Co": the connector before the suffix goes with it.
  if (core_b != b && core_b - a >= 3 && is_and(word(core_b - 1))) --core_b;
  if (is_corporate_suffix(word(a)) || (core_b - a == 1 && core_b != b && is_head_word(gaz, word(a)))) {
    c.dropped = true;  // "Co Inc", "Bank Plc", "BANCORP INC": suffixes and a head word, no name
    return;
  }
  if (core_b != b) {
    c.corporate = true;
    // "Canada Corp" is a company, not Canada: only an organisation of the gazetteer is its core.
    if (c.gaz < 0) {
      const int core = gaz.find(surface_of(a, core_b));
      if (core >= 0 && gaz.entry(core).type == EntityType::Org) c.gaz = core;
    }
    c.core_surface.assign(surface_of(a, core_b));
  }
  const bool with_period = period && b == suffix_end;
  c.toks.erase(c.toks.begin() + static_cast<std::ptrdiff_t>(with_period ? b + 1 : b), c.toks.end());
  c.toks.erase(c.toks.begin(), c.toks.begin() + static_cast<std::ptrdiff_t>(a));
  assign_surface(c.surface, with_period ? std::string_view(surface.data(), surface.size() + 1) : surface);
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Typing
// -------------------------------------------------------------------------------------------------

// The votes a span earns on its own (the gazetteer, titles, first names, head words, suffixes).
void span_votes(const Probe& c, std::string_view text, const Gazetteer& gaz, int* v) {
  const size_t nt = c.toks.size();
  auto word = [&](size_t k) { return tok_text(text, c.toks[k]); };
  if (c.gaz >= 0) v[static_cast<int>(gaz.entry(c.gaz).type)] += 6;
  if (c.title_cue) v[0] += 4;
  if (nt >= 2 && gaz.is_first_name(word(0)) && word(0) != "Al" && word(0) != "El") v[0] += 3;
  if (nt >= 2 && (c.toks[nt - 1].flags & kTokParticle)) v[0] += 1;

  if (gaz.is_org_head(word(nt - 1)) && nt >= 2) v[1] += 4;
  if (c.corporate) v[1] += 4;
  if (nt >= 3 && gaz.is_org_head(word(0))) {
    for (size_t k = 1; k < nt; ++k)
      if (word(k) == "of") v[1] += 4;
  }
  if (nt == 1 && (c.toks[0].flags & kTokAllCaps) && word(0).size() <= 6) v[1] += 1;

  if (gaz.is_place_head(word(nt - 1)) && nt >= 2) v[2] += 4;
}

// The weight of the tagger's reading of one mention (a gazetteer entry's type weighs 6, a cue word 3):
// one vote per kMarginPerVote of its margin, at most kTaggerVote.
constexpr int kTaggerVote = 8;
constexpr int kMarginPerVote = 16;

// The votes of one mention: its span's, the words around it, and where it stands.
void mention_votes(const Cand& c, const Span& s, const Gazetteer& gaz, int* v) {
  if (c.rule == kRuleTeam) {
    v[0] = v[2] = 0;
    v[1] = 8;
    return;
  }
  for (int t = 0; t < kEntityTypes; ++t) v[t] = s.votes[t];
  // The tagger read the mention in its context; the gazetteer's type (in the span's votes) and the cue
  // words weigh with it, so one name keeps one type across the corpus by vote.
  if (c.tag && c.tag - 1 < kEntityTypes) v[c.tag - 1] += std::clamp(c.margin / kMarginPerVote, 1, kTaggerVote);
  if (c.ctx & kCtxPersonBefore) v[0] += 3;
  if (c.ctx & kCtxPersonAfter) v[0] += 3;
  if (c.ctx & kCtxSpeechAfter) v[0] += s.kept >= 2 ? 2 : 1;
  if (c.ctx & kCtxHonorific) v[0] += 4;
  if (c.ctx & kCtxOrgBefore) v[1] += 3;
  if ((c.flags & kCandDateline) && (s.gaz < 0 || gaz.entry(s.gaz).type == EntityType::Place)) v[2] += 4;
  if (c.ctx & kCtxPlaceAfter) v[2] += 3;
  if (c.ctx & kCtxPlaceBefore2) v[2] += 3;
  else if (c.ctx & kCtxPlaceBefore1) v[2] += 1;
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Merging
// -------------------------------------------------------------------------------------------------

// A name key with a leading particle dropped: "al sadr" -> "sadr".
std::string_view strip_particle_key(std::string_view key) {
  for (std::string_view p : {"al ", "el ", "bin ", "ibn ", "abu "})
    if (key.size() > p.size() && key.substr(0, p.size()) == p) return key.substr(p.size());
  return key;
}

int argmax(const int* v) {
  int best = 0;
  for (int t = 1; t < kEntityTypes; ++t)
    if (v[t] > v[best]) best = t;
  return v[best] > 0 ? best : -1;
}

struct Group {
  int votes[kEntityTypes] = {0, 0, 0};
  int gaz = -1;
  uint32_t first_article = UINT32_MAX;
  size_t first_candidate = SIZE_MAX;
  size_t max_tokens = 0;
  uint32_t mid_sentence = 0;  // mentions not at a sentence start
  bool corporate = false;     // a mention ends in a corporate suffix ("Noranda Inc"): a company
  bool present() const { return first_candidate != SIZE_MAX; }
};

// A surface form of an entity, counted, with the rule of its first mention.
struct SurfaceTally {
  uint32_t surface;
  uint32_t count;
  std::string rule;
};

// Locates given entity names in a field; returns the mentions (without entity ids).
void locate_given(std::string_view text, const std::vector<Token>& toks, std::string_view name, uint32_t which,
                  uint8_t field, uint32_t sentence_base, std::vector<std::pair<Mention, uint32_t>>& out) {
  if (name.empty()) return;
  size_t pos = 0;
  while ((pos = text.find(name, pos)) != std::string_view::npos) {
    const size_t end = pos + name.size();
    const bool left_ok = pos == 0 || !std::isalnum(static_cast<unsigned char>(text[pos - 1]));
    const bool right_ok = end >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (left_ok && right_ok) {
      Mention m;
      m.begin = static_cast<uint32_t>(pos);
      m.end = static_cast<uint32_t>(end);
      m.field = field;
      auto it = std::upper_bound(toks.begin(), toks.end(), static_cast<uint32_t>(pos),
                                 [](uint32_t p, const Token& t) { return p < t.begin; });
      m.sentence = sentence_base + (it == toks.begin() ? 0 : (it - 1)->sentence);
      out.push_back({m, which});
    }
    pos = end;
  }
}

// A given entity located in its article: which of the article's given entities, and which of its
// strings was found (0 its name, k its alias k - 1); the strings stay in the corpus.
struct GivenMention {
  uint32_t article;
  Mention m;
  uint32_t entity;
  uint32_t which;
  uint32_t key = kNone;  // merge group, once merging starts
};

// A gazetteer entry named in Arabic script (its Arabic names: countries from world-countries, major places
// hand-written; see tools/make_gazetteer.mjs), found word by word: the tagger reads English only.
struct ScriptMention {
  uint32_t article;
  Mention m;
  int gaz;
  uint32_t surface;      // the name as written (an Interner id)
  uint32_t key = kNone;  // merge group, once merging starts
};

// Whether a token is an Arabic-script word (its first byte leads a code point of U+0600..U+06FF).
bool arabic_token(std::string_view text, const Token& t) {
  const auto c = static_cast<unsigned char>(text[t.begin]);
  return t.word() && c >= 0xD8 && c <= 0xDB;
}

// The token without Arabic punctuation stuck to its end (، ؛ ؟ are letters to the tokenizer).
uint32_t arabic_word_end(std::string_view text, const Token& t) {
  uint32_t e = t.end;
  while (e >= t.begin + 2 && static_cast<unsigned char>(text[e - 2]) == 0xD8) {
    const auto c = static_cast<unsigned char>(text[e - 1]);
    if (c != 0x8C && c != 0x9B && c != 0x9F) break;
    e -= 2;
  }
  return e;
}

// Gazetteer names written in Arabic in text: runs of up to three Arabic words, longest first, with the
// clitics written onto the first word tried off it: و and ف (and), then ب (in), ل (for), ك (like); "لل"
// is "ل" + "ال" (the article's alef is not written after lam). Appends what it finds to out.
void find_arabic_names(std::string_view text, const std::vector<Token>& toks, uint32_t article, uint8_t field,
                       uint32_t sentence_base, const Gazetteer& gaz, Interner& surfaces,
                       std::deque<ScriptMention>& out) {
  const size_t n = toks.size();
  std::string probe;
  for (size_t i = 0; i < n;) {
    if (!arabic_token(text, toks[i])) {
      ++i;
      continue;
    }
    size_t matched = 0;
    for (size_t len = 3; len >= 1 && !matched; --len) {
      if (i + len > n) continue;
      bool ok = true;
      for (size_t k = i + 1; k < i + len && ok; ++k)
        ok = arabic_token(text, toks[k]) && toks[k].sentence == toks[i].sentence && !toks[k].line_break_before() &&
             arabic_word_end(text, toks[k - 1]) == toks[k - 1].end;
      if (!ok) continue;
      const uint32_t end = arabic_word_end(text, toks[i + len - 1]);
      // Clitic prefixes of the first word: none, و/ف, then one of ب ل ك.
      uint32_t starts[3] = {toks[i].begin, 0, 0};
      size_t ns = 1;
      uint32_t b = toks[i].begin;
      auto is = [&](uint32_t p, unsigned char b0, unsigned char b1) {
        return p + 1 < end && static_cast<unsigned char>(text[p]) == b0 &&
               static_cast<unsigned char>(text[p + 1]) == b1;
      };
      if (is(b, 0xD9, 0x88) || is(b, 0xD9, 0x81)) starts[ns++] = b += 2;                      // و ف
      if (is(b, 0xD8, 0xA8) || is(b, 0xD9, 0x84) || is(b, 0xD9, 0x83)) starts[ns++] = b + 2;  // ب ل ك
      for (size_t k = 0; k < ns && !matched; ++k) {
        const uint32_t from = starts[k];
        if (from + 4 > end) continue;  // at least two letters left
        probe.assign(text.substr(from, end - from));
        int id = gaz.find(probe);
        // "للعراق": lam + (al-)Iraq, the article's alef unwritten.
        if (id < 0 && k > 0 && is(from, 0xD9, 0x84)) id = gaz.find("\xD8\xA7" + probe);
        if (id < 0) continue;
        ScriptMention sm;
        sm.article = article;
        sm.gaz = id;
        sm.m.begin = from;
        sm.m.end = end;
        sm.m.field = field;
        sm.m.sentence = sentence_base + toks[i].sentence;
        sm.surface = surfaces.id(text.substr(from, end - from));
        out.push_back(sm);
        matched = len;
      }
    }
    i += matched ? matched : 1;
  }
}

}  // namespace

struct EntityExtractor::Impl {
  const Corpus& corpus;
  std::shared_ptr<const Gazetteer> gaz_owner;
  const Gazetteer& gaz;
  CueTable cues;
  EntityIndex index;
  size_t n;
  int threads = 1;         // > 1: statistics and bodies on a pool of threads (command line only)
  int stage = 0;           // 0 case statistics (tagger only), 1 bodies, 2 titles, 3 cleaning, 4 merging, 5 done
  size_t cursor = 0;       // article, span or candidate the current stage continues from
  size_t stage_start = 0;  // cursor when the current step() began (each step makes progress)
  double spent_ms = 0;
  std::deque<Cand> cands;  // a deque: growing it never copies (or doubles) the whole list
  std::vector<AcronymAfter> acronyms;
  SpanTable spans;
  CaseStats stats;
  std::vector<Token> toks, title_toks;
  std::vector<uint32_t> body_start, title_start;  // per article: its first candidate (n + 1 entries)
  std::deque<GivenMention> given;                 // a deque: grown without copies or a doubled block
  std::deque<ScriptMention> script_mentions;      // gazetteer names written in Arabic
  size_t body_spans = 0;
  std::vector<bool> known;                           // by `words` id: name keys of the spans kept in bodies
  std::unordered_map<uint32_t, uint32_t> team_keys;  // span -> its name as a team's key
  std::vector<uint32_t> acronym_targets;             // by span: its acronym binding, or kNone (empty: no bindings)
  Interner keys;      // merge groups: "g<gazetteer entry>", "n<name key>", "t<name key>" (teams)
  Interner surfaces;  // surface strings
  Interner words;     // surname keys
  Collector col{gaz, cues, spans, cands, acronyms};
  const TaggerModel* model = nullptr;  // the learned tagger, when its weights are loaded
  Tagger tagger;
  DocWords doc_words;
  std::vector<TagSpan> tagged;
  std::vector<TagSpan> title_tags;        // the titles' names, found while the bodies are read
  std::vector<uint32_t> title_tag_start;  // per article (n + 1 entries)
  std::vector<uint8_t> cases;             // per article: TextCase of the title | of the body << 2
  std::string group_key_;                 // reused while cleaning
  Probe probe_;

  using Clock = std::chrono::steady_clock;
  static bool past(Clock::time_point deadline) { return Clock::now() >= deadline; }

  Impl(const Corpus& c, std::shared_ptr<const Gazetteer> g)
      : corpus(c), gaz_owner(std::move(g)), gaz(*gaz_owner), cues(gaz), n(c.size()), spans(c) {
    index.by_article.resize(n);
    index.sentences.assign(n, 0);
    body_start.assign(n + 1, 0);
    title_start.assign(n + 1, 0);
    model = gaz.tagger();
    if (model) {
      title_tag_start.assign(n + 1, 0);
      cases.assign(n, 0);
    }
  }

  // Pass 0 (with the tagger): the corpus's word-case statistics, complete before any text is tagged.
  bool run_stats(Clock::time_point deadline) {
    if (!model) return true;
#if AE_WITH_THREADS
    if (threads > 1) return run_stats_parallel();
#endif
    for (; cursor < n; ++cursor) {
      if ((cursor & 63) == 0 && cursor != stage_start && past(deadline)) return false;
      const Article& art = corpus.articles[cursor];
      if (art.has_given_entities) continue;
      tokenize(art.title, title_toks);
      const TextCase tc = text_case(art.title, title_toks);
      if (tc == TextCase::Normal) stats.add(art.title, title_toks);
      tokenize(art.body, toks);
      const TextCase bc = text_case(art.body, toks);
      if (bc == TextCase::Normal) stats.add(art.body, toks);
      cases[cursor] = static_cast<uint8_t>(static_cast<int>(tc) | static_cast<int>(bc) << 2);
    }
    return true;
  }

#if AE_WITH_THREADS
  // The same with the pool (the command line's --threads): each thread counts a share of the articles
  // into its own statistics, which are then added up (sums: the result is the same for any share-out).
  bool run_stats_parallel() {
    WorkerPool pool(threads);
    constexpr size_t kShare = 256;
    const size_t shares = (n + kShare - 1) / kShare;
    std::vector<CaseStats> partial(static_cast<size_t>(threads));
    std::vector<std::vector<Token>> scratch(static_cast<size_t>(threads));
    pool.start(shares, [&](size_t share, int w) {
      std::vector<Token>& tk = scratch[static_cast<size_t>(w)];
      for (size_t a = share * kShare; a < std::min(n, (share + 1) * kShare); ++a) {
        const Article& art = corpus.articles[a];
        if (art.has_given_entities) continue;
        tokenize(art.title, tk);
        const TextCase tc = text_case(art.title, tk);
        if (tc == TextCase::Normal) partial[static_cast<size_t>(w)].add(art.title, tk);
        const uint8_t title_bits = static_cast<uint8_t>(tc);
        tokenize(art.body, tk);
        const TextCase bc = text_case(art.body, tk);
        if (bc == TextCase::Normal) partial[static_cast<size_t>(w)].add(art.body, tk);
        cases[a] = static_cast<uint8_t>(title_bits | static_cast<int>(bc) << 2);
      }
    });
    pool.finish();
    for (const CaseStats& p : partial) stats.merge(p);
    cursor = n;
    return true;
  }

  // Bodies with the pool: tokens and the tagger's names for a batch of articles are made on every
  // thread (each with its own tagger and word table), while this thread reads the batch before into
  // candidates, in article order, exactly as run_bodies does: the same candidates for any number of
  // threads.
  struct Prepared {
    std::vector<Token> title_toks, toks;
    std::vector<TagSpan> body_tags, title_tags;
  };
  bool run_bodies_parallel() {
    WorkerPool pool(threads);
    constexpr size_t kBatch = 128;
    std::vector<Prepared> buf[2] = {std::vector<Prepared>(kBatch), std::vector<Prepared>(kBatch)};
    std::vector<Tagger> taggers(static_cast<size_t>(threads));
    std::vector<DocWords> docs(static_cast<size_t>(threads));
    auto prepare = [&](size_t first, std::vector<Prepared>& out) {
      pool.start(std::min(kBatch, n - first), [&, first](size_t k, int w) {
        Prepared& p = out[k];
        const Article& art = corpus.articles[first + k];
        tokenize(art.title, p.title_toks);
        tokenize(art.body, p.toks);
        p.body_tags.clear();
        p.title_tags.clear();
        if (art.has_given_entities) return;
        DocWords& dw = docs[static_cast<size_t>(w)];
        dw.clear();
        dw.add(art.title, p.title_toks);
        dw.add(art.body, p.toks);
        const uint8_t cs = cases[first + k];
        const TextCase title_case = static_cast<TextCase>(cs & 3), body_case = static_cast<TextCase>(cs >> 2);
        Tagger& tg = taggers[static_cast<size_t>(w)];
        tg.tag(*model, art.body, p.toks, TagContext{&gaz, &stats, &dw, body_case, false}, p.body_tags);
        tg.tag(*model, art.title, p.title_toks, TagContext{&gaz, &stats, &dw, title_case, true}, p.title_tags);
      });
    };
    if (n > 0) {
      prepare(0, buf[0]);
      pool.finish();
    }
    for (size_t first = 0, b = 0; first < n; first += kBatch, b ^= 1) {
      const size_t next = first + kBatch;
      if (next < n) prepare(next, buf[b ^ 1]);
      for (size_t k = 0; k < std::min(kBatch, n - first); ++k)
        read_prepared(static_cast<uint32_t>(first + k), buf[b][k]);
      if (next < n) pool.finish();
    }
    cursor = n;
    body_start[n] = static_cast<uint32_t>(cands.size());
    body_spans = spans.spans.size();
    return true;
  }
  // What run_bodies does with one article once its tokens and tags are made.
  void read_prepared(uint32_t a, Prepared& p) {
    body_start[a] = static_cast<uint32_t>(cands.size());
    const Article& art = corpus.articles[a];
    index.bytes += art.title.size() + art.body.size();
    const uint32_t ts = p.title_toks.empty() ? 0 : p.title_toks.back().sentence + 1;
    index.sentences[a] = ts + (p.toks.empty() ? 0 : p.toks.back().sentence + 1);
    if (art.has_given_entities) {
      title_toks.swap(p.title_toks);
      toks.swap(p.toks);
      title_tag_start[a + 1] = static_cast<uint32_t>(title_tags.size());
      add_given(a, art, ts);
      return;
    }
    find_arabic_names(art.title, p.title_toks, a, 0, 0, gaz, surfaces, script_mentions);
    find_arabic_names(art.body, p.toks, a, 1, ts, gaz, surfaces, script_mentions);
    col.plain_case = static_cast<TextCase>(cases[a] >> 2) == TextCase::Normal;
    collect_candidates(art.body, p.toks, a, 1, ts, false, col, &p.body_tags);
    title_tags.insert(title_tags.end(), p.title_tags.begin(), p.title_tags.end());
    title_tag_start[a + 1] = static_cast<uint32_t>(title_tags.size());
  }

#endif

  std::string_view text_of(const Cand& c) const {
    const Article& art = corpus.articles[c.article];
    return c.field == 0 ? std::string_view(art.title) : std::string_view(art.body);
  }

  // Pass 1: bodies first (they teach which words are names), then headlines. false: out of time.
  bool run_bodies(Clock::time_point deadline) {
#if AE_WITH_THREADS
    if (model && threads > 1) return run_bodies_parallel();
#endif
    for (; cursor < n; ++cursor) {
      if ((cursor & 31) == 0 && cursor != stage_start && past(deadline)) return false;
      const uint32_t a = static_cast<uint32_t>(cursor);
      body_start[a] = static_cast<uint32_t>(cands.size());
      const Article& art = corpus.articles[a];
      index.bytes += art.title.size() + art.body.size();
      tokenize(art.title, title_toks);
      const uint32_t ts = title_toks.empty() ? 0 : title_toks.back().sentence + 1;
      tokenize(art.body, toks);
      index.sentences[a] = ts + (toks.empty() ? 0 : toks.back().sentence + 1);
      if (art.has_given_entities) {
        if (model) title_tag_start[a + 1] = static_cast<uint32_t>(title_tags.size());
        add_given(a, art, ts);
        continue;
      }
      find_arabic_names(art.title, title_toks, a, 0, 0, gaz, surfaces, script_mentions);
      find_arabic_names(art.body, toks, a, 1, ts, gaz, surfaces, script_mentions);
      if (model) {
        doc_words.clear();
        doc_words.add(art.title, title_toks);
        doc_words.add(art.body, toks);
        const TextCase title_case = static_cast<TextCase>(cases[a] & 3),
                       body_case = static_cast<TextCase>(cases[a] >> 2);
        tagger.tag(*model, art.body, toks, TagContext{&gaz, &stats, &doc_words, body_case, false}, tagged);
        col.plain_case = body_case == TextCase::Normal;
        collect_candidates(art.body, toks, a, 1, ts, false, col, &tagged);
        tagger.tag(*model, art.title, title_toks, TagContext{&gaz, &stats, &doc_words, title_case, true}, tagged);
        title_tags.insert(title_tags.end(), tagged.begin(), tagged.end());
        title_tag_start[a + 1] = static_cast<uint32_t>(title_tags.size());
        continue;
      }
      stats.add(art.body, toks);
      collect_candidates(art.body, toks, a, 1, ts, false, col, nullptr);
    }
    body_start[n] = static_cast<uint32_t>(cands.size());
    body_spans = spans.spans.size();
    return true;
  }

  void add_given(uint32_t a, const Article& art, uint32_t title_sentences) {
    for (uint32_t e = 0; e < art.given_entities.size(); ++e) {
      const GivenEntity& g = art.given_entities[e];
      found_.clear();
      for (uint32_t k = 0; k <= g.aliases.size(); ++k) {
        const std::string_view nm = k == 0 ? g.name : g.aliases[k - 1];
        locate_given(art.title, title_toks, nm, k, 0, 0, found_);
        locate_given(art.body, toks, nm, k, 1, title_sentences, found_);
      }
      if (found_.empty()) {
        Mention m;
        m.begin = m.end = kNoOffset;
        found_.push_back({m, 0});
      }
      for (const auto& f : found_) given.push_back({a, f.first, e, f.second});
    }
  }
  std::vector<std::pair<Mention, uint32_t>> found_;  // reused by add_given
  const GivenEntity& given_entity(const GivenMention& gm) const {
    return corpus.articles[gm.article].given_entities[gm.entity];
  }
  std::string_view given_surface(const GivenMention& gm) const {
    const GivenEntity& g = given_entity(gm);
    return gm.which == 0 ? g.name : g.aliases[gm.which - 1];
  }

  bool run_titles(Clock::time_point deadline) {
    for (; cursor < n; ++cursor) {
      if ((cursor & 63) == 0 && cursor != stage_start && past(deadline)) return false;
      const uint32_t a = static_cast<uint32_t>(cursor);
      title_start[a] = static_cast<uint32_t>(cands.size());
      const Article& art = corpus.articles[a];
      if (art.has_given_entities || art.title.empty()) continue;
      tokenize(art.title, toks);
      const bool headline = is_headline_case(art.title, toks);
      if (model) {
        tagged.assign(title_tags.begin() + title_tag_start[a], title_tags.begin() + title_tag_start[a + 1]);
        col.plain_case = !headline && static_cast<TextCase>(cases[a] & 3) == TextCase::Normal;
        collect_candidates(art.title, toks, a, 0, 0, headline, col, &tagged);
        continue;
      }
      if (!headline) stats.add(art.title, toks);
      collect_candidates(art.title, toks, a, 0, 0, headline, col, nullptr);
    }
    std::vector<TagSpan>().swap(title_tags);
    std::vector<uint32_t>().swap(title_tag_start);
    std::vector<uint8_t>().swap(cases);
    title_start[n] = static_cast<uint32_t>(cands.size());
    spans.release_table();
    return true;
  }

  // Pass 2: clean and type each distinct span once (the corpus statistics are final by now); spans of
  // bodies first, so headlines can be checked against the names found in bodies.
  bool run_clean(Clock::time_point deadline) {
    for (; cursor < spans.spans.size(); ++cursor) {
      if ((cursor & 255) == 0 && cursor != stage_start && past(deadline)) return false;
      clean_span(spans.spans[cursor], cursor < body_spans);
    }
    compact_candidates();
    spans.release_tokens();
    std::vector<bool>().swap(known);
    stats = CaseStats();
    return true;
  }

  // Forgets the candidates whose span cleaning dropped (four in ten in news: "The", "But", sentence-
  // initial words), but for demonyms that refer to their place. Order is kept, so are the articles'
  // candidate ranges and the acronyms' candidate indices.
  void compact_candidates() {
    const size_t nc = cands.size();
    std::vector<uint32_t> kept_before(nc + 1, 0);
    size_t w = 0;
    for (size_t i = 0; i < nc; ++i) {
      kept_before[i] = static_cast<uint32_t>(w);
      Cand c = cands[i];
      const Span& s = spans.spans[c.span];
      // Names of other kinds the tagger found ("German", "World Cup") are not kept, but for demonyms
      // that refer to their place.
      const bool other = c.tag == 1 + kTagOther;
      if (s.dropped || other) {
        if (!(s.single_demonym >= 0 && ((c.ctx & kCtxInstitutionAfter) || s.prefix_ref))) continue;
        c.flags |= kCandDemonymRef;
      }
      cands[w++] = c;
    }
    kept_before[nc] = static_cast<uint32_t>(w);
    cands.resize(w);
    cands.shrink_to_fit();
    for (uint32_t& b : body_start) b = kept_before[b];
    for (uint32_t& b : title_start) b = kept_before[b];
    size_t aw = 0;
    for (const AcronymAfter& a : acronyms) {
      const uint32_t k = kept_before[a.cand];
      if (kept_before[a.cand + 1] == k) continue;  // its candidate was dropped
      acronyms[aw++] = {k, a.begin, a.end, a.ticker};
    }
    acronyms.resize(aw);
  }

  // body: a span of a body (its name key is then known to the headline check of the title spans,
  // which are cleaned after every body span).
  void clean_span(Span& s, bool body) {
    Probe& p = probe_;
    p.reset(s.headline);
    p.toks.assign(spans.pool.begin() + s.first_tok, spans.pool.begin() + s.first_tok + s.ntoks);
    const uint32_t base = p.toks.front().begin;
    const std::string_view text = spans.text(s);
    if (model) clean_tagged(p, text, gaz);
    else clean_candidate(p, text, gaz, stats, words, known);
    s.dropped = p.dropped;
    if (p.demonym_place >= 0) {
      s.single_demonym = p.demonym_place;
      s.demonym_key = keys.id("g" + std::to_string(p.demonym_place));
      s.prefix_ref = p.prefix_ref;
      s.dem_from = p.demonym_begin - base;
      s.dem_to = p.demonym_end - base;
      s.dem_surface = surfaces.id(text.substr(p.demonym_begin, p.demonym_end - p.demonym_begin));
    }
    if (p.dropped) {
      if (p.demonym_place >= 0) {
        s.from = p.demonym_begin - base;
        s.to = p.demonym_end - base;
        s.surface = surfaces.id(text.substr(p.demonym_begin, p.demonym_end - p.demonym_begin));
        s.key = s.demonym_key;
      }
      return;
    }
    s.from = p.toks.front().begin - base;
    s.to = p.toks.back().end - base;
    s.kept = static_cast<uint16_t>(std::min<size_t>(p.toks.size(), UINT16_MAX));
    s.kept_flags = p.toks.front().flags;
    s.gaz = p.gaz;
    s.corporate = p.corporate;
    int votes[kEntityTypes] = {0, 0, 0};
    span_votes(p, text, gaz, votes);
    for (int t = 0; t < kEntityTypes; ++t) s.votes[t] = static_cast<int16_t>(std::min(votes[t], int{INT16_MAX}));
    s.surface = surfaces.id(p.surface);
    const std::string_view nk = p.key;  // name_key(p.surface)
    if (body) {
      const uint32_t id = words.id(nk);
      if (known.size() <= id) known.resize(id + 1, false);
      known[id] = true;
    }
    if (p.gaz >= 0) {
      s.key = keys.id("g" + std::to_string(p.gaz));
    } else {
      group_key_ = "n";
      // "Lear Corp" groups with "Lear"; "Bank Ltd" does not group with every "Bank", nor "Treasury
      // Corporation" with "Treasury": a core that is one common word keeps the whole name.
      const bool generic_core =
          p.core_surface.find(' ') == std::string::npos && gaz.is_english_word(ascii_lower(p.core_surface));
      if (p.corporate && !generic_core) group_key_ += name_key(p.core_surface);
      else group_key_ += nk;
      // "Dragon Air" and "Dragonair", "La Roche" and "LAROCHE" are one name (with the tagger).
      if (model) group_key_.erase(std::remove(group_key_.begin(), group_key_.end(), ' '), group_key_.end());
      s.key = keys.id(group_key_);
    }
    s.gaz_alias = p.gaz >= 0 && p.surface != gaz.entry(p.gaz).name;
    // The surname key of a multi-word name: its last word ("Muqtada al-Sadr" -> "sadr").
    if (s.kept >= 2) {
      s.last_key = words.id(nk.substr(nk.rfind(' ') + 1));
      s.first_key = words.id(nk.substr(0, nk.find(' ')));
    }
    {  // (a name in capitals joins only where the tagger read a person: see the surname phase)
      const std::string_view key = strip_particle_key(nk);
      if (key.find(' ') == std::string_view::npos || nk.substr(0, 3) == "al ") s.surname_probe = words.id(key);
    }
  }

  // Pass 3 and on: keys, acronyms, surnames, types, entities and mentions, in phases that resume where
  // the time budget ran out (a large corpus would otherwise stall a frame for most of a second).
  int merge_phase = 0;
  size_t slices = 0;
  struct AcronymBinding {
    uint32_t key, article;
    bool ticker;
  };
  std::vector<AcronymBinding> acronym_bindings;
  std::vector<Group> groups;  // by key id
  std::vector<int> group_type;
  std::unordered_map<uint32_t, int> given_type;
  std::unordered_map<uint32_t, std::string> given_name;
  std::vector<uint32_t> entity_of;                    // key id -> entity
  std::vector<std::pair<uint32_t, uint32_t>> firsts;  // (first candidate, key)
  std::vector<std::vector<SurfaceTally>> tallies;     // per entity
  std::vector<bool> team_entity;                      // per entity (those made later: none)
  struct Surname {
    uint32_t last_key, key, cand;  // a full name's last word, its group and a candidate of it
  };
  std::unordered_map<uint32_t, Surname> corpus_surnames;  // with the tagger: by last word (key kNone: several people)

  int cand_gaz(const Cand& c, const Span& s) const { return c.rule == kRuleTeam ? -1 : s.gaz; }

  std::string rule_text(const Cand& c) const {
    switch (c.rule) {
      case kRuleGazAlias: return "gazetteer alias";
      case kRuleTeam: return "team (place name in a results table)";
      case kRuleAcronym: return "acronym defined in " + corpus.articles[c.rule_arg].id;
      case kRuleTicker: return "stock ticker in " + corpus.articles[c.rule_arg].id;
      case kRuleShortName:
        return "short name of " + std::string(surfaces.name(spans.spans[cands[c.rule_arg].span].surface)) + " in " +
               corpus.articles[c.article].id;
      case kRuleSurname:
        return "surname of " + std::string(surfaces.name(spans.spans[cands[c.rule_arg].span].surface)) + " in " +
               corpus.articles[c.article].id;
      default: return "name";
    }
  }

  template <class RuleFn>
  void add_mention(uint32_t article, uint32_t ent, Mention m, uint32_t surface, RuleFn rule) {
    m.entity = ent;
    index.by_article[article].push_back(m);
    for (SurfaceTally& t : tallies[ent])
      if (t.surface == surface) {
        ++t.count;
        return;
      }
    tallies[ent].push_back({surface, 1, rule()});
  }

  // Provisional group types: one candidate into its group.
  void group_candidate(size_t i) {
    const Cand& c = cands[i];
    const Span& s = spans.spans[c.span];
    if (c.flags & kCandDemonymRef) return;
    Group& g = groups[c.key];
    int v[kEntityTypes];
    mention_votes(c, s, gaz, v);
    for (int t = 0; t < kEntityTypes; ++t) g.votes[t] += v[t];
    const int gz = cand_gaz(c, s);
    if (gz >= 0) g.gaz = gz;
    g.max_tokens = std::max<size_t>(g.max_tokens, s.kept);
    if (s.corporate && gz < 0) g.corporate = true;
    if (!(s.kept_flags & kTokSentStart)) ++g.mid_sentence;
    if (c.article < g.first_article || (c.article == g.first_article && i < g.first_candidate)) {
      g.first_article = c.article;
      g.first_candidate = i;
    }
  }

  // The merge, phase by phase (merge_phase); a phase that runs out of time returns false and goes on
  // from cursor at the next step.
  bool run_merge(Clock::time_point deadline) {
    for (;;) {
      bool done = true;
      switch (merge_phase) {
        case 0: done = merge_keys(deadline); break;
        case 1: bind_acronyms(); break;
        case 2: done = group_pass(deadline); break;
        case 3: done = bind_surnames(deadline); break;
        case 4: done = group_pass(deadline); break;
        case 5: make_entities(); break;
        case 6: done = add_candidate_mentions(deadline); break;
        case 7: add_demonym_mentions(); break;
        default: return order_mentions(deadline);
      }
      if (!done) return false;
      ++merge_phase;
      cursor = 0;
      stage_start = 0;
      if (past(deadline)) return false;
    }
  }

  // A long phase's check, every 2048 candidates: out of time (but never at the step's first).
  bool due(size_t i, Clock::time_point deadline) const { return (i & 2047) == 0 && i != stage_start && past(deadline); }

  // Phase 0: merge keys: gazetteer entries by id, everything else by normalised name.
  bool merge_keys(Clock::time_point deadline) {
    for (const size_t nc = cands.size(); cursor < nc; ++cursor) {
      if (due(cursor, deadline)) return false;
      Cand& c = cands[cursor];
      Span& s = spans.spans[c.span];
      if (c.flags & kCandDemonymRef) continue;
      // A place name in a results table ("NEW YORK 5 Chicago 3", "Surrey 320") is a team: its own entity.
      // (With the tagger, only where it read an organisation: "Japan 12.5" in a trade table stays
      // the country.) A team is named as one ("Japan (team)"): one name, one type.
      if ((!model || c.tag == 1 + kTagOrg) && (c.flags & kCandNumberAfter) && !(c.flags & kCandDateline) &&
          ((c.flags & kCandLineStart) || (c.ctx & kCtxNumberBefore)) && s.gaz >= 0 &&
          gaz.entry(s.gaz).type == EntityType::Place) {
        auto team = team_keys.find(c.span);
        if (team == team_keys.end())
          team = team_keys.emplace(c.span, keys.id("t" + name_key(surfaces.name(s.surface)))).first;
        c.key = team->second;
        c.rule = kRuleTeam;
        continue;
      }
      c.key = s.key;
      if (s.gaz_alias) c.rule = kRuleGazAlias;
    }
    return true;
  }

  // Phase 1: acronyms defined in parentheses and tickers bind their name corpus-wide.
  void bind_acronyms() {
    // Acronyms defined in parentheses: "Syrian Democratic Forces (SDF)" binds SDF corpus-wide.
    // A ticker binds like an acronym ("Exxon Corp <XON>"), also to a one-word name ("GENCORP <GY>").
    std::map<std::string, std::map<std::string, std::pair<int, uint32_t>>> defs;  // acr -> key -> (count, article)
    std::set<std::string> tickers;  // acronyms (name keys) bound as tickers
    for (const AcronymAfter& a : acronyms) {
      const Cand& c = cands[a.cand];
      const Span& s = spans.spans[c.span];
      if ((c.flags & kCandDemonymRef) || s.kept < (a.ticker ? 1 : 2)) continue;
      const std::string_view surface = surfaces.name(s.surface);
      const std::string_view acr = text_of(c).substr(a.begin, a.end - a.begin);
      const char first = static_cast<char>(std::toupper(static_cast<unsigned char>(surface[0])));
      if (!a.ticker && first != acr[0]) continue;
      const std::string acr_key = name_key(acr);
      if (a.ticker && acr_key == name_key(surface)) continue;
      // A ticker that is also a known place or person ("JOS", the city of Jos) does not bind.
      if (a.ticker) {
        const int entry = gaz.find_key(acr_key);
        if (entry >= 0 && gaz.entry(entry).type != EntityType::Org) continue;
      }
      auto& d = defs[acr_key][std::string(keys.name(c.key))];
      if (d.first++ == 0) d.second = c.article;
      if (a.ticker) tickers.insert(acr_key);
    }
    std::vector<AcronymAfter>().swap(acronyms);
    std::unordered_map<std::string, uint32_t> binding_of;  // acronym name key -> binding
    for (auto& [acr, by_key] : defs) {
      auto best = std::max_element(by_key.begin(), by_key.end(),
                                   [](auto& x, auto& y) { return x.second.first < y.second.first; });
      binding_of[acr] = static_cast<uint32_t>(acronym_bindings.size());
      acronym_bindings.push_back({keys.find(best->first), best->second.second, tickers.count(acr) > 0});
    }
    bool any_target = false;
    if (!binding_of.empty()) {
      acronym_targets.assign(spans.spans.size(), kNone);
      for (uint32_t k = 0; k < spans.spans.size(); ++k) {
        const Span& s = spans.spans[k];
        if (s.dropped || s.kept != 1 || !(s.kept_flags & kTokAllCaps)) continue;
        auto it = binding_of.find(name_key(surfaces.name(s.surface)));
        if (it == binding_of.end()) continue;
        acronym_targets[k] = it->second;
        any_target = true;
      }
    }
    for (Cand& c : cands) {
      if (!any_target) break;
      const Span& s = spans.spans[c.span];
      if ((c.flags & kCandDemonymRef) || acronym_targets[c.span] == kNone) continue;
      const AcronymBinding& b = acronym_bindings[acronym_targets[c.span]];
      if (b.key == c.key) continue;
      const int gz = cand_gaz(c, s);
      if (gz >= 0 && gaz.entry(gz).type != EntityType::Org) continue;  // "US" stays the country
      c.key = b.key;
      c.rule = b.ticker ? kRuleTicker : kRuleAcronym;
      c.rule_arg = b.article;
    }
    std::vector<uint32_t>().swap(acronym_targets);
  }

  // Phases 2 and 4: candidates into groups by key (again after the surnames have joined their full names).
  bool group_pass(Clock::time_point deadline) {
    if (cursor == 0) groups.assign(keys.size(), Group{});
    for (const size_t nc = cands.size(); cursor < nc; ++cursor) {
      if (due(cursor, deadline)) return false;
      group_candidate(cursor);
    }
    return true;
  }

  // Phase 3: surnames and companies' short names bound to the full names of their article (or corpus).
  bool bind_surnames(Clock::time_point deadline) {
    std::vector<Surname> surnames, short_names;  // (short names: first_key in last_key)
    if (cursor == 0 && model) {
      // Full names of people across the corpus by surname: a lone "Reagan" in an article without
      // "Ronald Reagan" joins him when he has at least three in four of the full-name mentions of
      // that surname in the corpus (Nancy Reagan keeps her own).
      struct Tally {
        Surname who;
        uint32_t count;
      };
      std::unordered_map<uint32_t, std::vector<Tally>> by_last;
      for (size_t k = 0; k < cands.size(); ++k) {
        const Cand& c = cands[k];
        const Span& s = spans.spans[c.span];
        if ((c.flags & kCandDemonymRef) || s.kept < 2 || s.last_key == kNone) continue;
        if (argmax(groups[c.key].votes) != 0) continue;
        std::vector<Tally>& v = by_last[s.last_key];
        auto t = std::find_if(v.begin(), v.end(), [&](const Tally& x) { return x.who.key == c.key; });
        if (t == v.end()) v.push_back({{s.last_key, c.key, static_cast<uint32_t>(k)}, 1});
        else ++t->count;
      }
      corpus_surnames.clear();
      for (const auto& [last, v] : by_last) {
        uint32_t total = 0;
        const Tally* top = &v[0];
        for (const Tally& t : v) {
          total += t.count;
          if (t.count > top->count) top = &t;
        }
        if (top->count >= 3 && top->count * 4 >= total * 3) corpus_surnames.emplace(last, top->who);
      }
    }
    for (; cursor < n; ++cursor) {
      if (++slices % 16 == 0 && past(deadline)) return false;
      const size_t a = cursor;
      // The article's candidates: body, then title (the order they were collected in).
      const uint32_t ranges[2][2] = {{body_start[a], body_start[a + 1]}, {title_start[a], title_start[a + 1]}};
      surnames.clear();
      short_names.clear();
      for (const auto& r : ranges)
        for (uint32_t k = r[0]; k < r[1]; ++k) {
          const Cand& c = cands[k];
          const Span& s = spans.spans[c.span];
          if ((c.flags & kCandDemonymRef) || s.kept < 2) continue;
          const Group& g = groups[c.key];
          if (g.corporate) {
            // A company's first word ("Merrill" of "Merrill Lynch and Co Inc"), when one company of
            // the article starts with it.
            auto it = std::find_if(short_names.begin(), short_names.end(),
                                   [&](const Surname& x) { return x.last_key == s.first_key; });
            if (it == short_names.end()) short_names.push_back({s.first_key, c.key, k});
            else if (it->key != c.key) it->key = kNone;
            continue;
          }
          if (argmax(g.votes) != 0) continue;
          const bool seen =
              std::any_of(surnames.begin(), surnames.end(), [&](const Surname& x) { return x.last_key == s.last_key; });
          if (!seen) surnames.push_back({s.last_key, c.key, k});
        }
      if (surnames.empty() && short_names.empty() && corpus_surnames.empty()) continue;
      for (const auto& r : ranges)
        for (uint32_t k = r[0]; k < r[1]; ++k) {
          Cand& c = cands[k];
          const Span& s = spans.spans[c.span];
          // A name in capitals ("REAGAN" in a capitals headline) joins a full name only where the tagger
          // read a person or its mentions are a person by vote.
          const bool caps = s.kept_flags & kTokAllCaps;
          if ((c.flags & kCandDemonymRef) || cand_gaz(c, s) >= 0 || s.surname_probe == kNone) continue;
          const bool surname_ok = !caps || c.tag == 1 + kTagPerson || argmax(groups[c.key].votes) == 0;
          auto it = std::find_if(surnames.begin(), surnames.end(),
                                 [&](const Surname& x) { return x.last_key == s.surname_probe; });
          const Surname* match = surname_ok && it != surnames.end() ? &*it : nullptr;
          if (!match && surname_ok && !corpus_surnames.empty() &&
              (c.tag == 1 + kTagPerson || (caps && argmax(groups[c.key].votes) == 0))) {
            auto cs = corpus_surnames.find(s.surname_probe);
            if (cs != corpus_surnames.end() && cs->second.key != kNone) match = &cs->second;
          }
          if (!match && !caps && s.kept == 1 && s.gaz < 0) {  // (a team's place name is still a place)
            auto sn = std::find_if(short_names.begin(), short_names.end(),
                                   [&](const Surname& x) { return x.last_key == s.surname_probe; });
            if (sn != short_names.end() && sn->key != kNone && sn->key != c.key && argmax(groups[c.key].votes) != 2) {
              c.key = sn->key;
              c.rule = kRuleShortName;
              c.rule_arg = sn->cand;
              continue;
            }
          }
          if (!match || match->key == c.key) continue;
          // Typed as an organisation or place on its own evidence (the tagger's reading of a lone
          // surname is weak beside a full name in the same article).
          if (!c.tag && argmax(groups[c.key].votes) > 0) continue;
          c.key = match->key;
          c.rule = kRuleSurname;
          c.rule_arg = match->cand;
        }
    }
    return true;
  }

  // Phase 5: each group's type, the entities in order of first appearance, mention lists sized.
  void make_entities() {
    // Decide each group's type; groups without any evidence are kept only when they read as names.
    group_type.assign(groups.size(), -1);
    for (size_t key = 0; key < groups.size(); ++key) {
      const Group& g = groups[key];
      if (!g.present()) continue;
      int t = argmax(g.votes);
      if (t < 0 && g.max_tokens >= 2) t = 0;  // an unknown multi-word name: most often a person in news
      if (g.corporate && model) t = 1;        // "Noranda Inc" makes every "Noranda" of its group the company
      group_type[key] = t;                    // a single capitalised word without any cue: not kept
      if (t >= 0) firsts.push_back({static_cast<uint32_t>(g.first_candidate), static_cast<uint32_t>(key)});
    }
    // Given entities join groups too.
    auto has_entity = [&](uint32_t key) { return key < groups.size() && group_type[key] >= 0; };
    for (GivenMention& gm : given) {
      const GivenEntity& g = given_entity(gm);
      const int gz = gaz.find(g.name);
      gm.key = keys.id(gz >= 0 && gaz.entry(gz).type == g.type ? "g" + std::to_string(gz) : "n" + name_key(g.name));
      if (!has_entity(gm.key) && !given_type.count(gm.key))
        firsts.push_back({static_cast<uint32_t>(cands.size() + given_type.size()), gm.key});
      given_type.emplace(gm.key, static_cast<int>(g.type));
      // A given entity is called what the input calls it (the gazetteer's name when it is known).
      given_name.emplace(gm.key, gz >= 0 && gaz.entry(gz).type == g.type ? gaz.entry(gz).name : std::string(g.name));
    }
    // Gazetteer names written in Arabic join their entry's group (Baghdad and بغداد are one place);
    // an entry named only in Arabic becomes an entity of the gazetteer's type and name.
    for (ScriptMention& sm : script_mentions) {
      sm.key = keys.id("g" + std::to_string(sm.gaz));
      if (has_entity(sm.key) || given_type.count(sm.key)) continue;
      firsts.push_back({static_cast<uint32_t>(cands.size() + given_type.size()), sm.key});
      given_type.emplace(sm.key, static_cast<int>(gaz.entry(sm.gaz).type));
      given_name.emplace(sm.key, gaz.entry(sm.gaz).name);
    }
    // Entities in order of first appearance.
    std::sort(firsts.begin(), firsts.end());
    entity_of.assign(keys.size(), kNone);
    for (const auto& [first, key] : firsts) {
      entity_of[key] = static_cast<uint32_t>(index.entities.size());
      team_entity.push_back(keys.name(key)[0] == 't');
      Entity e;
      auto gt = given_type.find(key);
      e.type = static_cast<EntityType>(gt != given_type.end() ? gt->second : group_type[key]);
      if (key < groups.size() && groups[key].gaz >= 0) {
        e.known = true;
        e.name = gaz.entry(groups[key].gaz).name;
      } else if (auto gn = given_name.find(key); gn != given_name.end()) {
        e.name = gn->second;
      }
      index.entities.push_back(std::move(e));
    }
    tallies.resize(index.entities.size());
    // Each article's mentions, counted before they are added (phases 6 and 7), so every list is
    // made once at its size rather than grown step by step.
    {
      std::vector<uint32_t> count(n, 0);
      for (const Cand& c : cands)
        if ((c.flags & kCandDemonymRef) || entity_of[c.key] != kNone) ++count[c.article];
      for (const GivenMention& gm : given) ++count[gm.article];
      for (const ScriptMention& sm : script_mentions) ++count[sm.article];
      for (size_t a = 0; a < n; ++a) index.by_article[a].reserve(count[a]);
    }
  }

  // Phase 6: the mentions of candidates, given entities and Arabic gazetteer names.
  bool add_candidate_mentions(Clock::time_point deadline) {
    for (const size_t nc = cands.size(); cursor < nc; ++cursor) {
      if (due(cursor, deadline)) return false;
      const Cand& c = cands[cursor];
      const Span& s = spans.spans[c.span];
      if (c.flags & kCandDemonymRef) continue;
      const uint32_t ent = entity_of[c.key];
      if (ent == kNone) continue;
      Mention m;
      m.begin = c.begin + s.from;
      m.end = c.begin + s.to;
      m.sentence = c.sentence;
      m.field = c.field;
      add_mention(c.article, ent, m, s.surface, [&] { return rule_text(c); });
    }
    for (const GivenMention& gm : given)
      add_mention(gm.article, entity_of[gm.key], gm.m, surfaces.id(given_surface(gm)),
                  [] { return std::string("given in input"); });
    for (const ScriptMention& sm : script_mentions)
      add_mention(sm.article, entity_of[sm.key], sm.m, sm.surface, [] { return std::string("gazetteer alias"); });
    return true;
  }

  // Phase 7: demonym references ("Iraqi government" -> Iraq), then the entities' names.
  void add_demonym_mentions() {
    // Demonym references ("Iraqi government" -> Iraq), counted for places already found or known.
    for (const Cand& c : cands) {
      const Span& s = spans.spans[c.span];
      if (!(c.flags & kCandDemonymRef)) continue;
      if (entity_of.size() < keys.size()) entity_of.resize(keys.size(), kNone);
      uint32_t& ent = entity_of[s.demonym_key];
      if (ent == kNone) {
        ent = static_cast<uint32_t>(index.entities.size());
        Entity e;
        e.type = EntityType::Place;
        e.known = true;
        e.name = gaz.entry(s.single_demonym).name;
        index.entities.push_back(std::move(e));
        tallies.emplace_back();
      }
      Mention m;
      m.begin = c.begin + s.dem_from;
      m.end = c.begin + s.dem_to;
      m.sentence = c.sentence;
      m.field = c.field;
      m.via_demonym = 1;
      add_mention(c.article, ent, m, s.dem_surface, [] { return std::string("demonym"); });
    }
    name_entities();
  }

  // Phase 8: each article's mentions in reading order; mention and article counts.
  bool order_mentions(Clock::time_point deadline) {
    for (; cursor < n; ++cursor) {
      if ((cursor & 1023) == 0 && cursor != stage_start && past(deadline)) return false;
      auto& ms = index.by_article[cursor];
      std::sort(ms.begin(), ms.end(), [](const Mention& x, const Mention& y) {
        if (x.field != y.field) return x.field < y.field;
        return x.begin < y.begin;
      });
      std::vector<uint32_t> seen;
      for (const Mention& m : ms) {
        ++index.entities[m.entity].mentions;
        seen.push_back(m.entity);
      }
      std::sort(seen.begin(), seen.end());
      seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
      for (uint32_t e : seen) ++index.entities[e].articles;
    }
    return true;
  }

  // Canonical names (the gazetteer's, else the most complete and most frequent form), aliases, rules.
  void name_entities() {
    for (uint32_t id = 0; id < index.entities.size(); ++id) {
      Entity& e = index.entities[id];
      std::vector<SurfaceTally>& ts = tallies[id];
      std::sort(ts.begin(), ts.end(), [&](const SurfaceTally& x, const SurfaceTally& y) {
        return surfaces.name(x.surface) < surfaces.name(y.surface);
      });
      std::string best;
      size_t best_words = 0;
      uint32_t best_count = 0;
      for (SurfaceTally& t : ts) {
        const std::string_view surface = surfaces.name(t.surface);
        e.aliases.push_back({std::string(surface), std::move(t.rule), t.count});
        // A demonym or a company's short name ("Merrill") is never the canonical name.
        if (e.aliases.back().rule == "demonym" || e.aliases.back().rule.rfind("short name of", 0) == 0) continue;
        size_t nwords = 1;
        for (char ch : surface) nwords += ch == ' ';
        const bool acronym = surface.size() <= 6 && std::all_of(surface.begin(), surface.end(),
                                                                [](char ch) { return !(ch >= 'a' && ch <= 'z'); });
        if (acronym) nwords = 0;
        if (nwords > best_words || (nwords == best_words && t.count > best_count)) {
          best = surface;
          best_words = nwords;
          best_count = t.count;
        }
      }
      std::vector<SurfaceTally>().swap(ts);
      if (e.name.empty()) e.name = best.empty() ? (e.aliases.empty() ? std::string("?") : e.aliases[0].surface) : best;
      if (id < team_entity.size() && team_entity[id]) e.name += " (team)";
      std::string canonical_key;  // made when a second surface needs it (most entities have one)
      for (EntityAlias& al : e.aliases) {
        if (al.rule != "name" || al.surface == e.name) continue;
        if (canonical_key.empty()) canonical_key = name_key(e.name);
        if (name_key(al.surface) == canonical_key) al.rule = "spelling variant";
      }
      std::sort(e.aliases.begin(), e.aliases.end(), [](const EntityAlias& x, const EntityAlias& y) {
        return x.count != y.count ? x.count > y.count : x.surface < y.surface;
      });
    }
  }
};

EntityExtractor::EntityExtractor(const Corpus& corpus, std::shared_ptr<const Gazetteer> gazetteer)
    : impl_(std::make_unique<Impl>(corpus, std::move(gazetteer))) {}
EntityExtractor::~EntityExtractor() = default;

bool EntityExtractor::step(double budget_ms) {
  Impl& m = *impl_;
  const auto t0 = Impl::Clock::now();
  const auto deadline = t0 + std::chrono::microseconds(static_cast<int64_t>(budget_ms * 1000));
  while (m.stage < 5) {
    m.stage_start = m.cursor;
    bool done = true;
    const auto s0 = Impl::Clock::now();
    if (m.stage == 0) done = m.run_stats(deadline);
    else if (m.stage == 1) done = m.run_bodies(deadline);
    else if (m.stage == 2) done = m.run_titles(deadline);
    else if (m.stage == 3) done = m.run_clean(deadline);
    else done = m.run_merge(deadline);
    // (the statistics pass counts with the bodies)
    m.index.stage_ms[std::max(0, m.stage - 1)] +=
        std::chrono::duration<double, std::milli>(Impl::Clock::now() - s0).count();
    if (!done) break;
    ++m.stage;
    m.cursor = 0;
    if (m.stage == 4 && Impl::Clock::now() >= deadline) break;  // merging starts in a fresh step
  }
  m.spent_ms += std::chrono::duration<double, std::milli>(Impl::Clock::now() - t0).count();
  m.index.extract_ms = m.spent_ms;
  return m.stage >= 5;
}

double EntityExtractor::progress() const {
  const Impl& m = *impl_;
  // Rough shares of the work: statistics 10% (with the tagger), bodies 50%, titles 5%, cleaning 10%,
  // merging 25%.
  const double nn = std::max<size_t>(1, m.n), ns = std::max<size_t>(1, m.spans.spans.size());
  switch (m.stage) {
    case 0: return 0.10 * static_cast<double>(m.cursor) / nn;
    case 1: return 0.10 + 0.50 * static_cast<double>(m.cursor) / nn;
    case 2: return 0.60 + 0.05 * static_cast<double>(m.cursor) / nn;
    case 3: return 0.65 + 0.10 * static_cast<double>(m.cursor) / ns;
    case 4: return 0.75 + 0.03 * m.merge_phase;
    default: return 1.0;
  }
}

EntityIndex EntityExtractor::take() { return std::move(impl_->index); }

void EntityExtractor::set_threads(int threads) { impl_->threads = std::max(1, threads); }

EntityIndex extract_entities(const Corpus& corpus, const Gazetteer& gazetteer, int threads) {
  // A non-owning pointer: the gazetteer outlives this call.
  EntityExtractor x(corpus, std::shared_ptr<const Gazetteer>(&gazetteer, [](const Gazetteer*) {}));
  x.set_threads(threads);
  while (!x.step(1e9)) {
  }
  return x.take();
}

uint32_t EntityIndex::pair_articles(size_t a, uint32_t x, uint32_t y) const {
  if (x == y || a >= by_article.size()) return 0;
  if (counts) {
    const uint64_t key = x < y ? (static_cast<uint64_t>(x) << 32) | y : (static_cast<uint64_t>(y) << 32) | x;
    const auto b = counts->pairs.begin() + counts->first_pair[a], e = counts->pairs.begin() + counts->first_pair[a + 1];
    const auto it = std::lower_bound(b, e, std::make_pair(key, uint32_t{0}));
    return it != e && it->first == key ? it->second : 0;
  }
  bool hx = false, hy = false;
  for (const Mention& m : by_article[a]) {
    hx = hx || m.entity == x;
    hy = hy || m.entity == y;
  }
  return hx && hy ? 1 : 0;
}

uint32_t EntityIndex::entity_articles(size_t a, uint32_t e) const {
  if (!counts) return 1;
  if (a >= by_article.size()) return 0;
  const auto& ms = by_article[a];
  for (size_t k = 0; k < ms.size(); ++k)
    if (ms[k].entity == e) return mention_articles(a, k);
  return 0;
}

std::vector<std::string> article_surfaces(const Corpus& corpus, const EntityIndex& index, size_t article,
                                          EntityType type) {
  std::vector<std::string> out;
  const Article& art = corpus.articles[article];
  for (const Mention& m : index.by_article[article]) {
    if (m.via_demonym || index.entities[m.entity].type != type) continue;
    std::string s;
    if (m.begin == kNoOffset) s = index.entities[m.entity].name;
    else  // as one line: a name in hard-wrapped text runs across a line break ("New York Stock\nExchange")
      assign_surface(s, std::string_view(m.field == 0 ? art.title : art.body).substr(m.begin, m.end - m.begin));
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ae
