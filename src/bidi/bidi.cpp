// bidi.cpp — see bidi.h. FriBidi does the Unicode work: character types, bracket pairs, embedding levels
// (rules P2-P3, W1-W7, N0-N2, I1-I2), Arabic joining and shaping to presentation forms, mirroring, and
// the per-line reordering (L1-L2).
#include "bidi.h"

#include <fribidi.h>

#include <numeric>

namespace ae::bidi {

namespace {

// Decodes one UTF-8 sequence at s[i]; ill-formed bytes count one each as U+FFFD.
uint32_t decode(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const size_t left = s.size() - i;
  const unsigned char c = p[0];
  auto cont = [&](size_t k) { return k < left && (p[k] & 0xC0) == 0x80; };
  if (c < 0x80) {
    i += 1;
    return c;
  }
  if (c >= 0xC2 && c <= 0xDF && cont(1)) {
    i += 2;
    return (c & 0x1Fu) << 6 | (p[1] & 0x3Fu);
  }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    const uint32_t cp = (c & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      i += 3;
      return cp;
    }
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    const uint32_t cp = (c & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu);
    if (cp >= 0x10000 && cp <= 0x10FFFF) {
      i += 4;
      return cp;
    }
  }
  i += 1;
  return 0xFFFD;
}

constexpr FriBidiFlags kShapeFlags =
    FRIBIDI_FLAG_SHAPE_MIRRORING | FRIBIDI_FLAG_SHAPE_ARAB_PRES | FRIBIDI_FLAG_SHAPE_ARAB_LIGA;
constexpr FriBidiFlags kReorderFlags = FRIBIDI_FLAG_REORDER_NSM;

}  // namespace

bool has_rtl(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = p[i];
    if (c < 0xD6) continue;
    // U+0590..U+07FF (Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, NKo): lead bytes D6..DF.
    if (c <= 0xDF) return true;
    if (c == 0xE0 && i + 1 < s.size() && p[i + 1] >= 0xA0 && p[i + 1] <= 0xA3) return true;  // U+0800..U+08FF
    // U+FB1D..U+FDFF and U+FE70..U+FEFE: presentation forms (EF AC 9D .. EF B7 BF, EF B9 B0 .. EF BB BE).
    if (c == 0xEF && i + 2 < s.size()) {
      const unsigned b = p[i + 1], d = p[i + 2];
      if ((b == 0xAC && d >= 0x9D) || (b >= 0xAD && b <= 0xB7) || (b == 0xB9 && d >= 0xB0) || b == 0xBA ||
          (b == 0xBB && d <= 0xBE))
        return true;
    }
  }
  return false;
}

bool has_arabic(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = p[i];
    if (c < 0xD8) continue;
    if (c <= 0xDB) return true;                                                              // U+0600..U+06FF
    if (c == 0xDD && i + 1 < s.size() && p[i + 1] >= 0x90 && p[i + 1] <= 0xBF) return true;  // U+0750..U+077F
    if (c == 0xE0 && i + 1 < s.size() && p[i + 1] >= 0xA2 && p[i + 1] <= 0xA3) return true;  // U+08A0..U+08FF
    if (c == 0xEF && i + 2 < s.size()) {
      const unsigned b = p[i + 1], d = p[i + 2];
      if ((b == 0xAD && d >= 0x90) || (b >= 0xAE && b <= 0xB7) || (b == 0xB9 && d >= 0xB0) || b == 0xBA ||
          (b == 0xBB && d <= 0xBC))
        return true;  // U+FB50..U+FDFF, U+FE70..U+FEFC
    }
  }
  return false;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | cp >> 6);
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | cp >> 12);
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | cp >> 18);
    out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void analyse(std::string_view utf8, Paragraph& p) {
  p.cps.clear();
  p.offset.clear();
  for (size_t i = 0; i < utf8.size();) {
    p.offset.push_back(static_cast<uint32_t>(i));
    p.cps.push_back(decode(utf8, i));
  }
  p.offset.push_back(static_cast<uint32_t>(utf8.size()));
  const size_t n = p.cps.size();
  const auto len = static_cast<FriBidiStrIndex>(n);
  const auto* str = reinterpret_cast<const FriBidiChar*>(p.cps.data());
  std::vector<FriBidiCharType> types(n);
  std::vector<FriBidiBracketType> brackets(n);
  std::vector<FriBidiLevel> levels(n);
  fribidi_get_bidi_types(str, len, types.data());
  fribidi_get_bracket_types(str, len, types.data(), brackets.data());
  FriBidiParType dir = FRIBIDI_PAR_ON;  // from the first strong character; LTR when there is none
  const FriBidiLevel max =
      n ? fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &dir, levels.data()) : 1;
  if (max == 0) levels.assign(n, 0);  // FriBidi could not allocate: draw left to right
  p.rtl = FRIBIDI_IS_RTL(dir);
  p.glyph = p.cps;
  std::vector<FriBidiArabicProp> props(n);
  fribidi_get_joining_types(str, len, props.data());
  fribidi_join_arabic(types.data(), len, levels.data(), props.data());
  fribidi_shape(kShapeFlags, levels.data(), len, props.data(), reinterpret_cast<FriBidiChar*>(p.glyph.data()));
  p.levels.assign(levels.begin(), levels.end());
  p.types.assign(types.begin(), types.end());
  p.any_rtl = false;
  for (uint8_t l : p.levels) p.any_rtl |= (l & 1) != 0;
}

void visual_order(const Paragraph& p, size_t from, size_t to, std::vector<uint32_t>& order) {
  order.clear();
  if (to > p.size()) to = p.size();
  if (from >= to) return;
  if (!p.any_rtl) {
    for (size_t i = from; i < to; ++i) order.push_back(static_cast<uint32_t>(i));
    return;
  }
  // The line's slice only (FriBidi reorders a line in place and reads nothing outside it).
  const size_t n = to - from;
  std::vector<FriBidiLevel> levels(p.levels.begin() + from, p.levels.begin() + to);
  std::vector<FriBidiCharType> types(p.types.begin() + from, p.types.begin() + to);
  std::vector<FriBidiStrIndex> map(n);
  std::iota(map.begin(), map.end(), 0);
  const FriBidiLevel ok =
      fribidi_reorder_line(kReorderFlags, types.data(), static_cast<FriBidiStrIndex>(n), 0,
                           p.rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR, levels.data(), nullptr, map.data());
  if (ok == 0) std::iota(map.begin(), map.end(), 0);  // FriBidi could not allocate: logical order
  for (FriBidiStrIndex i : map) order.push_back(static_cast<uint32_t>(from + static_cast<size_t>(i)));
}

std::string visual(std::string_view logical) {
  if (!has_rtl(logical)) return std::string(logical);
  Paragraph p;
  analyse(logical, p);
  std::vector<uint32_t> order;
  visual_order(p, 0, p.size(), order);
  std::string out;
  out.reserve(logical.size() + 8);
  for (uint32_t i : order)
    if (p.glyph[i] != kNoGlyph) append_utf8(out, p.glyph[i]);
  return out;
}

}  // namespace ae::bidi
