// unit-loader.cpp — reading corpora: formats, field names, dates, errors with positions, slices.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "loader.h"
#include "test_util.h"

using namespace ae;

static LoadResult load(const std::string& text) { return load_corpus(text, "test"); }

TEST_CASE("the bundled seed corpus loads with both articles dated 2026-01-21") {
  LoadResult r = load_corpus(ae_test::asset("articles.json"), "articles.json");
  REQUIRE(r.ok);
  CHECK(r.format == "object");
  CHECK(r.corpus.size() == 2);
  CHECK(r.corpus.dated == 2);
  CHECK(format_iso(r.corpus.date_min) == "2026-01-21");
  CHECK(format_iso(r.corpus.date_max) == "2026-01-21");
  CHECK(r.corpus.name == "Iraq–Syria border security, January 2026 (demo)");
  const Article& a = r.corpus.articles[1];
  CHECK(a.title == "Iraq, Syria Leaders Hold Phone Talks on Border Security");
  CHECK(a.source == "MENAFN");
  // Site furniture is not part of the body.
  for (const Article& art : r.corpus.articles) {
    CHECK(art.body.find("NEWSLETTER") == std::string::npos);
    CHECK(art.body.find("min read") == std::string::npos);
    CHECK(art.body.find("Photo: AFP") == std::string::npos);
  }
  CHECK(r.warnings_total == 0);
}

TEST_CASE("three container formats give the same articles") {
  const std::string array = R"([{"id":"1","title":"A","date":"2026-01-02","body":"x"},{"id":"2","title":"B"}])";
  const std::string object = R"({"name":"News","articles":[{"id":"1","title":"A","date":"2026-01-02","body":"x"},
                                 {"id":"2","title":"B"}], "other": {"x": [1,2]}})";
  const std::string lines =
      "{\"id\":\"1\",\"title\":\"A\",\"date\":\"2026-01-02\",\"body\":\"x\"}\r\n\n"
      "{\"id\":\"2\",\"title\":\"B\"}\n";
  for (const std::string& text : {array, object, lines}) {
    LoadResult r = load(text);
    REQUIRE_MESSAGE(r.ok, r.error.message);
    REQUIRE(r.corpus.size() == 2);
    CHECK(r.corpus.articles[0].id == "1");
    CHECK(r.corpus.articles[0].body == "x");
    CHECK(format_iso(r.corpus.articles[0].date) == "2026-01-02");
    CHECK(r.corpus.articles[1].date == kUndated);
    CHECK(r.corpus.dated == 1);
  }
  CHECK(load(array).format == "array");
  CHECK(load(object).format == "object");
  CHECK(load(object).corpus.name == "News");
  CHECK(load(lines).format == "lines");
  CHECK(load(lines).corpus.name == "test");
}

TEST_CASE("a single article object is a corpus of one") {
  LoadResult r = load(R"({"title":"Only","body":"text","date":"21 January 2026"})");
  REQUIRE(r.ok);
  CHECK(r.format == "article");
  CHECK(r.corpus.size() == 1);
  CHECK(r.corpus.articles[0].id == "#1");
}

TEST_CASE("field names of real feeds are mapped and reported") {
  LoadResult r = load(R"([{"headline":"H","publishedAt":"2026-01-21T10:00:00Z","content":"C","link":"https://e.x/a",
                          "source":{"id":null,"name":"Wire"}},
                         {"headline":"H2","pubDate":"Wed, 21 Jan 2026 08:30:00 +0000","description":["p1","p2"],
                          "publisher":"P"}])");
  REQUIRE(r.ok);
  const Article& a = r.corpus.articles[0];
  CHECK(a.title == "H");
  CHECK(a.body == "C");
  CHECK(a.url == "https://e.x/a");
  CHECK(a.source == "Wire");
  CHECK(format_iso(a.date) == "2026-01-21");
  const Article& b = r.corpus.articles[1];
  CHECK(b.body == "p1\n\np2");
  CHECK(b.source == "P");
  CHECK(format_iso(b.date) == "2026-01-21");
  REQUIRE(r.mappings.size() == 7);
  CHECK(r.mappings[0] == "mapped 'content' to body (1 article)");
  CHECK(r.mappings[1] == "mapped 'description' to body (1 article)");
  CHECK(r.mappings[2] == "mapped 'headline' to title (2 articles)");
}

