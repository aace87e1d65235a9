// untrusted.cpp — web links and spreadsheet-safe cells. Layer: core.
#include "untrusted.h"

namespace ae {

std::string web_link(std::string_view url) {
  auto c0_or_space = [](unsigned char c) { return c <= 0x20; };
  size_t b = 0, e = url.size();
  while (b < e && c0_or_space(static_cast<unsigned char>(url[b]))) ++b;
  while (e > b && c0_or_space(static_cast<unsigned char>(url[e - 1]))) --e;
  std::string clean;
  clean.reserve(e - b);
  for (size_t i = b; i < e; ++i) {
    const unsigned char c = static_cast<unsigned char>(url[i]);
    if (c == '\t' || c == '\n' || c == '\r') continue;  // removed by URL parsing wherever they stand
    if (c < 0x20 || c == 0x7F || c == ' ') return "";
    clean += static_cast<char>(c);
  }
  const size_t colon = clean.find(':');
  if (colon == std::string::npos) return "";
  std::string scheme = clean.substr(0, colon);
  for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  if (scheme != "http" && scheme != "https") return "";
  if (clean.compare(colon + 1, 2, "//") != 0 || clean.size() <= colon + 3) return "";
  return clean;
}

std::string csv_cell(std::string_view s) {
  size_t k = 0;
  while (k < s.size() && s[k] == ' ') ++k;
  const bool formula =
      k < s.size() && (s[k] == '=' || s[k] == '+' || s[k] == '-' || s[k] == '@' || s[k] == '\t' || s[k] == '\r');
  std::string v = formula ? "'" + std::string(s) : std::string(s);
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace ae
