// load_pipeline.h — a corpus being loaded, from its bytes to a corpus ready to show: reading (JSON, a
// snapshot or daily counts), entity extraction, then indexing (co-occurrence counts over the whole
// span), each done in slices so the page keeps drawing. What is loaded now is not touched: the caller
// takes the result when it is complete. Layer: core.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include "cooccurrence.h"
#include "corpus.h"
#include "entities.h"
#include "gazetteer.h"
#include "loader.h"
#include "pacer.h"

namespace ae {

// A load that completed: the corpus, its entities as extracted, the reader's figures and messages, and
// the counts of the whole span made while indexing (for the given scope).
struct LoadedCorpus {
  Corpus corpus;
  EntityIndex entities;
  LoadResult result;
  std::unique_ptr<Cooccurrence> co;
  size_t snapshot_bytes = 0;  // reopened from a snapshot of this size; 0 when read from its input
};

class LoadPipeline {
 public:
  // With a gazetteer, articles read from JSON are extracted before indexing (none: no entities).
  void set_gazetteer(std::shared_ptr<const Gazetteer> gazetteer) { gazetteer_ = std::move(gazetteer); }
  const std::shared_ptr<const Gazetteer>& gazetteer() const { return gazetteer_; }

  // Starts reading `bytes` named `name`, counting pairs in `scope` while indexing; a load running is
  // dropped. False when the bytes are refused at once (a snapshot or daily counts that do not read):
  // error() says why.
  bool begin(ByteBuffer bytes, std::string name, Scope scope);
  // The same for an input handed over in pieces that end at line ends (loader.h).
  bool begin(std::vector<ByteBuffer> pieces, std::string name, Scope scope);
  enum class Status { Idle, Running, Done, Failed };
  // Advances for about budget_ms (at least one slice). Done: take() the result; Failed: error().
  Status step(double budget_ms);
  std::unique_ptr<LoadedCorpus> take() { return std::move(done_); }
  void cancel();  // drops the running load

  bool running() const { return loader_ != nullptr || extractor_ != nullptr || co_ != nullptr; }
  // "Could not load 'x' at line 3, column 7: ..." of the last failure (no final full stop).
  const std::string& error() const { return error_; }
  const std::string& name() const { return name_; }
  double started_ms() const { return started_ms_; }
  bool from_snapshot() const { return snapshot_bytes_ != 0; }
  LoadPacer& pacer() { return pacer_; }
  const LoadPacer& pacer() const { return pacer_; }

  double progress() const;    // 0..1: reading, then extraction, then indexing
  const char* stage() const;  // "reading", "extracting", "indexing" or "" when idle
  struct Detail {
    std::string name;
    size_t bytes_done = 0, bytes_total = 0, articles = 0;
  };
  Detail detail() const;

 private:
  bool fail(std::string message);
  void begin_indexing(std::unique_ptr<EntityIndex> index, Scope scope);
  bool read_finished();  // the reader is done: on to extraction (or indexing); false on failure

  std::shared_ptr<const Gazetteer> gazetteer_;
  std::string name_, error_;
  double started_ms_ = 0;
  LoadPacer pacer_;
  Scope scope_ = Scope::Document;
  std::unique_ptr<CorpusLoader> loader_;
  std::unique_ptr<Corpus> corpus_;  // read, being extracted and indexed
  std::unique_ptr<EntityExtractor> extractor_;
  std::unique_ptr<EntityIndex> index_;
  // Indexing: counts of the whole span, a slice of articles per step, after a pass that estimates the
  // distinct pairs so the pair table is made once.
  std::unique_ptr<Cooccurrence> co_;
  std::unique_ptr<PairSketch> sketch_;
  size_t pos_ = 0;
  LoadResult result_;
  size_t snapshot_bytes_ = 0;
  std::unique_ptr<LoadedCorpus> done_;
};

}  // namespace ae
