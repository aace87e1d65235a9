// fuzz_loader.cpp — libFuzzer target: any bytes through the corpus loader, at once and in small
// slices (the two must agree), then through the session (extraction skipped: fuzz_extractor does it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "aggregates.h"
#include "explorer.h"
#include "loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  ae::LoadResult whole = ae::load_corpus(bytes, "fuzz");
  ae::CorpusLoader sliced(bytes, "fuzz");
  while (!sliced.step(7)) {
  }
  ae::LoadResult parts = sliced.take();
  if (whole.ok != parts.ok || whole.corpus.size() != parts.corpus.size()) std::abort();
  if (!whole.ok && whole.error.message.empty()) std::abort();

  ae::Explorer ex;
  ex.load_now(bytes, "fuzz");
  ex.set_range(ex.corpus().date_min, ex.corpus().date_max);
  (void)ex.state().dump();  // throws (aborts the run) if any text in the report is not UTF-8

  // The same bytes as the days of daily counts (aggregates.h), after a header and three entities: read
  // or refused with a message; what is read writes back to text that reads the same, and its views work.
  const std::string counts = std::string(R"({"format":"article-explorer-aggregates","version":1})") + "\n" +
                             R"({"entities":[["Iraq","place"],["Syria","place"],["UN","org"]]})" + "\n" + bytes;
  ae::Corpus c;
  ae::EntityIndex index;
  std::string error;
  if (!ae::read_aggregates(counts, "fuzz", c, index, error)) {
    if (error.empty()) std::abort();
    return 0;
  }
  const std::string written = ae::write_aggregates(c, index);
  ae::Corpus c2;
  ae::EntityIndex index2;
  if (!ae::read_aggregates(written, "fuzz", c2, index2, error) || ae::write_aggregates(c2, index2) != written)
    std::abort();
  ae::Explorer agg;
  if (!agg.load_now(counts, "fuzz")) std::abort();
  agg.set_range(agg.corpus().date_min, agg.corpus().date_max);
  (void)agg.state().dump();
  return 0;
}
