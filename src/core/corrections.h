// corrections.h — the user's corrections to the extracted entities: merge two entities, split an alias
// off, rename, change the type, hide an entity or every entity whose name matches a pattern. Edits name
// entities by their canonical names, so a rules file made on one corpus applies to the next load and to
// other corpora; an edit that matches nothing is reported, not an error. Layer: core.
//
// The rules file (JSON, what Export rules writes and `explorer … --rules FILE` reads):
//   {"version": 1, "edits": [
//     {"op": "merge",   "entity": "Reagan", "into": "Ronald Reagan"},
//     {"op": "split",   "entity": "United States", "alias": "U.S. Company"},
//     {"op": "rename",  "entity": "Moody", "name": "Moody's"},
//     {"op": "retype",  "entity": "Volcker", "type": "person"},
//     {"op": "hide",    "entity": "Reuters"},
//     {"op": "hide_pattern", "pattern": "Reuter*"}]}
// Names compare exactly, then ignoring case. A pattern is a name or alias with * for any run of
// characters, compared ignoring case. Edits apply in order; at most kMaxEdits.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "entities.h"

namespace ae {

struct Edit {
  enum class Op { Merge, Split, Rename, Retype, Hide, HidePattern };
  Op op = Op::Hide;
  std::string entity;                    // the entity edited (HidePattern: the pattern)
  std::string value;                     // Merge: into; Split: the alias; Rename: the new name
  EntityType type = EntityType::Person;  // Retype
  bool operator==(const Edit& o) const {
    return op == o.op && entity == o.entity && value == o.value && type == o.type;
  }
};

struct Rules {
  std::vector<Edit> edits;
  bool empty() const { return edits.empty(); }
  bool operator==(const Rules& o) const { return edits == o.edits; }
};

constexpr size_t kMaxEdits = 10000;
constexpr size_t kMaxRulesBytes = 4 << 20;

// Parses a rules file. On bad input returns false with a message; `out` is untouched.
bool parse_rules(std::string_view json, Rules& out, std::string& error);
std::string rules_json(const Rules& rules);
const char* edit_op_name(Edit::Op op);
// One line for a person: "hide Reuters", "merge Reagan into Ronald Reagan".
std::string describe(const Edit& e);

// Applies the rules to an index made by extract_entities: mentions move with merges and splits, hidden
// entities and their mentions go, ids are renumbered, counts recomputed. Each edit that matched no
// entity is described in `unmatched` (when given).
EntityIndex apply_rules(const Rules& rules, const Corpus& corpus, const EntityIndex& index,
                        std::vector<std::string>* unmatched = nullptr);

// A glob: * matches any run of characters; compared ignoring ASCII case.
bool matches_pattern(std::string_view pattern, std::string_view text);

}  // namespace ae
