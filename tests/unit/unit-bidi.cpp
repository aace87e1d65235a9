// unit-bidi.cpp — text as drawn: right-to-left detection, Arabic shaping to presentation forms (with the
// lam-alef ligature), bidirectional order of mixed lines, digits, mirrored brackets, line reordering.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bidi.h"

using namespace ae;

// The code points of a UTF-8 string, for comparing glyph sequences.
static std::vector<uint32_t> cps(const std::string& s) {
  bidi::Paragraph p;
  bidi::analyse(s, p);
  return p.cps;
}
static std::string u8(std::initializer_list<uint32_t> list) {
  std::string out;
  for (uint32_t c : list) bidi::append_utf8(out, c);
  return out;
}

TEST_CASE("right-to-left text is told from the rest by a byte scan") {
  CHECK_FALSE(bidi::has_rtl("Iraq and Syria, 2026 — Ελλάδα, Россия, Ærø"));
  CHECK(bidi::has_rtl("Baghdad بغداد"));
  CHECK(bidi::has_rtl("שלום"));
  CHECK(bidi::has_rtl(u8({0xFEFC})));        // a presentation form
  CHECK_FALSE(bidi::has_rtl(u8({0xFEFF})));  // the byte-order mark is not right to left
  CHECK(bidi::has_arabic("بغداد"));
  CHECK_FALSE(bidi::has_arabic("שלום"));
  CHECK_FALSE(bidi::has_arabic("plain"));
}

TEST_CASE("text without right-to-left characters comes back unchanged") {
  const std::string s = "Mohammed Shia' al-Sudani (Iraq) — 2026";
  CHECK(bidi::visual(s) == s);
}

TEST_CASE("Arabic words are shaped and drawn right to left") {
  // بغداد: beh initial, ghain medial, dal final, alef isolated (dal does not join forward), dal isolated;
  // drawn from the last letter on the left to the first on the right.
  CHECK(cps(bidi::visual("بغداد")) == std::vector<uint32_t>{0xFEA9, 0xFE8D, 0xFEAA, 0xFED0, 0xFE91});
  // سلام: seen initial, lam + alef as one ligature (final form), meem isolated.
  CHECK(cps(bidi::visual("سلام")) == std::vector<uint32_t>{0xFEE1, 0xFEFC, 0xFEB3});
}

TEST_CASE("mixed lines keep each run in its own direction") {
  // A left-to-right paragraph (first strong letter Latin) with an Arabic word inside; the number after
  // the Arabic word belongs to its run (rule W2), so it stands left of the word.
  CHECK(cps(bidi::visual("Iraq العراق 2026")) ==
        cps("Iraq 2026 " + u8({0xFED5, 0xFE8D, 0xFEAE, 0xFECC, 0xFEDF, 0xFE8D})));
  CHECK(cps(bidi::visual("Iraq العراق, Syria")) ==
        cps("Iraq " + u8({0xFED5, 0xFE8D, 0xFEAE, 0xFECC, 0xFEDF, 0xFE8D}) + ", Syria"));
  // A right-to-left paragraph: the number keeps its digit order and stands at the left end.
  CHECK(cps(bidi::visual("عام 2026")) == cps("2026 " + u8({0xFEE1, 0xFE8E, 0xFECB})));
  // Brackets in a right-to-left run are mirrored.
  CHECK(cps(bidi::visual("(بغداد)")) == cps("(" + u8({0xFEA9, 0xFE8D, 0xFEAA, 0xFED0, 0xFE91}) + ")"));
  // A Latin name inside Arabic text stays readable left to right.
  const auto v = cps(bidi::visual("قال Trump اليوم"));
  const std::vector<uint32_t> trump = cps("Trump");
  CHECK(std::search(v.begin(), v.end(), trump.begin(), trump.end()) != v.end());
}

TEST_CASE("paragraph analysis: direction, offsets, and lines reordered one by one") {
  bidi::Paragraph p;
  bidi::analyse("بغداد Baghdad", p);
  CHECK(p.rtl);
  CHECK(p.any_rtl);
  REQUIRE(p.size() == 13);
  CHECK(p.offset[5] == 10);  // five two-byte letters, then the space
  CHECK(p.offset.back() == 18);
  // As one line: the Latin word on the left, the Arabic word on the right.
  std::vector<uint32_t> order;
  bidi::visual_order(p, 0, p.size(), order);
  REQUIRE(order.size() == 13);
  CHECK(order[0] == 6);   // 'B'
  CHECK(order[12] == 0);  // the first Arabic letter, at the right end
  // Wrapped after the space: each line is reordered alone; its trailing space goes to the line's end.
  bidi::visual_order(p, 0, 6, order);
  CHECK(order == std::vector<uint32_t>{5, 4, 3, 2, 1, 0});
  bidi::visual_order(p, 6, 13, order);
  CHECK(order == std::vector<uint32_t>{6, 7, 8, 9, 10, 11, 12});
  bidi::analyse("plain text", p);
  CHECK_FALSE(p.rtl);
  CHECK_FALSE(p.any_rtl);
  bidi::analyse("", p);
  CHECK(p.size() == 0);
  CHECK(bidi::visual("") == "");
}

TEST_CASE("ill-formed UTF-8 is drawn as replacement characters, never read past the end") {
  const std::string bad = std::string("بغ") + "\xD8" + "\xFF";
  bidi::Paragraph p;
  bidi::analyse(bad, p);
  REQUIRE(p.size() == 4);
  CHECK(p.cps[2] == 0xFFFD);
  CHECK(p.cps[3] == 0xFFFD);
  CHECK_FALSE(bidi::visual(bad).empty());
}
