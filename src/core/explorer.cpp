// explorer.cpp — session state and the state report. Layer: core.
#include "explorer.h"
#include "aggregates.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>

#include "text.h"

namespace ae {

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

std::string with_commas(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void FrameStats::add(double ms) {
  samples_[next_] = ms;
  next_ = (next_ + 1) % kCapacity;
  if (count_ < kCapacity) ++count_;
}

double FrameStats::percentile(double p) const {
  if (count_ == 0) return 0;
  std::vector<double> v(samples_, samples_ + count_);
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(p / 100.0 * static_cast<double>(count_) + 0.999999);
  rank = std::min(std::max<size_t>(rank, 1), count_);
  return v[rank - 1];
}

Explorer::Explorer() = default;
Explorer::~Explorer() = default;

void Explorer::begin_load(ByteBuffer bytes, std::string name) {
  loading_name_ = name;
  load_started_ms_ = now_ms();
  pacer_.reset();
  if (is_snapshot(bytes.data(), bytes.size())) {
    open_snapshot(std::move(bytes));
    return;
  }
  if (is_aggregates(std::string_view(bytes.data(), bytes.size()))) {
    open_aggregates(std::move(bytes));
    return;
  }
  loader_ = std::make_unique<CorpusLoader>(std::move(bytes), std::move(name));
}

void Explorer::refuse_open(const std::string& error) {
  last_load_.outcome = "failed";
  report_error("Could not open '" + loading_name_ + "': " + error +
               (corpus_.size() || set_aside_ ? ". The previous corpus is still loaded." : "."));
}

void Explorer::open_snapshot(ByteBuffer bytes) {
  const double t0 = now_ms();
  auto corpus = std::make_unique<Corpus>();
  auto index = std::make_unique<EntityIndex>();
  SnapshotMeta meta;
  std::string error;
  const size_t size = bytes.size();
  if (!read_snapshot(std::move(bytes), *corpus, *index, meta, error)) {
    refuse_open(error);
    return;
  }
  pending_result_ = LoadResult{};
  pending_result_.ok = true;
  pending_result_.bytes = meta.bytes;  // the figures of the corpus's own load, kept for the next snapshot
  pending_result_.format = meta.format;
  pending_snapshot_bytes_ = size;
  pending_result_.skipped = meta.skipped;
  pending_result_.warnings = std::move(meta.warnings);
  pending_result_.warnings_total = meta.warnings_total;
  pending_result_.mappings = std::move(meta.mappings);
  pending_result_.parse_ms = now_ms() - t0;
  pending_ = std::move(corpus);
  begin_indexing(std::move(index));
}

void Explorer::open_aggregates(ByteBuffer bytes) {
  const double t0 = now_ms();
  auto corpus = std::make_unique<Corpus>();
  auto index = std::make_unique<EntityIndex>();
  std::string error;
  if (!read_aggregates(std::string_view(bytes.data(), bytes.size()), loading_name_, *corpus, *index, error)) {
    refuse_open(error);
    return;
  }
  pending_result_ = LoadResult{};
  pending_result_.ok = true;
  pending_result_.bytes = bytes.size();
  pending_result_.format = "aggregates";
  pending_result_.parse_ms = now_ms() - t0;
  pending_ = std::move(corpus);
  begin_indexing(std::move(index));
}

void Explorer::begin_indexing(std::unique_ptr<EntityIndex> index) {
  pending_index_ = std::move(index);
  pending_co_ = std::make_unique<Cooccurrence>(*pending_, *pending_index_, scope_);
  pending_pos_ = 0;
  pending_sketch_ = std::make_unique<PairSketch>();
}

std::string Explorer::snapshot() const {
  std::string out;
  snapshot([&](const char* data, size_t size) { out.append(data, size); });
  return out;
}

void Explorer::snapshot(const std::function<void(const char* data, size_t size)>& sink) const {
  SnapshotMeta meta;
  meta.format = last_load_.format;
  meta.bytes = last_load_.bytes;
  meta.skipped = last_load_.skipped;
  meta.warnings = last_load_.warnings;
  meta.warnings_total = last_load_.warnings_total;
  meta.mappings = last_load_.mappings;
  if (entities_.counts) {  // daily counts: kept as the aggregates they were read from
    const std::string text = write_aggregates(corpus_, entities_);
    sink(text.data(), text.size());
    return;
  }
  write_snapshot(corpus_, has_raw_ ? raw_ : entities_, meta, sink);
}

bool Explorer::load_step(double budget_ms) {
  const double t0 = now_ms();
  constexpr size_t kSliceBytes = 256u << 10;
  // Each call makes progress (one slice at least), then goes on while time is left.
  bool worked = false;
  while (loader_ && (!worked || now_ms() - t0 < budget_ms)) {
    worked = true;
    if (loader_->step(kSliceBytes)) finish_load();
  }
  if (extractor_ && (!worked || now_ms() - t0 < budget_ms)) {
    worked = true;
    if (extractor_->step(std::max(0.0, budget_ms - (now_ms() - t0)))) {
      auto index = std::make_unique<EntityIndex>(extractor_->take());
      extractor_.reset();
      begin_indexing(std::move(index));
    }
  }
  while (pending_co_ && (!worked || now_ms() - t0 < budget_ms)) {
    worked = true;
    constexpr size_t kSliceArticles = 512;
    const size_t next = std::min(pending_->dated, pending_pos_ + kSliceArticles);
    if (pending_sketch_) {
      // First a pass that only estimates the distinct pairs, so the pair table is made once.
      pending_co_->sketch_positions(pending_pos_, next, *pending_sketch_);
      pending_pos_ = next;
      if (pending_pos_ >= pending_->dated) {
        pending_co_->reserve_pairs(pending_sketch_->estimate());
        pending_sketch_.reset();
        pending_pos_ = 0;
      }
      continue;
    }
    pending_pos_ = next;
    pending_co_->set_positions(0, pending_pos_);
    if (pending_pos_ >= pending_->dated) {
      std::unique_ptr<Cooccurrence> co = std::move(pending_co_);
      EntityIndex index = std::move(*pending_index_);
      pending_index_.reset();
      Corpus c = std::move(*pending_);
      pending_.reset();
      commit(std::move(c), std::move(index), pending_result_, std::move(co));
    }
  }
  return !loading();
}

bool Explorer::load_frame() {
  const double t0 = now_ms();
  double budget = pacer_.budget(t0);
  // A snapshot reopens in one go when it can: its indexing is the only work left (Reuters-21578: about
  // 0.1-0.2 s), and the page has nothing to show until it is done.
  if (pending_snapshot_bytes_) budget = std::max(budget, kSnapshotFrameMs);
  const bool done = load_step(budget);
  pacer_.worked(now_ms() - t0);
  return done;
}

bool Explorer::load_now(ByteBuffer bytes, std::string name) {
  const size_t errors_before = errors_.size();
  begin_load(std::move(bytes), std::move(name));
  while (!load_step(1e9)) {
  }
  return errors_.size() == errors_before;
}

void Explorer::cancel_load() {
  if (loading()) {
    last_load_.outcome = "cancelled";
    notice_ = "Stopped loading '" + printable_utf8(loading_name_) + "'" +
              (corpus_.size() || set_aside_ ? "; the previous corpus is still loaded." : ".");
    ++notice_id_;
  }
  loader_.reset();
  extractor_.reset();
  pending_co_.reset();
  pending_sketch_.reset();
  pending_index_.reset();
  pending_.reset();
  pending_snapshot_bytes_ = 0;
}

double Explorer::load_progress() const {
  if (loader_) {
    if (loader_->bytes_total() == 0) return 0.0;
    return 0.5 * static_cast<double>(loader_->bytes_done()) / static_cast<double>(loader_->bytes_total());
  }
  if (extractor_) return 0.5 + 0.45 * extractor_->progress();
  if (pending_co_ && pending_) {
    const double part = static_cast<double>(pending_pos_) / static_cast<double>(std::max<size_t>(1, pending_->dated));
    return pending_sketch_ ? 0.95 + 0.01 * part : 0.96 + 0.04 * part;  // estimating the pairs, then counting them
  }
  return 1.0;
}

Explorer::LoadProgress Explorer::load_progress_detail() const {
  LoadProgress p;
  if (!loading()) return p;
  p.name = loading_name_;
  if (loader_) {
    p.bytes_done = loader_->bytes_done();
    p.bytes_total = loader_->bytes_total();
    p.articles = loader_->articles_done();
  } else {
    p.bytes_done = p.bytes_total = pending_result_.bytes;
    p.articles = pending_ ? pending_->size() : 0;
  }
  return p;
}

const char* Explorer::load_stage() const {
  return loader_ ? "reading" : extractor_ ? "extracting" : pending_co_ ? "indexing" : "";
}

void Explorer::finish_load() {
  LoadResult r = loader_->take();
  loader_.reset();
  if (!r.ok) {
    std::string where;
    if (r.error.line) where = " at line " + std::to_string(r.error.line) + ", column " + std::to_string(r.error.column);
    last_load_.outcome = "failed";
    report_error("Could not load '" + loading_name_ + "'" + where + ": " + r.error.message +
                 (corpus_.size() || set_aside_ ? ". The previous corpus is still loaded." : "."));
    return;
  }
  if (gazetteer_) {
    pending_ = std::make_unique<Corpus>(std::move(r.corpus));
    pending_result_ = std::move(r);
    extractor_ = std::make_unique<EntityExtractor>(*pending_, gazetteer_);
    return;
  }
  commit(std::move(r.corpus), EntityIndex{}, r);
}

void Explorer::commit(Corpus corpus, EntityIndex entities, LoadResult& r, std::unique_ptr<Cooccurrence> co) {
  const std::string prior_outcome = last_load_.outcome;  // a reopening after it keeps it
  corpus_ = std::move(corpus);
  entities_ = std::move(entities);
  if (entities_.counts) scope_ = Scope::Document;  // all that daily counts hold
  raw_ = EntityIndex();
  has_raw_ = false;
  unmatched_.clear();
  if (!rules_.empty() && !entities_.counts) {  // the user's corrections carry over to the corpus just loaded
    raw_ = std::move(entities_);
    has_raw_ = true;
    entities_ = apply_rules(rules_, corpus_, raw_, &unmatched_);
    entities_.extract_ms = raw_.extract_ms;
    co.reset();  // its counts were made from the uncorrected entities
  }
  last_load_ = LoadInfo{};
  last_load_.extract_ms = entities_.extract_ms;
  last_load_.name = corpus_.name;
  last_load_.bytes = r.bytes;
  last_load_.parse_ms = r.parse_ms;
  last_load_.articles = corpus_.size();
  last_load_.counted = articles_counted();
  last_load_.skipped = r.skipped;
  last_load_.format = r.format;
  last_load_.mappings = std::move(r.mappings);
  last_load_.warnings = std::move(r.warnings);
  last_load_.warnings_total = r.warnings_total;
  last_load_.snapshot_bytes = pending_snapshot_bytes_;
  pending_snapshot_bytes_ = 0;
  open_ = SIZE_MAX;
  target_ = ReaderTarget{};
  ++open_revision_;
  selected_ = SIZE_MAX;
  pair_ = {SIZE_MAX, SIZE_MAX};
  co_a_.reset();  // a comparison's dates belong to the corpus before
  base_from_ = base_to_ = kUndated;
  bursts_.reset();
  name_rank_.clear();
  from_ = corpus_.date_min;
  to_ = corpus_.date_max;
  layout_ = ForceAtlas2();
  build_postings();
  if (!search_.empty()) {
    const std::string q = search_;
    search_.clear();
    hits_.clear();
    set_search(q);  // the search carries over to the new corpus
  }
  if (co && co->scope() == scope_) {  // counts of the full span, built during the load
    co_ = std::move(co);
    co_->rebind(corpus_);
    const double t0 = now_ms();
    graph_ = build_graph(*co_, measure_, min_count_, top_n_);
    layout_.set_graph(graph_);
    filter_ms_ = now_ms() - t0;
  } else {
    rebuild_network();
  }
  recompute_visible();
  last_load_.total_ms = now_ms() - load_started_ms_;
  last_load_.frames = pacer_.frames();
  last_load_.duty = pacer_.duty();
  last_load_.frame_gap_p95_ms = pacer_.gap_percentile(95);
  last_load_.frame_gap_max_ms = pacer_.gap_max();
  last_load_.outcome = "loaded";
  set_aside_ = false;
  if (restoring_) {  // the corpus set aside is back: the outcome and notice of the load that did not succeed stay
    restoring_ = false;
    last_load_.outcome = prior_outcome;
    return;
  }
  notice_ = printable_utf8(load_summary(last_load_));  // it may quote a skipped line's bytes
  ++notice_id_;
}

void Explorer::set_aside() {
  if (loading() || corpus_.size() == 0) return;
  const std::string notice = notice_;
  const uint64_t notice_id = notice_id_;
  LoadResult empty;
  empty.ok = true;
  restoring_ = false;
  commit(Corpus{}, EntityIndex{}, empty);
  notice_ = notice;  // (nothing to announce: the next load follows at once)
  notice_id_ = notice_id;
  set_aside_ = true;
}

std::string load_summary(const LoadInfo& info) {
  char size[32];
  std::snprintf(size, sizeof size, info.bytes >= 1000000 ? "%.1f MB" : "%.1f kB",
                info.bytes >= 1000000 ? info.bytes / 1e6 : info.bytes / 1e3);
  if (info.format == "aggregates")
    return "Loaded daily counts of " + with_commas(info.counted) + (info.counted == 1 ? " article" : " articles") + " (" +
           with_commas(info.articles) + (info.articles == 1 ? " day" : " days") + ") from '" + info.name + "' (" + size +
           "); their text is not included.";
  std::string s = "Loaded " + with_commas(info.articles) + (info.articles == 1 ? " article" : " articles") +
                  " from '" + info.name + "' (" + size + ")";
  if (info.skipped) {
    s += "; skipped " + with_commas(info.skipped);
    for (const std::string& w : info.warnings)
      if (w.find("skipped") != std::string::npos) {
        s += " (first: " + w + ")";
        break;
      }
  }
  const size_t other = info.warnings_total - std::min(info.warnings_total, info.skipped);
  if (other) s += "; " + with_commas(other) + (other == 1 ? " warning" : " warnings");
  if (!info.mappings.empty()) {
    s += "; ";
    for (size_t i = 0; i < info.mappings.size(); ++i) s += (i ? ", " : "") + info.mappings[i];
  }
  return s + ".";
}

void Explorer::apply_corrections() {
  if (!has_raw_) {
    raw_ = entities_;
    has_raw_ = true;
  }
  const std::string selected = selected_ < entities_.entities.size() ? entities_.entities[selected_].name : "";
  const std::string pa = pair_.first < entities_.entities.size() ? entities_.entities[pair_.first].name : "";
  const std::string pb = pair_.second < entities_.entities.size() ? entities_.entities[pair_.second].name : "";
  unmatched_.clear();
  if (raw_.counts) {
    // Daily counts cannot be merged or split (which articles mention both is not known): corrections
    // need the articles. The edits are kept (for a corpus of articles opened later) but not applied.
    entities_ = raw_;
    for (const Edit& e : rules_.edits) unmatched_.push_back(describe(e) + " (not applied: daily counts)");
  } else {
    entities_ = apply_rules(rules_, corpus_, raw_, &unmatched_);
  }
  entities_.extract_ms = raw_.extract_ms;
  ++rules_revision_;
  build_postings();
  bursts_.reset();
  name_rank_.clear();
  // The selection follows its name (gone when the edit hid or merged it away).
  selected_ = selected.empty() ? SIZE_MAX : find_entity(selected);
  const size_t a = pa.empty() ? SIZE_MAX : find_entity(pa), b = pb.empty() ? SIZE_MAX : find_entity(pb);
  pair_ = a != SIZE_MAX && b != SIZE_MAX && a != b ? std::make_pair(a, b) : std::make_pair(SIZE_MAX, SIZE_MAX);
  layout_ = ForceAtlas2();
  rebuild_network();
  recompute_visible();
}

void Explorer::add_edit(Edit edit) {
  undo_.push_back(rules_);
  redo_.clear();
  rules_.edits.push_back(std::move(edit));
  apply_corrections();
}

void Explorer::set_rules(Rules rules, bool undoable) {
  if (undoable) {
    undo_.push_back(rules_);
  } else {
    undo_.clear();
  }
  redo_.clear();
  const bool same = rules == rules_;
  rules_ = std::move(rules);
  if (same && (has_raw_ || rules_.empty())) return;  // nothing to apply again
  apply_corrections();
}

bool Explorer::undo() {
  if (undo_.empty()) return false;
  redo_.push_back(std::move(rules_));
  rules_ = std::move(undo_.back());
  undo_.pop_back();
  apply_corrections();
  return true;
}

bool Explorer::redo() {
  if (redo_.empty()) return false;
  undo_.push_back(std::move(rules_));
  rules_ = std::move(redo_.back());
  redo_.pop_back();
  apply_corrections();
  return true;
}

void Explorer::set_gazetteer(std::shared_ptr<const Gazetteer> gazetteer) {
  gazetteer_ = std::move(gazetteer);
  if (gazetteer_ && corpus_.size()) {
    entities_ = extract_entities(corpus_, *gazetteer_);
    last_load_.extract_ms = entities_.extract_ms;
    raw_ = EntityIndex();
    has_raw_ = false;
    bursts_.reset();
  name_rank_.clear();
    if (!rules_.empty()) apply_corrections();
  }
}

void Explorer::set_range(Day from, Day to) {
  if (from != kUndated && to != kUndated && from > to) std::swap(from, to);
  from_ = from;
  to_ = to;
  update_network();
  recompute_visible();
}

void Explorer::set_network(Scope scope, Measure measure, uint32_t min_count, size_t top_n) {
  if (entities_.counts) scope = Scope::Document;  // all that daily counts hold
  const bool rescope = scope != scope_;
  scope_ = scope;
  measure_ = measure;
  min_count_ = std::max<uint32_t>(1, min_count);
  top_n_ = top_n;
  if (rescope) rebuild_network();
  else update_network();
}

void Explorer::rebuild_network() {
  co_ = std::make_unique<Cooccurrence>(corpus_, entities_, scope_);
  if (co_a_) {
    co_a_ = std::make_unique<Cooccurrence>(corpus_, entities_, scope_);
    co_a_->set_range(base_from_, base_to_);
  }
  update_network();
}

void Explorer::set_baseline(Day from, Day to) {
  const double t0 = now_ms();
  if (from == kUndated || to == kUndated || corpus_.dated == 0) {
    if (!co_a_) return;
    co_a_.reset();
    base_from_ = base_to_ = kUndated;
  } else {
    if (from > to) std::swap(from, to);
    base_from_ = from;
    base_to_ = to;
    if (!co_a_) co_a_ = std::make_unique<Cooccurrence>(corpus_, entities_, scope_);
    co_a_->set_range(base_from_, base_to_);
  }
  const double counts_ms = now_ms() - t0;
  update_network();
  filter_ms_ += counts_ms;  // the baseline's counts as well as the graph
}

void Explorer::set_baseline_before() {
  if (from_ == kUndated || to_ == kUndated) return;
  const Day len = to_ - from_ + 1;
  set_baseline(from_ - len, from_ - 1);
}

size_t Explorer::articles_in_list() const {
  if (!entities_.counts) return visible_.size();
  size_t n = 0;
  for (uint32_t a : visible_) n += entities_.weight(a);
  return n;
}

size_t Explorer::articles_counted() const {
  if (!entities_.counts) return corpus_.size();
  size_t n = 0;
  for (size_t a = 0; a < corpus_.size(); ++a) n += entities_.weight(a);
  return n;
}

size_t Explorer::articles_between(Day from, Day to) const {
  if (from == kUndated || to == kUndated) return 0;
  const auto [first, last] = corpus_.dated_span(from, to);
  if (!entities_.counts) return last - first;
  size_t n = 0;  // daily counts: the articles each day stands for
  for (size_t k = first; k < last; ++k) n += entities_.weight(corpus_.by_date[k]);
  return n;
}

void Explorer::set_network_filter(uint8_t type_mask, std::vector<std::string> hidden) {
  std::sort(hidden.begin(), hidden.end());
  hidden.erase(std::unique(hidden.begin(), hidden.end()), hidden.end());
  type_mask &= 0x7;
  if (type_mask == net_types_ && hidden == net_hidden_) return;
  net_types_ = type_mask;
  net_hidden_ = std::move(hidden);
  update_network();
}

void Explorer::hide_in_network(const std::string& name) {
  std::vector<std::string> h = net_hidden_;
  h.push_back(name);
  set_network_filter(net_types_, std::move(h));
}

void Explorer::set_changes_only(bool on) {
  if (on == changes_only_) return;
  changes_only_ = on;
  update_network();
}

std::vector<EntityChange> Explorer::entity_changes(bool sorted) const {
  if (!co_a_ || !co_) return {};
  return compare_entities(*co_a_, *co_, sorted);
}

const BurstIndex& Explorer::bursts() const {
  if (!bursts_) bursts_ = std::make_unique<BurstIndex>(compute_bursts(corpus_, entities_));
  return *bursts_;
}

const std::vector<uint32_t>& Explorer::name_rank() const {
  const auto& ents = entities_.entities;
  if (name_rank_.size() != ents.size()) {
    std::vector<uint32_t> order(ents.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return ents[x].name < ents[y].name; });
    name_rank_.assign(ents.size(), 0);
    for (uint32_t k = 0; k < order.size(); ++k) name_rank_[order[k]] = k;
  }
  return name_rank_;
}

void Explorer::update_network() {
  if (!co_) return;
  const double t0 = now_ms();
  if (from_ != kUndated && to_ != kUndated) co_->set_range(from_, to_);
  else co_->set_positions(0, 0);
  // What the network leaves out, by type and by name.
  std::vector<char> skip;
  if (net_types_ != 0x7 || !net_hidden_.empty()) {
    skip.assign(entities_.entities.size(), 0);
    for (size_t e = 0; e < skip.size(); ++e)
      skip[e] = !(net_types_ & (1u << static_cast<int>(entities_.entities[e].type)));
    for (const std::string& name : net_hidden_) {
      const size_t e = find_entity(name);
      if (e < skip.size()) skip[e] = 1;
    }
  }
  const std::vector<char>* sk = skip.empty() ? nullptr : &skip;
  graph_ = co_a_ ? build_compare_graph(*co_a_, *co_, measure_, min_count_, top_n_, changes_only_, sk)
                 : build_graph(*co_, measure_, min_count_, top_n_, sk);
  layout_.set_graph(graph_);
  filter_ms_ = now_ms() - t0;
  ++revision_;  // views keyed on the revision (the entity table's degrees) read the new counts
}

int Explorer::layout_step(double budget_ms) {
  const double t0 = now_ms();
  int total = 0;
  while (!layout_.converged() && now_ms() - t0 < budget_ms) total += layout_.run(1);
  return total;
}

void Explorer::select(size_t entity) {
  selected_ = entity < entities_.entities.size() ? entity : SIZE_MAX;
  pair_ = {SIZE_MAX, SIZE_MAX};
  recompute_visible();
}

void Explorer::select_pair(size_t a, size_t b) {
  const size_t n = entities_.entities.size();
  pair_ = a < n && b < n && a != b ? std::make_pair(a, b) : std::make_pair(SIZE_MAX, SIZE_MAX);
  if (pair_.first != SIZE_MAX) selected_ = SIZE_MAX;
  recompute_visible();
}

bool Explorer::pair_evidence_from_baseline() const {
  if (!co_a_ || !co_ || pair_.first == SIZE_MAX) return false;
  const uint32_t x = static_cast<uint32_t>(pair_.first), y = static_cast<uint32_t>(pair_.second);
  return co_->pair_count(x, y) == 0 && co_a_->pair_count(x, y) > 0;
}

std::vector<Explorer::Evidence> Explorer::pair_evidence(size_t max) const {
  std::vector<Evidence> out;
  if (pair_.first == SIZE_MAX) return out;
  std::vector<uint32_t> baseline;  // the baseline's articles, newest first
  if (pair_evidence_from_baseline()) {
    const auto [first, last] = corpus_.dated_span(base_from_, base_to_);
    for (size_t i = last; i > first; --i) baseline.push_back(corpus_.by_date[i - 1]);
  }
  for (uint32_t a : baseline.empty() ? visible_ : baseline) {
    if (out.size() >= max) break;
    sentences_with_both(a, pair_.first, pair_.second, max, out);
  }
  return out;
}

std::vector<Explorer::Evidence> Explorer::link_evidence(size_t x, size_t y, size_t max) const {
  std::vector<Evidence> out;
  const size_t n = entities_.entities.size();
  if (x >= n || y >= n || x == y || from_ == kUndated) return out;
  const bool from_a = co_a_ && co_ && co_->pair_count(static_cast<uint32_t>(x), static_cast<uint32_t>(y)) == 0 &&
                      co_a_->pair_count(static_cast<uint32_t>(x), static_cast<uint32_t>(y)) > 0;
  const Day from = from_a ? base_from_ : from_, to = from_a ? base_to_ : to_;
  // The articles of both (sorted postings), in the range, newest first.
  auto [xa, xb] = articles_of(x);
  auto [ya, yb] = articles_of(y);
  std::vector<uint32_t> both;
  std::set_intersection(xa, xb, ya, yb, std::back_inserter(both));
  both.erase(std::remove_if(both.begin(), both.end(),
                            [&](uint32_t a) {
                              const Day d = corpus_.articles[a].date;
                              return d == kUndated || d < from || d > to;
                            }),
             both.end());
  std::stable_sort(both.begin(), both.end(),
                   [&](uint32_t p, uint32_t q) { return corpus_.articles[p].date > corpus_.articles[q].date; });
  for (uint32_t a : both) {
    if (out.size() >= max) break;
    sentences_with_both(a, x, y, max, out);
  }
  return out;
}

void Explorer::sentences_with_both(uint32_t a, size_t x, size_t y, size_t max, std::vector<Evidence>& out) const {
  if (entities_.counts) return;  // daily counts: no text, no sentences
  const auto& ms = entities_.by_article[a];
  std::vector<uint32_t> sa, sb;
  for (const Mention& m : ms) {
    if (m.begin == kNoOffset) continue;
    if (m.entity == x) sa.push_back(m.sentence);
    if (m.entity == y) sb.push_back(m.sentence);
  }
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  std::vector<uint32_t> both;
  std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(both));
  both.erase(std::unique(both.begin(), both.end()), both.end());
  if (both.empty()) return;
  std::vector<Token> toks;
  const Article& art = corpus_.articles[a];
  tokenize(art.title, toks);
  const uint32_t title_sentences = toks.empty() ? 0 : toks.back().sentence + 1;
  for (uint32_t sent : both) {
    const uint8_t field = sent < title_sentences ? 0 : 1;
    const uint32_t local = field == 0 ? sent : sent - title_sentences;
    if (field == 1) tokenize(art.body, toks);
    else tokenize(art.title, toks);
    // The sentence: its first word to its last word, plus the punctuation attached after it.
    uint32_t b = UINT32_MAX, e = 0;
    size_t last = SIZE_MAX;
    for (size_t k = 0; k < toks.size(); ++k)
      if (toks[k].sentence == local && toks[k].word()) {
        b = std::min(b, toks[k].begin);
        e = std::max(e, toks[k].end);
        last = k;
      }
    for (size_t k = last + 1; last != SIZE_MAX && k < toks.size() && !toks[k].word() && !(toks[k].flags & kTokSpaceBefore);
         ++k)
      e = toks[k].end;
    if (b == UINT32_MAX) continue;
    out.push_back({a, field, b, e});
    if (out.size() >= max) break;
  }
}

