// text_draw.cpp — strings from the corpus as they are drawn: right-to-left text (Arabic, Hebrew) shaped
// and reordered by src/bidi before Dear ImGui draws it (ImGui itself draws code points left to right,
// unjoined). Strings without right-to-left characters pass through untouched. Layer: app.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "app.h"
#include "bidi.h"

namespace ae {

namespace {

// Visual forms made this frame and the last ones (a string drawn every frame is shaped once); the cache
// is emptied between frames when it grows large, never during one (the pointers handed out stay valid).
std::unordered_map<std::string, std::string>& cache() {
  static std::unordered_map<std::string, std::string> c;
  return c;
}

// A right-to-left line cut to a width with an ellipsis, as drawn: made once per text and width (the
// cut is searched by measuring shaped candidates), kept like the visual forms above.
struct CutLine {
  std::string vis;
  float w = 0;
  bool rtl = false, cut = false;
};
std::unordered_map<std::string, CutLine>& cut_cache() {
  static std::unordered_map<std::string, CutLine> c;
  return c;
}

const CutLine& rtl_cut(const std::string& line, float width) {
  std::string key(reinterpret_cast<const char*>(&width), sizeof width);
  key += line;
  auto it = cut_cache().find(key);
  if (it != cut_cache().end()) return it->second;
  // Cut in logical order (the end of the text goes), then shaped and reordered.
  CutLine c;
  bidi::Paragraph p;
  bidi::analyse(line, p);
  c.rtl = p.rtl;
  c.vis = bidi::visual(line);
  c.w = ImGui::CalcTextSize(c.vis.c_str()).x;
  if (c.w > width) {
    c.cut = true;
    size_t lo = 0, hi = p.size();
    while (lo < hi) {  // the most code points that fit with the ellipsis
      const size_t mid = (lo + hi + 1) / 2;
      const std::string v = bidi::visual(line.substr(0, p.offset[mid]) + "…");
      if (ImGui::CalcTextSize(v.c_str()).x <= width) lo = mid;
      else hi = mid - 1;
    }
    c.vis = bidi::visual(line.substr(0, p.offset[lo]) + "…");
    c.w = ImGui::CalcTextSize(c.vis.c_str()).x;
  }
  return cut_cache().emplace(std::move(key), std::move(c)).first->second;
}

}  // namespace

void text_fonts_changed() { cut_cache().clear(); }  // widths measured with other glyphs

void text_frame_start() {
  if (cache().size() > 4096) cache().clear();
  if (cut_cache().size() > 4096) cut_cache().clear();
}

const char* shown(const std::string& s) {
  if (!bidi::has_rtl(s)) return s.c_str();
  auto it = cache().find(s);
  if (it == cache().end()) it = cache().emplace(s, bidi::visual(s)).first;
  return it->second.c_str();
}

void text_shown(std::string_view s) {
  if (!bidi::has_rtl(s)) ImGui::TextUnformatted(s.data(), s.data() + s.size());
  else ImGui::TextUnformatted(shown(std::string(s)));
}

void text_wrapped_shown(std::string_view s, float width) {
  if (!bidi::has_rtl(s)) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    ImGui::PopTextWrapPos();
    return;
  }
  // Lines broken in logical order at spaces, each then reordered on its own (UAX #9, rule L1 onwards);
  // right-to-left paragraphs are aligned right.
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    const std::string_view para = s.substr(start, nl - start);
    bidi::Paragraph p;
    bidi::analyse(para, p);
    size_t from = 0;
    while (from < p.size() || (from == 0 && p.size() == 0)) {
      size_t to = from, last_space = SIZE_MAX;
      float w = 0;
      while (to < p.size()) {
        const uint32_t g = p.glyph[to];
        const float adv =
            g == bidi::kNoGlyph ? 0.0f : font->GetCharAdvance(static_cast<ImWchar>(g)) * size / font->FontSize;
        if (w + adv > width && to > from) break;
        if (p.cps[to] == ' ') last_space = to;
        w += adv;
        ++to;
      }
      if (to < p.size() && last_space != SIZE_MAX && last_space > from) to = last_space + 1;
      std::vector<uint32_t> order;
      bidi::visual_order(p, from, to, order);
      std::string line;
      for (uint32_t i : order)
        if (p.glyph[i] != bidi::kNoGlyph) bidi::append_utf8(line, p.glyph[i]);
      const float lw = ImGui::CalcTextSize(line.c_str()).x;
      if (p.rtl && lw < width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width - lw);
      ImGui::TextUnformatted(line.c_str());
      if (to == from) break;
      from = to;
    }
    start = nl + 1;
  }
}

