// entities.cpp — rule-based named-entity extraction and corpus-wide alias merging. Layer: core.
//
// [SECTION] Candidates: capitalised sequences with particles and connectors, and their context
// [SECTION] Cleaning: sentence-initial words, titles, demonyms, headline words
// [SECTION] Typing: votes from the gazetteer and from cue words around each mention
// [SECTION] Merging: gazetteer aliases, spelling variants, acronyms, surnames; canonical names
#include "entities.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "text.h"

namespace ae {

namespace {

// -------------------------------------------------------------------------------------------------
// [SECTION] Candidates
// -------------------------------------------------------------------------------------------------

struct SpanTok {
  uint32_t begin, end;
  uint16_t flags;
};

struct Candidate {
  uint32_t article = 0;
  uint8_t field = 1;
  uint32_t sentence = 0;
  std::vector<SpanTok> toks;
  std::string prev1, prev2;    // lower-case words before the span in its sentence
  std::string next1, next2;    // lower-case words after it
  bool comma_before = false, comma_after = false;
  std::string acronym_after;   // "Syrian Democratic Forces (SDF)": "SDF"
  bool headline = false;       // in an all-caps or title-case headline: only known names count
  bool number_after = false;   // followed by a number on the same line (results tables: "Surrey 320", "Croft 3-45")
  bool line_start = false;     // first token of a line
  bool dateline = false;       // "BRUSSELS 1996-08-22", "ERBIL, Kurdistan Region –" at the top of a body
  // Filled by cleaning and typing:
  bool dropped = false;
  bool title_cue = false;      // a person title was stripped from its front
  int demonym_place = -1;      // a demonym-only span referring to this gazetteer place
  uint32_t demonym_begin = 0, demonym_end = 0;
  std::string surface;
  std::string core_surface;    // without a corporate suffix ("Standard Oil" of "Standard Oil Co")
  bool corporate = false;      // ended in a corporate suffix: an organisation
  int gaz = -1;
  int votes[kEntityTypes] = {0, 0, 0};
  std::string key;             // merge key
  std::string rule = "name";   // why it joined its group
};

using WordSet = std::unordered_set<std::string_view>;

bool is_particle(std::string_view w) {
  static const WordSet kParticles = {"al", "el", "bin", "ibn", "van", "von", "der", "den", "de", "du", "da", "dos",
                                     "das", "di", "del", "della", "la", "le", "bint", "ter", "ten", "zu", "y"};
  return kParticles.count(w) != 0;
}

bool is_name_token(const Token& t) {
  if (!t.word() || t.has(kTokHyphenLower)) return false;
  if (!t.has(kTokCap) && !t.has(kTokParticle)) return false;
  return t.end - t.begin > 1;  // "I"; initials are joined separately
}

std::string_view tok_text(std::string_view text, const Token& t) { return text.substr(t.begin, t.end - t.begin); }
std::string_view tok_text(std::string_view text, const SpanTok& t) { return text.substr(t.begin, t.end - t.begin); }

// Word-case evidence gathered over the whole corpus: how often a word is written in lower case, and
// how often capitalised where the capital is not forced by a sentence start. Words are identified by a
// 64-bit hash of their lower-case bytes in an open-addressing table (no allocation per token).
class CaseStats {
 public:
  void add(std::string_view text, const std::vector<Token>& toks) {
    for (const Token& t : toks) {
      if (!t.word() || t.has(kTokDigit) || t.has(kTokAllCaps)) continue;
      const bool lower = !t.has(kTokCap);
      if (!lower && t.has(kTokSentStart)) continue;
      Slot& s = slot(hash(tok_text(text, t)));
      (lower ? s.lower : s.capitalised)++;
    }
  }
  // True when the corpus writes this word in lower case at least as often as capitalised mid-sentence.
  bool mostly_lower(std::string_view word) const {
    const Slot* s = find(hash(word));
    return s && s->lower > 0 && s->lower >= s->capitalised;
  }
  bool seen_capitalised(std::string_view word) const {
    const Slot* s = find(hash(word));
    return s && s->capitalised > s->lower;
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t lower = 0, capitalised = 0;
  };
  static uint64_t hash(std::string_view w) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : w) {
      if (c >= 'A' && c <= 'Z') c |= 0x20;
      h = (h ^ c) * 1099511628211ull;
    }
    return h ? h : 1;
  }
  Slot& slot(uint64_t key) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    size_t i = key & (slots_.size() - 1);
    while (slots_[i].key && slots_[i].key != key) i = (i + 1) & (slots_.size() - 1);
    if (!slots_[i].key) {
      slots_[i].key = key;
      ++used_;
    }
    return slots_[i];
  }
  const Slot* find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    size_t i = key & (slots_.size() - 1);
    while (slots_[i].key) {
      if (slots_[i].key == key) return &slots_[i];
      i = (i + 1) & (slots_.size() - 1);
    }
    return nullptr;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 4096 : old.size() * 2, Slot{});
    used_ = 0;
    for (const Slot& s : old)
      if (s.key) {
        Slot& n = slot(s.key);
        n.lower = s.lower;
        n.capitalised = s.capitalised;
      }
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

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

