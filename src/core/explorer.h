// explorer.h — the explorer's session: the loaded corpus, a load in progress, the date filter, the
// open article, and the state report the UI and the JavaScript API read. Layer: core.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compare.h"
#include "cooccurrence.h"
#include "corrections.h"
#include "corpus.h"
#include "layout.h"
#include "entities.h"
#include "gazetteer.h"
#include "loader.h"
#include "pacer.h"
#include "snapshot.h"

namespace ae {

// Timing of recent frames, for the state report. Fixed memory (the last kCapacity frames).
class FrameStats {
 public:
  static constexpr size_t kCapacity = 240;
  void add(double ms);
  size_t count() const { return count_; }
  // Nearest-rank percentile (0..100) of the recorded frames; 0 when none. O(k log k).
  double percentile(double p) const;

 private:
  double samples_[kCapacity] = {};
  size_t next_ = 0, count_ = 0;
};

// A frame's CPU time and its parts: the core's work (a load slice or layout iterations), building
// the UI (ImGui calls), and rendering (draw lists handed to WebGL).
struct FrameTimes {
  FrameStats total, work, ui, render;
};

// Figures of the last completed load.
struct LoadInfo {
  std::string name;
  size_t bytes = 0;
  double parse_ms = 0;   // time inside the JSON reader
  double extract_ms = 0; // entity extraction and merging
  double total_ms = 0;   // wall time from begin_load() to the corpus being usable, frames included
  // Paced in frames (load_frame()): the share of the wall time spent working, the gaps between frames.
  size_t frames = 0;
  double duty = 0, frame_gap_p95_ms = 0, frame_gap_max_ms = 0;
  size_t snapshot_bytes = 0;  // reopened from a snapshot of this size (snapshot.h); 0 when read from its input
  size_t articles = 0;
  size_t counted = 0;   // daily counts: the articles the days stand for (articles: the days)
  size_t skipped = 0;
  std::string format;
  std::vector<std::string> mappings;
  std::vector<std::string> warnings;
  size_t warnings_total = 0;
  std::string outcome;  // "loaded", "failed" or "cancelled" (the last load begun); "" before any
};

// A sentence of the open article the reader marks and brings into view (link evidence).
struct ReaderTarget {
  int field = -1;  // 0 title, 1 body; -1 none (the reader starts at the top)
  uint32_t begin = 0, end = 0;
  bool operator==(const ReaderTarget& o) const { return field == o.field && begin == o.begin && end == o.end; }
};

class Explorer {
 public:
  Explorer();
  ~Explorer();

  // --- Loading. The current corpus stays usable until a new one has loaded completely. ---
  // Starts reading `bytes` (moved in). A load already running is cancelled.
  void begin_load(ByteBuffer bytes, std::string name);
  // Advances the running load (reading, then entity extraction) for about budget_ms. Returns true
  // when no load is running (finished now or earlier). On success the new corpus replaces the old and
  // the filter resets to its full span; on failure the message is appended to errors() and the old
  // corpus is kept.
  bool load_step(double budget_ms);
  // One frame's share of the load, sized by the pacer from the frames before (pacer.h); true when done.
  bool load_frame();
  // The loaded corpus and its entities (as extracted, before the user's corrections) in the snapshot
  // form (snapshot.h): begin_load() of these bytes reopens it without reading JSON or extracting.
  std::string snapshot() const;
  void snapshot(const std::function<void(const char* data, size_t size)>& sink) const;  // in pieces
  // Reads `bytes` to the end in one call (CLI, tests). Returns whether it succeeded.
  bool load_now(ByteBuffer bytes, std::string name);
  // Stops the running load; the corpus loaded before stays, and a notice says so.
  void cancel_load();
  // Replacing a corpus without two in memory at once (WebAssembly memory never shrinks): the caller has
  // taken the loaded corpus's snapshot() out of the module, and set_aside() releases it (an empty
  // corpus, the view and corrections state kept), so the next load reuses its memory. If that load
  // fails or is cancelled, the caller reopens the snapshot after calling restoring(): the messages say
  // the previous corpus is still there, and the reopening keeps the failure's or cancellation's notice.
  void set_aside();
  void restoring() { restoring_ = true; }
  bool loading() const { return loader_ != nullptr || extractor_ != nullptr || pending_co_ != nullptr; }
  double load_progress() const;  // 0..1: reading, then extraction, then indexing
  const char* load_stage() const;  // "reading", "extracting", "indexing" or "" when idle
  // Details of the running load for a progress bar: input bytes read of the total, articles read.
  struct LoadProgress {
    std::string name;
    size_t bytes_done = 0, bytes_total = 0, articles = 0;
  };
  LoadProgress load_progress_detail() const;
  const LoadInfo& last_load() const { return last_load_; }

