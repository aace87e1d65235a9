// text.h — tokens and sentences of English news text, with byte offsets. Layer: core.
// Any UTF-8 is accepted: bytes of non-ASCII letters stay inside words; nothing is rewritten.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ae {

enum TokenFlag : uint16_t {
  kTokWord = 1 << 0,         // letters/digits (with inner apostrophes, hyphens, acronym dots)
  kTokCap = 1 << 1,          // first letter upper case
  kTokAllCaps = 1 << 2,      // at least two letters, none lower case ("SDF", "U.S.", "NEWSLETTER")
  kTokDigit = 1 << 3,        // contains a digit
  kTokSentStart = 1 << 4,    // first word of a sentence
  kTokSpaceBefore = 1 << 5,  // whitespace before this token
  kTokLineBefore = 1 << 6,   // a line break before this token
  kTokPossessive = 1 << 7,   // the word was followed by 's / ’s / s' (not part of the token)
  kTokParticle = 1 << 8,     // lower-case name particle joined to a name: "al-Sadr", "bin-Laden"
  kTokHyphenLower = 1 << 9,  // hyphenated with a lower-case tail: "Kurdish-led", "US-backed"
  kTokWrapBefore = 1 << 10,  // the line break before this token is a hard wrap inside a sentence
};

struct Token {
  uint32_t begin = 0, end = 0;  // byte offsets in the text; for a possessive word, end excludes 's
  uint32_t sentence = 0;        // index of the sentence (0-based within the text)
  uint16_t flags = 0;
  char punct = 0;  // for punctuation tokens: the ASCII character ('\x01' for other symbols)
  bool word() const { return flags & kTokWord; }
  bool has(TokenFlag f) const { return flags & f; }
  // A line break before this token that is not only the wrap of a long line (hard-wrapped text, as
  // wire copy is, runs its sentences and names across lines: "New York Stock\nExchange").
  bool line_break_before() const { return has(kTokLineBefore) && !has(kTokWrapBefore); }
};

// Splits text into word and punctuation tokens and marks sentence starts. Sentence boundaries: . ! ?
// (not after abbreviations, initials or inside "U.S."), blank lines, indented lines, and line breaks
// after short lines or lines not ending mid-sentence. O(n).
void tokenize(std::string_view text, std::vector<Token>& out);

// First code point of a UTF-8 string and its case (Latin, Greek, Cyrillic); false for other scripts.
bool starts_upper(std::string_view word);
bool starts_lower(std::string_view word);

// Length of the well-formed UTF-8 sequence of two or more bytes at p (RFC 3629: no overlongs, no
// surrogates, <= U+10FFFF), or 0 when it is not one (ASCII bytes included).
inline size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  auto cont = [&](size_t k, unsigned char lo, unsigned char hi) { return p + k < end && p[k] >= lo && p[k] <= hi; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  return 0;
}

// The text with every byte that is not part of well-formed UTF-8 written as "\xHH" (for messages
// that quote input). Valid text comes back unchanged. O(n).
std::string printable_utf8(std::string_view s);

// Lower-cases ASCII letters; other bytes unchanged.
// Articles, pronouns, prepositions and conjunctions as written at the start of a sentence ("The", "In",
// "However"): never a name's first word on their own.
bool is_capitalised_function_word(std::string_view w);
std::string ascii_lower(std::string_view s);

// An Arabic-script code point as matching compares it: alef with hamza or madda (أ إ آ ٱ) as bare alef,
// taa marbuta (ة) as haa, alef maqsura (ى) as yaa, Persian yeh and keheh (ی ک) as Arabic yaa and kaf;
// 0 for what matching skips: tatweel (ـ) and the vowel marks and other diacritics (U+064B..U+065F,
// U+0670). Other code points come back unchanged.
inline uint32_t arabic_fold(uint32_t cp) {
  switch (cp) {
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671: return 0x0627;
    case 0x0629: return 0x0647;
    case 0x0649:
    case 0x06CC: return 0x064A;
    case 0x06A9: return 0x0643;
    case 0x0640:
    case 0x0670: return 0;
    default: return cp >= 0x064B && cp <= 0x065F ? 0 : cp;
  }
}

// The text as search and entity matching compare it: ASCII letters lower-cased, Arabic letters folded
// (arabic_fold), skipped marks left out; other bytes unchanged. Never longer than s. O(n).
std::string search_fold(std::string_view s);

// Where a term (already search_fold-ed, not empty) occurs in text compared through search_fold, without
// a folded copy: the end of the occurrence starting at byte i, or 0 when none starts there.
size_t folded_match_at(std::string_view text, size_t i, std::string_view term);

// Non-overlapping occurrences of term (search_fold-ed) in text, as byte ranges in text, in order.
// count_folded: only how many.
std::vector<std::pair<uint32_t, uint32_t>> find_folded(std::string_view text, std::string_view term);
uint32_t count_folded(std::string_view text, std::string_view term);

}  // namespace ae
