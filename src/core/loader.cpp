// loader.cpp — incremental corpus reader on nlohmann/json. Layer: core.
//
// [SECTION] Structure scanner: finds the extent of one JSON value without building it (depth-bounded)
// [SECTION] Article fields: field-name aliases of real feeds and their conversion
// [SECTION] CorpusLoader: the top-level state machine (start -> array | object | lines -> done)
#include "loader.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "entity_type.h"
#include "text.h"

namespace ae {

using nlohmann::json;

void line_column(const std::string& text, size_t offset, size_t& line, size_t& column) {
  if (offset > text.size()) offset = text.size();
  line = 1;
  size_t line_start = 0;
  const char* s = text.data();
  for (const char* p = s; (p = static_cast<const char*>(std::memchr(p, '\n', offset - (p - s)))) != nullptr; ++p) {
    ++line;
    line_start = static_cast<size_t>(p - s) + 1;
  }
  column = offset - line_start + 1;
}

namespace {

// -------------------------------------------------------------------------------------------------
// [SECTION] Structure scanner
// -------------------------------------------------------------------------------------------------

inline bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

struct ScanError {
  std::string message;
  size_t offset = 0;
};

// End (one past) of the string starting at s[pos] == '"', or npos when the input ends inside it.
size_t skip_string(const char* s, size_t pos, size_t end) {
  size_t i = pos + 1;
  while (i < end) {
    const char c = s[i];
    if (c == '"') return i + 1;
    i += (c == '\\') ? 2 : 1;
  }
  return std::string::npos;
}

// Finds the end of the JSON value starting at s[pos] (not whitespace). Checks bracket matching and
// depth only; json::parse validates the rest. Returns false with err set on failure.
bool skip_value(const char* s, size_t pos, size_t end, int max_depth, size_t& out_end, ScanError& err) {
  char c = s[pos];
  if (c == '"') {
    const size_t e = skip_string(s, pos, end);
    if (e == std::string::npos) {
      err = {"the text ends inside a string (the file is truncated or a closing quote is missing)", end};
      return false;
    }
    out_end = e;
    return true;
  }
  if (c != '{' && c != '[') {
    size_t i = pos;
    while (i < end && !is_ws(s[i]) && s[i] != ',' && s[i] != ']' && s[i] != '}') ++i;
    if (i == pos) {
      err = {std::string("unexpected '") + c + "'", pos};
      return false;
    }
    out_end = i;
    return true;
  }
  std::string stack(1, c);
  size_t i = pos + 1;
  while (i < end) {
    c = s[i];
    if (c == '"') {
      const size_t e = skip_string(s, i, end);
      if (e == std::string::npos) {
        err = {"the text ends inside a string (the file is truncated or a closing quote is missing)", end};
        return false;
      }
      i = e;
      continue;
    }
    if (c == '{' || c == '[') {
      if (static_cast<int>(stack.size()) >= max_depth) {
        err = {"values are nested more than " + std::to_string(max_depth) +
                   " levels deep; an article needs only a few levels, so this input is refused",
               i};
        return false;
      }
      stack.push_back(c);
    } else if (c == '}' || c == ']') {
      const char want = stack.back() == '{' ? '}' : ']';
      if (c != want) {
        err = {std::string("'") + c + "' closes a '" + stack.back() + "' (expected '" + want + "')", i};
        return false;
      }
      stack.pop_back();
      if (stack.empty()) {
        out_end = i + 1;
        return true;
      }
    }
    ++i;
  }
  err = {"the text ends with " + std::to_string(stack.size()) +
             " bracket(s) still open (the file is truncated or a closing bracket is missing)",
         end};
  return false;
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Article fields
// -------------------------------------------------------------------------------------------------

enum Field { kId, kTitle, kDate, kBody, kUrl, kSource, kEntities, kFieldCount };
constexpr std::string_view kCanonical[kFieldCount] = {"id", "title", "date", "body", "url", "source", "entities"};

struct Alias {
  std::string_view key;
  Field field;
  int priority;  // lower wins when an article has several
};
constexpr Alias kAliases[] = {
    {"id", kId, 0},
    {"_id", kId, 1},
    {"guid", kId, 2},
    {"uuid", kId, 3},
    {"title", kTitle, 0},
    {"headline", kTitle, 1},
    {"date", kDate, 0},
    {"datetime", kDate, 1},
    {"published", kDate, 2},
    {"publishedAt", kDate, 3},
    {"published_at", kDate, 4},
    {"pubDate", kDate, 5},
    {"pub_date", kDate, 6},
    {"publication_date", kDate, 7},
    {"date_published", kDate, 8},
    {"created_at", kDate, 9},
    {"body", kBody, 0},
    {"text", kBody, 1},
    {"content", kBody, 2},
    {"description", kBody, 3},
    {"summary", kBody, 4},
    {"url", kUrl, 0},
    {"link", kUrl, 1},
    {"source", kSource, 0},
    {"publisher", kSource, 1},
    {"site", kSource, 2},
    {"outlet", kSource, 3},
    {"entities", kEntities, 0},
};

// The alias of a key, or nullptr. Called for every top-level key of every article: compares lengths
// first, so most keys cost a few integer comparisons.
const Alias* find_alias(std::string_view key) {
  for (const Alias& a : kAliases)
    if (a.key.size() == key.size() && a.key == key) return &a;
  return nullptr;
}

// One recognised field of an article as read: its alias and its value, reduced to what we use.
struct RawField {
  enum Kind { kText, kInteger, kFloat, kParagraphs, kNamed, kOther };
  const Alias* alias = nullptr;
  Kind kind = kOther;
  const char* type = "null";  // what the value is, for messages
  std::string text;           // kText, kParagraphs (joined), kNamed
  double number = 0;          // kInteger, kFloat
  bool paragraphs_ok = true;  // kParagraphs: every element was a string
  json value;                 // kEntities: the value as read
};

// SAX reader of one article object. Builds no DOM: only the recognised top-level fields are kept;
// other fields (and all nesting below them) are skipped as they stream past.
class ArticleSax : public nlohmann::json_sax<json> {
 public:
  explicit ArticleSax(int max_depth) : max_depth_(max_depth) {}
  std::vector<RawField> fields;
  const char* top_type = nullptr;  // set when the value is not an object
  size_t error_byte = 0;           // 1-based, within the element
  std::string error_text;
  bool nested_too_deep = false;  // stopped at max_depth (error_byte is not set then)

  bool null() override { return scalar("null"); }
  bool boolean(bool) override { return scalar("true/false"); }
  bool number_integer(number_integer_t v) override { return number(static_cast<double>(v), true); }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v), true); }
  bool number_float(number_float_t v, const string_t&) override { return number(v, false); }
  bool string(string_t& v) override {
    if (depth_ == 0) return top("text");
    if (depth_ == 1) {
      if (current_) {
        current_->kind = RawField::kText;
        current_->type = "text";
        current_->text = std::move(v);
      }
      return true;
    }
    if (depth_ == 2 && current_) {
      if (current_->kind == RawField::kParagraphs) {
        if (!current_->text.empty()) current_->text += "\n\n";
        current_->text += v;
      } else if (current_->kind == RawField::kNamed && named_key_ && current_->text.empty()) {
        current_->text = std::move(v);
      }
    }
    return true;
  }
  bool binary(binary_t&) override { return scalar("binary"); }
  bool start_object(std::size_t) override {
    if (depth_ >= max_depth_) return too_deep();
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    if (depth_ == 1 && current_) {
      current_->kind = RawField::kNamed;
      current_->type = "an object";
    }
    ++depth_;
    return true;
  }
  bool end_object() override {
    --depth_;
    if (depth_ == 1) current_ = nullptr;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ >= max_depth_) return too_deep();
    if (depth_ == 0) return top("an array");
    if (depth_ == 1 && current_) {
      current_->kind = RawField::kParagraphs;
      current_->type = "an array";
    }
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    if (depth_ == 1) current_ = nullptr;
    return true;
  }
  bool key(string_t& k) override {
    if (depth_ == 1) {
      current_ = nullptr;
      if (const Alias* a = find_alias(k)) {
        fields.emplace_back();
        fields.back().alias = a;
        current_ = &fields.back();
      }
    } else if (depth_ == 2 && current_ && current_->kind == RawField::kNamed) {
      named_key_ = k == "name" || k == "title" || k == "href" || k == "url";
    }
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    error_byte = position;
    const std::string what = ex.what();
    const size_t col = what.find("column ");
    const size_t colon = col == std::string::npos ? std::string::npos : what.find(": ", col);
    error_text = colon == std::string::npos ? what : what.substr(colon + 2);
    return false;
  }

 private:
  bool too_deep() {
    nested_too_deep = true;
    return false;
  }
  bool top(const char* type) {
    top_type = type;
    return false;  // stop: not an article
  }
  bool scalar(const char* type) {
    if (depth_ == 0) return top(type);
    if (depth_ == 1 && current_) {
      current_->kind = RawField::kOther;
      current_->type = type;
    }
    if (depth_ == 2 && current_ && current_->kind == RawField::kParagraphs) current_->paragraphs_ok = false;
    return true;
  }
  bool number(double v, bool integer) {
    if (depth_ == 0) return top("a number");
    if (depth_ == 1 && current_) {
      current_->kind = integer ? RawField::kInteger : RawField::kFloat;
      current_->type = "a number";
      current_->number = v;
    }
    if (depth_ == 2 && current_ && current_->kind == RawField::kParagraphs) current_->paragraphs_ok = false;
    return true;
  }
  int max_depth_;
  int depth_ = 0;
  RawField* current_ = nullptr;  // the recognised field whose value is being read (points into fields)
  bool named_key_ = false;
};

