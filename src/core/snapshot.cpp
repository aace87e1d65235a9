// snapshot.cpp — see snapshot.h. Layer: core.
#include "snapshot.h"

#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_set>

#include "clock.h"

namespace ae {

namespace {

class Writer {
 public:
  static constexpr size_t kChunk = 1 << 20;
  explicit Writer(const std::function<void(const char*, size_t)>* sink = nullptr) : sink_(sink) {}
  // Hands what is written so far to the sink (when there is one and enough has gathered, or at the end).
  void flush(bool last = false) {
    if (sink_ && (last || out.size() >= kChunk) && !out.empty()) {
      (*sink_)(out.data(), out.size());
      out.clear();
    }
  }
  void varint(uint64_t v) {
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
  }
  void zigzag(int64_t v) { varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void string(std::string_view s) {
    varint(s.size());
    if (sink_ && s.size() >= kChunk) {  // a long text goes straight to the sink
      flush(true);
      (*sink_)(s.data(), s.size());
      return;
    }
    out.append(s.data(), s.size());
    flush();
  }
  void strings(const std::vector<std::string>& v) {
    varint(v.size());
    for (const std::string& s : v) string(s);
  }
  std::string out;

 private:
  const std::function<void(const char*, size_t)>* sink_;
};

// Reads the snapshot's bytes; after the first failure every read returns zero and ok() stays false.
class Reader {
 public:
  Reader(const char* data, size_t size) : p_(data), end_(data + size) {}
  bool ok() const { return ok_; }
  const char* at() const { return p_; }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return fail();
      const unsigned char b = static_cast<unsigned char>(*p_++);
      v |= uint64_t{b & 0x7Fu} << shift;
      if (!(b & 0x80)) return v;
    }
    return fail();
  }
  // A count of items that take at least one byte each: no more than the bytes left.
  size_t count() {
    const uint64_t n = varint();
    if (n > static_cast<uint64_t>(end_ - p_)) return static_cast<size_t>(fail());
    return static_cast<size_t>(n);
  }
  uint32_t u32() {
    const uint64_t v = varint();
    return v > UINT32_MAX ? static_cast<uint32_t>(fail()) : static_cast<uint32_t>(v);
  }
  int64_t zigzag() {
    const uint64_t v = varint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  uint8_t byte_below(uint8_t limit) {
    const uint64_t v = varint();
    return v >= limit ? static_cast<uint8_t>(fail()) : static_cast<uint8_t>(v);
  }
  std::string_view view() {
    const uint64_t n = varint();
    if (n > static_cast<uint64_t>(end_ - p_)) {
      fail();
      return {};
    }
    const std::string_view s(p_, static_cast<size_t>(n));
    p_ += n;
    return s;
  }
  std::string string() { return std::string(view()); }
  std::vector<std::string> strings() {
    std::vector<std::string> v(count());
    for (std::string& s : v) s = string();
    return v;
  }
  bool at_end() const { return p_ == end_; }

 private:
  uint64_t fail() {
    ok_ = false;
    p_ = end_;
    return 0;
  }
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

}  // namespace

bool is_snapshot(const char* data, size_t size) {
  return size >= sizeof kSnapshotMagic && std::memcmp(data, kSnapshotMagic, sizeof kSnapshotMagic) == 0;
}

namespace {
// The snapshot's parts in order, each resumable at an item: the header and the articles, the entities,
// then the articles' mentions.
struct Parts {
  const Corpus& corpus;
  const EntityIndex& index;
  const SnapshotMeta& meta;
  int part = 0;
  size_t cursor = 0;