TEST_CASE("numbers as dates are Unix seconds or milliseconds; unknown fields are ignored") {
  LoadResult r =
      load(R"([{"title":"s","date":1768953600,"extra":{"deep":[1,2,3]}},{"title":"ms","date":1768953600000}])");
  REQUIRE(r.ok);
  CHECK(format_iso(r.corpus.articles[0].date) == "2026-01-21");
  CHECK(format_iso(r.corpus.articles[1].date) == "2026-01-21");
  CHECK(r.warnings_total == 0);
}

TEST_CASE("an unreadable date falls back to another date field, else the article is kept undated") {
  LoadResult r = load(R"([{"title":"a","date":"soon","published":"2026-01-05"},{"title":"b","date":"soon"}])");
  REQUIRE(r.ok);
  CHECK(format_iso(r.corpus.articles[0].date) == "2026-01-05");
  CHECK(r.corpus.articles[1].date == kUndated);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "article 2 (line 1): date 'soon' is not a date this reader knows; kept as undated");
}

TEST_CASE("articles without title or body are skipped and counted; wrong types are ignored with a warning") {
  LoadResult r = load("[{\"title\":\"ok\"},\n{\"id\":\"x\"},\n42,\n{\"title\":{\"a\":1},\"body\":\"b\"}]");
  REQUIRE(r.ok);
  CHECK(r.corpus.size() == 2);
  CHECK(r.skipped == 2);
  REQUIRE(r.warnings.size() == 3);
  CHECK(r.warnings[0] == "article 2 (line 2): no title or body; skipped");
  CHECK(r.warnings[1] == "article 3 (line 3) is a number, not an object; skipped");
  CHECK(r.warnings[2] == "article 4 (line 4): 'title' is an object, expected text; ignored");
}

TEST_CASE("duplicate ids are renamed so every article stays addressable") {
  LoadResult r = load(R"([{"id":"a","title":"1"},{"id":"a","title":"2"},{"id":7,"title":"3"}])");
  REQUIRE(r.ok);
  CHECK(r.corpus.articles[0].id == "a");
  CHECK(r.corpus.articles[1].id == "a#2");
  CHECK(r.corpus.articles[2].id == "7");
  CHECK(r.warnings[0] == "article 2 (line 1): duplicate id 'a' renamed 'a#2'");
}

TEST_CASE("syntax errors carry line and column") {
  LoadResult r = load("[\n  {\"title\": \"a\"},\n  {\"title\": tru}\n]");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.line == 3);
  CHECK(r.error.column == 16);
  CHECK(r.error.article == 1);
  CHECK(r.error.message ==
        "invalid JSON in article 2: syntax error while parsing value - invalid literal; last read: '\"title\": tru}'");

  r = load("[{\"title\": \"a\"} {\"title\": \"b\"}]");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.message == "expected ',' or ']' after article 1, found '{'");
  CHECK(r.error.column == 17);
}