// Text of a field: strings as they are, integer ids printed, arrays of strings joined as paragraphs
// (body), {"name": ...} objects by their name (source, url). false when it holds no usable text.
bool field_text(RawField& f, Field field, std::string& out) {
  switch (f.kind) {
    case RawField::kText: out = std::move(f.text); return true;
    case RawField::kInteger:
    case RawField::kFloat:
      if (field != kId) return false;
      {
        char buf[32];
        std::snprintf(buf, sizeof buf, f.kind == RawField::kInteger ? "%.0f" : "%.17g", f.number);
        out = buf;
      }
      return true;
    case RawField::kParagraphs:
      if (field != kBody || !f.paragraphs_ok) return false;
      out = std::move(f.text);
      return true;
    case RawField::kNamed:
      if ((field != kSource && field != kUrl) || f.text.empty()) return false;
      out = std::move(f.text);
      return true;
    default: return false;
  }
}

// A date: a string in any form parse_date reads, or a Unix time in seconds or milliseconds.
Day field_date(const RawField& f) {
  if (f.kind == RawField::kText) return parse_date(f.text);
  if (f.kind == RawField::kInteger || f.kind == RawField::kFloat) {
    double t = f.number;
    if (!std::isfinite(t)) return kUndated;
    if (std::fabs(t) > 1e11) t /= 1000.0;  // milliseconds
    const double days = std::floor(t / 86400.0);
    if (days < days_from_civil(1000, 1, 1) || days > days_from_civil(9999, 12, 31)) return kUndated;
    return static_cast<Day>(days);
  }
  return kUndated;
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Fast path for well-formed articles
// -------------------------------------------------------------------------------------------------
// Most bytes of a corpus are the text of string values, which nlohmann's lexer copies one character
// at a time. For an article object this path walks the members itself, decodes strings in runs
// (validating escapes, control characters and UTF-8 as strictly as nlohmann does) and hands every
// non-string value to nlohmann. It only ever accepts: at the first thing it does not find plainly
// valid it returns false, and the article is read again by nlohmann's SAX parser, whose verdict and
// error message stand.

inline int hex4(const char* p) {
  int v = 0;
  for (int k = 0; k < 4; ++k) {
    const char c = p[k];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= c - '0';
    else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
    else return -1;
  }
  return v;
}

inline void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the JSON string at s[i] == '"' into *out (when given). Returns the index past the closing
// quote, or npos when the string is not plainly valid.
size_t fast_string(const char* s, size_t i, size_t end, std::string* out) {
  const auto* u = reinterpret_cast<const unsigned char*>(s);
  ++i;
  for (;;) {
    const size_t run = i;
    while (i < end && u[i] >= 0x20 && u[i] < 0x80 && u[i] != '"' && u[i] != '\\') ++i;
    if (out && i > run) out->append(s + run, i - run);
    if (i >= end) return std::string::npos;
    const unsigned char c = u[i];
    if (c == '"') return i + 1;
    if (c < 0x20) return std::string::npos;
    if (c >= 0x80) {
      const size_t n = utf8_sequence(u + i, u + end);
      if (!n) return std::string::npos;
      if (out) out->append(s + i, n);
      i += n;
      continue;
    }
    // Escape.
    if (i + 1 >= end) return std::string::npos;
    const char e = s[i + 1];
    char plain = 0;
    switch (e) {
      case '"': plain = '"'; break;
      case '\\': plain = '\\'; break;
      case '/': plain = '/'; break;
      case 'b': plain = '\b'; break;
      case 'f': plain = '\f'; break;
      case 'n': plain = '\n'; break;
      case 'r': plain = '\r'; break;
      case 't': plain = '\t'; break;
      case 'u': break;
      default: return std::string::npos;
    }
    if (plain) {
      if (out) *out += plain;
      i += 2;
      continue;
    }
    if (i + 6 > end) return std::string::npos;
    int cp = hex4(s + i + 2);
    if (cp < 0) return std::string::npos;
    i += 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return std::string::npos;  // lone low surrogate
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 6 > end || s[i] != '\\' || s[i + 1] != 'u') return std::string::npos;
      const int lo = hex4(s + i + 2);
      if (lo < 0xDC00 || lo > 0xDFFF) return std::string::npos;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      i += 6;
    }
    if (out) append_utf8(*out, static_cast<uint32_t>(cp));
  }
}

