// main.cpp — `explorer`, the command-line front end: statistics, article lists and benchmarks on the
// same core as the web app. Layer: cli.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#if AE_HAVE_ZLIB
#include <zlib.h>
#endif
#if !defined(__EMSCRIPTEN__) && defined(__unix__)
#define AE_HAVE_MMAP 1
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "compare.h"
#include "cooccurrence.h"
#include "corrections.h"
#include "date.h"
#include "entities.h"
#include "explorer.h"
#include "export.h"
#include "gazetteer.h"
#include "layout.h"
#include "loader.h"
#include "parallel.h"
#include "synth.h"
#include "view.h"

namespace {

const char* kUsage =
    "usage: explorer COMMAND FILE [options]\n"
    "  stats FILE                       articles, dated/undated, date span, bytes, parse time\n"
    "  articles FILE [--from D] [--to D]  one line per article in range: date, id, title (oldest first)\n"
    "  bench FILE [--repeat N]          JSON figures: bytes, parse MB/s, extraction MB/s (best and median of N runs)\n"
    "                                   and where the best extraction spent its time\n"
    "  entities FILE [--sort mentions|articles|name]\n"
    "                                   the merged entity table (name, type, articles, mentions, aliases)\n"
    "  entities FILE... --jsonl [--canonical [--counts]] [--threads N]\n"
    "                                   one line per article, in input order, of all FILEs merged as one corpus:\n"
    "                                   {\"id\", \"date\", \"entities\": {\"people\", \"orgs\", \"places\"}} (distinct "
    "surface\n"
    "                                   strings; with --canonical the merged entities' names; --counts adds\n"
    "                                   \"counts\": mentions of each, same order); on N threads (default: every "
    "core),\n"
    "                                   the same output for any N; figures on stderr\n"
    "  edges FILE [--from D] [--to D] [--scope document|sentence] [--measure count|npmi|jaccard]\n"
    "             [--min-count N] [--top N] [--format csv|json|gexf]\n"
    "                                   co-occurrence edges of the entities in the date range (top N by mentions)\n"
    "  export FILE --what KIND [--from D] [--to D] [--a FROM..TO]\n"
    "             [--select NAME] [--scope S] [--measure M] [--min-count N] [--top N (default 60)]\n"
    "                                   KIND: edges.csv, edges.gexf, entities.csv, articles.json, rules.json,\n"
    "                                   bursts.csv; with a baseline --a: compare.csv, compare.gexf\n"
    "                                   the web app's Export menu for the same view, byte for byte\n"
    "  diff FILE --a FROM..TO --b FROM..TO [--csv|--json|--format gexf] [--scope S] [--min-count N]\n"
    "                                   what changed from range A to range B: entities (count in A and B,\n"
    "                                   change, smoothed log ratio, new/gone/rising/falling) as CSV; with\n"
    "                                   --json also the links (only in A, only in B, both); GEXF: the\n"
    "                                   three-way network (edge attribute side)\n"
    "  bursts FILE [--csv|--json]       bursts of attention per entity (Kleinberg's two-state automaton over\n"
    "                                   daily bins, weekly when the corpus spans more than 180 days)\n"
    "  synth [--articles N] [--entities N] [--seed S]   a deterministic synthetic corpus (JSON Lines) on stdout\n"
    "  bench-network FILE [--window DAYS] [--scope document|sentence]\n"
    "                                   JSON figures: incremental range step (p50/p95 ms), ForceAtlas2 iteration\n"
    "                                   at 2,000 nodes / 20,000 edges\n"
    "Options: --rules FILE  apply the corrections of a rules file (Export rules in the page; see README)\n"
    "         --rules-only  extract without the learned tagger (the rules alone), for comparisons\n"
    "         --data DIR  where gazetteer.json, english_words.txt and tagger.bin are (default: the project's assets/,\n"
    "                     or $AE_DATA_DIR)\n"
    "FILE: a JSON array of articles, an object with an \"articles\" array, or JSON Lines; '-' reads stdin.\n"
    "Dates D: ISO 8601 (2026-01-21) or a news form (\"21 January 2026\").\n";

// A gzip file (recognised by its first two bytes, 1f 8b, whatever its name) is decompressed in place of
// its bytes; at most kMaxInflated bytes come out (a "gzip bomb" is refused, as is a truncated or damaged
// stream). Other bytes are left as they are.
bool gunzip_if_gzip(const std::string& path, ae::ByteBuffer& bytes) {
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1f || static_cast<unsigned char>(bytes[1]) != 0x8b)
    return true;
#if AE_HAVE_ZLIB
  constexpr size_t kMaxInflated = size_t{4} << 30;
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return false;
  std::string text;
  text.resize(std::max<size_t>(bytes.size() * 4, 1 << 16));
  z.next_in = reinterpret_cast<Bytef*>(bytes.data());
  size_t in_left = bytes.size(), produced = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (produced == text.size()) {
      if (text.size() >= kMaxInflated) {
        std::fprintf(stderr, "explorer: %s: decompresses to more than %zu GB; refused\n", path.c_str(),
                     kMaxInflated >> 30);
        inflateEnd(&z);
        return false;
      }
      text.resize(std::min(text.size() * 2, kMaxInflated));
    }
    const uInt in_chunk = static_cast<uInt>(std::min<size_t>(in_left, 1u << 30));
    const uInt out_chunk = static_cast<uInt>(std::min<size_t>(text.size() - produced, 1u << 30));
    z.avail_in = in_chunk;
    z.next_out = reinterpret_cast<Bytef*>(&text[produced]);
    z.avail_out = out_chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    produced += out_chunk - z.avail_out;
    in_left -= in_chunk - z.avail_in;
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && !(rc == Z_BUF_ERROR && z.avail_out == 0)) {
      std::fprintf(stderr, "explorer: %s: the gzip data is damaged (%s)\n", path.c_str(),
                   z.msg ? z.msg : "inflate failed");
      inflateEnd(&z);
      return false;
    }
    if (in_left == 0 && z.avail_out != 0) {
      std::fprintf(stderr, "explorer: %s: the gzip data ends too early (truncated file)\n", path.c_str());
      inflateEnd(&z);
      return false;
    }
  }
  inflateEnd(&z);
  text.resize(produced);
  bytes = ae::ByteBuffer(text);
  return true;