size_t Explorer::find_entity(const std::string& name) const {
  for (size_t i = 0; i < entities_.entities.size(); ++i)
    if (entities_.entities[i].name == name) return i;
  const std::string lower = ascii_lower(name);
  for (size_t i = 0; i < entities_.entities.size(); ++i)
    if (ascii_lower(entities_.entities[i].name) == lower) return i;
  return SIZE_MAX;
}

void Explorer::set_include_undated(bool on) {
  include_undated_ = on;
  recompute_visible();
}

void Explorer::build_postings() {
  const size_t ne = entities_.entities.size();
  posting_start_.assign(ne + 1, 0);
  std::vector<uint32_t> last(ne, UINT32_MAX);
  for (uint32_t a = 0; a < entities_.by_article.size(); ++a)
    for (const Mention& m : entities_.by_article[a])
      if (last[m.entity] != a) {
        last[m.entity] = a;
        ++posting_start_[m.entity + 1];
      }
  for (size_t e = 0; e < ne; ++e) posting_start_[e + 1] += posting_start_[e];
  postings_.assign(posting_start_[ne], 0);
  std::vector<uint32_t> fill(posting_start_.begin(), posting_start_.end() - 1);
  std::fill(last.begin(), last.end(), UINT32_MAX);
  for (uint32_t a = 0; a < entities_.by_article.size(); ++a)
    for (const Mention& m : entities_.by_article[a])
      if (last[m.entity] != a) {
        last[m.entity] = a;
        postings_[fill[m.entity]++] = a;
      }
}

