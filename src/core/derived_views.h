// derived_views.h — what the explorer shows, computed from the loaded data and the view state
// (view_state.h). Each view keeps the key of the inputs it was made from and is made again only when
// one of them changes: update() compares keys, so calling it after every action never leaves a view
// stale and never recomputes one needlessly. `data` is the explorer's data generation, bumped whenever
// the corpus or its (corrected) entities change. Layer: core.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cooccurrence.h"
#include "corpus.h"
#include "entities.h"
#include "view_state.h"

namespace ae {

// Entity id by canonical name (exact, then ASCII case-insensitive), or SIZE_MAX. O(entities).
size_t find_entity(const EntityIndex& index, const std::string& name);
// Mentions of an entity in an article. O(mentions of the article).
uint32_t mentions_in(const EntityIndex& index, size_t article, size_t entity);

// Articles of each entity, in corpus order (CSR). Inputs: the data.
class Postings {
 public:
  bool update(uint64_t data, const EntityIndex& index);
  std::pair<const uint32_t*, const uint32_t*> of(size_t entity) const;

 private:
  uint64_t data_ = UINT64_MAX;
  std::vector<uint32_t> start_, postings_;
};

// Text search over titles and bodies: hits per article. Inputs: the data and the search text.
// Case-insensitive as search_fold() folds; words must all occur (as substrings); text in double quotes
// is one phrase. O(text bytes x terms) when an input changes.
class SearchHits {
 public:
  bool update(uint64_t data, const Corpus& corpus, const std::string& text);
  bool active() const { return !hits_.empty(); }
  uint32_t hits(size_t article) const { return article < hits_.size() ? hits_[article] : 0; }
  const std::vector<std::string>& terms() const { return terms_; }  // folded
  uint64_t revision() const { return revision_; }                   // bumped when remade

 private:
  uint64_t data_ = UINT64_MAX;
  std::string text_;
  std::vector<uint32_t> hits_;
  std::vector<std::string> terms_;
  uint64_t revision_ = 0;
};

// The article list: articles passing the range, the selection and the search, in the view's order
// (newest first by default; undated last). Inputs: the data, the search's hits, the range, undated,
// the selection and the order.
class ArticleList {
 public:
  bool update(uint64_t data, const Corpus& corpus, const EntityIndex& index, const SearchHits& search,
              const ViewState& view);
  const std::vector<uint32_t>& rows() const { return rows_; }
  uint64_t hits_in_list() const { return hits_in_list_; }  // search hits summed over rows()

 private:
  struct Key {
    uint64_t data = UINT64_MAX, search = 0;
    Day from = kUndated, to = kUndated;
    bool undated = true;
    size_t selected = SIZE_MAX;
    std::pair<size_t, size_t> pair{SIZE_MAX, SIZE_MAX};
    ListOrder order = ListOrder::Newest;
    bool operator==(const Key& o) const {
      return data == o.data && search == o.search && from == o.from && to == o.to && undated == o.undated &&
             selected == o.selected && pair == o.pair && order == o.order;
    }
  };
  Key key_;
  std::vector<uint32_t> rows_;
  uint64_t hits_in_list_ = 0;
};

// The co-occurrence network: the counts of the range (following it incrementally), the baseline's
// counts while comparing, and the graph drawn from them. Inputs: the data, the scope and the range (the
// counts); the baseline (its counts); those plus measure, thresholds, type and name filters and
// changes-only (the graph).
class NetworkView {
 public:
  // Counts of the data's whole span made while loading (in their scope): used instead of counting again.
  void adopt(uint64_t data, std::unique_ptr<Cooccurrence> counts, const Corpus& corpus);
  // True when the graph was made again.
  bool update(uint64_t data, const Corpus& corpus, const EntityIndex& index, const ViewState& view);
  const Graph& graph() const { return graph_; }
  const Cooccurrence* counts() const { return co_.get(); }
  const Cooccurrence* baseline() const { return co_a_.get(); }
  double update_ms() const { return update_ms_; }  // the last update that changed anything

 private:
  struct CountsKey {
    uint64_t data = UINT64_MAX;
    Scope scope = Scope::Document;
    Day from = kUndated, to = kUndated;
    bool operator==(const CountsKey& o) const {
      return data == o.data && scope == o.scope && from == o.from && to == o.to;
    }
  };
  struct GraphKey {
    CountsKey b, a;
    bool comparing = false;
    Measure measure = Measure::Count;
    uint32_t min_count = 0;
    size_t top_n = 0;
    uint8_t types = 0;
    std::vector<std::string> hidden;
    bool changes_only = false;
    bool operator==(const GraphKey& o) const {
      return b == o.b && a == o.a && comparing == o.comparing && measure == o.measure && min_count == o.min_count &&
             top_n == o.top_n && types == o.types && hidden == o.hidden && changes_only == o.changes_only;
    }
  };
  // Brings counts to the key: made again for new data or scope, else moved to the range.
  static void follow(std::unique_ptr<Cooccurrence>& co, CountsKey& have, const CountsKey& want, const Corpus& corpus,
                     const EntityIndex& index);
  std::unique_ptr<Cooccurrence> co_, co_a_;
  CountsKey co_key_, a_key_;
  GraphKey graph_key_;
  bool graph_made_ = false;
  Graph graph_;
  double update_ms_ = 0;
};

}  // namespace ae