#else
  std::fprintf(stderr, "explorer: %s is gzip-compressed; this build reads it only natively (zlib)\n", path.c_str());
  return false;
#endif
}

// Reads a file ("-": standard input) into one block, which the loader then keeps as the text store.
bool read_input(const std::string& path, ae::ByteBuffer& out) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    out = ae::ByteBuffer(ss.str());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  const size_t size = static_cast<size_t>(in.tellg());
  out = ae::ByteBuffer::try_allocate(size);
  if (out.size() != size) {
    std::cerr << "not enough memory to read " << path << " (" << size << " bytes)\n";
    return false;
  }
  in.seekg(0);
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  if (!in) return false;
  return gunzip_if_gzip(path, out);
}

// A file mapped read-only (natively; the WebAssembly build of the tool always reads).
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() { close(); }
  bool open(const std::string& path) {
#if AE_HAVE_MMAP
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return false;
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
      ::close(fd);
      return false;
    }
    void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) return false;
    data_ = static_cast<const char*>(p);
    size_ = static_cast<size_t>(st.st_size);
    return true;
#else
    (void)path;
    return false;
#endif
  }
  void close() {
#if AE_HAVE_MMAP
    if (data_) munmap(const_cast<char*>(data_), size_);
#endif
    data_ = nullptr;
    size_ = 0;
  }
  bool gzip() const {
    return size_ >= 2 && static_cast<unsigned char>(data_[0]) == 0x1f && static_cast<unsigned char>(data_[1]) == 0x8b;
  }
  std::string_view view() const { return data_ ? std::string_view(data_, size_) : std::string_view(); }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

struct Args {
  std::string command, file;
  std::vector<std::string> files;  // every FILE given (entities reads several; other commands the first)
  int threads = 0;                 // --threads: 0 means every core
  std::string from, to;
  int repeat = 5;
  bool jsonl = false;
  bool canonical = false;
  bool counts = false;  // --counts (with --jsonl --canonical): mentions per entity
  bool rules_only = false;
  std::string range_a, range_b;  // diff: FROM..TO
  std::string rules_file;        // --rules FILE: the user's corrections (corrections.h)  // --rules-only: the extractor
                                 // without the tagger's weights (for comparisons)
  std::string sort = "mentions";
  std::string data_dir;
  std::string scope = "document", measure = "count", format = "csv";
  long min_count = 1, top = 0;
  bool top_set = false;
  std::string what, select;
  long articles = 100000, entities = 20000, seed = 1, window = 30;
};

bool parse_args(int argc, char** argv, Args& a) {
  if (argc < 2) return false;
  a.command = argv[1];
  int first_option = 3;
  if (a.command == "synth") first_option = 2;
  else if (argc < 3) return false;
  else a.file = argv[2];
  if (a.command != "synth") {
    a.files.push_back(a.file);
    while (first_option < argc && std::strncmp(argv[first_option], "--", 2) != 0)
      a.files.push_back(argv[first_option++]);
  }
  for (int i = first_option; i < argc; ++i) {
    std::string opt = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string r;
    if (opt == "--from") {
      if (!value(a.from)) return false;
    } else if (opt == "--to") {
      if (!value(a.to)) return false;
    } else if (opt == "--jsonl") {
      a.jsonl = true;
    } else if (opt == "--canonical") {
      a.canonical = true;
    } else if (opt == "--rules-only") {
      a.rules_only = true;
    } else if (opt == "--rules") {
      if (!value(a.rules_file)) return false;
    } else if (opt == "--a") {
      if (!value(a.range_a)) return false;
    } else if (opt == "--b") {
      if (!value(a.range_b)) return false;
    } else if (opt == "--csv") {
      a.format = "csv";
    } else if (opt == "--json") {
      a.format = "json";
    } else if (opt == "--sort") {
      if (!value(a.sort)) return false;
      if (a.sort != "mentions" && a.sort != "articles" && a.sort != "name") return false;
    } else if (opt == "--scope") {
      if (!value(a.scope)) return false;
    } else if (opt == "--measure") {
      if (!value(a.measure)) return false;
    } else if (opt == "--format") {
      if (!value(a.format)) return false;
      if (a.format != "csv" && a.format != "json" && a.format != "gexf") return false;
    } else if (opt == "--min-count") {
      if (!value(r)) return false;
      a.min_count = std::max(1L, std::atol(r.c_str()));
    } else if (opt == "--top") {
      if (!value(r)) return false;
      a.top = std::max(0L, std::atol(r.c_str()));
      a.top_set = true;
    } else if (opt == "--what") {
      if (!value(a.what)) return false;
    } else if (opt == "--select") {
      if (!value(a.select)) return false;
    } else if (opt == "--articles" || opt == "--entities" || opt == "--seed" || opt == "--window") {
      if (!value(r)) return false;
      long v = std::max(1L, std::atol(r.c_str()));
      (opt == "--articles" ? a.articles : opt == "--entities" ? a.entities : opt == "--seed" ? a.seed : a.window) = v;
    } else if (opt == "--data") {
      if (!value(a.data_dir)) return false;
    } else if (opt == "--threads") {
      if (!value(r)) return false;
      a.threads = std::max(1, std::atoi(r.c_str()));
    } else if (opt == "--counts") {
      a.counts = true;
    } else if (opt == "--repeat") {
      if (!value(r)) return false;
      a.repeat = std::max(1, std::atoi(r.c_str()));
    } else {
      std::fprintf(stderr, "explorer: unknown option '%s'\n", opt.c_str());
      return false;
    }
  }
  return true;
}