std::pair<const uint32_t*, const uint32_t*> Explorer::articles_of(size_t entity) const {
  if (entity + 1 >= posting_start_.size()) return {nullptr, nullptr};
  return {postings_.data() + posting_start_[entity], postings_.data() + posting_start_[entity + 1]};
}

uint32_t Explorer::mentions_in(size_t article, size_t entity) const {
  if (article >= entities_.by_article.size()) return 0;
  uint32_t n = 0;
  const auto& ms = entities_.by_article[article];
  for (size_t k = 0; k < ms.size(); ++k)
    if (ms[k].entity == entity) n += entities_.mention_count(article, k);
  return n;
}

void Explorer::set_search(const std::string& text) {
  search_ = text;
  hits_.clear();
  // Terms: quoted phrases, else words.
  std::vector<std::string> terms;
  std::string cur;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      if (!cur.empty()) terms.push_back(cur);
      cur.clear();
      quoted = !quoted;
    } else if (!quoted && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      if (!cur.empty()) terms.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) terms.push_back(cur);
  // Compared as search_fold has them (case, Arabic letter variants and marks); a term of marks only is none.
  for (std::string& t : terms) t = search_fold(t);
  terms.erase(std::remove_if(terms.begin(), terms.end(), [](const std::string& t) { return t.empty(); }), terms.end());
  search_terms_ = terms;
  if (!terms.empty()) {
    hits_.assign(corpus_.size(), 0);
    for (size_t a = 0; a < corpus_.size(); ++a) {
      const Article& art = corpus_.articles[a];
      uint32_t total = 0;
      for (const std::string& t : terms) {
        const uint32_t n = count_folded(art.title, t) + count_folded(art.body, t);
        if (n == 0) {
          total = 0;
          break;
        }
        total += n;
      }
      hits_[a] = total;
    }
  }
  recompute_visible();
}

