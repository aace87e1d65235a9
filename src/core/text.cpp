// text.cpp — tokenizer and sentence splitter. Layer: core.
#include "text.h"

#include <cstring>

#include "string_table.h"

namespace ae {

namespace {

inline bool ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
// Classes of the bytes that make up ASCII words (0: any other byte).
enum : uint8_t { kLowerLetter = 1, kUpperLetter = 2, kDigit = 4 };
struct AsciiWordTable {
  uint8_t cls[256] = {};
  AsciiWordTable() {
    for (int c = 'a'; c <= 'z'; ++c) cls[c] = kLowerLetter;
    for (int c = 'A'; c <= 'Z'; ++c) cls[c] = kUpperLetter;
    for (int c = '0'; c <= '9'; ++c) cls[c] = kDigit;
  }
  uint8_t operator[](unsigned char c) const { return cls[c]; }
};
const AsciiWordTable kAsciiWord;
inline bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Decodes one UTF-8 code point at s[i] (lenient: a bad byte decodes as itself, length 1).
uint32_t decode(std::string_view s, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (n == 1 || i + n > s.size()) {
    len = 1;
    return c;
  }
  uint32_t cp = c & (0x7F >> n);
  for (int k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      len = 1;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  len = static_cast<size_t>(n);
  return cp;
}

bool cp_upper(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) return (cp & 1) == 0;
  if (cp >= 0x391 && cp <= 0x3A9) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  return false;
}
bool cp_lower(uint32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x17F) return (cp & 1) == 1;
  if (cp >= 0x3B1 && cp <= 0x3C9) return true;
  if (cp >= 0x430 && cp <= 0x44F) return true;
  return false;
}
// A letter for word purposes: ASCII letters and every non-ASCII code point that is not punctuation
// we know (so words of any script stay whole).
bool cp_letter(uint32_t cp) {
  if (cp < 0x80) return ascii_alpha(static_cast<unsigned char>(cp));
  if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || (cp >= 0x3001 && cp <= 0x3003)) return false;
  if (cp == 0xAB || cp == 0xBB || cp == 0xB7 || cp == 0xA9 || cp == 0xAE || cp == 0xB0) return false;
  return true;
}
bool cp_space(uint32_t cp) {
  return cp < 0x80 ? is_space(static_cast<unsigned char>(cp))
                   : (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000);
}
bool cp_apostrophe(uint32_t cp) { return cp == '\'' || cp == 0x2019; }

bool is_abbreviation(std::string_view w) {
  static const StringTable<char> kAbbrev = {
      "mr",   "mrs",  "ms",     "dr",     "st",  "jr",   "sr",   "gen",  "col",  "lt",  "sgt", "capt", "maj",  "gov",
      "sen",  "rep",  "rev",    "prof",   "inc", "corp", "ltd",  "co",   "no",   "vs",  "etc", "jan",  "feb",  "mar",
      "apr",  "jun",  "jul",    "aug",    "sep", "sept", "oct",  "nov",  "dec",  "mt",  "ft",  "adm",  "cmdr", "gens",
      "reps", "sens", "messrs", "approx", "est", "dept", "univ", "assn", "bros", "fig", "op",  "vol",  "pp",   "al"};
  if (w.size() == 1 && ascii_alpha(static_cast<unsigned char>(w[0]))) return true;  // initials: "John F. Kennedy"
  for (char c : w)  // "U.S.", "a.m." (a loop: memchr is a call in WebAssembly, for a word of a few bytes)
    if (c == '.') return true;
  if (w.size() > 6) return false;
  char buf[8];
  for (size_t i = 0; i < w.size(); ++i) buf[i] = static_cast<char>(w[i] | 0x20);
  return kAbbrev.contains(std::string_view(buf, w.size()));
}

}  // namespace

bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  size_t len;
  return cp_upper(decode(w, 0, len));
}
bool starts_lower(std::string_view w) {
  if (w.empty()) return false;
  size_t len;
  return cp_lower(decode(w, 0, len));
}

bool is_capitalised_function_word(std::string_view w) {
  static const StringTable<char> kWords = {
      "The",     "A",        "An",      "This",      "That",    "These", "Those", "His",   "Her",   "Their",  "Its",
      "Our",     "My",       "Your",    "In",        "On",      "At",    "For",   "But",   "And",   "Or",     "As",
      "By",      "From",     "To",      "With",      "Of",      "If",    "When",  "While", "After", "Before", "Under",
      "Since",   "Although", "Though",  "Meanwhile", "However", "Also",  "Both",  "Some",  "Many",  "Most",   "All",
      "Several", "Other",    "Another", "Such",      "Every",   "Each",  "He",    "She",   "It",    "They",   "We",
      "I",       "You",      "There",   "Here",      "Why",     "How",   "What",  "Where", "Who",   "Which",  "Whose"};
  return kWords.contains(w);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return out;
}