// Loads FILE into ex; prints the error and returns false on failure.
bool load(const Args& a, ae::Explorer& ex) {
  ae::ByteBuffer bytes;
  if (!read_input(a.file, bytes)) {
    std::fprintf(stderr, "explorer: cannot read '%s'\n", a.file.c_str());
    return false;
  }
  if (!ex.load_now(std::move(bytes), base_name(a.file))) {
    std::fprintf(stderr, "explorer: %s\n", ex.errors().back().c_str());
    return false;
  }
  const ae::LoadInfo& info = ex.last_load();
  for (const std::string& m : info.mappings) std::fprintf(stderr, "explorer: %s\n", m.c_str());
  if (info.warnings_total)
    std::fprintf(stderr, "explorer: %zu warning(s); first: %s\n", info.warnings_total, info.warnings.front().c_str());
  return true;
}

bool parse_day(const std::string& text, ae::Day fallback, ae::Day& out) {
  if (text.empty()) {
    out = fallback;
    return true;
  }
  out = ae::parse_date(text);
  if (out == ae::kUndated) {
    std::fprintf(stderr, "explorer: '%s' is not a date (use YYYY-MM-DD)\n", text.c_str());
    return false;
  }
  return true;
}

int cmd_stats(const Args& a) {
  ae::Explorer ex;
  if (!load(a, ex)) return 1;
  const ae::Corpus& c = ex.corpus();
  const ae::LoadInfo& info = ex.last_load();
  std::printf("corpus    %s\n", c.name.c_str());
  std::printf("format    %s\n", info.format.c_str());
  if (ex.daily_counts()) {  // aggregates: a row per day, every one dated
    std::printf("articles  %zu\n", ex.articles_counted());
    std::printf("days      %zu\n", c.size());
    std::printf("dated     %zu\n", ex.articles_counted());
    std::printf("undated   0\n");
  } else {
    std::printf("articles  %zu\n", c.size());
    std::printf("dated     %zu\n", c.dated);
    std::printf("undated   %zu\n", c.undated());
  }
  std::printf("skipped   %zu\n", info.skipped);
  std::printf("span      %s .. %s\n", c.dated ? ae::format_iso(c.date_min).c_str() : "-",
              c.dated ? ae::format_iso(c.date_max).c_str() : "-");
  std::printf("bytes     %zu\n", info.bytes);
  std::printf("parse_ms  %.2f\n", info.parse_ms);
  std::printf("parse_MBs %.1f\n", info.parse_ms > 0 ? info.bytes / 1e6 / (info.parse_ms / 1e3) : 0.0);
  return 0;
}

int cmd_articles(const Args& a) {
  ae::Explorer ex;
  if (!load(a, ex)) return 1;
  const ae::Corpus& c = ex.corpus();
  ae::Day from, to;
  if (!parse_day(a.from, c.date_min, from) || !parse_day(a.to, c.date_max, to)) return 2;
  const bool filtered = !a.from.empty() || !a.to.empty();
  auto [first, last] = c.dated_span(from, to);
  for (size_t k = first; k < last; ++k) {
    const ae::Article& art = c.articles[c.by_date[k]];
    std::printf("%s\t%s\t%.*s\n", ae::format_iso(art.date).c_str(), art.id.c_str(), static_cast<int>(art.title.size()),
                art.title.data());
  }
  if (!filtered)
    for (size_t k = c.dated; k < c.size(); ++k) {
      const ae::Article& art = c.articles[c.by_date[k]];
      std::printf("undated\t%s\t%.*s\n", art.id.c_str(), static_cast<int>(art.title.size()), art.title.data());
    }
  return 0;
}

// The rules file of --rules, if any. false (with a message) when it cannot be used.
bool load_rules(const Args& a, ae::Rules& rules) {
  if (a.rules_file.empty()) return true;
  ae::ByteBuffer b;
  std::string error;
  if (!read_input(a.rules_file, b)) {
    std::fprintf(stderr, "explorer: cannot read the rules file %s\n", a.rules_file.c_str());
    return false;
  }
  if (!ae::parse_rules(std::string_view(b.data(), b.size()), rules, error)) {
    std::fprintf(stderr, "explorer: %s: %s\n", a.rules_file.c_str(), error.c_str());
    return false;
  }
  return true;
}

// The extracted entities with the --rules corrections applied (unmatched edits named on stderr).
ae::EntityIndex corrected_entities(const ae::Corpus& c, const ae::Gazetteer& gaz, const ae::Rules& rules,
                                   int threads = 1) {
  ae::EntityIndex index = ae::extract_entities(c, gaz, threads);
  if (rules.empty()) return index;
  std::vector<std::string> unmatched;
  ae::EntityIndex out = ae::apply_rules(rules, c, index, &unmatched);
  for (const std::string& u : unmatched) std::fprintf(stderr, "explorer: rules: no entity for \"%s\"\n", u.c_str());
  return out;
}

// Loads the gazetteer, word list and tagger weights from --data, $AE_DATA_DIR or the project's assets/.
bool load_gazetteer(const Args& a, ae::Gazetteer& gaz) {
  std::string dir = a.data_dir;
  if (dir.empty() && std::getenv("AE_DATA_DIR")) dir = std::getenv("AE_DATA_DIR");
  if (dir.empty()) dir = AE_DEFAULT_DATA_DIR;
  std::string error;
  if (!ae::load_language_files(dir, gaz, error, !a.rules_only)) {
    std::fprintf(stderr, "explorer: %s (use --data DIR)\n", error.c_str());
    return false;
  }
  return true;
}

// What most commands read: the language data, the corpus of FILE, and its entities (with --rules).
struct Session {
  ae::Gazetteer gaz;
  ae::Explorer ex;
  ae::EntityIndex index;
};
// 0, or the exit code when something could not be read (a message has said what).
int open_session(const Args& a, Session& s) {
  if (!load_gazetteer(a, s.gaz)) return 1;
  if (!load(a, s.ex)) return 1;
  ae::Rules rules;
  if (!load_rules(a, rules)) return 2;
  if (s.ex.entities().counts) {  // daily counts (aggregates.jsonl): their index as read, nothing to extract
    if (!rules.empty()) std::fprintf(stderr, "explorer: rules are not applied to daily counts\n");
    s.index = s.ex.entities();
    return 0;
  }
  s.index = corrected_entities(s.ex.corpus(), s.gaz, rules);
  return 0;
}