  const Corpus& corpus() const { return corpus_; }
  // A corpus of daily counts (aggregates.h): each corpus article is a day standing for its articles.
  bool daily_counts() const { return entities_.counts != nullptr; }
  // Articles the visible list stands for (its length, or the days' articles summed), and the corpus's.
  size_t articles_in_list() const;
  size_t articles_counted() const;

  // --- Entities. With a gazetteer set, every loaded corpus is extracted when its load completes. ---
  void set_gazetteer(std::shared_ptr<const Gazetteer> gazetteer);
  const EntityIndex& entities() const { return entities_; }

  // --- Date filter (inclusive days). Recomputes the visible list at once, O(k log k) for k in range. ---
  void set_range(Day from, Day to);
  Day range_from() const { return from_; }
  Day range_to() const { return to_; }
  void set_include_undated(bool on);
  bool include_undated() const { return include_undated_; }
  // Articles passing the filter (range, selection, search) in order() (newest first by default; undated
  // last). Indices into corpus().articles.
  const std::vector<uint32_t>& visible() const { return visible_; }
  // Bumped whenever visible() or the network's counts change (range, scope, measure, thresholds); panels
  // cache on it.
  uint64_t revision() const { return revision_; }

  // --- Co-occurrence network of the date range (and, when an entity is selected, its articles). ---
  // Counts follow the range incrementally; the graph keeps the top_n entities by mentions in range and
  // the edges among them with count >= min_count.
  void set_network(Scope scope, Measure measure, uint32_t min_count, size_t top_n);
  Scope scope() const { return scope_; }
  Measure measure() const { return measure_; }
  uint32_t min_count() const { return min_count_; }
  size_t top_n() const { return top_n_; }
  const Graph& graph() const { return graph_; }
  const Cooccurrence* cooccurrence() const { return co_.get(); }
  ForceAtlas2& layout() { return layout_; }
  // Advances the layout for about budget_ms (a few iterations); returns iterations run.
  int layout_step(double budget_ms);
  double filter_ms() const { return filter_ms_; }  // last incremental range update, counts and graph

  // --- What the network leaves out (the entity table, the list and the exports of entities keep them):
  // whole types (bit i set: EntityType i shown) and single entities by canonical name, e.g. the news
  // agency that co-occurs with everything. Names that match no entity are kept (a later corpus or an
  // undone correction may bring them back). ---
  void set_network_filter(uint8_t type_mask, std::vector<std::string> hidden);
  uint8_t network_types() const { return net_types_; }
  const std::vector<std::string>& network_hidden() const { return net_hidden_; }
  void hide_in_network(const std::string& name);  // adds one name (no-op when already hidden)

  // --- Comparing two periods (compare.h): a baseline range A beside the current range B. While a
  // baseline is set, the network is the three-way graph of A and B (build_compare_graph), the entity
  // table gains A/B counts and trends (view.h), and links only in A show A's evidence. ---
  // Sets the baseline (inclusive days); kUndated for both ends ends the comparison. Either range may
  // move afterwards; both follow incrementally.
  void set_baseline(Day from, Day to);
  // The baseline as long as the current range and ending the day before it starts.
  void set_baseline_before();
  bool comparing() const { return co_a_ != nullptr; }
  Day baseline_from() const { return base_from_; }
  Day baseline_to() const { return base_to_; }
  const Cooccurrence* baseline_cooccurrence() const { return co_a_.get(); }
  // Dated articles in a range of days. O(log n).
  size_t articles_between(Day from, Day to) const;
  // Comparing: draw only the links that changed (only in A or only in B).
  void set_changes_only(bool on);
  bool changes_only() const { return changes_only_; }
  // Per entity and link, what changed from A to B (empty when not comparing). O(entities).
  std::vector<EntityChange> entity_changes(bool sorted = true) const;

  // --- Bursts of attention over the whole corpus (compare.h), computed on first use after each load
  // or correction. O(mentions + entities x bins). ---
  const BurstIndex& bursts() const;
  // Each entity's rank among the canonical names in byte order (for sorting ties by name without
  // comparing strings), made on first use after each load or correction.
  const std::vector<uint32_t>& name_rank() const;

