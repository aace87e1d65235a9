// view.h — what the current view of a session shows as tables and exports: the entity table of the
// date range, and the files a user can download (edges CSV/GEXF, entities CSV, the article list as
// JSON). The web app's Export menu and `explorer export` call the same functions, so both give the
// same bytes for the same filter. Layer: core.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "explorer.h"

namespace ae {

// One row of the entity table: an entity mentioned in the articles in range (the date range, with
// undated articles when they are included; the entity selection does not narrow it).
struct EntityRow {
  uint32_t entity = 0;
  uint32_t articles = 0;  // articles in range mentioning it
  uint32_t mentions = 0;  // its mentions in those articles
  uint32_t degree = 0;    // distinct entities it shares an article (or sentence, in sentence scope) with, in range
  double burst = 0;       // how bursty it is in range: BurstIndex::bursting over the range
  // Comparing (Explorer::comparing): units (articles or sentences) mentioning it in A and in B, the
  // smoothed log2 ratio and the trend of compare.h. Entities only in A have rows too (articles 0).
  uint32_t count_a = 0, count_b = 0;
  double log_ratio = 0;
  Trend trend = Trend::Steady;
};
// Rows by mentions (descending), then articles, then name. O(mentions in range + pairs in range), plus
// O(entities) when comparing.
std::vector<EntityRow> entity_rows(const Explorer& ex);

// Entities whose name or one of whose other forms contains `query` (case-insensitive, ASCII letters
// folded), for a type-ahead search: names with a word starting with it first, then other forms with
// one, then any; within each, the entities drawn in the network first, then by articles in the
// corpus; at most `max`. O(entities + aliases).
std::vector<uint32_t> find_entities(const Explorer& ex, const std::string& query, size_t max);

// --- Timeline: articles per day, week (from Monday) or month over the corpus's dated span. ---
enum class Bucket : uint8_t { Daily, Weekly, Monthly };
const char* bucket_name(Bucket b);  // "day", "week", "month"
struct Timeline {
  Bucket unit = Bucket::Daily;
  std::vector<Day> starts;         // first day of each bucket; starts.size() buckets, contiguous
  std::vector<uint32_t> articles;  // dated articles per bucket (the whole corpus)
  std::vector<uint32_t> selected;  // of those, the ones mentioning the selection (entity or both ends of
                                   // a link); empty when nothing is selected
  // Bucket holding a day (clamped to the ends); SIZE_MAX when there are no buckets.
  size_t bucket_of(Day d) const;
  Day bucket_end(size_t i) const;  // last day of bucket i
};
// Day buckets for a span up to 92 days, weeks up to 3 years, months beyond. O(articles).
Timeline timeline(const Explorer& ex);
// Mentions of one entity per bucket of `t` (its sparkline). O(articles mentioning it).
std::vector<uint32_t> entity_series(const Explorer& ex, uint32_t entity, const Timeline& t);

// --- Stepping, as J/K and [ ] do. (An article is opened by Explorer::open_article, whoever asks: the
// reader follows open_revision().) ---
// Opens the next (+1) or previous (-1) article of the list; with none open, the first (or the last).
void step_article(Explorer& ex, int delta);
// Moves the date range by one bucket of the timeline t (a day, a week or that month's days; delta -1
// or +1), keeping its length and staying within the corpus's dates.
void step_range(Explorer& ex, const Timeline& t, int delta);

// --- The view in a URL hash: range, undated, selection, link, network settings, search, open
// article, list order, comparison baseline ("a=FROM..TO") and its changes-only switch ("changes=1"),
// what the network leaves out ("types=person,place", "hide=Reuters|AP").
// "from=2026-01-21&to=2026-01-21&sel=Iraq&scope=sentence&q=border&open=ID".
// Keys at their default are left out; values are percent-encoded UTF-8. ---
std::string view_hash(const Explorer& ex);
// Applies a hash (with or without the leading '#') to the session. Unknown keys are ignored; a value
// that does not apply (an unknown entity or article, a bad date) is skipped and named in `problems`.
// Keys absent from the hash return to their defaults. Returns whether anything was skipped.
bool apply_view_hash(Explorer& ex, const std::string& hash, std::string& problems);
// The view state a hash describes for a corpus (the part of apply_view_hash that reads it).
ViewState parse_view_hash(const std::string& hash, const Corpus& corpus, const EntityIndex& index,
                          std::string& problems);

std::string percent_encode(const std::string& s);
std::string percent_decode(const std::string& s);

}  // namespace ae