// Reads the article object in s[b, e) into fields. false: not plainly valid (see above).
bool fast_article(const char* s, size_t b, size_t e, int max_depth, std::vector<RawField>& fields) {
  auto ws = [&](size_t& i) {
    while (i < e && is_ws(s[i])) ++i;
  };
  size_t i = b;
  if (i >= e || s[i] != '{') return false;
  ++i;
  ws(i);
  std::string key;
  if (i < e && s[i] == '}') {
    ++i;
  } else {
    for (;;) {
      if (i >= e || s[i] != '"') return false;
      key.clear();
      i = fast_string(s, i, e, &key);
      if (i == std::string::npos) return false;
      ws(i);
      if (i >= e || s[i] != ':') return false;
      ++i;
      ws(i);
      if (i >= e) return false;
      const Alias* alias = find_alias(key);
      RawField* f = nullptr;
      if (alias) {
        fields.emplace_back();
        f = &fields.back();
        f->alias = alias;
      }
      if (s[i] == '"') {
        if (f) {
          f->kind = RawField::kText;
          f->type = "text";
        }
        i = fast_string(s, i, e, f ? &f->text : nullptr);
        if (i == std::string::npos) return false;
      } else {
        size_t value_end = 0;
        ScanError err;
        if (!skip_value(s, i, e, max_depth - 1, value_end, err)) return false;
        if (f) {
          json v = json::parse(s + i, s + value_end, nullptr, false);
          if (v.is_discarded()) return false;
          if (alias->field == kEntities) {
            f->kind = RawField::kOther;
            f->type = v.is_array() ? "an array" : v.is_object() ? "an object" : "something else";
            f->value = std::move(v);
            i = value_end;
            goto next_member;
          }
          if (v.is_null()) {
            f->type = "null";
          } else if (v.is_number()) {
            f->kind = v.is_number_float() ? RawField::kFloat : RawField::kInteger;
            f->type = "a number";
            f->number = v.get<double>();
          } else if (v.is_boolean()) {
            f->type = "true/false";
          } else if (v.is_array()) {
            f->kind = RawField::kParagraphs;
            f->type = "an array";
            for (const json& p : v) {
              if (!p.is_string()) {
                f->paragraphs_ok = false;
                continue;
              }
              if (!f->text.empty()) f->text += "\n\n";
              f->text += p.get_ref<const std::string&>();
            }
          } else if (v.is_object()) {
            f->kind = RawField::kNamed;
            f->type = "an object";
            for (const char* k : {"name", "title", "href", "url"}) {
              auto it = v.find(k);
              if (it != v.end() && it->is_string()) {
                f->text = it->get_ref<const std::string&>();
                break;
              }
            }
          }
        } else if (!json::accept(s + i, s + value_end)) {
          return false;
        }
        i = value_end;
      }
    next_member:
      ws(i);
      if (i >= e) return false;
      if (s[i] == ',') {
        ++i;
        ws(i);
        continue;
      }
      if (s[i] != '}') return false;
      ++i;
      break;
    }
  }
  ws(i);
  return i == e;
}

