// fuzz_snapshot.cpp — libFuzzer target: any bytes as a snapshot (what the page keeps of a corpus in the
// browser, and what a user may open as a .aesnap file: untrusted either way). Whatever read_snapshot()
// accepts must be safe to index, count and draw: co-occurrence counts and the graph over it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cooccurrence.h"
#include "snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The magic is given (inputs without it are refused at once), so the fuzzer works on the rest.
  std::string bytes(ae::kSnapshotMagic, sizeof ae::kSnapshotMagic);
  bytes.append(reinterpret_cast<const char*>(data), size);
  ae::Corpus corpus;
  ae::EntityIndex index;
  ae::SnapshotMeta meta;
  std::string error;
  if (!ae::read_snapshot(ae::ByteBuffer(bytes), corpus, index, meta, error)) {
    if (error.empty()) std::abort();
    return 0;
  }
  for (size_t a = 0; a < index.by_article.size(); ++a)
    for (const ae::Mention& m : index.by_article[a]) {
      if (m.entity >= index.entities.size()) std::abort();
      const std::string_view field = m.field == 0 ? corpus.articles[a].title : corpus.articles[a].body;
      if (m.begin != ae::kNoOffset && (m.begin > m.end || m.end > field.size())) std::abort();
    }
  for (ae::Scope scope : {ae::Scope::Sentence, ae::Scope::Document}) {
    ae::Cooccurrence co(corpus, index, scope);
    co.set_range(corpus.date_min, corpus.date_max);
    (void)ae::build_graph(co, ae::Measure::Npmi, 1, 50);
  }
  // What it writes back reads again.
  const std::string again = ae::write_snapshot(corpus, index, meta);
  ae::Corpus c2;
  ae::EntityIndex i2;
  ae::SnapshotMeta m2;
  if (!ae::read_snapshot(ae::ByteBuffer(again), c2, i2, m2, error)) std::abort();
  return 0;
}
