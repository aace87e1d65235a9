// explorer.cpp — session state and the state report. Layer: core.
#include "explorer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>

#include "aggregates.h"
#include "text.h"

namespace ae {

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

// --- Loading ---

void Explorer::begin_load(ByteBuffer bytes, std::string name) {
  if (!pipeline_.begin(std::move(bytes), std::move(name), view_.scope)) load_failed(pipeline_.error());
}

void Explorer::begin_load(std::vector<ByteBuffer> pieces, std::string name) {
  if (!pipeline_.begin(std::move(pieces), std::move(name), view_.scope)) load_failed(pipeline_.error());
}

void Explorer::load_failed(const std::string& message) {
  last_load_.outcome = "failed";
  report_error(message + (corpus_.size() || set_aside_ ? ". The previous corpus is still loaded." : "."));
}

bool Explorer::load_step(double budget_ms) {
  switch (pipeline_.step(budget_ms)) {
    case LoadPipeline::Status::Done: commit(std::move(*pipeline_.take())); break;
    case LoadPipeline::Status::Failed: load_failed(pipeline_.error()); break;
    default: break;
  }
  return !loading();
}

bool Explorer::load_frame() {
  LoadPacer& pacer = pipeline_.pacer();
  const double t0 = now_ms();
  double budget = pacer.budget(t0);
  // A snapshot reopens in one go when it can: its indexing is the only work left (Reuters-21578: about
  // 0.1-0.2 s), and the page has nothing to show until it is done.
  if (pipeline_.from_snapshot()) budget = std::max(budget, kSnapshotFrameMs);
  const bool done = load_step(budget);
  pacer.worked(now_ms() - t0);
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
    notice_ = "Stopped loading '" + printable_utf8(pipeline_.name()) + "'" +
              (corpus_.size() || set_aside_ ? "; the previous corpus is still loaded." : ".");
    ++notice_id_;
  }
  pipeline_.cancel();
}

double Explorer::load_progress() const { return pipeline_.progress(); }
const char* Explorer::load_stage() const { return pipeline_.stage(); }

std::string Explorer::snapshot() const {
  std::string out;
  snapshot([&](const char* data, size_t size) { out.append(data, size); });
  return out;
}

SnapshotMeta Explorer::snapshot_meta() const {
  SnapshotMeta meta;
  meta.format = last_load_.format;
  meta.bytes = last_load_.bytes;
  meta.skipped = last_load_.skipped;
  meta.warnings = last_load_.warnings;
  meta.warnings_total = last_load_.warnings_total;
  meta.mappings = last_load_.mappings;
  return meta;
}

void Explorer::snapshot(const std::function<void(const char* data, size_t size)>& sink) const {
  if (entities_.counts) {  // daily counts: kept as the aggregates they were read from
    const std::string text = write_aggregates(corpus_, entities_);
    sink(text.data(), text.size());
    return;
  }
  write_snapshot(corpus_, has_raw_ ? raw_ : entities_, snapshot_meta(), sink);
}

void Explorer::begin_snapshot(std::function<void(const char* data, size_t size)> sink) {
  writer_.reset();
  writer_done_ = false;
  writer_generation_ = data_generation_;
  if (entities_.counts) {  // (small: written at once)
    snapshot(sink);
    writer_done_ = true;
    return;
  }
  writer_ = std::make_unique<SnapshotWriter>(corpus_, has_raw_ ? raw_ : entities_, snapshot_meta(), std::move(sink));
}

Explorer::SnapshotStep Explorer::snapshot_step(double budget_ms) {
  if (writer_done_) {
    writer_done_ = false;
    return SnapshotStep::Done;
  }
  if (!writer_) return SnapshotStep::None;
  if (writer_generation_ != data_generation_) {
    writer_.reset();
    return SnapshotStep::Abandoned;
  }
  if (!writer_->step(budget_ms)) return SnapshotStep::More;
  writer_.reset();
  return SnapshotStep::Done;
}