namespace {

// At a line break (text[i] == '\n'; the line began at line_start): whether it closes a sentence
// (a short line, a blank or indented next line, a line not ending mid-sentence) or only wraps a long
// line.
bool line_break_ends_sentence(std::string_view text, size_t i, size_t line_start) {
  const size_t n = text.size();
  size_t e = i;
  while (e > line_start && is_space(static_cast<unsigned char>(text[e - 1]))) --e;
  const size_t line_len = e - line_start;
  const unsigned char last = e > line_start ? static_cast<unsigned char>(text[e - 1]) : '\n';
  const bool mid = ascii_alpha(last) || last == ',' || last == '-' || last >= 0x80;
  size_t next = i + 1;
  while (next < n && (text[next] == ' ' || text[next] == '\t' || text[next] == '\r')) ++next;
  const bool blank = next < n && text[next] == '\n';
  const bool indented = next > i + 1 && next - (i + 1) >= 2;
  const bool next_upper =
      next < n && (starts_upper(text.substr(next)) || ascii_digit(static_cast<unsigned char>(text[next])));
  return blank || indented || (line_len <= 40 && next_upper) || !mid || line_len == 0;
}

// A hyphenated word's flags: "al-Sadr" (a lower-case particle joined to a capitalised name) is a name;
// "Kurdish-led" is not.
void hyphen_flags(std::string_view w, bool upper_first, bool hyphen_lower, Token& t) {
  const size_t hyphen = w.find('-');
  if (hyphen == std::string_view::npos) return;
  const std::string_view head = w.substr(0, hyphen), tail = w.substr(hyphen + 1);
  const bool particle = (head == "al" || head == "el" || head == "bin" || head == "ibn" || head == "abu" ||
                         head == "ad" || head == "as" || head == "ash" || head == "an" || head == "at" ||
                         head == "az" || head == "ar" || head == "ul" || head == "bint") &&
                        starts_upper(tail);
  if (particle) t.flags |= kTokParticle | kTokCap;
  else if (upper_first && hyphen_lower) t.flags |= kTokHyphenLower;
}

// The word starting at text[i] (its first code point cp, len bytes): letters and digits, with inner
// apostrophes, hyphens, dots of acronyms, and '&' in AT&T. Sets t's end and flags; returns where the
// next token starts (after a possessive 's, which is not part of the word).
size_t scan_word(std::string_view text, size_t i, uint32_t cp, size_t len, Token& t) {
  const size_t n = text.size();
  size_t j = i + len;
  bool upper_first = cp_upper(cp), any_lower = cp_lower(cp),
       digit = cp < 0x80 && ascii_digit(static_cast<unsigned char>(cp));
  int letters = cp_letter(cp) ? 1 : 0;
  bool hyphen_lower = false;
  bool saw_hyphen = false;
  while (j < n) {
    // The common case: a run of ASCII letters and digits, one table lookup per byte.
    uint8_t seen = 0;
    const size_t run = j;
    for (uint8_t k; j < n && (k = kAsciiWord[static_cast<unsigned char>(text[j])]) != 0; ++j) seen |= k;
    if (j != run) {
      if (seen & kLowerLetter) any_lower = true;
      if (seen & kDigit) {  // (rare: count the letters among the digits)
        digit = true;
        for (size_t x = run; x < j; ++x) letters += kAsciiWord[static_cast<unsigned char>(text[x])] != kDigit;
      } else {
        letters += static_cast<int>(j - run);
      }
      if (j >= n) break;
    }
    const auto b = static_cast<unsigned char>(text[j]);
    if (b < 0x80) {
      // Only these ASCII characters can join a word ("al-Sadr", "Shia'", "U.S.", "AT&T").
      if (b != '-' && b != '\'' && b != '.' && b != '&') break;
    }
    size_t l2;
    const uint32_t c2 = decode(text, j, l2);
    if (cp_letter(c2) || (c2 < 0x80 && ascii_digit(static_cast<unsigned char>(c2)))) {
      if (cp_lower(c2)) any_lower = true;
      if (c2 < 0x80 && ascii_digit(static_cast<unsigned char>(c2))) digit = true;
      else ++letters;
      j += l2;
      continue;
    }
    if (j + l2 < n) {
      size_t l3;
      const uint32_t c3 = decode(text, j + l2, l3);
      const bool next_wordish = cp_letter(c3) || (c3 < 0x80 && ascii_digit(static_cast<unsigned char>(c3)));
      if ((c2 == '-' || c2 == 0x2010 || c2 == 0x2011) && next_wordish) {
        hyphen_lower = cp_lower(c3);  // the last segment decides: "Kurdish-led" vs "Inzamam-ul-Haq"
        saw_hyphen = saw_hyphen || c2 == '-';
        j += l2;
        continue;
      }
      if (cp_apostrophe(c2) && next_wordish) {
        // "'s" at the end is a possessive, not part of the word.
        if ((c3 == 's' || c3 == 'S') && (j + l2 + l3 >= n || !cp_letter(decode(text, j + l2 + l3, l3)))) break;
        j += l2;
        continue;
      }
      if (c2 == '.' && cp_letter(c3) && (j + l2 + 1 < n) && text[j + l2 + 1] == '.') {  // U.S. / U.N.
        j += l2;
        continue;
      }
      if (c2 == '&' && cp_upper(c3) && upper_first && !any_lower) {  // AT&T
        j += l2;
        continue;
      }
    }
    // A closing dot of an acronym ("U.S."): a single letter and a dot after a dotted word.
    if (c2 == '.' && j >= 2 && text[j - 2] == '.') j += 1;
    break;
  }
  t.end = static_cast<uint32_t>(j);
  t.flags |= kTokWord;
  if (upper_first) t.flags |= kTokCap;
  if (letters >= 2 && !any_lower && upper_first) t.flags |= kTokAllCaps;
  if (digit) t.flags |= kTokDigit;
  if (saw_hyphen) hyphen_flags(text.substr(i, j - i), upper_first, hyphen_lower, t);
  // Possessive after the word: 's / ’s / s' ("Forces'"); a trailing apostrophe after another letter
  // is part of a transliterated name ("Shia'").
  size_t k = j;
  if (k < n && (static_cast<unsigned char>(text[k]) >= 0x80 || text[k] == '\'')) {
    size_t la;
    const uint32_t a = decode(text, k, la);
    if (cp_apostrophe(a)) {
      const bool s_next = k + la < n && (text[k + la] == 's' || text[k + la] == 'S') &&
                          (k + la + 1 >= n || !cp_letter(static_cast<unsigned char>(text[k + la + 1])));
      const bool ends_s = j > i && (text[j - 1] == 's' || text[j - 1] == 'S');
      const bool space_after = k + la >= n || is_space(static_cast<unsigned char>(text[k + la]));
      if (s_next) {
        t.flags |= kTokPossessive;
        k += la + 1;
      } else if (ends_s && space_after) {
        t.flags |= kTokPossessive;
        k += la;
      } else if (space_after && upper_first) {
        t.end = static_cast<uint32_t>(k + la);  // "Shia'"
        k += la;
      }
    }
  }
  return k;
}

}  // namespace

