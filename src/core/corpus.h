// corpus.h — the in-memory corpus: articles in input order plus a date-ordered index. Layer: core.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "date.h"
#include "entity_type.h"
#include "string_table.h"

namespace ae {

// Bytes in one malloc block, so that the block can be shrunk where it is (a corpus's input becomes
// its text store, see TextStore). Move-only; converting from a string copies it.
class ByteBuffer {
 public:
  ByteBuffer() = default;
  // Uninitialised bytes, or an empty buffer when the memory cannot be had: the caller says so to the
  // user (nothing throws; the page's WebAssembly build has no exceptions).
  static ByteBuffer try_allocate(size_t size) noexcept;
  ByteBuffer(const char* text) : ByteBuffer(std::string_view(text)) {}
  ByteBuffer(const std::string& text) : ByteBuffer(std::string_view(text)) {}
  ByteBuffer(std::string_view text);
  ByteBuffer(ByteBuffer&& o) noexcept : data_(o.data_), size_(o.size_) {
    o.data_ = nullptr;
    o.size_ = 0;
  }
  ByteBuffer& operator=(ByteBuffer&& o) noexcept;
  ByteBuffer(const ByteBuffer&) = delete;
  ByteBuffer& operator=(const ByteBuffer&) = delete;
  ~ByteBuffer();
  char* data() { return data_ ? data_ : empty_; }  // never null, so data() + 0 is always valid
  const char* data() const { return data_ ? data_ : empty_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char& operator[](size_t i) { return data_[i]; }
  const char& operator[](size_t i) const { return data_[i]; }
  // Keeps the first `size` bytes and gives the rest back to the allocator (the block may move).
  void shrink(size_t size);

 private:
  char* data_ = nullptr;
  size_t size_ = 0;
  static char empty_[1];
};

// Where the corpus's titles and bodies live. The loader decodes them in place into the bytes it was
// given (JSON unescaping never lengthens text) and then gives back the rest, so a loaded corpus
// holds part of its input buffer (or of each piece of it) rather than a copy of every text. Text put there by other
// means (Corpus::keep: given entity names, text that did not fit back into the input, corpora built in code) is copied
// into `kept`.
struct TextStore {
  ByteBuffer bytes;
  std::vector<ByteBuffer> more;  // the other pieces' text, for an input handed over in pieces (loader.h)
  StringArena kept;
};

struct Article {
  std::string id;          // unique within the corpus (the loader renames duplicates)
  std::string_view title;  // may be empty when body is not; text in the corpus's store
  std::string source;      // publisher, "" when unknown
  std::string url;         // "" when unknown
  std::string_view body;   // paragraphs separated by "\n\n"; "" when only a title was given
  Day date = kUndated;
  bool has_given_entities = false;  // the input carried an "entities" field: used instead of extraction
  std::vector<GivenEntity> given_entities;
};

struct Corpus {
  std::string name;               // shown in the status line; the file name when the input names none
  std::vector<Article> articles;  // input order
  std::shared_ptr<TextStore> text = std::make_shared<TextStore>();  // titles and bodies (shared by copies)
  std::vector<uint32_t> by_date;  // article indices sorted by (date, input order); undated at the end
  size_t dated = 0;               // articles with a date; by_date[0..dated) are dated
  Day date_min = kUndated;        // earliest and latest date, kUndated when nothing is dated
  Day date_max = kUndated;

  // Rebuilds by_date, dated, date_min and date_max from articles. O(n log n); call after any edit.
  void finalize();

  // Positions [first, last) in by_date of the dated articles with from <= date <= to. O(log n).
  std::pair<size_t, size_t> dated_span(Day from, Day to) const;

  size_t size() const { return articles.size(); }
  size_t undated() const { return articles.size() - dated; }
  // Keeps a text in the corpus's store and returns a view of it (for corpora built in code).
  std::string_view keep(std::string_view s) { return text->kept.keep(s); }
  // Index into articles of the article with this id, or SIZE_MAX. O(n).
  size_t find_id(const std::string& id) const;
};

}  // namespace ae
