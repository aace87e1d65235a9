// unit-text.cpp — tokens, possessives, particles, sentence boundaries, UTF-8 safety; the string table.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "string_table.h"
#include "text.h"

using namespace ae;

static std::vector<std::string> words(const std::string& text, std::vector<Token>* out = nullptr) {
  std::vector<Token> toks;
  tokenize(text, toks);
  std::vector<std::string> w;
  for (const Token& t : toks) w.push_back(text.substr(t.begin, t.end - t.begin));
  if (out) *out = toks;
  return w;
}

TEST_CASE("words keep inner hyphens, apostrophes and acronym dots; possessives are split off") {
  std::vector<Token> t;
  auto w = words("Iraq's al-Sudani met U.S. envoys; Mohammed Shia' al-Sudani and the Forces' (SDF) AT&T.", &t);
  REQUIRE(w.size() >= 14);
  CHECK(w[0] == "Iraq");
  CHECK(t[0].has(kTokPossessive));
  CHECK(w[1] == "al-Sudani");
  CHECK(t[1].has(kTokParticle));
  CHECK(t[1].has(kTokCap));
  CHECK(w[3] == "U.S.");
  CHECK(t[3].has(kTokAllCaps));
  CHECK(w[6] == "Mohammed");
  CHECK(w[7] == "Shia'");
  CHECK(w[11] == "Forces");
  CHECK(t[11].has(kTokPossessive));
  CHECK(std::find(w.begin(), w.end(), "AT&T") != w.end());
}

TEST_CASE("hyphenated adjectives with a lower-case tail are marked; names with inner particles are not") {
  std::vector<Token> t;
  auto w = words("Kurdish-led US-backed Inzamam-ul-Haq Chester-le-Street", &t);
  CHECK(t[0].has(kTokHyphenLower));
  CHECK(t[1].has(kTokHyphenLower));
  CHECK_FALSE(t[2].has(kTokHyphenLower));
  CHECK_FALSE(t[3].has(kTokHyphenLower));
}

TEST_CASE("sentences end at . ! ? but not after abbreviations and initials") {
  std::vector<Token> t;
  words("Mr. Smith met Gen. Jones in the U.S. on Monday. He left! Did John F. Kennedy go? Yes.", &t);
  std::vector<uint32_t> starts;
  for (const Token& x : t)
    if (x.has(kTokSentStart)) starts.push_back(x.sentence);
  CHECK(starts.size() == 4);
  CHECK(t.back().sentence == 3);
}

TEST_CASE("blank lines and short lines end sentences; hard wraps inside a sentence do not") {
  std::vector<Token> t;
  auto w = words("Peter Blackburn\nBRUSSELS 1996-08-22\nThe Commission said on Thursday it\ndisagreed.", &t);
  CHECK(t[0].has(kTokSentStart));
  CHECK(t[2].has(kTokSentStart));  // BRUSSELS
  CHECK(t[2].has(kTokLineBefore));
  size_t dis = 0;
  for (size_t i = 0; i < w.size(); ++i)
    if (w[i] == "disagreed") dis = i;
  CHECK_FALSE(t[dis].has(kTokSentStart));
}

TEST_CASE("any UTF-8 is tokenized without crashing; other scripts stay whole words") {
  std::vector<Token> t;
  auto w = words("قال العراق إن Tokyo 東京 Москва «quoted» – done \xff\xfe broken", &t);
  CHECK(std::find(w.begin(), w.end(), "العراق") != w.end());
  CHECK(std::find(w.begin(), w.end(), "Москва") != w.end());
  CHECK(starts_upper("Москва"));
  CHECK_FALSE(starts_upper("東京"));
  CHECK_FALSE(starts_lower("東京"));
  for (const Token& x : t) CHECK(x.end <= 200);
  std::string garbage;
  for (int i = 0; i < 2000; ++i) garbage += static_cast<char>((i * 7919) % 256);
  words(garbage);  // must not crash or loop
}

