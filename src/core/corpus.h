// corpus.h — the in-memory corpus: articles in input order plus a date-ordered index. Layer: core.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "date.h"
#include "entity_type.h"

namespace ae {

struct Article {
  std::string id;      // unique within the corpus (the loader renames duplicates)
  std::string title;   // may be empty when body is not
  std::string source;  // publisher, "" when unknown
  std::string url;     // "" when unknown
  std::string body;    // paragraphs separated by "\n\n"; "" when only a title was given
  Day date = kUndated;
  bool has_given_entities = false;  // the input carried an "entities" field: used instead of extraction
  std::vector<GivenEntity> given_entities;
};

struct Corpus {
  std::string name;               // shown in the status line; the file name when the input names none
  std::vector<Article> articles;  // input order
  std::vector<uint32_t> by_date;  // article indices sorted by (date, input order); undated at the end
  size_t dated = 0;               // articles with a date; by_date[0..dated) are dated
  Day date_min = kUndated;        // earliest and latest date, kUndated when nothing is dated
  Day date_max = kUndated;

  // Rebuilds by_date, dated, date_min and date_max from articles. O(n log n); call after any edit.
  void finalize();

  // Positions [first, last) in by_date of the dated articles with from <= date <= to. O(log n).
  std::pair<size_t, size_t> dated_span(Day from, Day to) const;

  size_t size() const { return articles.size(); }
  size_t undated() const { return articles.size() - dated; }
  // Index into articles of the article with this id, or SIZE_MAX. O(n).
  size_t find_id(const std::string& id) const;
};

}  // namespace ae