// Trims ASCII whitespace at both ends and turns CR LF into LF.
// Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) are dropped:
// in names and titles they can make text read in another order than it is stored ("Trojan source"),
// in exports and wherever else the text goes. The marks that only hint a direction (U+200E, U+200F,
// U+061C) stay: Arabic and Hebrew text uses them.
void drop_bidi_controls(std::string& s) {
  if (s.find('\xE2') == std::string::npos) return;
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c1 = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    const unsigned char c2 = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 2]) : 0;
    if (static_cast<unsigned char>(s[i]) == 0xE2 &&
        ((c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) || (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9))) {
      i += 2;
      continue;
    }
    s[w++] = s[i];
  }
  s.resize(w);
}

void clean_text(std::string& s) {
  drop_bidi_controls(s);
  if (s.find('\r') != std::string::npos) {
    std::string t;
    t.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i)
      if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) t += s[i];
    s.swap(t);
  }
  size_t b = 0, e = s.size();
  while (b < e && is_ws(s[b])) ++b;
  while (e > b && is_ws(s[e - 1])) --e;
  if (b != 0 || e != s.size()) s = s.substr(b, e - b);
}

}  // namespace

// -------------------------------------------------------------------------------------------------
// [SECTION] CorpusLoader
// -------------------------------------------------------------------------------------------------

struct CorpusLoader::Impl {
  enum class Mode { Start, Array, Lines, Done };

  std::shared_ptr<TextStore> store = std::make_shared<TextStore>();
  ByteBuffer bytes;                 // the input (the piece being read); its text goes to the store
  std::vector<ByteBuffer> pending;  // the pieces after it, in order (JSON Lines only: see start())
  size_t next_piece = 0;            // the next of pending to read
  size_t base = 0;                  // input bytes of the pieces read before this one
  LoadLimits limits;
  Mode mode = Mode::Start;
  size_t pos = 0;
  size_t array_limit = 0;  // in Array mode: where the array's bytes end (exclusive)
  bool top_level_array = false;
  bool expect_separator = false;
  long element = 0;     // index of the next article-candidate value
  size_t line_bad = 0;  // JSON Lines: lines that were not valid JSON
  LoadIssue first_line_error;
  LoadResult result;
  std::map<std::string, size_t> mapping_counts;
  std::unordered_map<std::string, int> id_counts;
  // Lazy line counter for messages: positions mostly move forward. Bytes before `safe.pos` may have
  // been overwritten by decoded text (see place()), so counting never restarts before it.
  struct LineMark {
    size_t pos = 0, line = 1, line_start = 0;  // a byte offset, its line and where that line starts
  };
  LineMark counted, safe;
  size_t text_end = 0;  // decoded titles and bodies occupy bytes[0, text_end)
  size_t total = 0;     // the input's size, all pieces (bytes is shrunk to the text when the load succeeds)

  // The rest of the pieces joined to this one (only the first piece is read when this is called).
  bool join_rest() {
    std::vector<ByteBuffer> all;
    all.push_back(std::move(bytes));
    for (size_t k = next_piece; k < pending.size(); ++k) all.push_back(std::move(pending[k]));
    pending.clear();
    next_piece = 0;
    bytes = join_pieces(all);
    if (bytes.size() != total) {
      fail("not enough memory to read the input (" + std::to_string(total / 1000000) + " MB) in one block", 0);
      return false;
    }
    return true;
  }

  // JSON Lines: this piece read to its end, its text kept; the next one follows as if it came after
  // a line end (lines numbered on).
  void next_lines_piece() {
    size_t line, column;
    locate(bytes.size(), line, column);
    const size_t piece_size = bytes.size();
    keep_text_only();
    if (!bytes.empty()) store->more.push_back(std::move(bytes));
    limits.first_line += line - 1;
    base += piece_size;
    bytes = std::move(pending[next_piece++]);
    pos = 0;
    text_end = 0;
    counted = safe = LineMark{};
  }

  void locate(size_t offset, size_t& line, size_t& column) {
    if (offset > bytes.size()) offset = bytes.size();
    if (offset < safe.pos) offset = safe.pos;  // an article already stored: its first unread byte
    if (offset < counted.pos) counted = safe;
    const char* s = bytes.data();
    for (const char* p = s + counted.pos;
         (p = static_cast<const char*>(std::memchr(p, '\n', offset - static_cast<size_t>(p - s)))) != nullptr; ++p) {
      ++counted.line;
      counted.line_start = static_cast<size_t>(p - s) + 1;
    }
    counted.pos = offset;
    line = counted.line;
    column = offset - counted.line_start + 1;
  }