void Explorer::commit(LoadedCorpus loaded) {
  const std::string prior_outcome = last_load_.outcome;  // a reopening after it keeps it
  LoadResult& r = loaded.result;
  ++data_generation_;
  corpus_ = std::move(loaded.corpus);
  entities_ = std::move(loaded.entities);
  raw_ = EntityIndex();
  has_raw_ = false;
  unmatched_.clear();
  if (!rules_.empty() && !entities_.counts) {  // the user's corrections carry over to the corpus just loaded
    raw_ = std::move(entities_);
    has_raw_ = true;
    entities_ = apply_rules(rules_, corpus_, raw_, &unmatched_);
    entities_.extract_ms = raw_.extract_ms;
    loaded.co.reset();  // its counts were made from the uncorrected entities
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
  last_load_.snapshot_bytes = loaded.snapshot_bytes;
  // The view carries over (network settings and filters, search, order, undated) but for what belongs
  // to the corpus before: the range (the new corpus's whole span), the selection, the comparison's
  // baseline and the open article.
  view_.from = corpus_.date_min;
  view_.to = corpus_.date_max;
  view_.selected = SIZE_MAX;
  view_.pair = {SIZE_MAX, SIZE_MAX};
  view_.base_from = view_.base_to = kUndated;
  view_.open = SIZE_MAX;
  view_.target = ReaderTarget{};
  if (entities_.counts) view_.scope = Scope::Document;  // daily counts hold documents only
  ++open_revision_;
  data_changed();
  if (loaded.co && loaded.co->scope() == view_.scope) network_.adopt(data_, std::move(loaded.co), corpus_);
  refresh();
  const LoadPacer& pacer = pipeline_.pacer();
  last_load_.total_ms = now_ms() - pipeline_.started_ms();
  last_load_.frames = pacer.frames();
  last_load_.duty = pacer.duty();
  last_load_.frame_gap_p95_ms = pacer.gap_percentile(95);
  last_load_.frame_gap_max_ms = pacer.gap_max();
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
  LoadedCorpus empty;
  empty.result.ok = true;
  restoring_ = false;
  commit(std::move(empty));
  notice_ = notice;  // (nothing to announce: the next load follows at once)
  notice_id_ = notice_id;
  set_aside_ = true;
}

// --- Data and derived views ---

void Explorer::data_changed() {
  ++data_;
  layout_ = ForceAtlas2();
}

void Explorer::refresh() {
  postings_.update(data_, entities_);
  search_.update(data_, corpus_, view_.search);
  const bool list = list_.update(data_, corpus_, entities_, search_, view_);
  const bool net = network_.update(data_, corpus_, entities_, view_);
  if (net) layout_.set_graph(network_.graph());
  if (list || net) ++revision_;  // views keyed on the revision (the entity table's degrees) read the new ones
}

void Explorer::set_gazetteer(std::shared_ptr<const Gazetteer> gazetteer) {
  pipeline_.set_gazetteer(std::move(gazetteer));
  const auto& gaz = pipeline_.gazetteer();
  if (gaz && corpus_.size()) {
    ++data_generation_;
    entities_ = extract_entities(corpus_, *gaz);
    last_load_.extract_ms = entities_.extract_ms;
    raw_ = EntityIndex();
    has_raw_ = false;
    if (!rules_.empty()) {
      apply_corrections();
    } else {
      data_changed();
      refresh();
    }
  }
}

void Explorer::apply_corrections() {
  ++data_generation_;
  if (!has_raw_) {
    raw_ = entities_;
    has_raw_ = true;
  }
  const auto& ents = entities_.entities;
  const std::string selected = view_.selected < ents.size() ? ents[view_.selected].name : "";
  const std::string pa = view_.pair.first < ents.size() ? ents[view_.pair.first].name : "";
  const std::string pb = view_.pair.second < ents.size() ? ents[view_.pair.second].name : "";
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
  // The selection follows its name (gone when the edit hid or merged it away).
  view_.selected = selected.empty() ? SIZE_MAX : find_entity(selected);
  const size_t a = pa.empty() ? SIZE_MAX : find_entity(pa), b = pb.empty() ? SIZE_MAX : find_entity(pb);
  view_.pair = a != SIZE_MAX && b != SIZE_MAX && a != b ? std::make_pair(a, b) : std::make_pair(SIZE_MAX, SIZE_MAX);
  data_changed();
  refresh();
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

const BurstIndex& Explorer::bursts() const {
  if (!bursts_ || bursts_data_ != data_) {
    bursts_ = std::make_unique<BurstIndex>(compute_bursts(corpus_, entities_));
    bursts_data_ = data_;
  }
  return *bursts_;
}

const std::vector<uint32_t>& Explorer::name_rank() const {
  const auto& ents = entities_.entities;
  if (name_rank_data_ != data_) {
    std::vector<uint32_t> order(ents.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) { return ents[x].name < ents[y].name; });
    name_rank_.assign(ents.size(), 0);
    for (uint32_t k = 0; k < order.size(); ++k) name_rank_[order[k]] = k;
    name_rank_data_ = data_;
  }
  return name_rank_;
}

// --- Actions on the view state ---

void Explorer::set_range(Day from, Day to) {
  if (from != kUndated && to != kUndated && from > to) std::swap(from, to);
  view_.from = from;
  view_.to = to;
  refresh();
}

void Explorer::set_include_undated(bool on) {
  view_.include_undated = on;
  refresh();
}

void Explorer::set_network(Scope scope, Measure measure, uint32_t min_count, size_t top_n) {
  view_.scope = entities_.counts ? Scope::Document : scope;  // all that daily counts hold
  view_.measure = measure;
  view_.min_count = std::max<uint32_t>(1, min_count);
  view_.top_n = top_n;
  refresh();
}

void Explorer::set_baseline(Day from, Day to) {
  if (from == kUndated || to == kUndated || corpus_.dated == 0) {
    view_.base_from = view_.base_to = kUndated;
  } else {
    if (from > to) std::swap(from, to);
    view_.base_from = from;
    view_.base_to = to;
  }
  refresh();
}

void Explorer::set_baseline_before() {
  if (view_.from == kUndated || view_.to == kUndated) return;
  const Day len = view_.to - view_.from + 1;
  set_baseline(view_.from - len, view_.from - 1);
}

void Explorer::set_network_filter(uint8_t type_mask, std::vector<std::string> hidden) {
  std::sort(hidden.begin(), hidden.end());
  hidden.erase(std::unique(hidden.begin(), hidden.end()), hidden.end());
  view_.net_types = type_mask & 0x7;
  view_.net_hidden = std::move(hidden);
  refresh();
}

void Explorer::hide_in_network(const std::string& name) {
  std::vector<std::string> h = view_.net_hidden;
  h.push_back(name);
  set_network_filter(view_.net_types, std::move(h));
}

void Explorer::set_changes_only(bool on) {
  view_.changes_only = on;
  refresh();
}

void Explorer::select(size_t entity) {
  view_.selected = entity < entities_.entities.size() ? entity : SIZE_MAX;
  view_.pair = {SIZE_MAX, SIZE_MAX};
  refresh();
}

void Explorer::select_pair(size_t a, size_t b) {
  const size_t n = entities_.entities.size();
  view_.pair = a < n && b < n && a != b ? std::make_pair(a, b) : std::make_pair(SIZE_MAX, SIZE_MAX);
  if (view_.pair.first != SIZE_MAX) view_.selected = SIZE_MAX;
  refresh();
}

void Explorer::set_search(const std::string& text) {
  view_.search = text;
  refresh();
}

void Explorer::set_order(Order o) {
  view_.order = o;
  refresh();
}

void Explorer::open_article(size_t index, ReaderTarget target) {
  view_.open = index < corpus_.size() ? index : SIZE_MAX;
  view_.target = view_.open == SIZE_MAX ? ReaderTarget{} : target;
  ++open_revision_;
}

void Explorer::set_view(ViewState v) {
  if (v.from != kUndated && v.to != kUndated && v.from > v.to) std::swap(v.from, v.to);
  if (entities_.counts) v.scope = Scope::Document;  // all that daily counts hold
  v.min_count = std::max<uint32_t>(1, v.min_count);
  v.net_types &= 0x7;
  std::sort(v.net_hidden.begin(), v.net_hidden.end());
  v.net_hidden.erase(std::unique(v.net_hidden.begin(), v.net_hidden.end()), v.net_hidden.end());
  if (v.base_from == kUndated || v.base_to == kUndated || corpus_.dated == 0) v.base_from = v.base_to = kUndated;
  else if (v.base_from > v.base_to) std::swap(v.base_from, v.base_to);
  const size_t n = entities_.entities.size();
  if (v.pair.first >= n || v.pair.second >= n || v.pair.first == v.pair.second) v.pair = {SIZE_MAX, SIZE_MAX};
  if (v.pair.first != SIZE_MAX || v.selected >= n) v.selected = SIZE_MAX;
  if (v.open >= corpus_.size()) v.open = SIZE_MAX;
  if (v.open != view_.open) {
    ++open_revision_;  // the reader scrolls to the top of the article now open
    if (v.open == SIZE_MAX) v.target = ReaderTarget{};
  } else {
    v.target = view_.target;  // the same article stays where the reader has it
  }
  view_ = std::move(v);
  refresh();
}

int Explorer::layout_step(double budget_ms) {
  const double t0 = now_ms();
  int total = 0;
  while (!layout_.converged() && now_ms() - t0 < budget_ms) total += layout_.run(1);
  return total;
}

// --- Queries ---

size_t Explorer::articles_in_list() const {
  if (!entities_.counts) return visible().size();
  size_t n = 0;
  for (uint32_t a : visible()) n += entities_.weight(a);
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

std::vector<EntityChange> Explorer::entity_changes(bool sorted) const {
  const Cooccurrence* a = network_.baseline();
  const Cooccurrence* b = network_.counts();
  if (!a || !b) return {};
  return compare_entities(*a, *b, sorted);
}

std::vector<std::pair<uint32_t, uint32_t>> Explorer::search_marks(std::string_view text) const {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const std::string& t : search_.terms()) {
    const auto found = find_folded(text, t);
    out.insert(out.end(), found.begin(), found.end());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const char* Explorer::order_name(Order o) {
  return o == Order::Newest ? "newest" : o == Order::Oldest ? "oldest" : "relevance";
}

std::string load_summary(const LoadInfo& info) {
  char size[32];
  std::snprintf(size, sizeof size, info.bytes >= 1000000 ? "%.1f MB" : "%.1f kB",
                info.bytes >= 1000000 ? info.bytes / 1e6 : info.bytes / 1e3);
  if (info.format == "aggregates")
    return "Loaded daily counts of " + with_commas(info.counted) + (info.counted == 1 ? " article" : " articles") +
           " (" + with_commas(info.articles) + (info.articles == 1 ? " day" : " days") + ") from '" + info.name +
           "' (" + size + "); their text is not included.";
  std::string s = "Loaded " + with_commas(info.articles) + (info.articles == 1 ? " article" : " articles") + " from '" +
                  info.name + "' (" + size + ")";
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

bool Explorer::pair_evidence_from_baseline() const {
  if (!network_.baseline() || !network_.counts() || view_.pair.first == SIZE_MAX) return false;
  const uint32_t x = static_cast<uint32_t>(view_.pair.first), y = static_cast<uint32_t>(view_.pair.second);
  return network_.counts()->pair_count(x, y) == 0 && network_.baseline()->pair_count(x, y) > 0;
}

std::vector<Explorer::Evidence> Explorer::pair_evidence(size_t max) const {
  std::vector<Evidence> out;
  if (view_.pair.first == SIZE_MAX) return out;
  std::vector<uint32_t> baseline;  // the baseline's articles, newest first
  if (pair_evidence_from_baseline()) {
    const auto [first, last] = corpus_.dated_span(view_.base_from, view_.base_to);
    for (size_t i = last; i > first; --i) baseline.push_back(corpus_.by_date[i - 1]);
  }
  for (uint32_t a : baseline.empty() ? visible() : baseline) {
    if (out.size() >= max) break;
    sentences_with_both(a, view_.pair.first, view_.pair.second, max, out);
  }
  return out;
}

std::vector<Explorer::Evidence> Explorer::link_evidence(size_t x, size_t y, size_t max) const {
  std::vector<Evidence> out;
  const size_t n = entities_.entities.size();
  if (x >= n || y >= n || x == y || view_.from == kUndated) return out;
  const bool from_a = network_.baseline() && network_.counts() &&
                      network_.counts()->pair_count(static_cast<uint32_t>(x), static_cast<uint32_t>(y)) == 0 &&
                      network_.baseline()->pair_count(static_cast<uint32_t>(x), static_cast<uint32_t>(y)) > 0;
  const Day from = from_a ? view_.base_from : view_.from, to = from_a ? view_.base_to : view_.to;
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
    for (size_t k = last + 1;
         last != SIZE_MAX && k < toks.size() && !toks[k].word() && !(toks[k].flags & kTokSpaceBefore); ++k)
      e = toks[k].end;
    if (b == UINT32_MAX) continue;
    out.push_back({a, field, b, e});
    if (out.size() >= max) break;
  }
}

void Explorer::report_error(std::string message) {
  errors_.push_back(printable_utf8(message));  // messages may quote input bytes; the report stays UTF-8
  if (errors_.size() > 100) errors_.erase(errors_.begin());
}

std::string Explorer::status_line() const {
  if (corpus_.size() == 0) return loading() ? "Loading " + pipeline_.name() + "..." : "No corpus loaded";
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
  s["articles_in_range"] = visible().size();
  s["daily_counts"] = daily_counts();  // the list's rows are days; articles_counted_* are the articles
  s["articles_counted_in_range"] = articles_in_list();
  s["articles_counted_total"] = articles_counted();
  s["entities_total"] = entities_.entities.size();
  s["rules"] = {{"edits", rules_.edits.size()},
                {"unmatched", unmatched_},
                {"can_undo", can_undo()},
                {"can_redo", can_redo()},
                {"revision", rules_revision_}};
  s["entities_shown"] = graph().nodes.size();
  s["entities_hidden"] = graph().nodes_hidden;
  s["edges_shown"] = graph().edges.size();
  s["edges_hidden"] = graph().edges_hidden;
  s["selected"] = view_.selected < entities_.entities.size() ? nlohmann::json(entities_.entities[view_.selected].name)
                                                             : nlohmann::json(nullptr);
  s["selected_edge"] = view_.pair.first != SIZE_MAX
                           ? nlohmann::json::array({entities_.entities[view_.pair.first].name,
                                                    entities_.entities[view_.pair.second].name})
                           : nlohmann::json(nullptr);
  nlohmann::json types = nlohmann::json::array();
  for (int t = 0; t < kEntityTypes; ++t)
    if (view_.net_types & (1u << t)) types.push_back(type_name(static_cast<EntityType>(t)));
  s["network"] = {{"scope", scope_name(view_.scope)},
                  {"measure", measure_name(view_.measure)},
                  {"min_count", view_.min_count},
                  {"top_n", view_.top_n},
                  {"types", types},
                  {"hidden", view_.net_hidden}};
  if (network_.baseline() && network_.counts()) {
    // The comparison: both ranges, the links drawn by side, the biggest entity changes and the new links.
    nlohmann::json c;
    c["a_from"] = format_iso(view_.base_from);
    c["a_to"] = format_iso(view_.base_to);
    c["b_from"] = format_iso(view_.from);
    c["b_to"] = format_iso(view_.to);
    c["a_articles"] = articles_between(view_.base_from, view_.base_to);
    c["b_articles"] = articles_between(view_.from, view_.to);
    c["changes_only"] = view_.changes_only;
    size_t sides[3] = {0, 0, 0};
    nlohmann::json fresh = nlohmann::json::array();
    for (const GraphEdge& e : graph().edges) {
      ++sides[static_cast<int>(e.side)];
      if (e.side == LinkSide::OnlyB && fresh.size() < 50)
        fresh.push_back({entities_.entities[e.a].name, entities_.entities[e.b].name, e.count});
    }
    c["links_shown"] = {{"both", sides[0]}, {"only_a", sides[1]}, {"only_b", sides[2]}};
    c["new_links"] = std::move(fresh);
    nlohmann::json rows = nlohmann::json::array();
    for (const EntityChange& ch : entity_changes()) {
      if (rows.size() >= 50) break;
      rows.push_back({{"name", entities_.entities[ch.entity].name},
                      {"a", ch.a},
                      {"b", ch.b},
                      {"log_ratio", std::round(ch.log_ratio * 1000) / 1000},
                      {"trend", trend_name(ch.trend)}});
    }
    c["entities"] = std::move(rows);
    s["compare"] = std::move(c);
  } else {
    s["compare"] = nullptr;
  }
  s["layout"] = {{"iterations", layout_.iterations_total()},
                 {"ms_per_iteration", layout_.last_iteration_ms()},
                 {"converged", layout_.converged()}};
  s["filter_ms"] = filter_ms();
  s["range_from"] = format_iso(view_.from);
  s["range_to"] = format_iso(view_.to);
  s["include_undated"] = view_.include_undated;
  s["date_min"] = format_iso(corpus_.date_min);
  s["date_max"] = format_iso(corpus_.date_max);
  s["status"] = status_line();
  s["search"] = view_.search;
  s["search_hits"] = list_.hits_in_list();
  s["order"] = order_name(view_.order);
  s["open_article"] =
      view_.open < corpus_.size() ? nlohmann::json(corpus_.articles[view_.open].id) : nlohmann::json(nullptr);
#ifndef AE_BUILD_ID
#define AE_BUILD_ID "unknown"
#endif
  s["version"] = AE_BUILD_ID;
  s["load"] = {{"bytes", last_load_.bytes},
               {"parse_ms", last_load_.parse_ms},
               {"extract_ms", last_load_.extract_ms},
               {"total_ms", last_load_.total_ms},
               {"articles", last_load_.articles},
               {"skipped", last_load_.skipped},
               {"format", last_load_.format},
               {"mappings", last_load_.mappings},
               {"warnings", last_load_.warnings_total},
               {"running", loading()},
               {"progress", load_progress()},
               {"stage", load_stage()},
               {"outcome", last_load_.outcome},
               {"frames", last_load_.frames},
               {"duty", last_load_.duty},
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
                {"count", frames_.total.count()},         {"work_p95_ms", frames_.work.percentile(95)},
                {"ui_p95_ms", frames_.ui.percentile(95)}, {"render_p95_ms", frames_.render.percentile(95)}};
  s["errors"] = errors_;
  return s;
}

}  // namespace ae
