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
};
// Rows by mentions (descending), then articles, then name. O(mentions in range + pairs in range).
std::vector<EntityRow> entity_rows(const Explorer& ex);

// The export kinds, as file names: "edges.csv", "edges.gexf", "entities.csv", "articles.json".
const std::vector<std::string>& export_kinds();
// The export of the current view; false (out untouched) for an unknown kind.
//  edges.*      the links drawn in the network panel (graph_csv / graph_gexf)
//  entities.csv name,type,articles,mentions,degree,aliases of entity_rows()
//  articles.json the article list as shown (range, selection), newest first, in the loader's own
//               format (it loads back) with each article's entities by canonical name
bool export_view(const Explorer& ex, const std::string& kind, std::string& out);

}  // namespace ae