  // Stores an article's decoded text in the input buffer itself, behind the input not yet read:
  // everything before `end` (the end of the article's bytes) has been read, and the text decoded so
  // far is never longer than the input it came from. Text that would not fit is copied into the store's
  // own blocks.
  std::string_view place(std::string& text, size_t end) {
    if (text.empty()) return {};
    if (text_end + text.size() > end) return result.corpus.keep(text);
    if (safe.pos < end) {  // the lines up to `end` are counted before those bytes change
      size_t line, column;
      locate(end, line, column);
      safe = counted;
    }
    char* at = &bytes[text_end];
    std::memcpy(at, text.data(), text.size());
    text_end += text.size();
    return {at, text.size()};
  }

  void fail(const std::string& message, size_t offset, long article = -1) {
    LoadIssue& e = result.error;
    locate(offset, e.line, e.column);
    e.line += limits.first_line - 1;
    e.article = article;
    e.message = message;
    result.ok = false;
    mode = Mode::Done;
  }

  void warn(std::string message) {
    ++result.warnings_total;
    if (result.warnings.size() < limits.max_warnings) result.warnings.push_back(std::move(message));
  }

  std::string where(size_t offset, long article) {
    size_t line, column;
    locate(offset, line, column);
    return "article " + std::to_string(article + 1 + limits.first_article) + " (line " +
           std::to_string(line + limits.first_line - 1) + ")";
  }

  void skip_ws() {
    const char* s = bytes.data();
    while (pos < bytes.size() && is_ws(s[pos])) ++pos;
  }

  // The "entities" field: a list of {name, type, aliases?}, or an object of lists by type whose items
  // are names or {name, aliases?}. Malformed items are skipped with a warning.
  void read_given_entities(const RawField& f, Article& art, size_t offset, long index) {
    const json& v = f.value;
    size_t bad = 0, over = 0;
    auto read_item = [&](const json& item, const EntityType* fixed) {
      GivenEntity g;
      std::string name;
      if (item.is_string()) {
        name = item.get<std::string>();
      } else if (item.is_object()) {
        auto n = item.find("name");
        if (n != item.end() && n->is_string()) name = n->get<std::string>();
      }
      clean_text(name);
      bool typed = fixed != nullptr;
      if (fixed) g.type = *fixed;
      else if (item.is_object()) {
        auto t = item.find("type");
        typed = t != item.end() && t->is_string() && parse_entity_type(t->get<std::string>(), g.type);
      }
      if (name.empty() || !typed) {
        ++bad;
        return;
      }
      // The strings go to the corpus's store: a view each, no string object or heap block per name.
      g.name = result.corpus.keep(name);
      if (item.is_object()) {
        auto a = item.find("aliases");
        if (a != item.end() && a->is_array())
          for (const json& x : *a)
            if (x.is_string()) g.aliases.push_back(result.corpus.keep(x.get_ref<const std::string&>()));
      }
      if (art.given_entities.size() >= limits.max_given_entities) {
        ++over;
        return;
      }
      art.given_entities.push_back(std::move(g));
    };
    if (v.is_array()) {
      for (const json& item : v) read_item(item, nullptr);
    } else if (v.is_object()) {
      for (auto it = v.begin(); it != v.end(); ++it) {
        EntityType t;
        if (!parse_entity_type(it.key(), t) || !it->is_array()) {
          ++bad;
          continue;
        }
        for (const json& item : *it) read_item(item, &t);
      }
    } else {
      warn(where(offset, index) + ": 'entities' is " + f.type + ", expected a list or an object of lists; ignored");
      return;
    }
    art.has_given_entities = true;
    if (over)
      warn(where(offset, index) + ": more than " + std::to_string(limits.max_given_entities) + " entities; " +
           std::to_string(over) + " more were ignored");
    if (bad)
      warn(where(offset, index) + ": " + std::to_string(bad) +
           " item(s) of 'entities' without a name or a known type (person, org, place) were ignored");
  }

  // Turns the fields read from one article into an Article; skips what is not one.
  // `end`: where the article's bytes end.
  void add_article(std::vector<RawField>& fields, const char* top_type, size_t offset, size_t end, long index) {
    if (top_type) {
      ++result.skipped;
      warn(where(offset, index) + " is " + top_type + ", not an object; skipped");
      return;
    }
    RawField* chosen[kFieldCount] = {};
    for (RawField& f : fields) {
      if (f.type == std::string("null")) continue;
      RawField*& c = chosen[f.alias->field];
      if (!c || f.alias->priority < c->alias->priority) c = &f;
    }
    Article art;
    std::string title, body;
    std::string* text_of[kFieldCount] = {&art.id, &title, nullptr, &body, &art.url, &art.source};
    for (int fi = 0; fi < kFieldCount; ++fi) {
      RawField* f = chosen[fi];
      if (!f) continue;
      const std::string key(f->alias->key);
      if (fi == kEntities) {
        read_given_entities(*f, art, offset, index);
        continue;
      }
      if (fi == kDate) {
        art.date = field_date(*f);
        // Another date field may still hold a readable date.
        for (const RawField& other : fields)
          if (art.date == kUndated && &other != f && other.alias->field == kDate) art.date = field_date(other);
        if (art.date == kUndated) {
          const std::string shown = f->kind == RawField::kText ? f->text.substr(0, 40) : std::string(f->type);
          warn(where(offset, index) + ": date '" + shown + "' is not a date this reader knows; kept as undated");
        }
      } else if (!field_text(*f, static_cast<Field>(fi), *text_of[fi])) {
        warn(where(offset, index) + ": '" + key + "' is " + f->type + ", expected text; ignored");
        continue;
      }
      if (f->alias->key != kCanonical[fi]) ++mapping_counts["mapped '" + key + "' to " + std::string(kCanonical[fi])];
    }
    clean_text(title);
    clean_text(body);
    clean_text(art.id);
    clean_text(art.source);
    clean_text(art.url);
    if (title.empty() && body.empty()) {
      ++result.skipped;
      warn(where(offset, index) + ": no title or body; skipped");
      return;
    }
    if (title.size() + body.size() > limits.max_article_bytes) {
      ++result.skipped;
      warn(where(offset, index) + ": " + std::to_string((title.size() + body.size()) >> 20) + " MB of text, over the " +
           std::to_string(limits.max_article_bytes >> 20) + " MB one article may have; skipped");
      return;
    }
    if (art.id.empty()) art.id = "#" + std::to_string(index + 1 + limits.first_article);
    int& seen = id_counts[art.id];
    if (++seen > 1 && limits.rename_duplicates) {
      const std::string renamed = art.id + "#" + std::to_string(seen);
      warn(where(offset, index) + ": duplicate id '" + art.id.substr(0, 60) + "' renamed '" + renamed.substr(0, 64) +
           "'");
      art.id = renamed;
      ++id_counts[art.id];
    }
    // Decoded strings may have grown by doubling; the corpus keeps only what it holds.
    for (std::string* s : {&art.id, &art.source, &art.url}) s->shrink_to_fit();
    art.title = place(title, end);
    art.body = place(body, end);
    result.corpus.articles.push_back(std::move(art));
  }