TEST_CASE("hostile and empty inputs are refused with a message") {
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"", "the file is empty: expected a JSON array of articles, an object with an \"articles\" array, or JSON Lines"},
      {"  \n ",
       "the file is empty: expected a JSON array of articles, an object with an \"articles\" array, or JSON Lines"},
      {"\"just a string\"",
       "the file is a JSON string, not a corpus: expected '[' (an array of articles), '{' (an "
       "object with an \"articles\" array) or JSON Lines (one article object per line)"},
      {"[]", "the file holds no articles (the array is empty)"},
      {"{\"articles\": []}", "the file holds no articles (the array is empty)"},
      {"[{\"title\":\"a\"},]", "a ',' is followed by ']' (trailing commas are not JSON)"},
      {"[{\"title\":\"a\"}", "the file ends before the array of articles is closed with ']' (is it truncated?)"},
      {"[{\"title\":\"a",
       "the text ends inside a string (the file is truncated or a closing quote is missing) (in article 1)"},
      {"[{\"title\":[\"a\"}]", "'}' closes a '[' (expected ']') (in article 1)"},
      {"{\"foo\": 1, \"bar\": [2]}", "the top-level object has no \"articles\" array (its keys: foo, bar)"},
      {"[1, 2, \"x\"]", "none of the 3 values is an article with a title or body"},
      {"[{\"title\":\"a\"}] x", "unexpected text after the closing ']' of the article array"},
  };
  for (const Case& c : cases) {
    LoadResult r = load(c.text);
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(r.error.message == c.message, "input: ", c.text);
  }
}

TEST_CASE("deep nesting is refused before parsing, whatever the depth") {
  std::string deep = "[{\"title\":\"a\",\"x\":";
  deep += std::string(1000000, '[');
  deep += std::string(1000000, ']');
  deep += "}]";
  LoadResult r = load(deep);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.message.find("nested more than 64 levels") != std::string::npos);
  CHECK(r.error.line == 1);
}

TEST_CASE("invalid UTF-8 and NUL bytes inside strings are syntax errors, located") {
  LoadResult r = load(std::string("[{\"title\":\"a\xff\"}]"));
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.column == 13);
  CHECK(r.error.message.find("ill-formed UTF-8") != std::string::npos);
  r = load(std::string("[{\"title\":\"a\0b\"}]", 17));
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.message.find("control character") != std::string::npos);
}

TEST_CASE("JSON Lines: bad lines are skipped and reported; all bad is an error") {
  LoadResult r = load("{\"title\":\"a\"}\n{\"title\": oops}\n{\"title\":\"c\"}\n");
  REQUIRE(r.ok);
  CHECK(r.corpus.size() == 2);
  CHECK(r.skipped == 1);
  REQUIRE(r.warnings.size() == 1);
  CHECK_MESSAGE(r.warnings[0].rfind("line 2, column 11: invalid JSON in article 2", 0) == 0, r.warnings[0]);
  r = load("{\"title\": oops}\n{\"title\": nope}\n");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.line == 1);
  CHECK(r.error.message.rfind("no line could be read as an article; first problem: invalid JSON in article 1", 0) == 0);
}

TEST_CASE("a byte-order mark is allowed") {
  LoadResult r = load("\xEF\xBB\xBF[{\"title\":\"a\"}]");
  CHECK(r.ok);
}

TEST_CASE("reading in small slices gives the same corpus as reading at once, with progress") {
  std::string text = "{\"name\":\"n\",\"articles\":[";
  for (int i = 0; i < 500; ++i) {
    if (i) text += ",\n";
    text += "{\"id\":\"" + std::to_string(i) + "\",\"title\":\"T" + std::to_string(i) + "\",\"date\":\"2026-01-" +
            std::to_string(1 + i % 28) + "\"}";
  }
  text += "]}";
  LoadResult whole = load(text);
  REQUIRE(whole.ok);
  CorpusLoader loader(text, "x");
  size_t steps = 0, last_done = 0;
  while (!loader.step(256)) {
    ++steps;
    CHECK(loader.bytes_done() >= last_done);
    last_done = loader.bytes_done();
    CHECK(loader.bytes_done() < loader.bytes_total());
  }
  CHECK(steps > 50);
  LoadResult sliced = loader.take();
  REQUIRE(sliced.ok);
  REQUIRE(sliced.corpus.size() == whole.corpus.size());
  for (size_t i = 0; i < whole.corpus.size(); ++i) {
    CHECK(sliced.corpus.articles[i].id == whole.corpus.articles[i].id);
    CHECK(sliced.corpus.articles[i].date == whole.corpus.articles[i].date);
  }
  CHECK(sliced.corpus.by_date == whole.corpus.by_date);
}

