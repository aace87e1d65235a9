// date.h — calendar dates as day numbers, and parsing of the date forms news feeds use. Layer: core.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ae {

// A calendar day as the number of days since 1970-01-01 (proleptic Gregorian). Dates before 1970 are negative.
using Day = int32_t;
constexpr Day kUndated = INT32_MIN;  // an article whose date could not be read

// Days since 1970-01-01 for a valid civil date; no range checks (see is_valid_civil).
Day days_from_civil(int y, unsigned m, unsigned d) noexcept;
// The civil date of a day number.
void civil_from_days(Day z, int& y, unsigned& m, unsigned& d) noexcept;
bool is_valid_civil(int y, int m, int d) noexcept;

// Parses a date as found in news feeds and returns its day, or kUndated. Accepted (case-insensitive,
// surrounding whitespace ignored; a time and zone after the date are read but only the date is kept):
//   ISO 8601:  2026-01-21, 2026-01-21T08:30:00Z, 2026-01-21 08:30:00+03:00, 20260121
//   news:      Jan. 21, 2026 · January 21, 2026 · 21 January 2026 · 21 Jan 2026 · 21-JAN-2026
//   RFC 2822:  Wed, 21 Jan 2026 08:30:00 +0000 (the weekday is optional and not checked)
// Years outside 1000..9999 are rejected as absurd. Cost: O(length of text), no allocation.
Day parse_date(std::string_view text) noexcept;

// ISO 8601 calendar date "YYYY-MM-DD"; "" for kUndated.
std::string format_iso(Day day);

}  // namespace ae