bool input_text_shown(const char* label, const char* hint, char* buf, size_t size, int flags) {
  // Dear ImGui edits the text in logical order, drawn left to right and unjoined; with right-to-left
  // characters in the box its own drawing is made invisible and the shaped, reordered text is drawn in
  // its place (the caret stays where Dear ImGui puts it, in logical order).
  const bool rtl = bidi::has_rtl(buf);
  if (rtl) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));
  const bool changed =
      hint ? ImGui::InputTextWithHint(label, hint, buf, size, flags) : ImGui::InputText(label, buf, size, flags);
  if (rtl) {
    ImGui::PopStyleColor();
    const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    bidi::Paragraph p;
    bidi::analyse(buf, p);
    const char* vis = shown(std::string(buf));
    const float w = ImGui::CalcTextSize(vis).x, room = mx.x - mn.x - 2 * pad.x;
    const float x = p.rtl && w < room ? mx.x - pad.x - w : mn.x + pad.x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(ImVec2(mn.x + pad.x * 0.5f, mn.y), ImVec2(mx.x - pad.x * 0.5f, mx.y), true);
    dl->AddText(ImVec2(x, mn.y + pad.y), ImGui::GetColorU32(ImGuiCol_Text), vis);
    // A caret where typing adds letters: the visual end of the text in its direction.
    if (ImGui::IsItemActive() && std::fmod(ImGui::GetTime(), 1.2) < 0.8) {
      const float cx = p.rtl ? x - 1 : x + w + 1;
      dl->AddLine(ImVec2(cx, mn.y + pad.y), ImVec2(cx, mx.y - pad.y), ImGui::GetColorU32(ImGuiCol_Text));
    }
    dl->PopClipRect();
  }
  return changed;
}

bool text_ellipsis(std::string_view text, float width, unsigned int color, bool tooltip) {
  // One line: line breaks and tabs become spaces (a list row is never two lines high).
  std::string line(text.substr(0, std::min<size_t>(text.size(), 400)));
  for (char& c : line)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  width = std::max(1.0f, width);
  bool cut = line.size() < text.size();
  if (bidi::has_rtl(line)) {
    // A right-to-left paragraph is aligned right, its ellipsis at the left end.
    const CutLine& c = rtl_cut(line, width);
    cut = cut || c.cut;
    ImGui::Dummy(ImVec2(std::min(width, c.w), h));
    const float x = c.rtl ? pos.x + std::max(0.0f, width - c.w) : pos.x;
    ImGui::GetWindowDrawList()->AddText(ImVec2(x, pos.y), color ? color : ImGui::GetColorU32(ImGuiCol_Text),
                                        c.vis.c_str());
  } else {
    const ImVec2 full = ImGui::CalcTextSize(line.c_str(), line.c_str() + line.size());
    ImGui::Dummy(ImVec2(std::min(width, full.x), h));
    cut = cut || full.x > width;
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + width, pos.y + h), pos.x + width,
                              pos.x + width, line.c_str(), line.c_str() + line.size(), &full);
    if (color) ImGui::PopStyleColor();
  }
  if (tooltip && cut && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenOverlapped)) {
    ImGui::BeginTooltip();
    text_wrapped_shown(text.substr(0, std::min<size_t>(text.size(), 2000)), ImGui::GetFontSize() * 32);
    ImGui::EndTooltip();
  }
  return cut;
}

}  // namespace ae