TEST_CASE("line_column counts from 1") {
  size_t l, c;
  line_column("ab\ncd\n", 4, l, c);
  CHECK(l == 2);
  CHECK(c == 2);
  line_column("ab", 0, l, c);
  CHECK(l == 1);
  CHECK(c == 1);
}

TEST_CASE("strings decode exactly as nlohmann/json decodes them, and are refused where it refuses them") {
  // The loader's fast path decodes string values itself; nlohmann/json is the reference.
  const std::string cases[] = {
      R"("plain ascii")",
      R"("quote \" backslash \\ slash \/ controls \b\f\n\r\t end")",
      R"("\u00e9t\u00E9 \u20ac \ud83d\ude00 \u0041")",
      "\"caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80 \xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA7\xD9\x82\"",  // é – 😀 العراق
      "\"overlong \xC0\xAF\"",
      "\"surrogate in UTF-8 \xED\xA0\x80\"",
      "\"beyond U+10FFFF \xF4\x90\x80\x80\"",
      "\"truncated sequence \xE2\x80\"",
      "\"lone continuation \x80\"",
      R"("lone low surrogate \udc00")",
      R"("high surrogate alone \ud83d x")",
      R"("high then non-low \ud83d\u0041")",
      R"("bad escape \x41")",
      R"("short unicode \u12")",
      R"("bad hex \u12g4")",
      std::string("\"tab\tinside\""),
      std::string("\"newline\ninside\""),
  };
  for (const std::string& c : cases) {
    const nlohmann::json ref = nlohmann::json::parse(c, nullptr, false);
    for (const std::string& text : {"[{\"title\": " + c + "}]", "{\"title\": " + c + "}\n{\"title\": \"x\"}"}) {
      LoadResult r = load(text);
      if (ref.is_discarded()) {
        const bool refused = !r.ok || r.skipped == 1;
        CHECK_MESSAGE(refused, "accepted invalid: ", c);
      } else {
        REQUIRE_MESSAGE(r.ok, "refused valid: ", c, " : ", r.error.message);
        CHECK_MESSAGE(r.corpus.articles[0].title == ref.get<std::string>(), "decoded differently: ", c);
      }
    }
  }
}

TEST_CASE("unknown fields are still checked: invalid JSON inside them is an error") {
  LoadResult r = load(R"([{"title":"a","extra":{"x":[1,2,}}])");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.message == "'}' closes a '[' (expected ']') (in article 1)");
  r = load(R"([{"title":"a","extra":{"x":[1,2,]}}])");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.message.rfind("invalid JSON in article 1: syntax error while parsing value", 0) == 0);
  r = load(R"([{"title":"a","n":12abc}])");
  REQUIRE_FALSE(r.ok);
  r = load(R"([{"title":"a","n":-0.5e3,"t":true,"f":false,"z":null,"s":"\u00e9"}])");
  CHECK(r.ok);
}

TEST_CASE("a top-level object with broken keys or names is refused without exceptions") {
  LoadResult r = load("{\"ti\xfftle\": 1, \"articles\": []}");
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.message == "invalid key in the top-level object");
  r = load("{\"name\": \"bad \\x\", \"articles\": [{\"title\": \"a\"}]}");
  REQUIRE(r.ok);
  CHECK(r.corpus.name == "test");
}

