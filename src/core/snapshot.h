// snapshot.h — a loaded corpus and its extracted entities in one compact binary form, so a corpus is
// reopened without reading its JSON or extracting it again: the page keeps the last corpora in the
// browser (IndexedDB) in this form, and a user can save one ("corpus.aesnap") and open it later like any
// corpus file. Read as untrusted input: every count, offset, id and string is checked. Layer: core.
//
// Format (version 1; numbers are unsigned LEB128 varints unless said otherwise; a string is its byte
// length then its bytes):
//   8 bytes  "AESNAP01"
//   string   corpus name;  string  input format ("lines", "array", ...)
//   varint   input bytes, articles skipped, warnings in all; then the kept warnings and the field
//            mappings, each a count and strings
//   varint   n, the number of articles; per article: id, source, url (strings), date (zigzag varint of
//            the day number, or of kUndated), title, body (strings), given entities: a count, and per
//            entity its name, type (0 person, 1 organisation, 2 place) and aliases (count, strings)
//   varint   e, the number of entities; per entity: name, type, known (0/1), mentions, articles, and its
//            aliases (count; per alias: surface, rule, count)
//   per article: its sentences, then its mentions (count; per mention: entity, begin, length, sentence,
//            field (0 title, 1 body), via_demonym (0/1)); a mention given but not found in the text has
//            begin and length 0xFFFFFFFF
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "corpus.h"
#include "entities.h"

namespace ae {

// What a snapshot keeps of the load that made the corpus (the status line and the load report show it).
struct SnapshotMeta {
  std::string format;
  size_t bytes = 0, skipped = 0, warnings_total = 0;
  std::vector<std::string> warnings, mappings;
};

constexpr char kSnapshotMagic[8] = {'A', 'E', 'S', 'N', 'A', 'P', '0', '1'};
bool is_snapshot(const char* data, size_t size);

std::string write_snapshot(const Corpus& corpus, const EntityIndex& index, const SnapshotMeta& meta);
// The same handed to `sink` in pieces of at most about 1 MB, so that a large corpus's snapshot never
// sits whole in memory beside the corpus (the page streams it to the browser's store).
void write_snapshot(const Corpus& corpus, const EntityIndex& index, const SnapshotMeta& meta,
                    const std::function<void(const char* data, size_t size)>& sink);

// The same written a slice at a time, so that keeping a large corpus does not stop the page: step()
// writes for about budget_ms (at least 64 items) and returns true once the whole snapshot has gone to
// the sink, in the pieces write_snapshot gives. The corpus and the index must not change in between.
class SnapshotWriter {
 public:
  SnapshotWriter(const Corpus& corpus, const EntityIndex& index, SnapshotMeta meta,
                 std::function<void(const char* data, size_t size)> sink);
  ~SnapshotWriter();
  bool step(double budget_ms);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads a snapshot; the corpus keeps `bytes` as its text store (titles and bodies are views into it).
// false with a message on anything malformed; the outputs are then unspecified.
bool read_snapshot(ByteBuffer bytes, Corpus& corpus, EntityIndex& index, SnapshotMeta& meta, std::string& error);

}  // namespace ae