  // Reads bytes[b, e) as one article value. Returns false (with the error recorded: in soft_error when
  // given, else as the load's fatal error) on a syntax error.
  bool parse_element(size_t b, size_t e, long index, LoadIssue* soft_error) {
    std::vector<RawField> fast;
    if (fast_article(bytes.data(), b, e, limits.max_depth, fast)) {
      add_article(fast, nullptr, b, e, index);
      return true;
    }
    ArticleSax sax(limits.max_depth);
    const bool ok = json::sax_parse(bytes.data() + b, bytes.data() + e, &sax);
    if (!ok && sax.nested_too_deep) {
      // Located by the structure scanner, which stops at the first bracket too deep.
      size_t end = 0;
      ScanError err;
      skip_value(bytes.data(), b, e, limits.max_depth, end, err);
      const std::string msg = err.message + " (in article " + std::to_string(index + 1) + ")";
      if (soft_error) {
        locate(err.offset, soft_error->line, soft_error->column);
        soft_error->line += limits.first_line - 1;
        soft_error->message = msg;
        soft_error->article = index;
        return false;
      }
      fail(msg, err.offset, index);
      return false;
    }
    if (!ok && !sax.top_type) {
      const size_t at = b + (sax.error_byte > 0 ? sax.error_byte - 1 : 0);
      const std::string msg = "invalid JSON in article " + std::to_string(index + 1) + ": " + sax.error_text;
      if (soft_error) {
        locate(at, soft_error->line, soft_error->column);
        soft_error->line += limits.first_line - 1;
        soft_error->message = msg;
        soft_error->article = index;
        return false;
      }
      fail(msg, at, index);
      return false;
    }
    add_article(sax.fields, sax.top_type, b, e, index);
    return true;
  }

  // Whether the input starts as JSON Lines do: a first object that ends before its line does, followed
  // by more values.
  bool first_value_is_a_line(size_t p) {
    const char* s = bytes.data();
    if (p >= bytes.size() || s[p] != '{') return false;
    size_t first_end = 0;
    ScanError err;
    const char* nl = static_cast<const char*>(std::memchr(s + p, '\n', bytes.size() - p));
    const size_t line_end = nl ? static_cast<size_t>(nl - s) : bytes.size();
    if (!skip_value(s, p, line_end, limits.max_depth, first_end, err)) return false;
    size_t after = first_end;
    while (after < bytes.size() && is_ws(s[after])) ++after;
    return after < bytes.size();
  }