TEST_CASE("titles and bodies are decoded into the input buffer itself; later errors keep their positions") {
  // Escapes, CRLF, paragraphs given as a list, surrounding blanks: every decoded text is shorter
  // than its JSON, so it is written back over input already read.
  std::string lines;
  std::vector<nlohmann::json> given;
  for (int i = 0; i < 40; ++i) {
    nlohmann::json a = {{"id", std::to_string(i)}, {"title", "  Caf\u00e9 \"" + std::to_string(i) + "\"\t"}};
    if (i % 3 == 0) a["body"] = nlohmann::json::array({"First \u2014 para.", "Second\\para " + std::to_string(i)});
    else a["body"] = "Line one\r\nline two \u00ab" + std::string(static_cast<size_t>(i), 'x') + "\u00bb";
    given.push_back(a);
    lines += a.dump(-1, ' ', true) + (i % 2 ? "\r\n" : "\n");  // \uXXXX escapes in the input
    if (i == 25) lines += "{\"title\": broken}\n";             // line 27
  }
  LoadResult r = load(lines);
  REQUIRE(r.ok);
  REQUIRE(r.corpus.size() == 40);
  REQUIRE(r.warnings.size() == 1);
  CHECK_MESSAGE(r.warnings[0].rfind("line 27, column 11: invalid JSON in article 27", 0) == 0, r.warnings[0]);
  const ByteBuffer& store = r.corpus.text->bytes;
  CHECK(store.size() < lines.size());  // what is not text went back to the allocator
  Corpus copy = r.corpus;
  r = LoadResult{};  // the copy shares the store: its texts stay readable
  for (size_t i = 0; i < 40; ++i) {
    const Article& a = copy.articles[i];
    const nlohmann::json& g = given[i];
    CHECK(a.title == "Caf\u00e9 \"" + std::to_string(i) + "\"");
    std::string body = g["body"].is_array() ? g["body"][0].get<std::string>() + "\n\n" + g["body"][1].get<std::string>()
                                            : g["body"].get<std::string>();
    if (const size_t cr = body.find("\r\n"); cr != std::string::npos) body.erase(cr, 1);
    CHECK(a.body == body);
    CHECK(a.title.data() >= store.data());  // in the input buffer, not in a copy of their own
    CHECK(a.body.data() + a.body.size() <= store.data() + store.size());
  }
  // An array: the error after stored articles is located as in the untouched input.
  std::string array = "[\n";
  for (int i = 0; i < 30; ++i)
    array += "  {\"title\": \"T\\u00e9 " + std::to_string(i) + "\", \"body\": \"b\\n\\nc\"},\n";
  array += "  {\"title\": tru}\n]";
  r = load(array);
  REQUIRE_FALSE(r.ok);
  CHECK(r.error.line == 32);
  CHECK(r.error.column == 16);
  CHECK(r.error.article == 30);
}

TEST_CASE("limits: an article over the size cap is skipped, entities over the cap ignored, each with a warning") {
  LoadLimits limits;
  limits.max_article_bytes = 1000;
  limits.max_given_entities = 3;
  std::string big(1200, 'x');
  std::string json =
      R"([{"id":"small","title":"Baghdad talks","body":"short"},{"id":"big","title":"t","body":")" + big +
      R"("},{"id":"many","title":"t","body":"b","entities":[{"name":"A One","type":"person"},)"
      R"({"name":"B Two","type":"person"},{"name":"C Three","type":"org"},{"name":"D Four","type":"place"},)"
      R"({"name":"E Five","type":"place"}]}])";
  LoadResult r = load_corpus(json, "limits.json", limits);
  REQUIRE(r.ok);
  REQUIRE(r.corpus.size() == 2);
  CHECK(r.skipped == 1);
  CHECK(r.corpus.articles[1].given_entities.size() == 3);
  bool size_warned = false, entities_warned = false;
  for (const std::string& w : r.warnings) {
    size_warned |= w.find("over the 0 MB one article may have; skipped") != std::string::npos;
    entities_warned |= w.find("more than 3 entities; 2 more were ignored") != std::string::npos;
  }
  CHECK(size_warned);
  CHECK(entities_warned);
  // The defaults keep a 4 MB article (the hostile tests load one) and cap at 32 MB.
  CHECK(LoadLimits{}.max_article_bytes == size_t{32} << 20);
}