void tokenize(std::string_view text, std::vector<Token>& out) {
  out.clear();
  const size_t n = text.size();
  size_t i = 0;
  uint32_t sentence = 0;
  bool sent_start = true, space_before = false, line_before = false;
  size_t line_start = 0;
  bool pending_boundary = false;  // . ! ? seen: the next word starts a sentence
  bool wrap_before = false;       // a line break that only wraps a long line
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 == ' ' || b0 == '\t' || b0 == '\r') {  // the common case of whitespace
      space_before = true;
      ++i;
      continue;
    }
    size_t len;
    const uint32_t cp = b0 < 0x80 ? (len = 1, b0) : decode(text, i, len);
    if (!kAsciiWord[b0] && cp_space(cp)) {  // (a letter or digit is never a space)
      if (cp == '\n') {
        if (line_break_ends_sentence(text, i, line_start)) pending_boundary = true;
        else wrap_before = true;
        line_before = true;
        line_start = i + 1;
      }
      space_before = true;
      i += len;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    if (kAsciiWord[b0] || cp_letter(cp)) {
      i = scan_word(text, i, cp, len, t);
    } else {
      t.end = static_cast<uint32_t>(i + len);
      t.punct = cp < 0x80 ? static_cast<char>(cp) : (cp == 0x2026 ? '.' : '\x01');
      i += len;
    }
    if (space_before) t.flags |= kTokSpaceBefore;
    if (line_before) t.flags |= kTokLineBefore;
    if (wrap_before && !pending_boundary) t.flags |= kTokWrapBefore;
    if (t.word()) {
      if (pending_boundary) {
        sent_start = true;
        pending_boundary = false;
      }
      if (sent_start) {
        if (!out.empty()) ++sentence;
        t.flags |= kTokSentStart;
        sent_start = false;
      }
    }
    t.sentence = sentence;
    // Sentence-final punctuation: a sentence ends at . ! ? unless the word before is an abbreviation
    // or initial.
    if (!t.word() && (t.punct == '.' || t.punct == '!' || t.punct == '?')) {
      bool boundary = true;
      if (t.punct == '.' && !out.empty() && out.back().word() && !(t.flags & kTokSpaceBefore)) {
        const Token& prev = out.back();
        if (is_abbreviation(text.substr(prev.begin, prev.end - prev.begin))) boundary = false;
      }
      if (boundary) pending_boundary = true;
    }
    out.push_back(t);
    space_before = line_before = wrap_before = false;
  }
}

