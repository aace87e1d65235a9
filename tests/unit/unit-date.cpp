// unit-date.cpp — day numbers and the date forms of news feeds.
#include <doctest/doctest.h>

#include "date.h"

using namespace ae;

static std::string iso(const char* s) { return format_iso(parse_date(s)); }

TEST_CASE("day numbers round-trip through civil dates") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2026, 1, 21) == 20474);
  CHECK(format_iso(days_from_civil(1987, 2, 26)) == "1987-02-26");
  for (Day d = -800000; d < 800000; d += 997) {
    int y;
    unsigned m, dd;
    civil_from_days(d, y, m, dd);
    REQUIRE(days_from_civil(y, m, dd) == d);
  }
  CHECK(format_iso(kUndated).empty());
}

TEST_CASE("ISO 8601 dates and date-times") {
  CHECK(iso("2026-01-21") == "2026-01-21");
  CHECK(iso("  2026-01-21T08:30:00Z") == "2026-01-21");
  CHECK(iso("2026-01-21T08:30:00+03:00") == "2026-01-21");
  CHECK(iso("2026-01-21 08:30:00") == "2026-01-21");
  CHECK(iso("1987-02-26T15:01:01") == "1987-02-26");
  CHECK(iso("20260121") == "2026-01-21");
}

TEST_CASE("common news forms") {
  CHECK(iso("Jan. 21, 2026") == "2026-01-21");
  CHECK(iso("January 21, 2026") == "2026-01-21");
  CHECK(iso("January 21st, 2026") == "2026-01-21");
  CHECK(iso("21 January 2026") == "2026-01-21");
  CHECK(iso("21 Jan 2026") == "2026-01-21");
  CHECK(iso("26-FEB-1987 15:01:01.79") == "1987-02-26");
  CHECK(iso("Sept. 3, 2025") == "2025-09-03");
  CHECK(iso("Wednesday, January 21, 2026") == "2026-01-21");
}

TEST_CASE("RFC 2822") {
  CHECK(iso("Wed, 21 Jan 2026 08:30:00 +0000") == "2026-01-21");
  CHECK(iso("Wed, 21 Jan 2026 08:30:00 GMT") == "2026-01-21");
  CHECK(iso("21 Jan 2026 08:30 -0500") == "2026-01-21");
}

TEST_CASE("what is not a date is undated") {
  CHECK(parse_date("") == kUndated);
  CHECK(parse_date("yesterday") == kUndated);
  CHECK(parse_date("2026-13-01") == kUndated);
  CHECK(parse_date("2026-02-30") == kUndated);
  CHECK(parse_date("2025-02-29") == kUndated);
  CHECK(iso("2024-02-29") == "2024-02-29");
  CHECK(parse_date("99999-01-01") == kUndated);
  CHECK(parse_date("0001-01-01") == kUndated);  // absurd years are refused
  CHECK(parse_date("2026-01-2") == kUndated);
  CHECK(parse_date("Jan 2026") == kUndated);
  CHECK(parse_date("Foo 21, 2026") == kUndated);
  CHECK(parse_date("2026-01-21!") == kUndated);
  CHECK(parse_date(std::string_view("2026-01-21\0", 11)) == kUndated);
}