TEST_CASE("a buffer the memory cannot hold comes back empty instead of throwing") {
  ByteBuffer ok = ByteBuffer::try_allocate(16);
  CHECK(ok.size() == 16);
  ByteBuffer none = ByteBuffer::try_allocate(0);
  CHECK(none.empty());
  // (An allocation the memory refuses is not tried here: AddressSanitizer aborts on it by design.)
}

TEST_CASE("bidirectional override and isolate controls are dropped from every text field; direction marks stay") {
  // U+202E (right-to-left override) would show "gnp.exe" as "exe.png"; U+2066-2069 isolates; U+200F stays.
  const char* json = R"([{"id":"x\u202Ey","title":"Report \u202Egnp.exe\u202C from \u2067Baghdad\u2069",
    "body":"Text \u200Fwith a mark.","source":"W\u202Dire",
    "entities":[{"name":"Ahmad\u202E Example","type":"person"}]}])";
  LoadResult r = load_corpus(json, "bidi.json");
  REQUIRE(r.ok);
  const Article& a = r.corpus.articles[0];
  CHECK(a.id == "xy");
  CHECK(std::string(a.title) == "Report gnp.exe from Baghdad");
  CHECK(std::string(a.body) == "Text \xE2\x80\x8Fwith a mark.");
  CHECK(a.source == "Wire");
  REQUIRE(a.given_entities.size() == 1);
  CHECK(std::string(a.given_entities[0].name) == "Ahmad Example");
}

TEST_CASE("a part of a JSON Lines file numbers its lines and articles as in the whole file") {
  // Lines 41-43 of some file, the 31st-33rd articles (blank lines before them).
  const std::string part = "{\"title\":\"A\",\"body\":\"x\"}\n{\"id\":\"k\"}\n{\"id\":\"k\",\"title\":\"B\"}\n";
  LoadLimits limits;
  limits.first_line = 41;
  limits.first_article = 30;
  limits.rename_duplicates = false;
  const LoadResult r = load_corpus(part, "part", limits);
  REQUIRE(r.ok);
  REQUIRE(r.corpus.size() == 2);
  CHECK(r.corpus.articles[0].id == "#31");  // default ids count from the whole file's articles
  CHECK(r.corpus.articles[1].id == "k");    // the repeated id is left for the caller
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find("article 32 (line 42)") != std::string::npos);
  const LoadResult bad = load_corpus("{\"title\":\"A\"}\n{\"title\": oops}\n", "part", limits);
  REQUIRE(bad.ok);
  REQUIRE(bad.warnings.size() == 1);
  CHECK(bad.warnings[0].rfind("line 42,", 0) == 0);
}

namespace {
// `text` cut after the line ends at the given byte offsets (each moved on to the next line end).
std::vector<ByteBuffer> pieces_of(const std::string& text, std::vector<size_t> near) {
  std::vector<ByteBuffer> out;
  size_t from = 0;
  for (size_t at : near) {
    const size_t nl = text.find('\n', std::max(at, from));
    if (nl == std::string::npos) break;
    out.emplace_back(std::string_view(text).substr(from, nl + 1 - from));
    from = nl + 1;
  }
  out.emplace_back(std::string_view(text).substr(from));
  return out;
}

LoadResult load_pieces(std::vector<ByteBuffer> pieces, size_t budget = SIZE_MAX / 2) {
  CorpusLoader loader(std::move(pieces), "pieces");
  size_t last = 0;
  while (!loader.step(budget)) {
    CHECK(loader.bytes_done() >= last);
    last = loader.bytes_done();
  }
  return loader.take();
}

void check_same(const LoadResult& a, const LoadResult& b) {
  REQUIRE(a.ok == b.ok);
  CHECK(a.format == b.format);
  CHECK(a.bytes == b.bytes);
  CHECK(a.skipped == b.skipped);
  CHECK(a.warnings == b.warnings);
  CHECK(a.warnings_total == b.warnings_total);
  CHECK(a.mappings == b.mappings);
  CHECK(a.error.message == b.error.message);
  CHECK(a.error.line == b.error.line);
  if (a.ok) ae_test::check_same_articles(a.corpus, b.corpus);  // (the articles of a failed load are not valid)
}
}  // namespace

