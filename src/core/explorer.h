// explorer.h — the explorer's session, in three parts that change apart: a load in progress
// (load_pipeline.h), the view state the user's actions change (view_state.h: range, network settings,
// selection, search, order, open article), and the views derived from the data and the view state
// (derived_views.h: article list, search hits, network counts and graph), each remade only when its own
// inputs change. Between them: the loaded data (corpus, entities, the user's corrections), the messages,
// and the state report the UI and the JavaScript API read. Every action changes the view state or the
// data, then refresh() brings the derived views up to date. Layer: core.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "clock.h"
#include "compare.h"
#include "cooccurrence.h"
#include "corpus.h"
#include "corrections.h"
#include "derived_views.h"
#include "entities.h"
#include "gazetteer.h"
#include "layout.h"
#include "load_pipeline.h"
#include "loader.h"
#include "snapshot.h"
#include "view_state.h"

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
  double parse_ms = 0;    // time inside the JSON reader
  double extract_ms = 0;  // entity extraction and merging
  double total_ms = 0;    // wall time from begin_load() to the corpus being usable, frames included
  // Paced in frames (load_frame()): the share of the wall time spent working, the gaps between frames.
  size_t frames = 0;
  double duty = 0, frame_gap_p95_ms = 0, frame_gap_max_ms = 0;
  size_t snapshot_bytes = 0;  // reopened from a snapshot of this size (snapshot.h); 0 when read from its input
  size_t articles = 0;
  size_t counted = 0;  // daily counts: the articles the days stand for (articles: the days)
  size_t skipped = 0;
  std::string format;
  std::vector<std::string> mappings;
  std::vector<std::string> warnings;
  size_t warnings_total = 0;
  std::string outcome;  // "loaded", "failed" or "cancelled" (the last load begun); "" before any
};

class Explorer {
 public:
  Explorer();
  ~Explorer();

  // --- Loading. The current corpus stays usable until a new one has loaded completely. ---
  // Starts reading `bytes` (moved in). A load already running is cancelled.
  void begin_load(ByteBuffer bytes, std::string name);
  // The same for an input in pieces that end at line ends (the page's large JSON Lines: loader.h).
  void begin_load(std::vector<ByteBuffer> pieces, std::string name);
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
  // The same a slice at a time, so that keeping a large corpus does not stop the page: begin_snapshot,
  // then snapshot_step(budget_ms) once a frame until it is Done. A change of the corpus or its entities
  // in between (a load, a correction) abandons it (Abandoned: the pieces handed out are not a snapshot).
  enum class SnapshotStep { More, Done, Abandoned, None };
  void begin_snapshot(std::function<void(const char* data, size_t size)> sink);
  SnapshotStep snapshot_step(double budget_ms);
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
  bool loading() const { return pipeline_.running(); }
  double load_progress() const;    // 0..1: reading, then extraction, then indexing
  const char* load_stage() const;  // "reading", "extracting", "indexing" or "" when idle
  // Details of the running load for a progress bar: input bytes read of the total, articles read.
  using LoadProgress = LoadPipeline::Detail;
  LoadProgress load_progress_detail() const { return pipeline_.detail(); }
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
  Day range_from() const { return view_.from; }
  Day range_to() const { return view_.to; }
  void set_include_undated(bool on);
  bool include_undated() const { return view_.include_undated; }
  // Articles passing the filter (range, selection, search) in order() (newest first by default; undated
  // last). Indices into corpus().articles.
  const std::vector<uint32_t>& visible() const { return list_.rows(); }
  // Bumped whenever visible() or the network's counts change (range, scope, measure, thresholds); panels
  // cache on it.
  uint64_t revision() const { return revision_; }

  // --- Co-occurrence network of the date range (and, when an entity is selected, its articles). ---
  // Counts follow the range incrementally; the graph keeps the top_n entities by mentions in range and
  // the edges among them with count >= min_count.
  void set_network(Scope scope, Measure measure, uint32_t min_count, size_t top_n);
  Scope scope() const { return view_.scope; }
  Measure measure() const { return view_.measure; }
  uint32_t min_count() const { return view_.min_count; }
  size_t top_n() const { return view_.top_n; }
  const Graph& graph() const { return network_.graph(); }
  const Cooccurrence* cooccurrence() const { return network_.counts(); }
  ForceAtlas2& layout() { return layout_; }
  // Advances the layout for about budget_ms (a few iterations); returns iterations run.
  int layout_step(double budget_ms);
  double filter_ms() const { return network_.update_ms(); }  // last incremental range update, counts and graph

