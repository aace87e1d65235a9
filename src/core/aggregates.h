// aggregates.h — a corpus of daily counts instead of articles: what scripts/pipeline.sh writes as
// aggregates.jsonl (README, "Aggregates"), for archives too large to open article by article. Each
// day becomes one corpus article standing for that day's articles (no text: its body says so and
// lists the day's entities), and the entity index carries the counts (entities.h, DayCounts), so the
// timeline, network, entity table, bursts and comparison work from counts alone. Layer: core.
//
// The form (JSON Lines, UTF-8):
//   {"format":"article-explorer-aggregates","version":1,"name":"...","scope":"document", ...}
//   {"entities":[["United States","place"],["Reuters","org"], ...]}        (one or more such lines;
//                                                                            entity i is the i-th listed)
//   {"day":"1987-02-26","articles":229,"entities":[[0,47,98], ...],"pairs":[[0,1,7], ...]}
// A day's entities are [entity, articles mentioning it, mentions]; its pairs [entity, entity, articles
// with both] (document scope). Every count and index is checked: the file may come from anyone.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "corpus.h"
#include "entities.h"

namespace ae {

// Whether the bytes start with an aggregates header line (looks at the first line only).
bool is_aggregates(std::string_view bytes);

// Reads aggregates into a corpus (one article per day) and its entity index (with counts). false with
// a located message ("line 12: ...") when anything does not hold; out is then unspecified.
bool read_aggregates(std::string_view bytes, const std::string& name, Corpus& corpus, EntityIndex& index,
                     std::string& error);

// The aggregates form of a corpus read by read_aggregates (what the page keeps in the browser and
// reopens): read_aggregates of it gives the same corpus and index.
std::string write_aggregates(const Corpus& corpus, const EntityIndex& index);

}  // namespace ae