TEST_CASE("string table: hashes, lower-case hashes, lookups and growth") {
  // hash_lower lower-cases ASCII capitals only, in every position of the eight-byte rounds.
  const char* samples[] = {"",
                           "a",
                           "Iraq",
                           "IRAQ",
                           "al-Sudani",
                           "Syrian Democratic Forces",
                           "ÉTAT",
                           "Zz@[`{AZaz",
                           "\xC3\x89tat",
                           "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"};
  for (const char* w : samples) {
    CAPTURE(w);
    CHECK(hash_lower(w) == hash_bytes(ascii_lower(w)));
    CHECK(hash_bytes(w) != 0);
  }
  CHECK(hash_bytes("Iraq") != hash_bytes("iraq"));
  CHECK(hash_bytes("ab") != hash_bytes(std::string("ab\0", 3)));  // the length counts
  // Every byte value next to every position, against the plain definition.
  for (int c = 0; c < 256; ++c)
    for (size_t pos = 0; pos < 12; ++pos) {
      std::string s(12, 'q');
      s[pos] = static_cast<char>(c);
      REQUIRE(hash_lower(s) == hash_bytes(ascii_lower(s)));
    }
  StringTable<int> t;
  for (int i = 0; i < 5000; ++i) t.insert("w" + std::to_string(i)) = i + 1;
  CHECK(t.size() == 5000);
  for (int i = 0; i < 5000; ++i) REQUIRE(t.find("w" + std::to_string(i)) != nullptr);
  CHECK(*t.find("w4321") == 4322);
  CHECK(t.find("w5000") == nullptr);
  CHECK(t.find("") == nullptr);
  t.insert("") = 7;  // the empty string is a key like any other
  CHECK(*t.find("") == 7);
  CHECK(t.insert("w0") == 1);  // present: its value, nothing added
  CHECK(t.size() == 5001);
  size_t seen = 0;
  t.for_each([&](std::string_view, int) { ++seen; });
  CHECK(seen == 5001);
  const StringTable<char> small = {"Mr", "Mrs"};
  CHECK(small.contains("Mr"));
  CHECK_FALSE(small.contains("mr"));
  CHECK_FALSE(small.contains("M"));
}

TEST_CASE("search folding: case, Arabic letter variants, tatweel and diacritics") {
  CHECK(search_fold("Baghdad") == "baghdad");
  // Alef with hamza above / below / madda, and alef wasla, are bare alef.
  CHECK(search_fold("أحمد") == search_fold("احمد"));
  CHECK(search_fold("إبراهيم") == search_fold("ابراهيم"));
  CHECK(search_fold("آمنة") == search_fold("امنه"));       // and taa marbuta is haa
  CHECK(search_fold("مستشفى") == search_fold("مستشفي"));   // alef maqsura is yaa
  CHECK(search_fold("بغـــداد") == search_fold("بغداد"));  // tatweel
  CHECK(search_fold("مُحَمَّد") == search_fold("محمد"));       // vowel marks and shadda
  CHECK(search_fold("ی") == search_fold("ي"));
  CHECK(search_fold("ک") == search_fold("ك"));
  CHECK(search_fold("محمد") != search_fold("محمود"));
  CHECK(search_fold("ـَ").empty());
}

TEST_CASE("folded matches are found in the raw text, with its byte ranges") {
  const std::string text = "قال مُحَمَّد إنّ بغـداد والموصل... BAGHDAD baghdad";
  auto m = find_folded(text, search_fold("محمد"));
  REQUIRE(m.size() == 1);
  CHECK(text.substr(m[0].first, m[0].second - m[0].first) == "مُحَمَّد");
  m = find_folded(text, search_fold("بغداد"));
  REQUIRE(m.size() == 1);
  CHECK(text.substr(m[0].first, m[0].second - m[0].first) == "بغـداد");
  CHECK(count_folded(text, search_fold("Baghdad")) == 2);
  CHECK(count_folded(text, search_fold("ان")) == 1);  // إنّ: hamza under alef, shadda after
  CHECK(count_folded(text, search_fold("الموصل")) == 1);
  CHECK(count_folded(text, search_fold("دمشق")) == 0);
  CHECK(count_folded(text, "") == 0);
  // A term cut short by the text's end, and an Arabic lead byte at the very end, are not matches.
  CHECK(count_folded("بغد", search_fold("بغداد")) == 0);
  CHECK(count_folded(std::string("x\xD8"), search_fold("x\xD8\xA7")) == 0);
}
