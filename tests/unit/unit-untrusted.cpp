// unit-untrusted.cpp — links from a corpus open only when they are web links, and exported cells
// never run as spreadsheet formulas.
#include <doctest/doctest.h>

#include <string>

#include "cooccurrence.h"
#include "explorer.h"
#include "export.h"
#include "loader.h"
#include "test_util.h"
#include "untrusted.h"
#include "view.h"

using namespace ae;

TEST_CASE("web links: http and https open, cleaned as a browser reads them") {
  CHECK(web_link("https://example.org/a?b=c#d") == "https://example.org/a?b=c#d");
  CHECK(web_link("http://example.org") == "http://example.org");
  CHECK(web_link("HTTPS://EXAMPLE.ORG/X") == "HTTPS://EXAMPLE.ORG/X");
  CHECK(web_link("  https://example.org/  ") == "https://example.org/");
  CHECK(web_link("\x01\x1f https://example.org") == "https://example.org");
  CHECK(web_link("https://exa\nmple.org/p\tq") == "https://example.org/pq");
}

TEST_CASE("web links: every other scheme, however written, is refused") {
  for (const char* bad : {"javascript:alert(1)",
                          "JavaScript:alert(1)",
                          " javascript:alert(1)",
                          "\tjavascript:alert(1)",
                          "java\tscript:alert(1)",
                          "java\nscript:alert(1)",
                          "\x01javascript:alert(1)",
                          "jAvAsCrIpT:alert(document.cookie)",
                          "data:text/html,<script>alert(1)</script>",
                          "DATA:text/html;base64,PHNjcmlwdD4=",
                          "vbscript:msgbox(1)",
                          "VBScript:msgbox(1)",
                          "file:///etc/passwd",
                          "FILE://c:/windows",
                          "blob:https://example.org/uuid",
                          "about:blank",
                          "mailto:a@example.org",
                          "ftp://example.org",
                          "//example.org/x",
                          "example.org",
                          "http:example.org",
                          "https:/example.org",
                          "https://",
                          "",
                          "   ",
                          "https://exa mple.org",
                          "https://example.org/\x7f",
                          "\xe2\x80\xae"
                          "https://example.org",
                          "http\x00://x"}) {
    CAPTURE(std::string(bad));
    CHECK(web_link(bad).empty());
  }
  CHECK(web_link(std::string_view("http\0s://x", 10)).empty());
}

TEST_CASE("CSV cells: formulas are neutralised, RFC 4180 quoting kept") {
  CHECK(csv_cell("Iraq") == "Iraq");
  CHECK(csv_cell("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  CHECK(csv_cell("=1+2") == "'=1+2");
  CHECK(csv_cell("+1") == "'+1");
  CHECK(csv_cell("-2+3") == "'-2+3");
  CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_cell("\tcmd") == "'\tcmd");
  CHECK(csv_cell("\rcmd") == "\"'\rcmd\"");
  CHECK(csv_cell("  =1+2") == "'  =1+2");
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_cell("Smith-Jones") == "Smith-Jones");  // a dash inside is text
}

TEST_CASE("CSV exports of a hostile corpus: no cell starts a formula") {
  Explorer ex;
  ex.set_gazetteer(ae_test::gazetteer());
  const std::string json = R"J([
    {"id":"h1","date":"2026-01-21","title":"=cmd|' /C calc'!A0","body":"x",
     "entities":[{"name":"=HYPERLINK(\"http://evil\",\"click\")","type":"person"},{"name":"+SUM(1)","type":"org"},
                 {"name":"@evil","type":"place"},{"name":"-2+3","type":"person"}]},
    {"id":"h2","date":"2026-01-21","title":"t","body":"y",
     "entities":[{"name":"=HYPERLINK(\"http://evil\",\"click\")","type":"person"},{"name":"+SUM(1)","type":"org"},
                 {"name":"@evil","type":"place"},{"name":"-2+3","type":"person"}]}])J";
  REQUIRE(ex.load_now(json, "hostile.json"));
  for (const char* kind : {"edges.csv", "entities.csv"}) {
    std::string out;
    REQUIRE(export_view(ex, kind, out));
    CAPTURE(out);
    size_t rows = 0;
    // Every cell of every row: after an optional opening quote, never = + - @ tab or CR.
    size_t i = 0;
    bool cell_start = true, quoted = false;
    for (; i < out.size(); ++i) {
      const char c = out[i];
      if (cell_start) {
        size_t k = i;
        if (out[k] == '"') ++k;
        while (k < out.size() && out[k] == ' ') ++k;
        if (k < out.size()) CHECK_MESSAGE(std::string("=+-@\t\r").find(out[k]) == std::string::npos, "cell at ", i);
        cell_start = false;
      }
      if (c == '"') quoted = !quoted;
      else if (!quoted && c == ',') cell_start = true;
      else if (!quoted && c == '\n') {
        cell_start = true;
        ++rows;
      }
    }
    CHECK(rows >= 2);
  }
}
