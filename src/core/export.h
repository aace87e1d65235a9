// export.h — every file the explorer writes for the user: the network (CSV, JSON, GEXF), the
// comparison of two periods (CSV, JSON, GEXF), bursts (CSV), the entity table (CSV), the article list
// (JSON that loads back), the rules and the corpus snapshot, with one CSV cell (csv_cell of
// untrusted.h: no spreadsheet formula) and one XML escaping. The CLI and the page call the same
// functions, so their files are byte-equal. Layer: core.
#pragma once
#include <string>
#include <vector>

#include "compare.h"
#include "cooccurrence.h"
#include "entities.h"

namespace ae {

class Explorer;

// Text for an XML attribute or element (& < > " escaped).
std::string xml_escape(const std::string& s);

// The network. CSV: source,target,source_type,target_type,count,weight,measure. JSON: {"nodes",
// "edges", ...}. GEXF 1.3 with node attributes type, mentions and community, edge attribute count;
// weight is the measure.
std::string graph_csv(const Graph& g, const EntityIndex& index, Measure m);
std::string graph_json(const Graph& g, const EntityIndex& index, const Cooccurrence& co, Measure m);
std::string graph_gexf(const Graph& g, const EntityIndex& index, const Cooccurrence& co, Measure m);

// The comparison: the entity table as CSV (name,type,count_a,count_b,change,log_ratio,trend), the
// three-way network as GEXF 1.3 (edge attribute "side": both / only_a / only_b; node attribute
// mentions of B) and as JSON {"a": {...}, "b": {...}, "entities": [...], "links": [...]}.
std::string compare_csv(const std::vector<EntityChange>& rows, const EntityIndex& index);
std::string compare_gexf(const std::vector<LinkChange>& links, const EntityIndex& index, const Cooccurrence& b);
std::string compare_json(const std::vector<EntityChange>& rows, const std::vector<LinkChange>& links,
                         const EntityIndex& index, const Cooccurrence& a, const Cooccurrence& b);

std::string bursts_csv(const BurstIndex& bursts, const EntityIndex& index);  // name,type,from,to,weight,articles

// The export kinds, as file names: "edges.csv", "edges.gexf", "entities.csv", "articles.json",
// "rules.json", "bursts.csv"; and while comparing "compare.csv" (the entity table of A and B) and
// "compare.gexf" (the three-way network drawn, edge attribute side: both / only_a / only_b); and
// "corpus.aesnap", the corpus with its entities in binary (snapshot.h), to open again later.
const std::vector<std::string>& export_kinds();
// The export of the current view; false (out untouched) for an unknown kind.
//  edges.*      the links drawn in the network panel (graph_csv / graph_gexf)
//  entities.csv name,type,articles,mentions,degree,aliases of entity_rows()
//  articles.json the article list as shown (range, selection), newest first, in the loader's own
//               format (it loads back) with each article's entities by canonical name
bool export_view(const Explorer& ex, const std::string& kind, std::string& out);
bool is_comparison_export(const std::string& kind);  // compare.*: only while comparing

}  // namespace ae