  // --- What the network leaves out (the entity table, the list and the exports of entities keep them):
  // whole types (bit i set: EntityType i shown) and single entities by canonical name, e.g. the news
  // agency that co-occurs with everything. Names that match no entity are kept (a later corpus or an
  // undone correction may bring them back). ---
  void set_network_filter(uint8_t type_mask, std::vector<std::string> hidden);
  uint8_t network_types() const { return view_.net_types; }
  const std::vector<std::string>& network_hidden() const { return view_.net_hidden; }
  void hide_in_network(const std::string& name);  // adds one name (no-op when already hidden)

  // --- Comparing two periods (compare.h): a baseline range A beside the current range B. While a
  // baseline is set, the network is the three-way graph of A and B (build_compare_graph), the entity
  // table gains A/B counts and trends (view.h), and links only in A show A's evidence. ---
  // Sets the baseline (inclusive days); kUndated for both ends ends the comparison. Either range may
  // move afterwards; both follow incrementally.
  void set_baseline(Day from, Day to);
  // The baseline as long as the current range and ending the day before it starts.
  void set_baseline_before();
  bool comparing() const { return view_.comparing(); }
  Day baseline_from() const { return view_.base_from; }
  Day baseline_to() const { return view_.base_to; }
  const Cooccurrence* baseline_cooccurrence() const { return network_.baseline(); }
  // Dated articles in a range of days. O(log n).
  size_t articles_between(Day from, Day to) const;
  // Comparing: draw only the links that changed (only in A or only in B).
  void set_changes_only(bool on);
  bool changes_only() const { return view_.changes_only; }
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
  size_t selected() const { return view_.selected; }
  // Selecting a link filters the article list to the articles mentioning both ends (clears the entity
  // selection); SIZE_MAX, SIZE_MAX clears it.
  void select_pair(size_t a, size_t b);
  std::pair<size_t, size_t> selected_pair() const { return view_.pair; }
  // Evidence for the selected link: the sentences of the articles in range where both are mentioned
  // (up to `max`), newest first. Empty in document scope when no sentence holds both.
  struct Evidence {
    uint32_t article;
    uint8_t field;        // 0 title, 1 body
    uint32_t begin, end;  // the sentence's bytes in that field
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
  const std::string& search() const { return view_.search; }
  // Occurrences of the search words in an article (0 when no search is set).
  uint32_t search_hits(size_t article) const { return search_.hits(article); }
  uint64_t search_hits_in_list() const { return list_.hits_in_list(); }  // summed over visible()
  // Where the search's words or phrases occur in a text (byte ranges, sorted), for highlighting.
  // O(text bytes x terms).
  std::vector<std::pair<uint32_t, uint32_t>> search_marks(std::string_view text) const;

  // --- Order of the article list (view_state.h). ---
  using Order = ListOrder;
  void set_order(Order o);
  static const char* order_name(Order o);  // "newest", "oldest", "relevance"
  Order order() const { return view_.order; }

  // Mentions of an entity in an article. O(mentions of the article).
  uint32_t mentions_in(size_t article, size_t entity) const { return ae::mentions_in(entities_, article, entity); }
  // Articles mentioning an entity, in corpus order. O(1).
  std::pair<const uint32_t*, const uint32_t*> articles_of(size_t entity) const { return postings_.of(entity); }

  // Entity id by canonical name (exact, then case-insensitive), or SIZE_MAX.
  size_t find_entity(const std::string& name) const { return ae::find_entity(entities_, name); }