void collect_candidates(std::string_view text, const std::vector<Token>& toks, uint32_t article, uint8_t field,
                        uint32_t sentence_base, bool headline, std::deque<Candidate>& out, const Gazetteer& gaz) {
  const size_t n = toks.size();
  auto lower_word = [&](size_t k) { return toks[k].word() ? ascii_lower(tok_text(text, toks[k])) : std::string(); };
  // An initial: "G." before a name ("G. Thorpe", "John F. Kennedy").
  auto initial_at = [&](size_t k) {
    return k + 2 < n && toks[k].word() && toks[k].end - toks[k].begin == 1 && toks[k].has(kTokCap) &&
           toks[k + 1].punct == '.' && !toks[k + 1].has(kTokSpaceBefore) && is_name_token(toks[k + 2]) &&
           !toks[k + 2].has(kTokLineBefore);
  };
  // A title or role starting at token k ("President", "Prime Minister"): a name never runs into one.
  auto title_at = [&](size_t k) {
    std::string_view words[4];
    size_t count = 0;
    for (size_t m = k; m < n && count < 4 && toks[m].word(); ++m) words[count++] = tok_text(text, toks[m]);
    return count > 0 && gaz.title_length(words, count) > 0;
  };
  size_t i = 0;
  while (i < n) {
    const bool initial = initial_at(i);
    if (!is_name_token(toks[i]) && !initial) {
      ++i;
      continue;
    }
    size_t j = initial ? i + 2 : i;
    for (;;) {
      if (toks[j].has(kTokPossessive)) break;
      const size_t k = j + 1;
      if (k >= n || (toks[k].has(kTokLineBefore) && !toks[k].has(kTokWrapBefore)) || toks[k].sentence != toks[j].sentence)
        break;
      if (initial_at(k) && toks[k].has(kTokSpaceBefore)) {
        j = k + 2;
        continue;
      }
      if (is_name_token(toks[k]) && toks[k].has(kTokSpaceBefore)) {
        if (title_at(k) && !title_at(i)) break;  // "U.S. | President Bill Clinton"
        j = k;
        continue;
      }
      if (k + 1 < n && !toks[k + 1].has(kTokLineBefore) && toks[k].word() && !toks[k].has(kTokCap)) {
        const std::string_view w = tok_text(text, toks[k]);
        if (is_particle(w) && is_name_token(toks[k + 1])) {  // "Ahmad bin Salman", "Ludwig van Beethoven"
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
    Candidate c;
    c.article = article;
    c.field = field;
    c.sentence = sentence_base + toks[i].sentence;
    c.headline = headline;
    for (size_t k = i; k <= j; ++k) c.toks.push_back({toks[k].begin, toks[k].end, toks[k].flags});
    // Context within the sentence.
    const uint32_t s = toks[i].sentence;
    size_t p = i;
    int got = 0;
    while (p > 0 && got < 2) {
      --p;
      if (toks[p].sentence != s) break;
      if (!toks[p].word()) {
        if (got == 0 && toks[p].punct == ',') c.comma_before = true;
        if (toks[p].punct != '"' && toks[p].punct != '\x01') break;
        continue;
      }
      (got == 0 ? c.prev1 : c.prev2) = lower_word(p);
      ++got;
    }
    c.line_start = i == 0 || toks[i].has(kTokLineBefore);
    if (j + 1 < n && toks[j + 1].has(kTokDigit) && !toks[j + 1].has(kTokLineBefore) && toks[j + 1].word()) {
      const std::string_view num = tok_text(text, toks[j + 1]);
      c.number_after = num.find_first_not_of("0123456789-./") == std::string_view::npos;
    }
    if (field == 1 && c.line_start && toks[i].has(kTokAllCaps) && toks[i].begin < 200) {
      const bool follows = j + 1 < n && !toks[j + 1].has(kTokLineBefore) &&
                           (toks[j + 1].has(kTokDigit) || toks[j + 1].punct == ',' || toks[j + 1].punct == '-' ||
                            toks[j + 1].punct == '\x01' || toks[j + 1].punct == '(');
      c.dateline = follows;
    }
    size_t q = j + 1;
    if (q < n && toks[q].punct == '(' && q + 2 < n && toks[q + 1].has(kTokAllCaps) && toks[q + 2].punct == ')')
      c.acronym_after = std::string(tok_text(text, toks[q + 1]));
    if (q < n && toks[q].punct == ',') {
      c.comma_after = true;
      ++q;
    }
    got = 0;
    while (q < n && got < 2 && toks[q].sentence == s && toks[q].word()) {
      (got == 0 ? c.next1 : c.next2) = lower_word(q);
      ++got;
      ++q;
    }
    out.push_back(std::move(c));
    i = j + 1;
  }
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Cleaning
// -------------------------------------------------------------------------------------------------

const WordSet kInstitutionNouns = {
    "government", "army", "forces", "force", "parliament", "authorities", "ministry", "military", "troops", "officials",
    "police", "border", "borders", "territory", "president", "prime", "foreign", "defence", "defense", "security",
    "state", "capital", "economy", "embassy", "navy", "cabinet", "side", "leadership", "regime", "administration",
    "interior", "central", "national", "air", "armed", "soil", "airspace", "waters", "sovereignty", "counterparts",
    "delegation", "judiciary", "courts", "prosecutors", "consulate", "coast"};

bool is_institution_noun(const std::string& w) { return kInstitutionNouns.count(w) != 0; }

// Capitalised function words that never begin a name unless the whole name is known ("The Hague").
bool is_leading_function_word(std::string_view w) {
  static const WordSet kWords = {"The", "A", "An", "This", "That", "These", "Those", "His", "Her", "Their", "Its",
                                       "Our", "My", "Your", "In", "On", "At", "For", "But", "And", "Or", "As", "By",
                                       "From", "To", "With", "Of", "If", "When", "While", "After", "Before", "Under",
                                       "Since", "Although", "Though", "Meanwhile", "However", "Also", "Both", "Some",
                                       "Many", "Most", "All", "Several", "Other", "Another", "Such", "Every", "Each",
                                       "He", "She", "It", "They", "We", "I", "You", "There", "Here", "Why", "How",
                                       "What", "Where", "Who", "Which", "Whose", "THE"};
  return kWords.count(w) != 0;
}

// Listed as not an entity in any capitalisation ("FRIDAY", "Aug").
bool not_entity(const Gazetteer& gaz, std::string_view w) {
  if (gaz.is_not_entity(w)) return true;
  std::string t = ascii_lower(w);
  if (!t.empty() && t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 32);
  return gaz.is_not_entity(t);
}

// Short all-capital words of headlines and tables that are never names on their own.
bool is_caps_function_word(std::string_view w) {
  static const WordSet kWords = {"IN", "AT", "OF", "TO", "ON", "BY", "THE", "AND", "FOR", "A", "AN", "OR", "AS",
                                       "IS", "IT", "BE", "NO", "SO", "UP", "OUT", "OFF", "NEW", "OLD", "TWO", "ONE",
                                       "WIN", "WON", "GET", "SET", "CUP", "DAY", "VS", "V", "MLN", "PCT", "BIG",
                                       "TOP", "OVER", "WITH", "FROM", "INTO", "AFTER", "NOT", "BUT", "ALL", "HIS",
                                       "HER", "ITS", "WE", "HE", "SHE", "THEY", "WHO", "SAY", "SAYS", "SEE", "SEES",
                                       "CUT", "CUTS", "SEC", "NET", "END", "CTS", "DLRS", "SHR", "QTR", "REVS"};
  return kWords.count(w) != 0;
}

bool is_corporate_suffix(std::string_view w) {
  static const WordSet kSuffixes = {"Co", "Co.", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "Plc", "PLC", "plc",
                                    "LLC", "AG", "SA", "S.A.", "NV", "N.V.", "BV", "GmbH", "Cos", "Limited",
                                    "Incorporated", "Corporation", "Company", "SpA", "AB", "ASA", "Oyj", "KK"};
  return kSuffixes.count(w) != 0;
}

// Drops words that are not part of the name from the front and back of a candidate, and decides
// whether what is left is a name at all. Sets surface, gaz, title_cue, demonym_place or dropped.
void clean_candidate(Candidate& c, std::string_view text, const Gazetteer& gaz, const CaseStats& stats,
                     const std::unordered_set<std::string>& known_keys) {
  auto word = [&](size_t k) { return tok_text(text, c.toks[k]); };
  auto surface_of = [&](size_t a, size_t b) {  // toks [a, b)
    return std::string(text.substr(c.toks[a].begin, c.toks[b - 1].end - c.toks[a].begin));
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
  if (single_demonym || gaz.find(surface_of(a, b)) < 0) {
    bool changed = true;
    while (changed && a < b) {
      changed = false;
      const std::string_view w = word(a);
      LowerBuf lb;
      const std::string_view lower = lb(w);
      // The first word of a sentence is capitalised anyway: drop it when it is a common word.
      if (c.toks[a].flags & kTokSentStart && !(c.toks[a].flags & kTokParticle) && gaz.find(w) < 0 &&
          gaz.find_demonym(w) < 0 && gaz.title_length(&w, 1) == 0) {
        const bool common = gaz.is_english_word(lower) ? !stats.seen_capitalised(w) : stats.mostly_lower(w);
        const bool first_name = gaz.is_first_name(w) && b - a >= 2;
        if (common && !first_name) {
          ++a;
          changed = true;
          continue;
        }
      }
      if (not_entity(gaz, w) || is_leading_function_word(w)) {
        ++a;
        changed = true;
        continue;
      }
      // Titles and roles in front: "Prime Minister", "First Deputy Speaker" (a cue for the name after).
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
      // A nationality in front: "Iraqi Prime Minister ...", "Syrian Democratic Forces" stays (whole match
      // is tried first, and a demonym followed by an organisation head stays part of the name).
      const int dem = gaz.find_demonym(w);
      if (dem >= 0 && !(b - a >= 2 && gaz.is_org_head(word(b - 1)))) {
        if (b - a == 1) {
          // "Iraqi government": a reference to the place; "Iraqi origin": none.
          const std::string next = c.next1;
          if (is_institution_noun(next)) {
            c.demonym_place = dem;
            c.demonym_begin = c.toks[a].begin;
            c.demonym_end = c.toks[a].end;
          }
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
  std::string surface = surface_of(a, b);
  c.gaz = gaz.find(surface);
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
    c.gaz = gaz.find(surface);
  }
  if (c.headline && c.gaz < 0) {
    // In a headline, keep the longest known name inside the span (known: gazetteer, or seen in bodies).
    size_t best_a = 0, best_b = 0;
    for (size_t x = a; x < b && best_b == 0; ++x)
      for (size_t y = b; y > x; --y) {
        const std::string s = surface_of(x, y);
        if (gaz.find(s) >= 0 || known_keys.count(name_key(s))) {
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
    c.gaz = gaz.find(surface);
  }
  // "British Petroleum Co Plc" is the gazetteer's "British Petroleum"; "Standard Oil Co" is "Standard Oil".
  size_t core_b = b;
  while (core_b - a >= 2 && is_corporate_suffix(word(core_b - 1))) --core_b;
  if (core_b != b) {
    c.corporate = true;
    if (c.gaz < 0) c.gaz = gaz.find(surface_of(a, core_b));
    c.core_surface = surface_of(a, core_b);
  }
  c.toks.erase(c.toks.begin() + static_cast<std::ptrdiff_t>(b), c.toks.end());
  c.toks.erase(c.toks.begin(), c.toks.begin() + static_cast<std::ptrdiff_t>(a));
  c.surface = std::move(surface);
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Typing
// -------------------------------------------------------------------------------------------------

const WordSet kSpeechVerbs = {"said", "says", "told", "added", "stated", "announced", "noted", "warned",
                                    "explained", "argued", "wrote", "asked", "replied", "insisted", "urged",
                                    "affirmed", "confirmed", "praised", "voiced", "convened", "conducted", "declared",
                                    "denied", "acknowledged", "stressed", "pointed", "vowed", "accused", "criticised",
                                    "criticized", "met", "visited", "resigned", "died", "who", "has", "was", "is"};


void type_votes(Candidate& c, std::string_view text, const Gazetteer& gaz) {
  int* v = c.votes;
  const size_t nt = c.toks.size();
  auto word = [&](size_t k) { return tok_text(text, c.toks[k]); };
  if (c.gaz >= 0) v[static_cast<int>(gaz.entry(c.gaz).type)] += 6;
  if (c.title_cue) v[0] += 4;
  if (gaz.is_person_cue(c.prev1) && c.prev1 != "said" && c.prev1 != "told") v[0] += 3;
  if (c.comma_after && (gaz.is_person_cue(c.next1) || ((c.next1 == "a" || c.next1 == "the") && gaz.is_person_cue(c.next2))))
    v[0] += 3;
  if (kSpeechVerbs.count(c.next1) && c.next1.size() > 3)
    v[0] += nt >= 2 ? 2 : 1;
  if (nt >= 2 && gaz.is_first_name(word(0)) && word(0) != "Al" && word(0) != "El") v[0] += 3;
  if (nt >= 2 && (c.toks[nt - 1].flags & kTokParticle)) v[0] += 1;
  if (c.prev1 == "mr" || c.prev1 == "mrs" || c.prev1 == "ms" || c.prev1 == "dr") v[0] += 4;

  if (gaz.is_org_head(word(nt - 1)) && nt >= 2) v[1] += 4;
  if (c.corporate) v[1] += 4;
  if (nt >= 3 && gaz.is_org_head(word(0))) {
    for (size_t k = 1; k < nt; ++k)
      if (word(k) == "of") v[1] += 4;
  }
  if (gaz.is_org_cue(c.prev1)) v[1] += 3;
  if (nt == 1 && (c.toks[0].flags & kTokAllCaps) && word(0).size() <= 6) v[1] += 1;

  if (c.dateline && (c.gaz < 0 || gaz.entry(c.gaz).type == EntityType::Place)) v[2] += 4;
  if (gaz.is_place_head(word(nt - 1)) && nt >= 2) v[2] += 4;
  const std::string after2 = c.next1 + " " + c.next2;
  if (gaz.is_place_cue_after(after2) || gaz.is_place_cue_after(c.next1)) v[2] += 3;
  const std::string before2 = c.prev2 + " " + c.prev1;
  if (gaz.is_place_cue_before(before2)) v[2] += 3;
  else if (gaz.is_place_cue_before(c.prev1)) v[2] += 1;
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Merging
// -------------------------------------------------------------------------------------------------

std::string last_name_key(const std::string& surface) {
  // Key of the last word of a name, with a leading particle dropped: "Muqtada al-Sadr" -> "sadr".
  std::string k = name_key(surface);
  const size_t sp = k.rfind(' ');
  std::string last = sp == std::string::npos ? k : k.substr(sp + 1);
  return last;
}

std::string strip_particle_key(const std::string& key) {
  for (const char* p : {"al ", "el ", "bin ", "ibn ", "abu "})
    if (key.compare(0, std::strlen(p), p) == 0 && key.size() > std::strlen(p)) return key.substr(std::strlen(p));
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
};

// Locates given entity names in a field; returns the mentions (without entity ids).
void locate_given(std::string_view text, const std::vector<Token>& toks, const std::string& name, uint8_t field,
                  uint32_t sentence_base, std::vector<std::pair<Mention, std::string>>& out) {
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
      out.push_back({m, name});
    }
    pos = end;
  }
}

// A given entity located in its article.
struct GivenMention {
  uint32_t article;
  Mention m;
  std::string surface, name;
  EntityType type;
};

struct CleanMemo {
  uint32_t skip_front = 0, keep = 0;  // tokens dropped in front, tokens kept
  bool dropped = false, title_cue = false, corporate = false;
  int gaz = -1, single_demonym = -1;
  uint32_t demonym_tok = 0;  // index in the span of the lone demonym's token
  std::string surface, core_surface;
};

}  // namespace

struct EntityExtractor::Impl {
  const Corpus& corpus;
  std::shared_ptr<const Gazetteer> gaz_owner;
  const Gazetteer& gaz;
  EntityIndex index;
  size_t n;
  int stage = 0;        // 0 bodies, 1 titles, 2 cleaning, 3 merging, 4 done
  size_t cursor = 0;    // article or candidate the current stage continues from
  size_t stage_start = 0;  // cursor when the current step() began (each step makes progress)
  double spent_ms = 0;
  std::deque<Candidate> cands;  // a deque: growing it never copies (or doubles) the whole list
  CaseStats stats;
  std::vector<Token> toks;
  std::vector<uint32_t> title_sentences;
  std::vector<GivenMention> given;
  size_t body_cands = 0;
  std::unordered_map<std::string, CleanMemo> memo;
  std::unordered_set<std::string> known_keys;
  std::string memo_key;

  Impl(const Corpus& c, std::shared_ptr<const Gazetteer> g)
      : corpus(c), gaz_owner(std::move(g)), gaz(*gaz_owner), n(c.size()) {
    index.by_article.resize(n);
    index.sentences.assign(n, 0);
    title_sentences.assign(n, 0);
  }

  using Clock = std::chrono::steady_clock;
  static bool past(Clock::time_point deadline) { return Clock::now() >= deadline; }
  std::string_view text_of(const Candidate& c) const {
    const Article& art = corpus.articles[c.article];
    return c.field == 0 ? std::string_view(art.title) : std::string_view(art.body);
  }

  // Pass 1: bodies first (they teach which words are names), then headlines. false: out of time.
  bool run_bodies(Clock::time_point deadline) {
  for (; cursor < n; ++cursor) {
    if ((cursor & 31) == 0 && cursor != stage_start && past(deadline)) return false;
    const uint32_t a = static_cast<uint32_t>(cursor);
    const Article& art = corpus.articles[a];
    index.bytes += art.title.size() + art.body.size();
    tokenize(art.title, toks);
    const uint32_t ts = toks.empty() ? 0 : toks.back().sentence + 1;
    title_sentences[a] = ts;
    std::vector<Token> title_toks = toks;
    tokenize(art.body, toks);
    index.sentences[a] = ts + (toks.empty() ? 0 : toks.back().sentence + 1);
    if (art.has_given_entities) {
      for (const GivenEntity& g : art.given_entities) {
        std::vector<std::pair<Mention, std::string>> found;
        for (const std::string* nm : [&] {
               std::vector<const std::string*> v{&g.name};
               for (const auto& al : g.aliases) v.push_back(&al);
               return v;
             }()) {
          locate_given(art.title, title_toks, *nm, 0, 0, found);
          locate_given(art.body, toks, *nm, 1, ts, found);
        }
        if (found.empty()) {
          Mention m;
          m.begin = m.end = kNoOffset;
          found.push_back({m, g.name});
        }
        for (auto& f : found) given.push_back({a, f.first, f.second, g.name, g.type});
      }
      continue;
    }
    stats.add(art.body, toks);
    collect_candidates(art.body, toks, a, 1, ts, false, cands, gaz);
  }
    body_cands = cands.size();
    return true;
  }

  bool run_titles(Clock::time_point deadline) {
  for (; cursor < n; ++cursor) {
    if ((cursor & 63) == 0 && cursor != stage_start && past(deadline)) return false;
    const uint32_t a = static_cast<uint32_t>(cursor);
    const Article& art = corpus.articles[a];
    if (art.has_given_entities || art.title.empty()) continue;
    tokenize(art.title, toks);
    const bool headline = is_headline_case(art.title, toks);
    if (!headline) stats.add(art.title, toks);
    collect_candidates(art.title, toks, a, 0, 0, headline, cands, gaz);
  }

    return true;
  }

  // Pass 2: clean and type; bodies first so headlines can be checked against the names found.
  // Cleaning depends only on the span's text and its sentence-start and headline flags (and on the
  // corpus statistics, final by now), so its outcome is remembered per distinct span: news repeats
  // the same names thousands of times.
  // Frees what merging no longer reads (most of a candidate's memory): everything of a dropped
  // candidate, the context words of a kept one but the word before it (results tables).
  static void release_context(Candidate& c, bool dropped) {
    std::string().swap(c.prev2);
    std::string().swap(c.next1);
    std::string().swap(c.next2);
    if (!dropped) return;
    std::string().swap(c.prev1);
    std::string().swap(c.acronym_after);
    std::vector<SpanTok>().swap(c.toks);
  }

  bool run_clean(Clock::time_point deadline) {
  for (; cursor < cands.size(); ++cursor) {
    const size_t i = cursor;
    if ((i & 255) == 0 && i != stage_start && past(deadline)) return false;
    if (i == body_cands) {
      // The names found in bodies: one key per distinct cleaned span.
      for (const auto& entry : memo)
        if (!entry.second.dropped) known_keys.insert(name_key(entry.second.surface));
      memo.clear();  // headlines see the names known from bodies
    }
    Candidate& c = cands[i];
    const std::string_view text = text_of(c);
    memo_key.assign(text.substr(c.toks.front().begin, c.toks.back().end - c.toks.front().begin));
    memo_key += (c.toks.front().flags & kTokSentStart) ? '\x01' : '\x02';
    memo_key += c.headline ? '\x01' : '\x02';
    auto it = memo.find(memo_key);
    if (it == memo.end()) {
      Candidate probe = c;
      probe.next1 = "government";  // learn whether a lone demonym could refer to its place
      clean_candidate(probe, text, gaz, stats, known_keys);
      CleanMemo m;
      m.dropped = probe.dropped;
      m.title_cue = probe.title_cue;
      m.corporate = probe.corporate;
      m.gaz = probe.gaz;
      m.single_demonym = probe.demonym_place;
      while (m.demonym_tok + 1 < c.toks.size() && c.toks[m.demonym_tok].begin != probe.demonym_begin) ++m.demonym_tok;
      if (!probe.dropped) {
        m.skip_front = 0;
        while (m.skip_front < c.toks.size() && c.toks[m.skip_front].begin != probe.toks.front().begin) ++m.skip_front;
        m.keep = static_cast<uint32_t>(probe.toks.size());
        m.surface = probe.surface;
        m.core_surface = probe.core_surface;
      }
      it = memo.emplace(memo_key, std::move(m)).first;
    }
    const CleanMemo& m = it->second;
    if (m.dropped) {
      c.dropped = true;
      if (m.single_demonym >= 0 && is_institution_noun(c.next1)) {
        c.demonym_place = m.single_demonym;
        c.demonym_begin = c.toks[m.demonym_tok].begin;  // "Iraqi", or "Iraqi" of "The Iraqi"
        c.demonym_end = c.toks[m.demonym_tok].end;
      }
      release_context(c, true);
      continue;
    }
    c.title_cue = m.title_cue;
    c.corporate = m.corporate;
    c.gaz = m.gaz;
    c.surface = m.surface;
    c.core_surface = m.core_surface;
    c.toks.erase(c.toks.begin() + m.skip_front + m.keep, c.toks.end());
    c.toks.erase(c.toks.begin(), c.toks.begin() + m.skip_front);
    type_votes(c, text, gaz);
    release_context(c, false);
  }

    return true;
  }

  // Pass 3 and on: keys, acronyms, surnames, types, entities and mentions, in phases that resume where
  // the time budget ran out (a large corpus would otherwise stall a frame for most of a second).
  int merge_phase = 0;
  size_t slices = 0;
  std::unordered_map<std::string, std::pair<std::string, uint32_t>> acronym_key;  // acronym name key -> (group key, article)
  std::unordered_map<std::string, Group> groups;
  std::vector<size_t> by_article_order;
  std::unordered_map<std::string, int> group_type, given_type;
  std::unordered_map<std::string, uint32_t> entity_of;
  std::vector<std::pair<uint32_t, std::string>> firsts;
  std::vector<std::map<std::string, std::pair<uint32_t, std::string>>> surfaces;

  void add_mention(uint32_t article, uint32_t ent, Mention m, const std::string& surface, const std::string& rule) {
    m.entity = ent;
    index.by_article[article].push_back(m);
    auto& s = surfaces[ent][surface];
    if (s.first++ == 0) s.second = rule;
  }

  // Provisional group types: one candidate into its group.
  void group_candidate(size_t i) {
    const Candidate& c = cands[i];
    if (c.dropped) return;
    Group& g = groups[c.key];
    for (int t = 0; t < kEntityTypes; ++t) g.votes[t] += c.votes[t];
    if (c.gaz >= 0) g.gaz = c.gaz;
    g.max_tokens = std::max(g.max_tokens, c.toks.size());
    if (!(c.toks[0].flags & kTokSentStart)) ++g.mid_sentence;
    if (c.article < g.first_article || (c.article == g.first_article && i < g.first_candidate)) {
      g.first_article = c.article;
      g.first_candidate = i;
    }
  }

  bool run_merge(Clock::time_point deadline) {
  const size_t nc = cands.size();
  auto due = [&](size_t i) { return (i & 2047) == 0 && i != stage_start && past(deadline); };
  for (;;) {
    switch (merge_phase) {
      case 0:  // merge keys: gazetteer entries by id, everything else by normalised name
        for (; cursor < nc; ++cursor) {
          if (due(cursor)) return false;
          Candidate& c = cands[cursor];
          if (c.dropped) continue;
          // A place name in a results table ("NEW YORK 5 Chicago 3", "Surrey 320") is a team: its own entity.
          const bool after_number = !c.prev1.empty() && c.prev1.find_first_not_of("0123456789-./") == std::string::npos;
          if (c.number_after && !c.dateline && (c.line_start || after_number) && c.gaz >= 0 &&
              gaz.entry(c.gaz).type == EntityType::Place) {
            c.gaz = -1;
            c.votes[0] = c.votes[2] = 0;
            c.votes[1] = 8;
            c.key = "t" + name_key(c.surface);
            c.rule = "team (place name in a results table)";
            continue;
          }
          c.key = c.gaz >= 0 ? "g" + std::to_string(c.gaz) : "n" + name_key(c.corporate ? c.core_surface : c.surface);
          if (c.gaz >= 0 && c.surface != gaz.entry(c.gaz).name) c.rule = "gazetteer alias";
        }
        break;
      case 1: {
      // Acronyms defined in parentheses: "Syrian Democratic Forces (SDF)" binds SDF corpus-wide.
      std::map<std::string, std::map<std::string, std::pair<int, uint32_t>>> acronym_defs;  // acr -> key -> (count, article)
      for (const Candidate& c : cands) {
        if (c.dropped || c.acronym_after.empty() || c.toks.size() < 2) continue;
        const char first = static_cast<char>(std::toupper(static_cast<unsigned char>(c.surface[0])));
        if (first != c.acronym_after[0]) continue;
        auto& d = acronym_defs[name_key(c.acronym_after)][c.key];
        if (d.first++ == 0) d.second = c.article;
      }
      for (auto& [acr, defs] : acronym_defs) {
        auto best = std::max_element(defs.begin(), defs.end(), [](auto& x, auto& y) { return x.second.first < y.second.first; });
        acronym_key[acr] = {best->first, best->second.second};
      }
      for (Candidate& c : cands) {
        if (c.dropped || c.toks.size() != 1 || !(c.toks[0].flags & kTokAllCaps)) continue;
        auto it = acronym_key.find(name_key(c.surface));
        if (it == acronym_key.end() || it->second.first == c.key) continue;
        if (c.gaz >= 0 && gaz.entry(c.gaz).type != EntityType::Org) continue;  // "US" stays the country
        c.key = it->second.first;
        c.rule = "acronym defined in " + corpus.articles[it->second.second].id;
      }

        break;
      }
      case 2:  // groups, then surnames bound to the full names of their article, then groups again
      case 4:
        if (cursor == 0) groups.clear();
        for (; cursor < nc; ++cursor) {
          if (due(cursor)) return false;
          group_candidate(cursor);
        }
        if (merge_phase == 2) {
          by_article_order.resize(nc);
          for (size_t k = 0; k < nc; ++k) by_article_order[k] = k;
          std::stable_sort(by_article_order.begin(), by_article_order.end(),
                           [&](size_t x, size_t y) { return cands[x].article < cands[y].article; });
        }
        break;
      case 3: {
        const std::vector<size_t>& order = by_article_order;
        size_t& i = cursor;
        while (i < order.size()) {
          if (++slices % 16 == 0 && past(deadline)) return false;
          const uint32_t art = cands[order[i]].article;
          size_t j = i;
          while (j < order.size() && cands[order[j]].article == art) ++j;
          std::unordered_map<std::string, std::pair<std::string, std::string>> surnames;  // last key -> (group key, surface)
          for (size_t k = i; k < j; ++k) {
            const Candidate& c = cands[order[k]];
            if (c.dropped || c.toks.size() < 2) continue;
            const Group& g = groups[c.key];
            if (argmax(g.votes) != 0) continue;
            surnames.emplace(strip_particle_key(last_name_key(c.surface)), std::make_pair(c.key, c.surface));
          }
          for (size_t k = i; k < j; ++k) {
            Candidate& c = cands[order[k]];
            if (c.dropped || c.gaz >= 0 || (c.toks[0].flags & kTokAllCaps)) continue;
            const std::string key = strip_particle_key(name_key(c.surface));
            if (key.find(' ') != std::string::npos && name_key(c.surface).rfind("al ", 0) != 0) continue;
            auto it = surnames.find(key);
            if (it == surnames.end() || it->second.first == c.key) continue;
            const Group& own = groups[c.key];
            if (argmax(own.votes) > 0) continue;  // typed as an organisation or place on its own evidence
            c.key = it->second.first;
            c.rule = "surname of " + it->second.second + " in " + corpus.articles[art].id;
          }
          i = j;
        }
        std::vector<size_t>().swap(by_article_order);
        break;
      }
      case 5: {
      // Decide each group's type; groups without any evidence are kept only when they read as names.
      for (auto& [key, g] : groups) {
        int t = argmax(g.votes);
        if (t < 0) {
          if (g.max_tokens >= 2) t = 0;         // an unknown multi-word name: most often a person in news
          else if (g.mid_sentence >= 1) t = -1;  // single capitalised word without any cue: not kept
        }
        group_type[key] = t;
      }

      // Entities in order of first appearance; canonical names; aliases with their rules; mentions.
      for (auto& [key, g] : groups)
        if (group_type[key] >= 0) firsts.push_back({static_cast<uint32_t>(g.first_candidate), key});
      // Given entities join groups too.
      for (const GivenMention& gm : given) {
        const int gz = gaz.find(gm.name);
        const std::string key = gz >= 0 && gaz.entry(gz).type == gm.type ? "g" + std::to_string(gz) : "n" + name_key(gm.name);
        if (!groups.count(key) && !given_type.count(key)) firsts.push_back({static_cast<uint32_t>(cands.size() + given_type.size()), key});
        given_type.emplace(key, static_cast<int>(gm.type));
      }
      std::sort(firsts.begin(), firsts.end());
      for (auto& [first, key] : firsts) {
        const uint32_t id = static_cast<uint32_t>(index.entities.size());
        entity_of[key] = id;
        Entity e;
        auto gt = given_type.find(key);
        const int t = gt != given_type.end() ? gt->second : group_type[key];
        e.type = static_cast<EntityType>(t);
        auto git = groups.find(key);
        if (git != groups.end() && git->second.gaz >= 0) {
          e.known = true;
          e.name = gaz.entry(git->second.gaz).name;
        }
        index.entities.push_back(std::move(e));
      }
        surfaces.resize(index.entities.size());
        break;
      }
      case 6: {  // mentions
        for (; cursor < nc; ++cursor) {
          if (due(cursor)) return false;
          const Candidate& c = cands[cursor];
          if (c.dropped) continue;
          auto it = entity_of.find(c.key);
          if (it == entity_of.end()) continue;
          Mention m;
          m.begin = c.toks.front().begin;
          m.end = c.toks.back().end;
          m.sentence = c.sentence;
          m.field = c.field;
          add_mention(c.article, it->second, m, c.surface, c.rule);
        }
      for (const GivenMention& gm : given) {
        const int gz = gaz.find(gm.name);
        const std::string key = gz >= 0 && gaz.entry(gz).type == gm.type ? "g" + std::to_string(gz) : "n" + name_key(gm.name);
        add_mention(gm.article, entity_of[key], gm.m, gm.surface, "given in input");
      }
        break;
      }
      case 7: {
      // Demonym references ("Iraqi government" -> Iraq), counted for places already found or known.
      for (const Candidate& c : cands) {
        if (!c.dropped || c.demonym_place < 0) continue;
        const std::string key = "g" + std::to_string(c.demonym_place);
        auto it = entity_of.find(key);
        uint32_t ent;
        if (it == entity_of.end()) {
          ent = static_cast<uint32_t>(index.entities.size());
          entity_of[key] = ent;
          Entity e;
          e.type = EntityType::Place;
          e.known = true;
          e.name = gaz.entry(c.demonym_place).name;
          index.entities.push_back(std::move(e));
          surfaces.emplace_back();
        } else {
          ent = it->second;
        }
        Mention m;
        m.begin = c.demonym_begin;
        m.end = c.demonym_end;
        m.sentence = c.sentence;
        m.field = c.field;
        m.via_demonym = 1;
        add_mention(c.article, ent, m, std::string(text_of(c).substr(m.begin, m.end - m.begin)), "demonym");
      }
      // Canonical names, aliases, counts.
      for (uint32_t id = 0; id < index.entities.size(); ++id) {
        Entity& e = index.entities[id];
        std::string best;
        size_t best_words = 0;
        uint32_t best_count = 0;
        for (auto& [surface, info] : surfaces[id]) {
          e.aliases.push_back({surface, info.second, info.first});
          if (info.second == "demonym") continue;
          size_t words = 1;
          for (char ch : surface) words += ch == ' ';
          const bool acronym = surface.size() <= 6 && std::all_of(surface.begin(), surface.end(), [](char ch) {
                                 return !(ch >= 'a' && ch <= 'z');
                               });
          if (acronym) words = 0;
          if (words > best_words || (words == best_words && info.first > best_count)) {
            best = surface;
            best_words = words;
            best_count = info.first;
          }
        }
        if (e.name.empty()) e.name = best.empty() ? (e.aliases.empty() ? std::string("?") : e.aliases[0].surface) : best;
        const std::string canonical_key = name_key(e.name);
        for (EntityAlias& al : e.aliases)
          if (al.rule == "name" && al.surface != e.name && name_key(al.surface) == canonical_key) al.rule = "spelling variant";
        std::sort(e.aliases.begin(), e.aliases.end(), [](const EntityAlias& x, const EntityAlias& y) {
          return x.count != y.count ? x.count > y.count : x.surface < y.surface;
        });
      }
        break;
      }
      default:  // mentions in reading order; counts
        for (; cursor < n; ++cursor) {
          if ((cursor & 1023) == 0 && cursor != stage_start && past(deadline)) return false;
          const size_t a = cursor;
          auto& ms = index.by_article[a];
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
    ++merge_phase;
    cursor = 0;
    stage_start = 0;
    if (past(deadline)) return false;
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
  while (m.stage < 4) {
    m.stage_start = m.cursor;
    bool done = true;
    if (m.stage == 0) done = m.run_bodies(deadline);
    else if (m.stage == 1) done = m.run_titles(deadline);
    else if (m.stage == 2) done = m.run_clean(deadline);
    else done = m.run_merge(deadline);
    if (!done) break;
    ++m.stage;
    m.cursor = 0;
    if (m.stage == 3 && Impl::Clock::now() >= deadline) break;  // merging starts in a fresh step
  }
  m.spent_ms += std::chrono::duration<double, std::milli>(Impl::Clock::now() - t0).count();
  m.index.extract_ms = m.spent_ms;
  return m.stage >= 4;
}

double EntityExtractor::progress() const {
  const Impl& m = *impl_;
  // Rough shares of the work: bodies 40%, titles 5%, cleaning 35%, merging 20%.
  const double nn = std::max<size_t>(1, m.n), nc = std::max<size_t>(1, m.cands.size());
  switch (m.stage) {
    case 0: return 0.40 * static_cast<double>(m.cursor) / nn;
    case 1: return 0.40 + 0.05 * static_cast<double>(m.cursor) / nn;
    case 2: return 0.45 + 0.35 * static_cast<double>(m.cursor) / nc;
    case 3: return 0.80 + 0.02 * m.merge_phase;
    default: return 1.0;
  }
}

EntityIndex EntityExtractor::take() { return std::move(impl_->index); }

EntityIndex extract_entities(const Corpus& corpus, const Gazetteer& gazetteer) {
  // A non-owning pointer: the gazetteer outlives this call.
  EntityExtractor x(corpus, std::shared_ptr<const Gazetteer>(&gazetteer, [](const Gazetteer*) {}));
  while (!x.step(1e9)) {
  }
  return x.take();
}

std::vector<std::string> article_surfaces(const Corpus& corpus, const EntityIndex& index, size_t article,
                                          EntityType type) {
  std::vector<std::string> out;
  const Article& art = corpus.articles[article];
  for (const Mention& m : index.by_article[article]) {
    if (m.via_demonym || index.entities[m.entity].type != type) continue;
    std::string s;
    if (m.begin == kNoOffset) s = index.entities[m.entity].name;
    else s = (m.field == 0 ? art.title : art.body).substr(m.begin, m.end - m.begin);
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ae