// Every FILE of the command line as one corpus: the articles of each file in turn (ids made unique
// across files as the loader does within one), their texts left where each file's loader put them.
struct Inputs {
  ae::Corpus corpus;
  std::vector<std::shared_ptr<ae::TextStore>> stores;  // the files' text stores, which the articles view
  size_t bytes = 0;                                    // input bytes read (decompressed)
};
// The bytes of one file as loaded parts. A JSON Lines file of 4 MB or more is cut at line ends into one
// part per thread, each read on its own thread with its lines and articles numbered as in the whole
// file; when a part does not read as JSON Lines (the file is an array or an object over many lines),
// the file is read whole. Repeated ids are left for load_inputs to rename.
// The bytes are those of `bytes`, or of `view` (a mapped file) when `bytes` is empty.
std::vector<ae::LoadResult> load_parts(const std::string& path, ae::ByteBuffer bytes, std::string_view view,
                                       int threads) {
  const size_t size = bytes.empty() ? view.size() : bytes.size();
  const char* s = bytes.empty() ? view.data() : bytes.data();
  size_t first = 0;
  while (first < size && (s[first] == ' ' || s[first] == '\t' || s[first] == '\r' || s[first] == '\n')) ++first;
  std::vector<ae::LoadResult> parts;
  if (threads > 1 && size >= (size_t{4} << 20) && first < size && s[first] == '{') {
    std::vector<size_t> cut = {0};  // part k is bytes [cut[k], cut[k + 1])
    for (int k = 1; k < threads; ++k) {
      const void* nl =
          std::memchr(s + std::max(cut.back(), size * static_cast<size_t>(k) / static_cast<size_t>(threads)), '\n',
                      size - std::max(cut.back(), size * static_cast<size_t>(k) / static_cast<size_t>(threads)));
      if (!nl) break;
      cut.push_back(static_cast<size_t>(static_cast<const char*>(nl) - s) + 1);
    }
    cut.push_back(size);
    const size_t n = cut.size() - 1;
    // Lines and non-blank lines (the loader's articles) before each part.
    std::vector<size_t> lines(n + 1, 0), values(n + 1, 0);
    for (size_t k = 0; k < n; ++k) {
      for (size_t i = cut[k]; i < cut[k + 1];) {
        const void* nl = std::memchr(s + i, '\n', cut[k + 1] - i);
        const size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - s) : cut[k + 1];
        size_t j = i;
        while (j < end && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) ++j;
        if (j < end) ++values[k + 1];
        if (nl) ++lines[k + 1];
        i = end + 1;
      }
      lines[k + 1] += lines[k];
      values[k + 1] += values[k];
    }
    parts.resize(n);
    ae::WorkerPool pool(static_cast<int>(n));
    pool.start(n, [&](size_t k, int) {
      ae::LoadLimits limits;
      limits.first_line = lines[k] + 1;
      limits.first_article = static_cast<long>(values[k]);
      limits.rename_duplicates = false;
      parts[k] =
          ae::load_corpus(ae::ByteBuffer(std::string_view(s + cut[k], cut[k + 1] - cut[k])), base_name(path), limits);
    });
    pool.finish();
    bool lines_all = true;  // (a part of one line may read as a single article; of more, only as lines)
    for (size_t k = 0; k < n; ++k)
      lines_all = lines_all && parts[k].ok &&
                  (parts[k].format == "lines" || (parts[k].format == "article" && values[k + 1] - values[k] == 1));
    if (lines_all && n > 1) return parts;
    parts.clear();
  }
  ae::LoadLimits limits;
  limits.rename_duplicates = false;
  if (bytes.empty()) bytes = ae::ByteBuffer(view);
  parts.push_back(ae::load_corpus(std::move(bytes), base_name(path), limits));
  return parts;
}

// "mapped 'x' to date (12 articles)" of several parts: one line per mapping, the counts added up.
std::vector<std::string> merged_mappings(const std::vector<ae::LoadResult>& parts) {
  std::map<std::string, size_t> total;
  for (const ae::LoadResult& r : parts)
    for (const std::string& m : r.mappings) {
      const size_t open = m.rfind(" (");
      total[m.substr(0, open)] += open == std::string::npos ? 0 : std::strtoul(m.c_str() + open + 2, nullptr, 10);
    }
  std::vector<std::string> out;
  for (const auto& [text, count] : total)
    out.push_back(text + " (" + std::to_string(count) + (count == 1 ? " article)" : " articles)"));
  return out;
}