std::string printable_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      out += static_cast<char>(*p++);
      continue;
    }
    const size_t n = utf8_sequence(p, end);
    if (n) {
      out.append(reinterpret_cast<const char*>(p), n);
      p += n;
      continue;
    }
    static const char kHex[] = "0123456789ABCDEF";
    out += "\\x";
    out += kHex[*p >> 4];
    out += kHex[*p & 15];
    ++p;
  }
  return out;
}

namespace {

// The Arabic letter at p[0..1] (lead byte D8..DB) folded, as two UTF-8 bytes in out; false when it is
// skipped. p must hold a well-formed two-byte sequence.
bool fold_arabic_pair(const unsigned char* p, unsigned char out[2]) {
  const uint32_t cp = arabic_fold((p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu));
  if (cp == 0) return false;
  out[0] = static_cast<unsigned char>(0xC0 | cp >> 6);
  out[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
  return true;
}

inline bool arabic_lead(const unsigned char* p, const unsigned char* end) {
  return p[0] >= 0xD8 && p[0] <= 0xDB && p + 1 < end && (p[1] & 0xC0) == 0x80;
}

}  // namespace

std::string search_fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (arabic_lead(p, end)) {
      unsigned char f[2];
      if (fold_arabic_pair(p, f)) out.append(reinterpret_cast<const char*>(f), 2);
      p += 2;
      continue;
    }
    out += static_cast<char>(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
    ++p;
  }
  return out;
}

size_t folded_match_at(std::string_view text, size_t i, std::string_view term) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + i;
  const auto* end = reinterpret_cast<const unsigned char*>(text.data()) + text.size();
  const auto* t = reinterpret_cast<const unsigned char*>(term.data());
  const auto* tend = t + term.size();
  if (t == tend) return 0;
  while (t < tend) {
    if (p >= end) return 0;
    if (arabic_lead(p, end)) {
      unsigned char f[2];
      if (!fold_arabic_pair(p, f)) {  // a mark inside the word: skipped (never the first thing matched)
        if (t == reinterpret_cast<const unsigned char*>(term.data())) return 0;
        p += 2;
        continue;
      }
      if (tend - t < 2 || t[0] != f[0] || t[1] != f[1]) return 0;
      p += 2;
      t += 2;
      continue;
    }
    const unsigned char c = *p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p;
    if (c != *t) return 0;
    ++p;
    ++t;
  }
  // Marks right after the match belong to its last letter.
  while (p < end && arabic_lead(p, end)) {
    unsigned char f[2];
    if (fold_arabic_pair(p, f)) break;
    p += 2;
  }
  return static_cast<size_t>(p - reinterpret_cast<const unsigned char*>(text.data()));
}

namespace {

// Calls visit(begin, end) for each non-overlapping occurrence of term (search_fold-ed) in text.
template <class Visit>
void scan_folded(std::string_view text, std::string_view term, Visit visit) {
  if (term.empty()) return;
  const unsigned char first = static_cast<unsigned char>(term[0]);
  const bool ascii_first = first < 0x80;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // Quick test of the first byte: ASCII folds alone; an Arabic lead byte may fold to another one.
    if (ascii_first ? (c >= 'A' && c <= 'Z' ? c | 0x20 : c) != first : (c != first && (c < 0xD8 || c > 0xDB))) continue;
    const size_t end = folded_match_at(text, i, term);
    if (end == 0) continue;
    visit(i, end);
    i = end - 1;
  }
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> find_folded(std::string_view text, std::string_view term) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  scan_folded(text, term, [&](size_t b, size_t e) {
    out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
  });
  return out;
}

uint32_t count_folded(std::string_view text, std::string_view term) {
  uint32_t n = 0;
  scan_folded(text, term, [&](size_t, size_t) { ++n; });
  return n;
}

}  // namespace ae