TEST_CASE("JSON Lines handed over in pieces read as the whole input: lines, ids, warnings, text in place") {
  std::string text;
  for (int i = 0; i < 300; ++i) {
    if (i == 120) text += "{\"title\": oops}\n";  // a bad line in a later piece: its line number is the file's
    if (i == 200) text += "\n  \n";               // blank lines
    const std::string id = i % 50 == 7 ? "same" : std::to_string(i);  // repeated across the pieces
    text += "{\"id\":\"" + id + "\",\"headline\":\"T\\u00e9 " + std::to_string(i) + "\",\"body\":\"b\\n" +
            std::to_string(i) + "\",\"date\":\"2026-01-" + std::to_string(1 + i % 28) + "\"}\n";
  }
  const LoadResult whole = load(text);
  REQUIRE(whole.ok);
  REQUIRE(whole.format == "lines");
  REQUIRE(whole.skipped == 1);
  for (const std::vector<size_t>& cuts : {std::vector<size_t>{1000}, std::vector<size_t>{3000, 9000, 9001, 15000},
                                          std::vector<size_t>{50, 100, 150, 200, 20000}}) {
    std::vector<ByteBuffer> pieces = pieces_of(text, cuts);
    REQUIRE(pieces.size() > 1);
    const LoadResult r = load_pieces(std::move(pieces));
    check_same(r, whole);
    // Each piece's text stays in its own block; a first piece of one line is joined to the rest, as it
    // might be a whole document.
    CHECK((r.corpus.text->more.size() >= 1) == (cuts[0] >= 1000));
  }
  check_same(load_pieces(pieces_of(text, {2000, 6000}), 97), whole);  // in small slices too
}

TEST_CASE("pieces of anything but JSON Lines are joined first, and read as one input") {
  // An array over many lines, an object with an articles array, a first piece of one line, errors.
  std::string array = "[\n";
  for (int i = 0; i < 100; ++i) array += std::string(i ? ",\n" : "") + "{\"title\":\"A" + std::to_string(i) + "\"}";
  array += "\n]\n";
  const std::string object = "{\"name\":\"N\",\n\"articles\":" + array + "}\n";
  std::string lines;
  for (int i = 0; i < 40; ++i) lines += "{\"title\":\"L" + std::to_string(i) + "\"}\n";
  const std::string one_line_first = "{\"title\":\"only\"}\n" + lines;
  const std::string broken = array.substr(0, array.size() - 3) + "\n}\n";
  for (const std::string* t : std::vector<const std::string*>{&array, &object, &one_line_first, &broken}) {
    CAPTURE(*t);
    const LoadResult whole = load(*t);
    check_same(load_pieces(pieces_of(*t, {5, 200, 400})), whole);
    check_same(load_pieces(pieces_of(*t, {0})), whole);
  }
  {  // a first piece of blanks only
    std::vector<ByteBuffer> p;
    p.emplace_back(std::string("  \n\n"));
    p.emplace_back(std::string(" \n") + array);
    check_same(load_pieces(std::move(p)), load("  \n\n \n" + array));
  }
  const LoadResult r = load_pieces(pieces_of(object, {20, 300}));
  CHECK(r.corpus.name == "N");
  std::vector<ByteBuffer> none;
  CHECK_FALSE(load_pieces(std::move(none)).ok);  // no bytes: "the file is empty"
}