bool load_inputs(const Args& a, Inputs& in, int threads) {
  std::map<std::string, int> id_counts;  // the loader's renaming of repeated ids, across parts and files
  size_t renamed = 0;
  std::string first_renamed;
  for (const std::string& path : a.files) {
    ae::ByteBuffer bytes;
    MappedFile mapped;
    // A plain file for several threads is mapped, so each thread copies its own part; a .gz file or
    // standard input is read (and decompressed) first.
    if (threads <= 1 || path == "-" || !mapped.open(path) || mapped.gzip()) {
      mapped.close();
      if (!read_input(path, bytes)) {
        std::fprintf(stderr, "explorer: cannot read '%s'\n", path.c_str());
        return false;
      }
    }
    in.bytes += bytes.empty() ? mapped.view().size() : bytes.size();
    std::vector<ae::LoadResult> parts = load_parts(path, std::move(bytes), mapped.view(), threads);
    size_t warnings = 0;
    std::string first_warning;
    for (ae::LoadResult& r : parts) {
      if (!r.ok) {
        std::fprintf(stderr, "explorer: %s:%zu:%zu: %s\n", path.c_str(), r.error.line, r.error.column,
                     r.error.message.c_str());
        return false;
      }
      warnings += r.warnings_total;
      if (first_warning.empty() && !r.warnings.empty()) first_warning = r.warnings.front();
      in.stores.push_back(r.corpus.text);
      for (ae::Article& art : r.corpus.articles) {
        int& seen = id_counts[art.id];
        if (++seen > 1) {
          const std::string to = art.id + "#" + std::to_string(seen);
          if (renamed++ == 0) first_renamed = "'" + art.id + "' renamed '" + to + "'";
          art.id = to;
          ++id_counts[art.id];
        }
        in.corpus.articles.push_back(std::move(art));
      }
    }
    for (const std::string& m : merged_mappings(parts))
      std::fprintf(stderr, "explorer: %s: %s\n", path.c_str(), m.c_str());
    if (warnings)
      std::fprintf(stderr, "explorer: %s: %zu warning(s); first: %s\n", path.c_str(), warnings, first_warning.c_str());
  }
  if (renamed)
    std::fprintf(stderr, "explorer: %zu repeated id(s) renamed; first: %s\n", renamed, first_renamed.c_str());
  in.corpus.name = a.files.size() == 1 ? base_name(a.files[0]) : std::to_string(a.files.size()) + " files";
  in.corpus.finalize();
  return true;
}

// One line of `entities --jsonl`: id, date (when known) and the article's entities by type: distinct
// surface strings, or with --canonical the merged entities' names (demonym references included) and,
// with --counts, how often each is mentioned (lists in the same order as the names).
std::string article_line(const Args& a, const ae::Corpus& c, const ae::EntityIndex& index, size_t i) {
  const ae::Article& art = c.articles[i];
  nlohmann::json line = {{"id", art.id}};
  if (art.date != ae::kUndated) line["date"] = ae::format_iso(art.date);
  nlohmann::json ents = nlohmann::json::object(), counts = nlohmann::json::object();
  for (ae::EntityType t : {ae::EntityType::Person, ae::EntityType::Org, ae::EntityType::Place}) {
    if (!a.canonical) {
      ents[ae::type_plural(t)] = ae::article_surfaces(c, index, i, t);
      continue;
    }
    std::vector<uint32_t> seen;  // entities of this type, in reading order
    std::vector<std::string> names;
    std::vector<uint32_t> n;
    for (const ae::Mention& m : index.by_article[i]) {
      const ae::Entity& e = index.entities[m.entity];
      if (e.type != t) continue;
      const size_t k = static_cast<size_t>(std::find(seen.begin(), seen.end(), m.entity) - seen.begin());
      if (k == seen.size()) {
        seen.push_back(m.entity);
        names.push_back(e.name);
        n.push_back(0);
      }
      ++n[k];
    }
    ents[ae::type_plural(t)] = names;
    if (a.counts) counts[ae::type_plural(t)] = n;
  }
  line["entities"] = ents;
  if (a.canonical && a.counts) line["counts"] = counts;
  return line.dump();
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// entities --jsonl: every FILE read in turn, the entities found on --threads threads (the result is the
// same for any number), the lines made on the same threads and written in input order. Figures on stderr.
int cmd_entities_jsonl(const Args& a) {
  const auto t0 = std::chrono::steady_clock::now();
  const int threads = a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ae::Rules rules;
  if (!load_rules(a, rules)) return 2;
  // The language data is read beside the corpus when there is a second thread.
  ae::Gazetteer gaz;
  bool gaz_ok = false;
  std::thread gaz_thread;
  if (threads > 1) gaz_thread = std::thread([&] { gaz_ok = load_gazetteer(a, gaz); });
  else gaz_ok = load_gazetteer(a, gaz);
  Inputs in;
  const bool in_ok = gaz_ok || threads > 1 ? load_inputs(a, in, threads) : false;
  if (gaz_thread.joinable()) gaz_thread.join();
  if (!gaz_ok || !in_ok) return 1;
  const ae::Corpus& c = in.corpus;
  const double read_s = seconds_since(t0);
  const ae::EntityIndex index = corrected_entities(c, gaz, rules, threads);
  const double extract_s = seconds_since(t0) - read_s;
  ae::WorkerPool pool(threads);
  constexpr size_t kBatch = 4096;
  std::vector<std::string> lines(std::min(kBatch, c.size()));
  for (size_t first = 0; first < c.size(); first += kBatch) {
    const size_t count = std::min(kBatch, c.size() - first);
    pool.start(count, [&](size_t k, int) { lines[k] = article_line(a, c, index, first + k); });
    pool.finish();
    for (size_t k = 0; k < count; ++k) {
      std::fwrite(lines[k].data(), 1, lines[k].size(), stdout);
      std::fputc('\n', stdout);
    }
  }
  std::fflush(stdout);
  const double total_s = seconds_since(t0);
  const double mb = static_cast<double>(in.bytes) / 1e6;
  std::fprintf(stderr,
               "explorer: %zu articles, %zu entities, %.1f MB from %zu file(s) in %.2f s (%.1f MB/s) on %d thread(s):"
               " read %.2f s, entities %.2f s (bodies %.2f, titles %.2f, cleaning %.2f, merging %.2f), lines %.2f s\n",
               c.size(), index.entities.size(), mb, a.files.size(), total_s, total_s > 0 ? mb / total_s : 0.0, threads,
               read_s, extract_s, index.stage_ms[0] / 1e3, index.stage_ms[1] / 1e3, index.stage_ms[2] / 1e3,
               index.stage_ms[3] / 1e3, total_s - read_s - extract_s);
  return 0;
}

int cmd_entities(const Args& a) {
  if (a.jsonl) return cmd_entities_jsonl(a);
  if (a.files.size() > 1) {
    std::fprintf(stderr, "explorer: several files are read only with --jsonl\n");
    return 2;
  }
  Session session;
  if (const int rc = open_session(a, session)) return rc;
  const ae::Corpus& c = session.ex.corpus();
  const ae::EntityIndex& index = session.index;
  std::vector<size_t> order(index.entities.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const ae::Entity& ex_ = index.entities[x];
    const ae::Entity& ey = index.entities[y];
    if (a.sort == "name") return ex_.name < ey.name;
    if (a.sort == "articles" && ex_.articles != ey.articles) return ex_.articles > ey.articles;
    if (ex_.mentions != ey.mentions) return ex_.mentions > ey.mentions;
    return ex_.articles > ey.articles;
  });
  std::printf("%-40s %-7s %8s %8s  %s\n", "name", "type", "articles", "mentions", "aliases (rule)");
  for (size_t i : order) {
    const ae::Entity& e = index.entities[i];
    std::string aliases;
    for (const ae::EntityAlias& al : e.aliases) {
      if (al.surface == e.name && al.rule == "name") continue;
      if (!aliases.empty()) aliases += "; ";
      aliases += al.surface + " (" + al.rule + ", " + std::to_string(al.count) + ")";
    }
    std::printf("%-40s %-7s %8u %8u  %s\n", e.name.c_str(), ae::type_name(e.type), e.articles, e.mentions,
                aliases.c_str());
  }
  std::fprintf(stderr, "explorer: %zu entities from %zu articles in %.1f ms\n", index.entities.size(), c.size(),
               index.extract_ms);
  return 0;
}