  // --- The user's corrections (corrections.h): applied to the extracted entities at once and to every
  // corpus loaded after, until replaced. Every view (table, network, list, reader) reads the corrected
  // entities. ---
  const Rules& rules() const { return rules_; }
  void add_edit(Edit edit);  // one more edit (undoable)
  // Replaces the edits: an imported rules file (undoable), or the ones saved for a corpus just opened
  // (not undoable: the history of another corpus means nothing here).
  void set_rules(Rules rules, bool undoable = true);
  bool undo();  // false when there is nothing to undo
  bool redo();
  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  // Edits of the rules that matched no entity of this corpus, described.
  const std::vector<std::string>& unmatched_edits() const { return unmatched_; }
  // Bumped whenever the rules change (the page saves them then).
  uint64_t rules_revision() const { return rules_revision_; }

  // --- The reader: the one way an article is opened (list, J/K, link evidence, the view hash, the
  // page's API). A target marks a sentence of it and asks the reader to bring it into view. ---
  void open_article(size_t index, ReaderTarget target = {});  // SIZE_MAX closes the reader
  size_t open_article_index() const { return view_.open; }
  const ReaderTarget& reader_target() const { return view_.target; }
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

  // The view state as a value (what the URL hash saves); changed only through the actions above, or
  // all at once (a view restored from a link or Back/Forward): normalised as those actions do (reversed
  // ranges swapped, unknown entities and articles dropped, sentence scope refused for daily counts),
  // and every derived view brought up to date once.
  const ViewState& view_state() const { return view_; }
  void set_view(ViewState view);

  // One-line summary: corpus name, article count, date span.
  std::string status_line() const;
  // The state report of the JavaScript API (see README "JavaScript API").
  nlohmann::json state() const;

 private:
  // Brings every derived view up to date with the data and the view state (each checks its own inputs),
  // and the layout with the graph. Called at the end of every action.
  void refresh();
  // The data changed (a corpus loaded, corrections applied): a new generation, a fresh layout.
  void data_changed();
  void sentences_with_both(uint32_t article, size_t x, size_t y, size_t max, std::vector<Evidence>& out) const;
  void load_failed(const std::string& message);
  void commit(LoadedCorpus loaded);
  void apply_corrections();  // entities_ from raw_ and rules_, and every view after them

  // The load in progress, and the figures of the last one.
  LoadPipeline pipeline_;
  static constexpr double kSnapshotFrameMs = 250;  // work of a frame while a snapshot is indexed
  LoadInfo last_load_;
  bool set_aside_ = false;  // the corpus was released for a replacement, its snapshot held outside
  SnapshotMeta snapshot_meta() const;
  uint64_t data_generation_ = 0;  // changes with the corpus or its entities (commit, re-extraction, corrections)
  std::unique_ptr<SnapshotWriter> writer_;
  uint64_t writer_generation_ = 0;
  bool writer_done_ = false;  // the snapshot begun was written whole at once (daily counts)
  bool restoring_ = false;    // the load running reopens the corpus set aside

  // The data: the corpus, its entities as shown (corrected), as extracted (raw_, once rules apply), the
  // rules and their history. data_ is its generation, the key the derived views start from.
  Corpus corpus_;
  EntityIndex entities_;
  EntityIndex raw_;
  bool has_raw_ = false;
  Rules rules_;
  std::vector<Rules> undo_, redo_;
  std::vector<std::string> unmatched_;
  uint64_t rules_revision_ = 0;
  uint64_t data_ = 0;

  // What the user looks at.
  ViewState view_;
  uint64_t open_revision_ = 0;

  // Derived views.
  Postings postings_;
  SearchHits search_;
  ArticleList list_;
  NetworkView network_;
  ForceAtlas2 layout_;
  uint64_t revision_ = 0;
  mutable std::unique_ptr<BurstIndex> bursts_;  // made on first use for data generation bursts_data_
  mutable uint64_t bursts_data_ = UINT64_MAX;
  mutable std::vector<uint32_t> name_rank_;  // likewise
  mutable uint64_t name_rank_data_ = UINT64_MAX;

  // Messages and frame figures.
  std::vector<std::string> errors_;
  std::string notice_;
  uint64_t notice_id_ = 0;
  FrameTimes frames_;
};

// "Loaded 9,812 articles from 'x.json' (12.3 MB); skipped 3 (first: ...); mapped 'publishedAt' to date."
std::string load_summary(const LoadInfo& info);

// "12,345" — thousands separated by commas.
std::string with_commas(size_t n);

}  // namespace ae