  // Selecting an entity filters the article list to the articles mentioning it (SIZE_MAX: none).
  void select(size_t entity);
  size_t selected() const { return selected_; }
  // Selecting a link filters the article list to the articles mentioning both ends (clears the entity
  // selection); SIZE_MAX, SIZE_MAX clears it.
  void select_pair(size_t a, size_t b);
  std::pair<size_t, size_t> selected_pair() const { return pair_; }
  // Evidence for the selected link: the sentences of the articles in range where both are mentioned
  // (up to `max`), newest first. Empty in document scope when no sentence holds both.
  struct Evidence {
    uint32_t article;
    uint8_t field;       // 0 title, 1 body
    uint32_t begin, end; // the sentence's bytes in that field
  };
  // Comparing, a link only in the baseline shows the baseline's sentences (newest first).
  std::vector<Evidence> pair_evidence(size_t max) const;
  bool pair_evidence_from_baseline() const;
  // Evidence for any link (x, y) whatever is selected or searched: the sentences naming both in the
  // articles of the range (of the baseline for a link only in A), newest first. O(articles of x + y).
  std::vector<Evidence> link_evidence(size_t x, size_t y, size_t max) const;

  // --- Text search over titles and bodies, combined with the range and the selection. ---
  // Case-insensitive (ASCII letters; other bytes as they are). Words must all occur (as substrings);
  // text in double quotes is one phrase. "" clears. O(text bytes) when it changes.
  void set_search(const std::string& text);
  const std::string& search() const { return search_; }
  // Occurrences of the search words in an article (0 when no search is set).
  uint32_t search_hits(size_t article) const { return article < hits_.size() ? hits_[article] : 0; }
  uint64_t search_hits_in_list() const { return hits_in_list_; }  // summed over visible()
  // Where the search's words or phrases occur in a text (byte ranges, sorted), for highlighting.
  // O(text bytes x terms).
  std::vector<std::pair<uint32_t, uint32_t>> search_marks(std::string_view text) const;

  // --- Order of the article list. Relevance: mentions of the selected entity (or of both ends of the
  // selected link), plus search hits; ties newest first. ---
  enum class Order : uint8_t { Newest, Oldest, Relevance };
  void set_order(Order o);
  static const char* order_name(Order o);  // "newest", "oldest", "relevance"
  Order order() const { return order_; }

  // Mentions of an entity in an article. O(mentions of the article).
  uint32_t mentions_in(size_t article, size_t entity) const;
  // Articles mentioning an entity, in corpus order. O(1).
  std::pair<const uint32_t*, const uint32_t*> articles_of(size_t entity) const;

  // Entity id by canonical name (exact, then case-insensitive), or SIZE_MAX.
  size_t find_entity(const std::string& name) const;

  // --- The user's corrections (corrections.h): applied to the extracted entities at once and to every
  // corpus loaded after, until replaced. Every view (table, network, list, reader) reads the corrected
  // entities. ---
  const Rules& rules() const { return rules_; }
  void add_edit(Edit edit);       // one more edit (undoable)
  // Replaces the edits: an imported rules file (undoable), or the ones saved for a corpus just opened
  // (not undoable: the history of another corpus means nothing here).
  void set_rules(Rules rules, bool undoable = true);
  bool undo();                    // false when there is nothing to undo
  bool redo();
  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  // Edits of the rules that matched no entity of this corpus, described.
  const std::vector<std::string>& unmatched_edits() const { return unmatched_; }
  // Bumped whenever the rules change (the page saves them then).
  uint64_t rules_revision() const { return rules_revision_; }

  // --- Reader. ---
  // --- The reader: the one way an article is opened (list, J/K, link evidence, the view hash, the
  // page's API). A target marks a sentence of it and asks the reader to bring it into view. ---
  void open_article(size_t index, ReaderTarget target = {});  // SIZE_MAX closes the reader
  size_t open_article_index() const { return open_; }
  const ReaderTarget& reader_target() const { return target_; }
  // Changes at every open_article(): the reader scrolls (to the top, or to the target) when it does.
  uint64_t open_revision() const { return open_revision_; }

  // --- Messages shown to the user (errors of failed loads, bad API arguments). ---
  const std::vector<std::string>& errors() const { return errors_; }
  void report_error(std::string message);
  // The last outcome worth telling that is not an error: what a load did ("Loaded 9,812 articles ...
  // skipped 3 ...; mapped 'publishedAt' to date") or that a load was cancelled. Bumps notice_id().
  const std::string& notice() const { return notice_; }
  uint64_t notice_id() const { return notice_id_; }

  FrameTimes& frames() { return frames_; }