// --scope and --measure; false (with a message) when either is not known.
bool network_options(const Args& a, ae::Scope& scope, ae::Measure& measure) {
  if (ae::parse_scope(a.scope, scope) && ae::parse_measure(a.measure, measure)) return true;
  std::fprintf(stderr, "explorer: --scope is document or sentence; --measure is count, npmi or jaccard\n");
  return false;
}

int cmd_edges(const Args& a) {
  ae::Scope scope;
  ae::Measure measure;
  if (!network_options(a, scope, measure)) return 2;
  Session session;
  if (const int rc = open_session(a, session)) return rc;
  const ae::Corpus& c = session.ex.corpus();
  const ae::EntityIndex& index = session.index;
  ae::Day from, to;
  if (!parse_day(a.from, c.date_min, from) || !parse_day(a.to, c.date_max, to)) return 2;
  ae::Cooccurrence co(c, index, scope);
  co.set_range(from, to);
  const ae::Graph g = ae::build_graph(co, measure, static_cast<uint32_t>(a.min_count), static_cast<size_t>(a.top));
  const std::string out = a.format == "csv"    ? ae::graph_csv(g, index, measure)
                          : a.format == "json" ? ae::graph_json(g, index, co, measure)
                                               : ae::graph_gexf(g, index, co, measure);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fprintf(stderr, "explorer: %zu nodes (%zu hidden), %zu edges (%zu hidden), %llu %s units in range\n",
               g.nodes.size(), g.nodes_hidden, g.edges.size(), g.edges_hidden,
               static_cast<unsigned long long>(co.units()), ae::scope_name(scope));
  return 0;
}

// "FROM..TO" into two days (either side may be empty: the corpus's first or last date).
bool parse_span(const std::string& text, const ae::Corpus& c, ae::Day& from, ae::Day& to) {
  const size_t dots = text.find("..");
  if (dots == std::string::npos) {
    std::fprintf(stderr, "explorer: a range is FROM..TO (e.g. 1987-02-01..1987-02-28), not '%s'\n", text.c_str());
    return false;
  }
  return parse_day(text.substr(0, dots), c.date_min, from) && parse_day(text.substr(dots + 2), c.date_max, to);
}

// explorer diff FILE --a FROM..TO --b FROM..TO [--csv|--json|--format gexf]: what changed from A to B.
int cmd_diff(const Args& a) {
  ae::Scope scope;
  ae::Measure measure;
  if (!network_options(a, scope, measure)) return 2;
  if (a.range_a.empty() || a.range_b.empty()) {
    std::fprintf(stderr, "explorer: diff needs --a FROM..TO and --b FROM..TO\n");
    return 2;
  }
  Session session;
  if (const int rc = open_session(a, session)) return rc;
  const ae::Corpus& c = session.ex.corpus();
  const ae::EntityIndex& index = session.index;
  ae::Day af, at, bf, bt;
  if (!parse_span(a.range_a, c, af, at) || !parse_span(a.range_b, c, bf, bt)) return 2;
  ae::Cooccurrence ca(c, index, scope), cb(c, index, scope);
  ca.set_range(af, at);
  cb.set_range(bf, bt);
  const auto rows = ae::compare_entities(ca, cb);
  const auto links = ae::compare_links(ca, cb, static_cast<uint32_t>(a.min_count));
  const std::string out = a.format == "json"   ? ae::compare_json(rows, links, index, ca, cb)
                          : a.format == "gexf" ? ae::compare_gexf(links, index, cb)
                                               : ae::compare_csv(rows, index);
  std::fwrite(out.data(), 1, out.size(), stdout);
  size_t only_a = 0, only_b = 0;
  for (const auto& l : links) {
    if (l.side == ae::LinkSide::OnlyA) ++only_a;
    if (l.side == ae::LinkSide::OnlyB) ++only_b;
  }
  std::fprintf(stderr, "explorer: A %llu, B %llu %s units; %zu entities; %zu links (%zu only in A, %zu only in B)\n",
               static_cast<unsigned long long>(ca.units()), static_cast<unsigned long long>(cb.units()),
               ae::scope_name(scope), rows.size(), links.size(), only_a, only_b);
  return 0;
}

