// corpus.cpp — date index of the corpus. Layer: core.
#include "corpus.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ae {

char ByteBuffer::empty_[1] = {0};

ByteBuffer ByteBuffer::try_allocate(size_t size) noexcept {
  ByteBuffer b;
  if (size && (b.data_ = static_cast<char*>(std::malloc(size)))) b.size_ = size;
  return b;
}

ByteBuffer::ByteBuffer(std::string_view text) : ByteBuffer(try_allocate(text.size())) {
  // A copy of bytes already in memory (tests, small inputs): like any string copy, no room is fatal.
  // Input of any size comes through try_allocate(), whose failure the caller tells the user about.
  if (size_ != text.size()) {
    std::fprintf(stderr, "out of memory copying %zu bytes\n", text.size());
    std::abort();
  }
  if (size_) std::memcpy(data_, text.data(), size_);
}

ByteBuffer& ByteBuffer::operator=(ByteBuffer&& o) noexcept {
  if (this != &o) {
    std::free(data_);
    data_ = o.data_;
    size_ = o.size_;
    o.data_ = nullptr;
    o.size_ = 0;
  }
  return *this;
}

ByteBuffer::~ByteBuffer() { std::free(data_); }

void ByteBuffer::shrink(size_t size) {
  if (size >= size_) return;
  if (size == 0) {
    std::free(data_);
    data_ = nullptr;
  } else if (char* p = static_cast<char*>(std::realloc(data_, size))) {
    data_ = p;
  } else {
    return;  // the block stays as it was
  }
  size_ = size;
}

void Corpus::finalize() {
  by_date.resize(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) by_date[i] = static_cast<uint32_t>(i);
  std::stable_sort(by_date.begin(), by_date.end(), [this](uint32_t a, uint32_t b) {
    const Day da = articles[a].date, db = articles[b].date;
    if ((da == kUndated) != (db == kUndated)) return db == kUndated;
    return da < db;
  });
  dated = 0;
  while (dated < by_date.size() && articles[by_date[dated]].date != kUndated) ++dated;
  date_min = dated ? articles[by_date.front()].date : kUndated;
  date_max = dated ? articles[by_date[dated - 1]].date : kUndated;
}

std::pair<size_t, size_t> Corpus::dated_span(Day from, Day to) const {
  if (from > to || dated == 0) return {0, 0};
  auto begin = by_date.begin(), end = by_date.begin() + static_cast<std::ptrdiff_t>(dated);
  auto lo = std::lower_bound(begin, end, from, [this](uint32_t i, Day d) { return articles[i].date < d; });
  auto hi = std::upper_bound(lo, end, to, [this](Day d, uint32_t i) { return d < articles[i].date; });
  return {static_cast<size_t>(lo - begin), static_cast<size_t>(hi - begin)};
}

size_t Corpus::find_id(const std::string& id) const {
  for (size_t i = 0; i < articles.size(); ++i)
    if (articles[i].id == id) return i;
  return SIZE_MAX;
}

}  // namespace ae