std::vector<std::pair<uint32_t, uint32_t>> Explorer::search_marks(std::string_view text) const {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const std::string& t : search_terms_) {
    const auto found = find_folded(text, t);
    out.insert(out.end(), found.begin(), found.end());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const char* Explorer::order_name(Order o) {
  return o == Order::Newest ? "newest" : o == Order::Oldest ? "oldest" : "relevance";
}

void Explorer::set_order(Order o) {
  order_ = o;
  recompute_visible();
}

void Explorer::recompute_visible() {
  visible_.clear();
  const bool searching = !hits_.empty();
  auto mentions_selected = [&](uint32_t a) {
    if (searching && hits_[a] == 0) return false;
    if (selected_ == SIZE_MAX && pair_.first == SIZE_MAX) return true;
    if (a >= entities_.by_article.size()) return false;
    bool one = false, two = false;
    for (const Mention& m : entities_.by_article[a]) {
      if (m.entity == selected_) return true;
      one |= m.entity == pair_.first;
      two |= m.entity == pair_.second;
    }
    return one && two && (!entities_.counts || entities_.pair_articles(a, static_cast<uint32_t>(pair_.first),
                                                                        static_cast<uint32_t>(pair_.second)) > 0);
  };
  if (from_ != kUndated && to_ != kUndated) {
    auto [first, last] = corpus_.dated_span(from_, to_);
    visible_.reserve(last - first + (include_undated_ ? corpus_.undated() : 0));
    for (size_t i = last; i > first; --i)
      if (mentions_selected(corpus_.by_date[i - 1])) visible_.push_back(corpus_.by_date[i - 1]);
  }
  if (include_undated_)
    for (size_t i = corpus_.dated; i < corpus_.by_date.size(); ++i)
      if (mentions_selected(corpus_.by_date[i])) visible_.push_back(corpus_.by_date[i]);
  hits_in_list_ = 0;
  if (searching)
    for (uint32_t a : visible_) hits_in_list_ += hits_[a];
  if (order_ == Order::Oldest) {
    // Dated oldest first, undated still last.
    const auto undated = std::find_if(visible_.begin(), visible_.end(),
                                      [&](uint32_t a) { return corpus_.articles[a].date == kUndated; });
    std::reverse(visible_.begin(), undated);
  } else if (order_ == Order::Relevance) {
    std::vector<std::pair<uint32_t, uint32_t>> scored;  // (score, position in newest-first order)
    scored.reserve(visible_.size());
    for (uint32_t k = 0; k < visible_.size(); ++k) {
      const uint32_t a = visible_[k];
      uint32_t score = searching ? hits_[a] : 0;
      if (selected_ != SIZE_MAX) score += mentions_in(a, selected_);
      if (pair_.first != SIZE_MAX) score += mentions_in(a, pair_.first) + mentions_in(a, pair_.second);
      scored.push_back({score, k});
    }
    std::stable_sort(scored.begin(), scored.end(), [](auto& x, auto& y) { return x.first > y.first; });
    std::vector<uint32_t> out;
    out.reserve(visible_.size());
    for (auto& sc : scored) out.push_back(visible_[sc.second]);
    visible_.swap(out);
  }
  ++revision_;
}

void Explorer::open_article(size_t index, ReaderTarget target) {
  open_ = index < corpus_.size() ? index : SIZE_MAX;
  target_ = open_ == SIZE_MAX ? ReaderTarget{} : target;
  ++open_revision_;
}

void Explorer::report_error(std::string message) {
  errors_.push_back(printable_utf8(message));  // messages may quote input bytes; the report stays UTF-8
  if (errors_.size() > 100) errors_.erase(errors_.begin());
}

std::string Explorer::status_line() const {
  if (corpus_.size() == 0) return loader_ ? "Loading " + loading_name_ + "..." : "No corpus loaded";
  const size_t counted = articles_counted();
  std::string s = corpus_.name + " · " + with_commas(counted) + (counted == 1 ? " article" : " articles");
  if (entities_.counts)
    s += " in daily counts (" + with_commas(corpus_.size()) + (corpus_.size() == 1 ? " day" : " days") + ", no text)";
  if (corpus_.dated) {
    s += " · " + format_iso(corpus_.date_min);
    if (corpus_.date_max != corpus_.date_min) s += " to " + format_iso(corpus_.date_max);
  }
  if (corpus_.undated()) s += " · " + with_commas(corpus_.undated()) + " undated";
  return s;
}

nlohmann::json Explorer::state() const {
  nlohmann::json s;
  s["corpus_name"] = corpus_.name;
  s["articles_total"] = corpus_.size();
  s["articles_dated"] = corpus_.dated;
  s["articles_in_range"] = visible_.size();
  s["daily_counts"] = daily_counts();  // the list's rows are days; articles_counted_* are the articles
  s["articles_counted_in_range"] = articles_in_list();
  s["articles_counted_total"] = articles_counted();
  s["entities_total"] = entities_.entities.size();
  s["rules"] = {{"edits", rules_.edits.size()}, {"unmatched", unmatched_}, {"can_undo", can_undo()},
                {"can_redo", can_redo()}, {"revision", rules_revision_}};
  s["entities_shown"] = graph_.nodes.size();
  s["entities_hidden"] = graph_.nodes_hidden;
  s["edges_shown"] = graph_.edges.size();
  s["edges_hidden"] = graph_.edges_hidden;
  s["selected"] = selected_ < entities_.entities.size() ? nlohmann::json(entities_.entities[selected_].name)
                                                         : nlohmann::json(nullptr);
  s["selected_edge"] = pair_.first != SIZE_MAX
                          ? nlohmann::json::array({entities_.entities[pair_.first].name, entities_.entities[pair_.second].name})
                          : nlohmann::json(nullptr);
  nlohmann::json types = nlohmann::json::array();
  for (int t = 0; t < kEntityTypes; ++t)
    if (net_types_ & (1u << t)) types.push_back(type_name(static_cast<EntityType>(t)));
  s["network"] = {{"scope", scope_name(scope_)}, {"measure", measure_name(measure_)}, {"min_count", min_count_},
                  {"top_n", top_n_}, {"types", types}, {"hidden", net_hidden_}};
  if (co_a_ && co_) {
    // The comparison: both ranges, the links drawn by side, the biggest entity changes and the new links.
    nlohmann::json c;
    c["a_from"] = format_iso(base_from_);
    c["a_to"] = format_iso(base_to_);
    c["b_from"] = format_iso(from_);
    c["b_to"] = format_iso(to_);
    c["a_articles"] = articles_between(base_from_, base_to_);
    c["b_articles"] = articles_between(from_, to_);
    c["changes_only"] = changes_only_;
    size_t sides[3] = {0, 0, 0};
    nlohmann::json fresh = nlohmann::json::array();
    for (const GraphEdge& e : graph_.edges) {
      ++sides[static_cast<int>(e.side)];
      if (e.side == LinkSide::OnlyB && fresh.size() < 50)
        fresh.push_back({entities_.entities[e.a].name, entities_.entities[e.b].name, e.count});
    }
    c["links_shown"] = {{"both", sides[0]}, {"only_a", sides[1]}, {"only_b", sides[2]}};
    c["new_links"] = std::move(fresh);
    nlohmann::json rows = nlohmann::json::array();
    for (const EntityChange& ch : entity_changes()) {
      if (rows.size() >= 50) break;
      rows.push_back({{"name", entities_.entities[ch.entity].name}, {"a", ch.a}, {"b", ch.b},
                      {"log_ratio", std::round(ch.log_ratio * 1000) / 1000}, {"trend", trend_name(ch.trend)}});
    }
    c["entities"] = std::move(rows);
    s["compare"] = std::move(c);
  } else {
    s["compare"] = nullptr;
  }
  s["layout"] = {{"iterations", layout_.iterations_total()},
                 {"ms_per_iteration", layout_.last_iteration_ms()},
                 {"converged", layout_.converged()}};
  s["filter_ms"] = filter_ms_;
  s["range_from"] = format_iso(from_);
  s["range_to"] = format_iso(to_);
  s["include_undated"] = include_undated_;
  s["date_min"] = format_iso(corpus_.date_min);
  s["date_max"] = format_iso(corpus_.date_max);
  s["status"] = status_line();
  s["search"] = search_;
  s["search_hits"] = hits_in_list_;
  s["order"] = order_name(order_);
  s["open_article"] = open_ < corpus_.size() ? nlohmann::json(corpus_.articles[open_].id) : nlohmann::json(nullptr);
#ifndef AE_BUILD_ID
#define AE_BUILD_ID "unknown"
#endif
  s["version"] = AE_BUILD_ID;
  s["load"] = {{"bytes", last_load_.bytes},       {"parse_ms", last_load_.parse_ms},
               {"extract_ms", last_load_.extract_ms},
               {"total_ms", last_load_.total_ms}, {"articles", last_load_.articles},
               {"skipped", last_load_.skipped},   {"format", last_load_.format},
               {"mappings", last_load_.mappings}, {"warnings", last_load_.warnings_total},
               {"running", loading()},            {"progress", load_progress()},
               {"stage", load_stage()},           {"outcome", last_load_.outcome},
               {"frames", last_load_.frames},     {"duty", last_load_.duty},
               {"snapshot_bytes", last_load_.snapshot_bytes},
               {"frame_gap_p95_ms", last_load_.frame_gap_p95_ms},
               {"frame_gap_max_ms", last_load_.frame_gap_max_ms}};
  {
    const LoadProgress p = load_progress_detail();
    s["load"]["bytes_done"] = p.bytes_done;
    s["load"]["bytes_total"] = p.bytes_total;
    s["load"]["articles_done"] = p.articles;
  }
  s["last_error"] = errors_.empty() ? nlohmann::json(nullptr) : nlohmann::json(errors_.back());
  s["notice"] = notice_;
  s["frame"] = {{"p50_ms", frames_.total.percentile(50)}, {"p95_ms", frames_.total.percentile(95)},
                {"count", frames_.total.count()},
                {"work_p95_ms", frames_.work.percentile(95)}, {"ui_p95_ms", frames_.ui.percentile(95)},
                {"render_p95_ms", frames_.render.percentile(95)}};
  s["errors"] = errors_;
  return s;
}

}  // namespace ae
