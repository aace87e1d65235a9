// bidi.h — text as it is drawn: bidirectional reordering (Unicode UAX #9) and Arabic contextual shaping,
// by GNU FriBidi. Strings stay in logical order everywhere else; the UI asks this module, just before
// drawing, for the order and the glyphs to draw. Layer: text (pure C++ and FriBidi; no UI).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ae::bidi {

// True when s holds a character of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo and
// their presentation forms). A byte scan; strings without such a character need no reordering.
bool has_rtl(std::string_view s);
// True when s holds a character of the Arabic script (Arabic, its supplements, presentation forms).
bool has_arabic(std::string_view s);

// A paragraph (text without line breaks of its own) analysed for drawing.
struct Paragraph {
  std::vector<uint32_t> cps;     // code points in logical order (ill-formed UTF-8 bytes: U+FFFD)
  std::vector<uint32_t> offset;  // byte offset of each code point in the source; offset[n] = its size
  std::vector<uint32_t> glyph;   // what to draw for each code point: Arabic presentation forms, mirrored
                                 // brackets in right-to-left runs; kNoGlyph where a ligature took it
  std::vector<uint8_t> levels;   // embedding level of each code point (odd: right to left)
  std::vector<uint32_t> types;   // FriBidi character types (needed to reorder a line)
  bool rtl = false;              // paragraph direction: that of its first strong character (LTR if none)
  bool any_rtl = false;          // some code point is at an odd level
  size_t size() const { return cps.size(); }
};
constexpr uint32_t kNoGlyph = 0xFEFF;

void analyse(std::string_view utf8, Paragraph& p);

// The visual order, left to right, of the code points [from, to) of p taken as one line: the logical
// positions (from..to-1) in the order they are drawn. Trailing spaces go to the line's end (rule L1).
void visual_order(const Paragraph& p, size_t from, size_t to, std::vector<uint32_t>& order);

// One line as drawn: shaped, in visual order, as UTF-8 (ligature fillers left out). A string with no
// right-to-left character comes back unchanged.
std::string visual(std::string_view logical);

// Appends the UTF-8 of code point cp to out.
void append_utf8(std::string& out, uint32_t cp);

}  // namespace ae::bidi