  // One-line summary: corpus name, article count, date span.
  std::string status_line() const;
  // The state report of the JavaScript API (see README "JavaScript API").
  nlohmann::json state() const;

 private:
  void recompute_visible();
  void sentences_with_both(uint32_t article, size_t x, size_t y, size_t max, std::vector<Evidence>& out) const;
  void finish_load();
  // co: counts already built over the new corpus's full span (nullptr: built here).
  void commit(Corpus corpus, EntityIndex entities, LoadResult& r, std::unique_ptr<Cooccurrence> co = nullptr);
  void open_snapshot(ByteBuffer bytes);  // begin_load() of a snapshot: straight to indexing
  void open_aggregates(ByteBuffer bytes);  // begin_load() of daily counts (aggregates.h): likewise
  void refuse_open(const std::string& error);  // either could not be read: the message, the corpus kept
  void begin_indexing(std::unique_ptr<EntityIndex> index);  // the last load stage, for pending_

  Corpus corpus_;
  EntityIndex entities_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::unique_ptr<CorpusLoader> loader_;
  std::unique_ptr<Corpus> pending_;              // read, being extracted
  std::unique_ptr<EntityExtractor> extractor_;
  // Indexing, the last load stage: co-occurrence counts of the new corpus over its whole span, added a
  // slice of articles per step (so a large corpus does not stall a frame).
  std::unique_ptr<EntityIndex> pending_index_;
  std::unique_ptr<Cooccurrence> pending_co_;
  std::unique_ptr<PairSketch> pending_sketch_;   // while the pairs of the new corpus are estimated
  size_t pending_pos_ = 0;
  LoadResult pending_result_;                    // its load figures and messages
  size_t pending_snapshot_bytes_ = 0;            // it comes from a snapshot of this size
  static constexpr double kSnapshotFrameMs = 250;  // work of a frame while a snapshot is indexed
  std::string loading_name_;
  double load_started_ms_ = 0;
  LoadInfo last_load_;
  LoadPacer pacer_;
  Day from_ = kUndated, to_ = kUndated;
  bool include_undated_ = true;
  std::vector<uint32_t> visible_;
  uint64_t revision_ = 0;
  size_t open_ = SIZE_MAX;
  ReaderTarget target_;
  uint64_t open_revision_ = 0;
  void rebuild_network();
  void update_network();
  Scope scope_ = Scope::Document;
  Measure measure_ = Measure::Count;
  uint32_t min_count_ = 1;
  size_t top_n_ = 60;
  std::unique_ptr<Cooccurrence> co_;
  std::unique_ptr<Cooccurrence> co_a_;  // the baseline's counts while comparing
  uint8_t net_types_ = 0x7;
  std::vector<std::string> net_hidden_;
  Day base_from_ = kUndated, base_to_ = kUndated;
  bool changes_only_ = false;
  mutable std::unique_ptr<BurstIndex> bursts_;  // made on first use; reset with the entities
  mutable std::vector<uint32_t> name_rank_;      // likewise (empty: not made)
  Rules rules_;
  std::vector<Rules> undo_, redo_;
  EntityIndex raw_;          // the entities as extracted, once rules apply (has_raw_)
  bool has_raw_ = false;
  std::vector<std::string> unmatched_;
  uint64_t rules_revision_ = 0;
  void apply_corrections();  // entities_ from raw_ and rules_, and every view after them
  Graph graph_;
  ForceAtlas2 layout_;
  double filter_ms_ = 0;
  size_t selected_ = SIZE_MAX;
  std::pair<size_t, size_t> pair_{SIZE_MAX, SIZE_MAX};
  std::string search_;
  std::vector<uint32_t> hits_;  // per article, when a search is set
  std::vector<std::string> search_terms_;  // the search's words and phrases, folded
  uint64_t hits_in_list_ = 0;
  Order order_ = Order::Newest;
  std::vector<uint32_t> posting_start_, postings_;  // entity -> its articles (CSR)
  void build_postings();
  std::vector<std::string> errors_;
  std::string notice_;
  uint64_t notice_id_ = 0;
  bool set_aside_ = false;  // the corpus was released for a replacement, its snapshot held outside
  bool restoring_ = false;  // the load running reopens the corpus set aside
  FrameTimes frames_;
};

// Milliseconds on a monotonic clock (for durations only).
double now_ms();

// "Loaded 9,812 articles from 'x.json' (12.3 MB); skipped 3 (first: ...); mapped 'publishedAt' to date."
std::string load_summary(const LoadInfo& info);

// "12,345" — thousands separated by commas.
std::string with_commas(size_t n);

}  // namespace ae
