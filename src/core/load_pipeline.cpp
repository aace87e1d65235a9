// load_pipeline.cpp — reading, extraction and indexing of a corpus in slices. Layer: core.
#include "load_pipeline.h"

#include <algorithm>

#include "aggregates.h"
#include "clock.h"
#include "snapshot.h"

namespace ae {

bool LoadPipeline::fail(std::string message) {
  cancel();
  error_ = std::move(message);
  return false;
}

bool LoadPipeline::begin(ByteBuffer bytes, std::string name, Scope scope) {
  std::vector<ByteBuffer> pieces;
  pieces.push_back(std::move(bytes));
  return begin(std::move(pieces), std::move(name), scope);
}

bool LoadPipeline::begin(std::vector<ByteBuffer> pieces, std::string name, Scope scope) {
  cancel();
  name_ = std::move(name);
  error_.clear();
  started_ms_ = now_ms();
  pacer_.reset();
  scope_ = scope;
  const double t0 = now_ms();
  // Snapshots and daily counts are read from one block; JSON goes to the loader in its pieces.
  if (pieces.size() > 1 && (is_snapshot(pieces[0].data(), pieces[0].size()) ||
                            is_aggregates(std::string_view(pieces[0].data(), pieces[0].size())))) {
    size_t total = 0;
    for (const ByteBuffer& p : pieces) total += p.size();
    ByteBuffer joined = join_pieces(pieces);
    if (joined.size() != total)
      return fail("Could not open '" + name_ + "': not enough memory to read it (" + std::to_string(total / 1000000) +
                  " MB) in one block");
    pieces.push_back(std::move(joined));
  }
  if (pieces.size() > 1) {
    loader_ = std::make_unique<CorpusLoader>(std::move(pieces), name_);
    return true;
  }
  ByteBuffer bytes = pieces.empty() ? ByteBuffer() : std::move(pieces[0]);
  if (is_snapshot(bytes.data(), bytes.size())) {
    auto corpus = std::make_unique<Corpus>();
    auto index = std::make_unique<EntityIndex>();
    SnapshotMeta meta;
    std::string error;
    const size_t size = bytes.size();
    if (!read_snapshot(std::move(bytes), *corpus, *index, meta, error))
      return fail("Could not open '" + name_ + "': " + error);
    result_ = LoadResult{};
    result_.ok = true;
    result_.bytes = meta.bytes;  // the figures of the corpus's own load, kept for the next snapshot
    result_.format = meta.format;
    result_.skipped = meta.skipped;
    result_.warnings = std::move(meta.warnings);
    result_.warnings_total = meta.warnings_total;
    result_.mappings = std::move(meta.mappings);
    result_.parse_ms = now_ms() - t0;
    snapshot_bytes_ = size;
    corpus_ = std::move(corpus);
    begin_indexing(std::move(index), scope);
    return true;
  }
  if (is_aggregates(std::string_view(bytes.data(), bytes.size()))) {
    auto corpus = std::make_unique<Corpus>();
    auto index = std::make_unique<EntityIndex>();
    std::string error;
    if (!read_aggregates(std::string_view(bytes.data(), bytes.size()), name_, *corpus, *index, error))
      return fail("Could not open '" + name_ + "': " + error);
    result_ = LoadResult{};
    result_.ok = true;
    result_.bytes = bytes.size();
    result_.format = "aggregates";
    result_.parse_ms = now_ms() - t0;
    corpus_ = std::move(corpus);
    begin_indexing(std::move(index), Scope::Document);  // all that daily counts hold
    return true;
  }
  loader_ = std::make_unique<CorpusLoader>(std::move(bytes), name_);
  return true;
}

void LoadPipeline::begin_indexing(std::unique_ptr<EntityIndex> index, Scope scope) {
  index_ = std::move(index);
  co_ = std::make_unique<Cooccurrence>(*corpus_, *index_, scope);
  pos_ = 0;
  sketch_ = std::make_unique<PairSketch>();
}

bool LoadPipeline::read_finished() {
  LoadResult r = loader_->take();
  loader_.reset();
  if (!r.ok) {
    std::string where;
    if (r.error.line) where = " at line " + std::to_string(r.error.line) + ", column " + std::to_string(r.error.column);
    return fail("Could not load '" + name_ + "'" + where + ": " + r.error.message);
  }
  corpus_ = std::make_unique<Corpus>(std::move(r.corpus));
  result_ = std::move(r);
  if (gazetteer_) extractor_ = std::make_unique<EntityExtractor>(*corpus_, gazetteer_);
  else begin_indexing(std::make_unique<EntityIndex>(), scope_);
  return true;
}

LoadPipeline::Status LoadPipeline::step(double budget_ms) {
  if (!running()) return Status::Idle;
  const double t0 = now_ms();
  constexpr size_t kSliceBytes = 256u << 10;
  // Each call makes progress (one slice at least), then goes on while time is left.
  bool worked = false;
  while (loader_ && (!worked || now_ms() - t0 < budget_ms)) {
    worked = true;
    if (loader_->step(kSliceBytes) && !read_finished()) return Status::Failed;
  }
  if (extractor_ && (!worked || now_ms() - t0 < budget_ms)) {
    worked = true;
    if (extractor_->step(std::max(0.0, budget_ms - (now_ms() - t0)))) {
      auto index = std::make_unique<EntityIndex>(extractor_->take());
      extractor_.reset();
      begin_indexing(std::move(index), scope_);
    }
  }
  while (co_ && (!worked || now_ms() - t0 < budget_ms)) {
    worked = true;
    constexpr size_t kSliceArticles = 512;
    const size_t next = std::min(corpus_->dated, pos_ + kSliceArticles);
    if (sketch_) {
      co_->sketch_positions(pos_, next, *sketch_);
      pos_ = next;
      if (pos_ >= corpus_->dated) {
        co_->reserve_pairs(sketch_->estimate());
        sketch_.reset();
        pos_ = 0;
      }
      continue;
    }
    pos_ = next;
    co_->set_positions(0, pos_);
    if (pos_ >= corpus_->dated) {
      done_ = std::make_unique<LoadedCorpus>();
      done_->co = std::move(co_);
      done_->entities = std::move(*index_);
      done_->corpus = std::move(*corpus_);
      done_->result = std::move(result_);
      done_->snapshot_bytes = snapshot_bytes_;
      index_.reset();
      corpus_.reset();
      snapshot_bytes_ = 0;
      return Status::Done;
    }
  }
  return Status::Running;
}

void LoadPipeline::cancel() {
  loader_.reset();
  extractor_.reset();
  co_.reset();
  sketch_.reset();
  index_.reset();
  corpus_.reset();
  snapshot_bytes_ = 0;
}

double LoadPipeline::progress() const {
  if (loader_) {
    if (loader_->bytes_total() == 0) return 0.0;
    return 0.5 * static_cast<double>(loader_->bytes_done()) / static_cast<double>(loader_->bytes_total());
  }
  if (extractor_) return 0.5 + 0.45 * extractor_->progress();
  if (co_ && corpus_) {
    const double part = static_cast<double>(pos_) / static_cast<double>(std::max<size_t>(1, corpus_->dated));
    return sketch_ ? 0.95 + 0.01 * part : 0.96 + 0.04 * part;  // estimating the pairs, then counting them
  }
  return 1.0;
}

const char* LoadPipeline::stage() const {
  return loader_ ? "reading" : extractor_ ? "extracting" : co_ ? "indexing" : "";
}

LoadPipeline::Detail LoadPipeline::detail() const {
  Detail d;
  if (!running()) return d;
  d.name = name_;
  if (loader_) {
    d.bytes_done = loader_->bytes_done();
    d.bytes_total = loader_->bytes_total();
    d.articles = loader_->articles_done();
  } else {
    d.bytes_done = d.bytes_total = result_.bytes;
    d.articles = corpus_ ? corpus_->size() : 0;
  }
  return d;
}

}  // namespace ae
