// untrusted.h — what the explorer may do with text that comes from a corpus, which anyone may have
// written (a corpus arrives in a shared link): the only links it opens, and cells a spreadsheet reads
// as text. Layer: core.
#pragma once
#include <string>
#include <string_view>

namespace ae {

// The link to open for an article's url, or "" when it is not a web link. Only http: and https:
// URLs with an authority ("//") are web links; the check reads the URL as a browser does (WHATWG
// URL parsing): leading and trailing spaces and control characters are dropped, tabs and line breaks
// anywhere are removed, the scheme's case is ignored. So "javascript:", "data:", "vbscript:",
// "file:", "blob:", " JavaScript:", "java\tscript:" and the like all come back "". A URL with any other
// control character or a space inside is refused too. The returned link is the cleaned one.
std::string web_link(std::string_view url);

// A CSV field: quoted (with doubled quotes) when it holds a comma, quote or line break (RFC 4180), and
// with a ' put before it when a spreadsheet would read it as a formula (OWASP's advice for CSV
// injection: a cell starting with =, +, -, @, a tab or a carriage return, also after leading spaces).
std::string csv_cell(std::string_view s);

}  // namespace ae