  // Writes until past() (asked every 64 items) or the end; true at the end.
  template <class Past>
  bool run(Writer& w, Past&& past) {
    size_t items = 0;
    auto pause = [&] { return (++items & 63) == 0 && past(); };
    if (part == 0) {
      w.out.append(kSnapshotMagic, sizeof kSnapshotMagic);
      w.string(corpus.name);
      w.string(meta.format);
      w.varint(meta.bytes);
      w.varint(meta.skipped);
      w.varint(meta.warnings_total);
      w.strings(meta.warnings);
      w.strings(meta.mappings);
      w.varint(corpus.articles.size());
      part = 1;
      cursor = 0;
    }
    if (part == 1) {
      for (; cursor < corpus.articles.size(); ++cursor) {
        if (pause()) return false;
        const Article& a = corpus.articles[cursor];
        w.string(a.id);
        w.string(a.source);
        w.string(a.url);
        w.zigzag(a.date);
        w.string(a.title);
        w.string(a.body);
        w.varint(a.has_given_entities ? a.given_entities.size() + 1 : 0);  // 0: none given, else count + 1
        for (const GivenEntity& g : a.given_entities) {
          w.string(g.name);
          w.varint(static_cast<uint64_t>(g.type));
          w.varint(g.aliases.size());
          for (std::string_view al : g.aliases) w.string(al);
        }
      }
      w.varint(index.entities.size());
      part = 2;
      cursor = 0;
    }
    if (part == 2) {
      for (; cursor < index.entities.size(); ++cursor) {
        if (pause()) return false;
        const Entity& e = index.entities[cursor];
        w.string(e.name);
        w.varint(static_cast<uint64_t>(e.type));
        w.varint(e.known ? 1 : 0);
        w.varint(e.mentions);
        w.varint(e.articles);
        w.varint(e.aliases.size());
        for (const EntityAlias& al : e.aliases) {
          w.string(al.surface);
          w.string(al.rule);
          w.varint(al.count);
        }
      }
      part = 3;
      cursor = 0;
    }
    if (part == 3) {
      static const std::vector<Mention> kNone;
      for (; cursor < corpus.articles.size(); ++cursor) {
        if (pause()) return false;
        const size_t a = cursor;
        w.varint(a < index.sentences.size() ? index.sentences[a] : 0);
        const std::vector<Mention>& ms = a < index.by_article.size() ? index.by_article[a] : kNone;
        w.varint(ms.size());
        for (const Mention& m : ms) {
          w.varint(m.entity);
          w.varint(m.begin);
          w.varint(m.begin == kNoOffset ? kNoOffset : m.end - m.begin);
          w.varint(m.sentence);
          w.varint(m.field);
          w.varint(m.via_demonym);
        }
        w.flush();
      }
      w.flush(true);
      part = 4;
    }
    return true;
  }
};
}  // namespace

std::string write_snapshot(const Corpus& corpus, const EntityIndex& index, const SnapshotMeta& meta) {
  Writer w;
  Parts{corpus, index, meta}.run(w, [] { return false; });
  return std::move(w.out);
}

void write_snapshot(const Corpus& corpus, const EntityIndex& index, const SnapshotMeta& meta,
                    const std::function<void(const char* data, size_t size)>& sink) {
  Writer w(&sink);
  Parts{corpus, index, meta}.run(w, [] { return false; });
}

struct SnapshotWriter::Impl {
  SnapshotMeta meta;
  std::function<void(const char*, size_t)> sink;
  Writer w{&sink};
  Parts parts;
  Impl(const Corpus& c, const EntityIndex& i, SnapshotMeta m, std::function<void(const char*, size_t)> s)
      : meta(std::move(m)), sink(std::move(s)), parts{c, i, meta} {}
};

SnapshotWriter::SnapshotWriter(const Corpus& corpus, const EntityIndex& index, SnapshotMeta meta,
                               std::function<void(const char* data, size_t size)> sink)
    : impl_(std::make_unique<Impl>(corpus, index, std::move(meta), std::move(sink))) {}
SnapshotWriter::~SnapshotWriter() = default;

bool SnapshotWriter::step(double budget_ms) {
  if (impl_->parts.part == 4) return true;
  const double until = now_ms() + budget_ms;
  return impl_->parts.run(impl_->w, [&] { return now_ms() >= until; });
}

bool read_snapshot(ByteBuffer bytes, Corpus& corpus, EntityIndex& index, SnapshotMeta& meta, std::string& error) {
  if (!is_snapshot(bytes.data(), bytes.size())) {
    error = "not a snapshot of Article Explorer (expected AESNAP01)";
    return false;
  }
  auto bad = [&](const char* what) {
    error = std::string("the snapshot is damaged (") + what + ")";
    return false;
  };
  Reader r(bytes.data() + sizeof kSnapshotMagic, bytes.size() - sizeof kSnapshotMagic);
  corpus = Corpus();
  index = EntityIndex();
  corpus.name = r.string();
  meta.format = r.string();
  meta.bytes = r.varint();
  meta.skipped = r.varint();
  meta.warnings_total = r.varint();
  meta.warnings = r.strings();
  meta.mappings = r.strings();
  if (!r.ok()) return bad("header");
  const size_t n = r.count();
  corpus.articles.resize(n);
  std::unordered_set<std::string_view> ids;
  ids.reserve(n);
  for (Article& a : corpus.articles) {
    a.id = r.string();
    a.source = r.string();
    a.url = r.string();
    const int64_t day = r.zigzag();
    if (day < INT32_MIN || day > INT32_MAX) return bad("a date");
    a.date = static_cast<Day>(day);
    a.title = r.view();
    a.body = r.view();
    const size_t given = r.count();
    a.has_given_entities = given > 0;
    if (given > 0) a.given_entities.resize(given - 1);
    for (GivenEntity& g : a.given_entities) {
      g.name = r.view();
      g.type = static_cast<EntityType>(r.byte_below(kEntityTypes));
      g.aliases.resize(r.count());
      for (std::string_view& al : g.aliases) al = r.view();
    }
    if (!r.ok()) return bad("an article");
    if (!ids.insert(a.id).second) return bad("two articles with one id");
  }
  const size_t ne = r.count();
  index.entities.resize(ne);
  for (Entity& e : index.entities) {
    e.name = r.string();
    e.type = static_cast<EntityType>(r.byte_below(kEntityTypes));
    e.known = r.byte_below(2) != 0;
    e.mentions = r.u32();
    e.articles = r.u32();
    e.aliases.resize(r.count());
    for (EntityAlias& al : e.aliases) {
      al.surface = r.string();
      al.rule = r.string();
      al.count = r.u32();
    }
    if (!r.ok()) return bad("an entity");
  }
  index.by_article.resize(n);
  index.sentences.resize(n);
  for (size_t a = 0; a < n; ++a) {
    index.sentences[a] = r.u32();
    std::vector<Mention>& ms = index.by_article[a];
    ms.resize(r.count());
    const Article& art = corpus.articles[a];
    for (Mention& m : ms) {
      m.entity = r.u32();
      m.begin = r.u32();
      const uint32_t length = r.u32();
      m.sentence = r.u32();
      m.field = r.byte_below(2);
      m.via_demonym = r.byte_below(2);
      if (!r.ok()) return bad("a mention");
      if (m.entity >= ne) return bad("a mention of an unknown entity");
      if (m.sentence >= index.sentences[a]) return bad("a mention's sentence");
      if (m.begin == kNoOffset || length == kNoOffset) {
        if (m.begin != length) return bad("a mention's place");
        m.end = kNoOffset;
        continue;
      }
      const size_t field = m.field == 0 ? art.title.size() : art.body.size();
      if (m.begin > field || length > field - m.begin) return bad("a mention outside its text");
      m.end = m.begin + length;
    }
    index.bytes += art.title.size() + art.body.size();
  }
  if (!r.ok() || !r.at_end()) return bad("its end");
  corpus.text->bytes = std::move(bytes);  // the views above point into these bytes, which do not move
  corpus.finalize();
  return true;
}

}  // namespace ae
