// corpus.cpp — date index of the corpus. Layer: core.
#include "corpus.h"

#include <algorithm>

namespace ae {

void Corpus::finalize() {
  by_date.resize(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) by_date[i] = static_cast<uint32_t>(i);
  std::stable_sort(by_date.begin(), by_date.end(), [this](uint32_t a, uint32_t b) {
    const Day da = articles[a].date, db = articles[b].date;
    if ((da == kUndated) != (db == kUndated)) return db == kUndated;
    return da < db;
  });
  dated = 0;
  while (dated < by_date.size() && articles[by_date[dated]].date != kUndated) ++dated;
  date_min = dated ? articles[by_date.front()].date : kUndated;
  date_max = dated ? articles[by_date[dated - 1]].date : kUndated;
}

std::pair<size_t, size_t> Corpus::dated_span(Day from, Day to) const {
  if (from > to || dated == 0) return {0, 0};
  auto begin = by_date.begin(), end = by_date.begin() + static_cast<std::ptrdiff_t>(dated);
  auto lo = std::lower_bound(begin, end, from, [this](uint32_t i, Day d) { return articles[i].date < d; });
  auto hi = std::upper_bound(lo, end, to, [this](Day d, uint32_t i) { return d < articles[i].date; });
  return {static_cast<size_t>(lo - begin), static_cast<size_t>(hi - begin)};
}

size_t Corpus::find_id(const std::string& id) const {
  for (size_t i = 0; i < articles.size(); ++i)
    if (articles[i].id == id) return i;
  return SIZE_MAX;
}

}  // namespace ae