  void start() {
    if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) pos = 3;
    skip_ws();
    // Pieces are read one after the other as JSON Lines, or else joined (the joined block starts with the
    // same bytes, so pos stays valid; a first piece of blanks only is followed by more).
    if (next_piece < pending.size() && !first_value_is_a_line(pos)) {
      if (!join_rest()) return;
      skip_ws();
    }
    const char* s = bytes.data();
    if (pos >= bytes.size()) {
      fail("the file is empty: expected a JSON array of articles, an object with an \"articles\" array, or JSON Lines",
           pos);
      return;
    }
    const unsigned char b0 = static_cast<unsigned char>(s[0]);
    const unsigned char b1 = bytes.size() > 1 ? static_cast<unsigned char>(s[1]) : 0;
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) || (b0 && !b1 && bytes.size() > 1) || (!b0 && b1)) {
      fail(
          "the file looks like UTF-16 text; this reader takes UTF-8: save or export the file as UTF-8 and "
          "load it again",
          0);
      return;
    }
    const char c = s[pos];
    if (c == '[') {
      result.format = "array";
      top_level_array = true;
      ++pos;
      array_limit = bytes.size();
      mode = Mode::Array;
      return;
    }
    if (c != '{') {
      std::string what = c == '"'                               ? "a JSON string"
                         : (c == '-' || (c >= '0' && c <= '9')) ? "a JSON number"
                         : (c == 't' || c == 'f' || c == 'n')   ? "a JSON literal"
                                                                : "not JSON";
      fail("the file is " + what +
               ", not a corpus: expected '[' (an array of articles), '{' (an object with an "
               "\"articles\" array) or JSON Lines (one article object per line)",
           pos);
      return;
    }
    if (first_value_is_a_line(pos)) {
      result.format = "lines";
      mode = Mode::Lines;
      // At most one article a line: the list is made at its size once (not grown by doubling, which
      // needs the old and the new block at once).
      size_t lines = 1;
      auto count = [&lines](const ByteBuffer& b) {
        for (const char *p = b.data(), *e = p + b.size(); (p = static_cast<const char*>(std::memchr(p, '\n', e - p)));
             ++p)
          ++lines;
      };
      count(bytes);
      for (size_t k = next_piece; k < pending.size(); ++k) count(pending[k]);
      result.corpus.articles.reserve(lines);
      return;
    }
    size_t first_end = 0;
    ScanError err;
    if (!skip_value(s, pos, bytes.size(), limits.max_depth, first_end, err)) {
      fail(err.message, err.offset);
      return;
    }
    size_t after = first_end;
    while (after < bytes.size() && is_ws(s[after])) ++after;
    if (after < bytes.size()) {
      fail("unexpected text after the end of the top-level object", after);
      return;
    }
    scan_object(pos, first_end);
  }

  // The whole input is one object: either {"articles": [...], "name": ...} or a single article.
  void scan_object(size_t b, size_t e) {
    const char* s = bytes.data();
    size_t i = b + 1;
    size_t articles_b = 0, articles_e = 0;
    bool looks_like_article = false;
    std::vector<std::string> keys;
    for (;;) {
      while (i < e && (is_ws(s[i]) || s[i] == ',')) ++i;
      if (i >= e || s[i] == '}') break;
      if (s[i] != '"') {
        fail("expected a quoted key in the top-level object", i);
        return;
      }
      const size_t key_e = skip_string(s, i, e);
      // No exceptions: WebAssembly builds run without them, so nothing here may throw.
      const json key_json =
          key_e == std::string::npos ? json(json::value_t::discarded) : json::parse(s + i, s + key_e, nullptr, false);
      if (!key_json.is_string()) {
        fail("invalid key in the top-level object", i);
        return;
      }
      const std::string key = key_json.get<std::string>();
      i = key_e;
      while (i < e && is_ws(s[i])) ++i;
      if (i >= e || s[i] != ':') {
        fail("expected ':' after the key \"" + key.substr(0, 40) + "\"", i);
        return;
      }
      ++i;
      while (i < e && is_ws(s[i])) ++i;
      size_t value_e = 0;
      ScanError err;
      if (i >= e || !skip_value(s, i, e, limits.max_depth, value_e, err)) {
        fail(i >= e ? "missing value after the key \"" + key.substr(0, 40) + "\"" : err.message,
             i >= e ? i : err.offset);
        return;
      }
      if (key == "articles" && s[i] == '[') {
        articles_b = i;
        articles_e = value_e;
      } else if (key == "name" && s[i] == '"') {
        const json name = json::parse(s + i, s + value_e, nullptr, false);
        if (name.is_string()) result.corpus.name = name.get<std::string>();
      }
      const Alias* a = find_alias(key);
      if (a && (a->field == kTitle || a->field == kBody)) looks_like_article = true;
      if (keys.size() < 8) keys.push_back(key.substr(0, 30));
      i = value_e;
    }
    if (articles_e) {
      result.format = "object";
      pos = articles_b + 1;
      array_limit = articles_e;
      mode = Mode::Array;
      return;
    }
    if (looks_like_article) {
      result.format = "article";
      if (parse_element(b, e, 0, nullptr)) mode = Mode::Done;
      return;
    }
    std::string listed;
    for (const std::string& k : keys) listed += (listed.empty() ? "" : ", ") + k;
    fail("the top-level object has no \"articles\" array" +
             (listed.empty() ? std::string(" (it is empty)") : " (its keys: " + listed + ")"),
         b);
  }

  // Reads array elements until about `budget` bytes are consumed.
  void step_array(size_t budget) {
    const char* s = bytes.data();
    const size_t stop_at = pos + budget;
    while (mode == Mode::Array && pos < stop_at) {
      while (pos < array_limit && is_ws(s[pos])) ++pos;
      if (pos >= array_limit) {
        fail("the file ends before the array of articles is closed with ']' (is it truncated?)", pos);
        return;
      }
      const char c = s[pos];
      if (expect_separator) {
        if (c == ']') {
          ++pos;
          finish_array();
          return;
        }
        if (c != ',') {
          fail(std::string("expected ',' or ']' after article ") + std::to_string(element) + ", found '" + c + "'",
               pos);
          return;
        }
        ++pos;
        expect_separator = false;
        continue;
      }
      if (c == ']') {
        if (element > 0) {
          fail("a ',' is followed by ']' (trailing commas are not JSON)", pos);
          return;
        }
        ++pos;
        finish_array();
        return;
      }
      size_t end = 0;
      ScanError err;
      if (!skip_value(s, pos, array_limit, limits.max_depth, end, err)) {
        fail(err.message + " (in article " + std::to_string(element + 1) + ")", err.offset, element);
        return;
      }
      if (!parse_element(pos, end, element, nullptr)) return;
      ++element;
      pos = end;
      expect_separator = true;
    }
  }

  void finish_array() {
    if (top_level_array) {
      skip_ws();
      if (pos < bytes.size()) {
        fail("unexpected text after the closing ']' of the article array", pos);
        return;
      }
    }
    pos = bytes.size();
    mode = Mode::Done;
  }

  // JSON Lines: one value per line; a bad line is skipped and reported, not fatal.
  void step_lines(size_t budget) {
    const char* s = bytes.data();
    const size_t stop_at = pos + budget;
    while (mode == Mode::Lines && pos < stop_at) {
      skip_ws();
      if (pos >= bytes.size()) {
        if (next_piece < pending.size()) next_lines_piece();  // (read from the next step on)
        else mode = Mode::Done;
        return;
      }
      const char* nl = static_cast<const char*>(std::memchr(s + pos, '\n', bytes.size() - pos));
      const size_t line_end = nl ? static_cast<size_t>(nl - s) : bytes.size();
      LoadIssue bad;
      if (!parse_element(pos, line_end, element, &bad)) {
        ++line_bad;
        ++result.skipped;
        if (line_bad == 1) first_line_error = bad;
        warn("line " + std::to_string(bad.line) + ", column " + std::to_string(bad.column) + ": " + bad.message +
             "; line skipped");
      }
      ++element;
      pos = line_end;
    }
  }

  // The decoded text in bytes[0, text_end) is all the corpus keeps of its input: the rest goes back
  // to the allocator (if the block moved, the articles' views follow it).
  void keep_text_only() {
    const uintptr_t before = reinterpret_cast<uintptr_t>(bytes.data());
    bytes.shrink(text_end);
    const char* after = bytes.data();
    if (reinterpret_cast<uintptr_t>(after) == before) return;
    for (Article& a : result.corpus.articles)
      for (std::string_view* v : {&a.title, &a.body}) {
        const uintptr_t at = reinterpret_cast<uintptr_t>(v->data());
        if (!v->empty() && at >= before && at < before + text_end)
          *v = std::string_view(after + (at - before), v->size());
      }
  }

  void finish() {
    if (!result.error.message.empty()) return;
    if (result.corpus.articles.empty()) {
      if (line_bad) {
        result.error = first_line_error;
        result.error.message = "no line could be read as an article; first problem: " + first_line_error.message;
      } else {
        result.error.message =
            element == 0 ? "the file holds no articles (the array is empty)"
                         : "none of the " + std::to_string(element) + " values is an article with a title or body";
        result.error.line = 1;
        result.error.column = 1;
      }
      result.ok = false;
      return;
    }
    result.ok = true;
    keep_text_only();
    store->bytes = std::move(bytes);
    for (auto& [text, count] : mapping_counts)
      result.mappings.push_back(text + " (" + std::to_string(count) + (count == 1 ? " article)" : " articles)"));
    result.corpus.finalize();
  }
};

