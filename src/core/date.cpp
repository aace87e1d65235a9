// date.cpp — day numbers and news date parsing. Layer: core.
#include "date.h"

#include <cctype>
#include <cstdio>

namespace ae {

// Howard Hinnant's civil-day algorithms (public domain), written out for int32 day numbers.
Day days_from_civil(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Day>(era * 146097 + static_cast<int>(doe) - 719468);
}

void civil_from_days(Day z0, int& y, unsigned& m, unsigned& d) noexcept {
  const long z = static_cast<long>(z0) + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2);
}

bool is_valid_civil(int y, int m, int d) noexcept {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int dim = kDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) dim = 29;
  return d <= dim;
}

std::string format_iso(Day day) {
  if (day == kUndated) return {};
  int y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

namespace {

struct Cursor {
  const char* p;
  const char* end;
  bool done() const { return p >= end; }
  char peek() const { return p < end ? *p : '\0'; }
  void skip_space() {
    while (p < end && (std::isspace(static_cast<unsigned char>(*p)) || *p == ',')) ++p;
  }
  // Reads up to max_digits digits; returns the count read.
  int digits(int& value, int max_digits) {
    int n = 0;
    value = 0;
    while (p < end && n < max_digits && std::isdigit(static_cast<unsigned char>(*p))) {
      value = value * 10 + (*p - '0');
      ++p;
      ++n;
    }
    return n;
  }
  // Reads an ASCII word, lower-cased, into out (at most cap-1 chars); returns its length.
  int word(char* out, int cap) {
    int n = 0;
    while (p < end && std::isalpha(static_cast<unsigned char>(*p))) {
      if (n < cap - 1) out[n++] = static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
      ++p;
    }
    out[n] = '\0';
    return n;
  }
};

// Month number from an English month name or its 3+ letter prefix ("sept" too), or 0.
int month_from_word(const char* w, int len) {
  static const char* kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                 "july",    "august",   "september", "october", "november", "december"};
  if (len < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    const char* name = kNames[i];
    int k = 0;
    while (k < len && name[k] && name[k] == w[k]) ++k;
    if (k == len) return i + 1;
  }
  return 0;
}

bool is_weekday_word(const char* w, int len) {
  static const char* kNames[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  if (len < 3) return false;
  for (const char* name : kNames) {
    int k = 0;
    while (k < len && name[k] && name[k] == w[k]) ++k;
    if (k == len) return true;
  }
  return false;
}

Day make(int y, int m, int d) {
  if (!is_valid_civil(y, m, d)) return kUndated;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

// After the date: nothing, or a time/zone ("T08:30", " 08:30:00 +0000", "Z", " GMT"). We only check
// that what follows starts like a time or zone, so that "2026-01-21abc" is not read as a date.
bool tail_ok(Cursor c) {
  c.skip_space();
  if (c.done()) return true;
  char ch = c.peek();
  return ch == 'T' || ch == 't' || std::isdigit(static_cast<unsigned char>(ch)) || ch == 'Z' || ch == 'z' ||
         ch == '+' || ch == '-' || std::isalpha(static_cast<unsigned char>(ch)) || ch == '(';
}

}  // namespace

Day parse_date(std::string_view text) noexcept {
  Cursor c{text.data(), text.data() + text.size()};
  c.skip_space();
  if (c.done()) return kUndated;

  if (std::isdigit(static_cast<unsigned char>(c.peek()))) {
    int a = 0;
    const int na = c.digits(a, 8);
    if (na == 8) {  // 20260121
      Day day = make(a / 10000, (a / 100) % 100, a % 100);
      return tail_ok(c) ? day : kUndated;
    }
    if (na == 4 && c.peek() == '-') {  // ISO 2026-01-21
      ++c.p;
      int m = 0, d = 0;
      if (c.digits(m, 2) != 2 || c.peek() != '-') return kUndated;
      ++c.p;
      if (c.digits(d, 2) != 2) return kUndated;
      if (!c.done() && std::isdigit(static_cast<unsigned char>(c.peek()))) return kUndated;
      return tail_ok(c) ? make(a, m, d) : kUndated;
    }
    if (na >= 1 && na <= 2) {  // 21 January 2026 · 21-JAN-2026 · 21 Jan. 2026
      const int d = a;
      if (c.peek() == '-' || c.peek() == ' ' || c.peek() == '.') ++c.p;
      c.skip_space();
      char w[16];
      const int wl = c.word(w, sizeof w);
      const int m = month_from_word(w, wl);
      if (!m) return kUndated;
      if (c.peek() == '.') ++c.p;
      if (c.peek() == '-') ++c.p;
      c.skip_space();
      int y = 0;
      if (c.digits(y, 4) != 4) return kUndated;
      return tail_ok(c) ? make(y, m, d) : kUndated;
    }
    return kUndated;
  }

  // Starts with a word: an optional weekday, then "21 Jan 2026" (RFC 2822) or "Jan. 21, 2026".
  char w[16];
  int wl = c.word(w, sizeof w);
  if (is_weekday_word(w, wl) && !month_from_word(w, wl)) {
    if (c.peek() == '.') ++c.p;
    c.skip_space();
    if (std::isdigit(static_cast<unsigned char>(c.peek()))) return parse_date(std::string_view(c.p, c.end - c.p));
    wl = c.word(w, sizeof w);
  }
  const int m = month_from_word(w, wl);
  if (!m) return kUndated;
  if (c.peek() == '.') ++c.p;
  c.skip_space();
  int d = 0;
  const int nd = c.digits(d, 2);
  if (nd == 0) return kUndated;
  // ordinal suffixes: "January 21st, 2026"
  if (c.peek() == 's' || c.peek() == 'n' || c.peek() == 'r' || c.peek() == 't') {
    char suf[4];
    c.word(suf, sizeof suf);
  }
  c.skip_space();
  int y = 0;
  if (c.digits(y, 4) != 4) return kUndated;
  if (!c.done() && std::isdigit(static_cast<unsigned char>(c.peek()))) return kUndated;
  return tail_ok(c) ? make(y, m, d) : kUndated;
}

}  // namespace ae