// explorer bursts FILE [--csv|--json]: every entity's bursts of attention.
int cmd_bursts(const Args& a) {
  Session session;
  if (const int rc = open_session(a, session)) return rc;
  const ae::Corpus& c = session.ex.corpus();
  const ae::EntityIndex& index = session.index;
  const ae::BurstIndex b = ae::compute_bursts(c, index);
  if (a.format == "json") {
    nlohmann::json j = {{"bin_days", b.timeline.bin_days}, {"first", ae::format_iso(b.timeline.first)}};
    nlohmann::json list = nlohmann::json::array();
    for (const ae::Burst& x : b.bursts)
      list.push_back({{"name", index.entities[x.entity].name},
                      {"type", ae::type_name(index.entities[x.entity].type)},
                      {"from", ae::format_iso(b.timeline.bin_start(x.begin))},
                      {"to", ae::format_iso(b.timeline.bin_start(x.end) + b.timeline.bin_days - 1)},
                      {"weight", std::round(x.weight * 100) / 100}});
    j["bursts"] = std::move(list);
    const std::string out = j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else {
    const std::string out = ae::bursts_csv(b, index);
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fprintf(stderr, "explorer: %zu bursts of %zu entities over %zu bins of %d day(s)\n", b.bursts.size(),
               index.entities.size(), b.timeline.articles.size(), b.timeline.bin_days);
  return 0;
}

int cmd_export(const Args& a) {
  ae::Scope scope;
  ae::Measure measure;
  if (!network_options(a, scope, measure)) return 2;
  const auto& kinds = ae::export_kinds();
  if (std::find(kinds.begin(), kinds.end(), a.what) == kinds.end()) {
    std::string list;
    for (const std::string& k : kinds) list += (list.empty() ? "" : ", ") + k;
    std::fprintf(stderr, "explorer: --what is one of %s\n", list.c_str());
    return 2;
  }
  auto gaz = std::make_shared<ae::Gazetteer>();
  if (!load_gazetteer(a, *gaz)) return 1;
  ae::Rules rules;
  if (!load_rules(a, rules)) return 2;
  ae::Explorer ex;
  ex.set_gazetteer(gaz);
  if (!rules.empty()) ex.set_rules(std::move(rules));  // applied when the corpus is loaded
  if (!load(a, ex)) return 1;
  const ae::Corpus& c = ex.corpus();
  ae::Day from, to;
  if (!parse_day(a.from, c.date_min, from) || !parse_day(a.to, c.date_max, to)) return 2;
  ex.set_network(scope, measure, static_cast<uint32_t>(a.min_count), a.top_set ? static_cast<size_t>(a.top) : 60);
  if (from != ae::kUndated) ex.set_range(from, to);
  if (!a.range_a.empty()) {  // a baseline: the comparison of A with the range
    ae::Day af, at;
    if (!parse_span(a.range_a, c, af, at)) return 2;
    ex.set_baseline(af, at);
  } else if (ae::is_comparison_export(a.what)) {
    std::fprintf(stderr, "explorer: %s needs a baseline: --a FROM..TO (and the range: --from/--to)\n", a.what.c_str());
    return 2;
  }
  if (!a.select.empty()) {
    const size_t e = ex.find_entity(a.select);
    if (e == SIZE_MAX) {
      std::fprintf(stderr, "explorer: no entity is named '%s'\n", a.select.c_str());
      return 1;
    }
    ex.select(e);
  }
  std::string out;
  ae::export_view(ex, a.what, out);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int cmd_synth(const Args& a) {
  ae::SynthOptions o;
  o.articles = static_cast<size_t>(a.articles);
  o.entities = static_cast<size_t>(a.entities);
  o.seed = static_cast<uint32_t>(a.seed);
  const std::string out = ae::synth_corpus(o);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size()) + 0.999999);
  return v[std::min(v.size(), std::max<size_t>(k, 1)) - 1];
}

int cmd_bench_network(const Args& a) {
  ae::Scope scope;
  if (!ae::parse_scope(a.scope, scope)) return 2;
  ae::Gazetteer gaz;
  if (!load_gazetteer(a, gaz)) return 1;
  ae::ByteBuffer bytes;
  if (!read_input(a.file, bytes)) return 1;
  ae::LoadResult r = ae::load_corpus(std::move(bytes), base_name(a.file));
  if (!r.ok) {
    std::fprintf(stderr, "explorer: %s\n", r.error.message.c_str());
    return 1;
  }
  const ae::Corpus& c = r.corpus;
  const ae::EntityIndex index = ae::extract_entities(c, gaz);
  double t0 = ae::now_ms();
  ae::Cooccurrence co(c, index, scope);
  const double build_ms = ae::now_ms() - t0;
  // Drag a window of `window` days across the span one day at a time: counts (incremental) + graph.
  std::vector<double> step_ms, counts_ms;
  ae::ForceAtlas2 warm;  // the graph of each step is handed to the layout, as in the app
  const ae::Day w = static_cast<ae::Day>(a.window);
  co.set_range(c.date_min, c.date_min + w - 1);
  for (ae::Day d = c.date_min + 1; d + w - 1 <= c.date_max; ++d) {
    const double s0 = ae::now_ms();
    co.set_range(d, d + w - 1);
    const double s1 = ae::now_ms();
    const ae::Graph g = ae::build_graph(co, ae::Measure::Count, 1, 60);
    warm.set_graph(g);
    step_ms.push_back(ae::now_ms() - s0);
    counts_ms.push_back(s1 - s0);
  }
  // Comparing two periods: B the window, A the window just before it, both moving a day per step;
  // each step updates both counts, builds the three-way graph and compares every entity (the entity
  // table's A/B columns).
  std::vector<double> cmp_ms, table_ms;
  {
    ae::Cooccurrence ca(c, index, scope);
    co.set_range(c.date_min + w, c.date_min + 2 * w - 1);
    ca.set_range(c.date_min, c.date_min + w - 1);
    size_t sink = 0;
    for (ae::Day d = c.date_min + w + 1; d + w - 1 <= c.date_max; ++d) {
      const double s0 = ae::now_ms();
      co.set_range(d, d + w - 1);
      ca.set_range(d - w, d - 1);
      const ae::Graph g = ae::build_compare_graph(ca, co, ae::Measure::Count, 1, 60, false);
      warm.set_graph(g);
      const double g1 = ae::now_ms();
      sink += ae::compare_entities(ca, co, false).size();
      table_ms.push_back(ae::now_ms() - g1);
      cmp_ms.push_back(ae::now_ms() - s0);
    }
    if (sink == 0) std::fprintf(stderr, "explorer: the comparison found no entity\n");
  }
  // ForceAtlas2 at 2,000 nodes / 20,000 edges: the strongest 20,000 links among the top 2,000.
  co.set_range(c.date_min, c.date_max);
  ae::Graph big = ae::build_graph(co, ae::Measure::Count, 1, 2000);
  if (big.edges.size() > 20000) big.edges.resize(20000);
  ae::ForceAtlas2 fa;
  fa.set_graph(big);
  std::vector<double> it_ms;
  for (int i = 0; i < 300 && !fa.converged(); ++i) {  // from a fresh start into the settling phase
    fa.run(1);
    it_ms.push_back(fa.last_iteration_ms());
  }
  nlohmann::json out = {{"file", base_name(a.file)},
                        {"articles", c.size()},
                        {"entities", index.entities.size()},
                        {"scope", ae::scope_name(scope)},
                        {"index_build_ms", build_ms},
                        {"window_days", a.window},
                        {"range_steps", step_ms.size()},
                        {"range_step_counts_ms_p50", percentile(counts_ms, 50)},
                        {"range_step_counts_ms_p95", percentile(counts_ms, 95)},
                        {"range_step_with_graph_ms_p50", percentile(step_ms, 50)},
                        {"range_step_with_graph_ms_p95", percentile(step_ms, 95)},
                        {"compare_steps", cmp_ms.size()},
                        {"compare_step_ms_p50", percentile(cmp_ms, 50)},
                        {"compare_step_ms_p95", percentile(cmp_ms, 95)},
                        {"compare_table_ms_p95", percentile(table_ms, 95)},
                        {"fa2_nodes", fa.size()},
                        {"fa2_edges", big.edges.size()},
                        {"fa2_iterations", it_ms.size()},
                        {"fa2_iteration_ms_p50", percentile(it_ms, 50)},
                        {"fa2_iteration_ms_p95", percentile(it_ms, 95)}};
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

int cmd_bench(const Args& a) {
  ae::ByteBuffer bytes;
  if (!read_input(a.file, bytes)) {
    std::fprintf(stderr, "explorer: cannot read '%s'\n", a.file.c_str());
    return 1;
  }
  std::vector<double> ms;
  size_t articles = 0;
  for (int i = 0; i < a.repeat; ++i) {
    ae::ByteBuffer copy(std::string_view(bytes.data(), bytes.size()));
    const double t0 = ae::now_ms();
    ae::LoadResult r = ae::load_corpus(std::move(copy), base_name(a.file));
    ms.push_back(ae::now_ms() - t0);
    if (!r.ok) {
      std::fprintf(stderr, "explorer: %s\n", r.error.message.c_str());
      return 1;
    }
    articles = r.corpus.size();
  }
  std::sort(ms.begin(), ms.end());
  const double mb = bytes.size() / 1e6;
  // Extraction, on the corpus of the last run.
  ae::Gazetteer gaz;
  std::vector<double> ems;
  std::array<double, 4> best_stages{};  // where the fastest run spent its time
  size_t text_bytes = 0, entities = 0;
  if (load_gazetteer(a, gaz)) {
    ae::LoadResult r = ae::load_corpus(ae::ByteBuffer(std::string_view(bytes.data(), bytes.size())), base_name(a.file));
    for (int i = 0; i < a.repeat; ++i) {
      const ae::EntityIndex idx = ae::extract_entities(r.corpus, gaz);
      if (ems.empty() || idx.extract_ms < *std::min_element(ems.begin(), ems.end()))
        best_stages = {idx.stage_ms[0], idx.stage_ms[1], idx.stage_ms[2], idx.stage_ms[3]};
      ems.push_back(idx.extract_ms);
      text_bytes = idx.bytes;
      entities = idx.entities.size();
    }
    std::sort(ems.begin(), ems.end());
  }
  nlohmann::json out = {{"file", base_name(a.file)},
                        {"bytes", bytes.size()},
                        {"articles", articles},
                        {"runs", a.repeat},
                        {"load_ms_best", ms.front()},
                        {"load_ms_median", ms[ms.size() / 2]},
                        {"parse_MBps_best", mb / (ms.front() / 1e3)},
                        {"parse_MBps_median", mb / (ms[ms.size() / 2] / 1e3)}};
  if (!ems.empty()) {
    const double tmb = text_bytes / 1e6;
    out["text_bytes"] = text_bytes;
    out["entities"] = entities;
    out["extract_ms_best"] = ems.front();
    out["extract_ms_median"] = ems[ems.size() / 2];
    out["extract_MBps_best"] = tmb / (ems.front() / 1e3);
    out["extract_MBps_median"] = tmb / (ems[ems.size() / 2] / 1e3);
    const auto& st = best_stages;
    out["extract_stages_ms_best"] = {{"bodies", st[0]}, {"titles", st[1]}, {"cleaning", st[2]}, {"merging", st[3]}};
  }
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (argc >= 2 && (std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0)) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!parse_args(argc, argv, a)) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (a.files.size() > 1 && a.command != "entities") {
    std::fprintf(stderr, "explorer: %s reads one FILE ('%s' is not an option)\n", a.command.c_str(),
                 a.files[1].c_str());
    return 2;
  }
  if (a.command == "stats") return cmd_stats(a);
  if (a.command == "articles") return cmd_articles(a);
  if (a.command == "bench") return cmd_bench(a);
  if (a.command == "entities") return cmd_entities(a);
  if (a.command == "edges") return cmd_edges(a);
  if (a.command == "diff") return cmd_diff(a);
  if (a.command == "bursts") return cmd_bursts(a);
  if (a.command == "export") return cmd_export(a);
  if (a.command == "synth") return cmd_synth(a);
  if (a.command == "bench-network") return cmd_bench_network(a);
  std::fprintf(stderr, "explorer: unknown command '%s'\n", a.command.c_str());
  std::fputs(kUsage, stderr);
  return 2;
}
