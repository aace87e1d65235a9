// loader.h — reads a corpus from bytes (JSON array, {"articles": [...]}, or JSON Lines), in slices.
// Layer: core. Hostile input is rejected with a located message; nothing outside the loader changes
// until the caller takes a successful result, so a failed load never touches the loaded corpus.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "corpus.h"

namespace ae {

// Limits that keep hostile input bounded. Defaults suit real news feeds.
struct LoadLimits {
  int max_depth = 64;                           // nesting depth of any value; deeper input is rejected at once
  size_t max_warnings = 50;                     // further warnings are counted, not stored
  size_t max_article_bytes = size_t{32} << 20;  // title + body of one article; a longer one is skipped
  size_t max_given_entities = 10000;            // entities given with one article; the rest are ignored
  // A part of a larger JSON Lines input read on its own (the command line's threads): the line and
  // article numbers its first line has in the whole input (messages and default ids count from there),
  // and whether repeated ids are left for the caller to rename across the parts.
  size_t first_line = 1;
  long first_article = 0;
  bool rename_duplicates = true;
};

// Where and what went wrong. line and column are 1-based positions in the input (column in bytes);
// article is the 0-based index of the article being read, or -1 when the problem is outside one.
struct LoadIssue {
  std::string message;
  size_t line = 0;
  size_t column = 0;
  long article = -1;
};

struct LoadResult {
  bool ok = false;
  Corpus corpus;                      // valid only when ok
  LoadIssue error;                    // set when !ok
  std::vector<std::string> warnings;  // skipped articles, renamed ids, ignored fields (capped)
  size_t warnings_total = 0;          // including those not stored
  std::vector<std::string> mappings;  // "mapped 'publishedAt' to date", one per distinct mapping
  size_t skipped = 0;                 // articles dropped (no title or body, not an object)
  size_t bytes = 0;
  double parse_ms = 0;  // wall time spent inside step()
  std::string format;   // "array", "object", "lines" or "article"
};

// Incremental loader: construct with the bytes (moved in, so no copy is made), call step() until it
// returns true, then take(). Each step() reads about `budget` bytes of input, so a frame-driven UI
// can show progress. Memory: the input plus the articles read; no DOM of the whole file is built.
//
// The input may come in pieces, each ending at a line end (the page hands a large JSON Lines file over
// in pieces of a few MB, which fit in the gaps of a WebAssembly heap that a corpus loaded before has
// left, where one block of the whole size might not). JSON Lines are read piece after piece, each
// piece's text kept in place, with lines, articles and repeated ids counted as in the whole input;
// any other form is first joined into one block.
class CorpusLoader {
 public:
  CorpusLoader(ByteBuffer bytes, std::string name, LoadLimits limits = {});
  CorpusLoader(std::vector<ByteBuffer> pieces, std::string name, LoadLimits limits = {});
  ~CorpusLoader();
  CorpusLoader(const CorpusLoader&) = delete;
  CorpusLoader& operator=(const CorpusLoader&) = delete;

  // Reads on; true when finished (successfully or not). Safe to call again after finishing.
  bool step(size_t budget_bytes);
  bool finished() const;
  size_t bytes_total() const;
  size_t bytes_done() const;     // input consumed so far
  size_t articles_done() const;  // articles read so far
  // The result; call once, after step() returned true.
  LoadResult take();

 private:
  struct Impl;
  Impl* impl_;
};

// The pieces in one block (empty when there is no memory for it: the caller says so); they are freed.
ByteBuffer join_pieces(std::vector<ByteBuffer>& pieces);

// Reads all of `bytes` at once. Same rules as CorpusLoader.
LoadResult load_corpus(ByteBuffer bytes, std::string name, LoadLimits limits = {});

// 1-based line and column (in bytes) of a byte offset in text. O(offset).
void line_column(const std::string& text, size_t offset, size_t& line, size_t& column);

}  // namespace ae
