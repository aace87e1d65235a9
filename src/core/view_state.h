// view_state.h — what the user has chosen to look at, as a plain value: the date range, the network's
// settings and filters, the comparison's baseline, the selection, the search, the list's order and the
// open article. This is what the URL hash and Back/Forward save (view.h); only the explorer's actions
// change it, and every derived view (derived_views.h) is computed from it. Layer: core.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cooccurrence.h"
#include "date.h"

namespace ae {

// Order of the article list. Relevance: mentions of the selected entity (or of both ends of the selected
// link), plus search hits; ties newest first.
enum class ListOrder : uint8_t { Newest, Oldest, Relevance };

// A sentence of the open article the reader marks and brings into view (link evidence).
struct ReaderTarget {
  int field = -1;  // 0 title, 1 body; -1 none (the reader starts at the top)
  uint32_t begin = 0, end = 0;
  bool operator==(const ReaderTarget& o) const { return field == o.field && begin == o.begin && end == o.end; }
};

struct ViewState {
  // Date range (inclusive days; kUndated: none) and whether undated articles are listed.
  Day from = kUndated, to = kUndated;
  bool include_undated = true;
  // The network.
  Scope scope = Scope::Document;
  Measure measure = Measure::Count;
  uint32_t min_count = 1;
  size_t top_n = 60;
  uint8_t net_types = 0x7;              // bit i set: EntityType i shown
  std::vector<std::string> net_hidden;  // canonical names left out, sorted, unique
  // Comparing two periods: the baseline range A (kUndated: not comparing), only the changed links.
  Day base_from = kUndated, base_to = kUndated;
  bool changes_only = false;
  // Selection: an entity, or a link (both ends); SIZE_MAX: none.
  size_t selected = SIZE_MAX;
  std::pair<size_t, size_t> pair{SIZE_MAX, SIZE_MAX};
  // The list: text search (as typed) and order.
  std::string search;
  ListOrder order = ListOrder::Newest;
  // The reader: the open article (SIZE_MAX: none) and the sentence it marks.
  size_t open = SIZE_MAX;
  ReaderTarget target;

  bool comparing() const { return base_from != kUndated; }
};

}  // namespace ae