CorpusLoader::CorpusLoader(ByteBuffer bytes, std::string name, LoadLimits limits) : impl_(new Impl) {
  impl_->bytes = std::move(bytes);
  impl_->result.corpus.text = impl_->store;
  impl_->limits = limits;
  impl_->result.bytes = impl_->total = impl_->bytes.size();
  impl_->result.corpus.name = std::move(name);
}

CorpusLoader::CorpusLoader(std::vector<ByteBuffer> pieces, std::string name, LoadLimits limits)
    : CorpusLoader(ByteBuffer(), std::move(name), limits) {
  Impl& m = *impl_;
  for (ByteBuffer& piece : pieces) {
    if (piece.empty()) continue;
    m.total += piece.size();
    if (m.bytes.empty()) m.bytes = std::move(piece);
    else m.pending.push_back(std::move(piece));
  }
  m.result.bytes = m.total;
}

ByteBuffer join_pieces(std::vector<ByteBuffer>& pieces) {
  size_t total = 0;
  for (const ByteBuffer& p : pieces) total += p.size();
  if (pieces.size() == 1) {
    ByteBuffer one = std::move(pieces[0]);
    pieces.clear();
    return one;
  }
  ByteBuffer all = ByteBuffer::try_allocate(total);
  if (all.size() == total) {
    size_t at = 0;
    for (const ByteBuffer& p : pieces) {
      if (p.size()) std::memcpy(all.data() + at, p.data(), p.size());
      at += p.size();
    }
  }
  pieces.clear();
  return all;
}

CorpusLoader::~CorpusLoader() { delete impl_; }

bool CorpusLoader::step(size_t budget) {
  Impl& m = *impl_;
  if (m.mode == Impl::Mode::Done) return true;
  const auto t0 = std::chrono::steady_clock::now();
  if (budget == 0) budget = 1;
  const std::string name_before = m.result.corpus.name;
  if (m.mode == Impl::Mode::Start) m.start();
  if (m.mode == Impl::Mode::Array) m.step_array(budget);
  if (m.mode == Impl::Mode::Lines) m.step_lines(budget);
  if (m.mode == Impl::Mode::Done) m.finish();
  if (m.result.corpus.name.empty()) m.result.corpus.name = name_before;
  m.result.parse_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return m.mode == Impl::Mode::Done;
}

bool CorpusLoader::finished() const { return impl_->mode == Impl::Mode::Done; }
size_t CorpusLoader::bytes_total() const { return impl_->total; }
size_t CorpusLoader::bytes_done() const {
  return impl_->mode == Impl::Mode::Done ? impl_->total : impl_->base + impl_->pos;
}
size_t CorpusLoader::articles_done() const { return impl_->result.corpus.articles.size(); }

LoadResult CorpusLoader::take() {
  LoadResult r = std::move(impl_->result);
  impl_->result = LoadResult{};
  return r;
}

LoadResult load_corpus(ByteBuffer bytes, std::string name, LoadLimits limits) {
  CorpusLoader loader(std::move(bytes), std::move(name), limits);
  while (!loader.step(SIZE_MAX / 2)) {
  }
  return loader.take();
}

}  // namespace ae
