// panel_reader.cpp — the open article: title, date, source, URL (opens in a new tab), and the body as
// paragraphs with the entity mentions highlighted by type; a click on a mention selects its entity; a
// sentence picked in the link evidence is marked and scrolled into view. J / K: next / previous article
// of the list. Layer: app.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include "app.h"
#include "bidi.h"
#include "untrusted.h"

namespace ae {

unsigned int entity_color(EntityType t, int alpha) {
  return theme_color(current_theme().entity[static_cast<int>(t)], alpha);
}

namespace {

struct Span {
  uint32_t begin, end;
  EntityType type;
  uint32_t entity;
};

// What drawing a block of text found under the mouse or at the target.
struct Hits {
  uint32_t clicked = UINT32_MAX;  // entity whose mention was clicked
  float target_y = -1;            // screen y of the first word of the target range
};

// Lays out text[begin, end) word by word within the available width, drawing the words that fall in
// a span in their type's colour on a tinted background. Advances the cursor past the block.
// Cost: O(words) per frame; only visible lines are drawn.
// What laying out a block of text reads from Dear ImGui: the window, font, width, where it starts.
struct Block {
  bool window_hovered = ImGui::IsWindowHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = ImGui::GetFont();
  float size = ImGui::GetFontSize();
  float wrap = std::max(50.0f, ImGui::GetContentRegionAvail().x);
  ImVec2 origin = ImGui::GetCursorScreenPos();
  float line_h = ImGui::GetTextLineHeightWithSpacing();
  ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  ImVec4 clip = dl->_ClipRectStack.back();
};

// The same for a paragraph with right-to-left text (Arabic, Hebrew): lines are broken in logical order
// at spaces, measured by their shaped glyphs, and each line is reordered on its own (UAX #9 via
// src/bidi); a right-to-left paragraph is aligned right. Mentions, search matches and the target are
// drawn as runs of the visual order that share a style.
void draw_highlighted_rtl(std::string_view text, size_t begin, size_t end, const std::vector<Span>& spans,
                          const std::vector<std::pair<uint32_t, uint32_t>>& marks, const Explorer& ex, UiState& ui,
                          size_t target_begin, size_t target_end, Hits& hits) {
  const Block block;
  const auto& [window_hovered, dl, font, size, wrap, origin, line_h, text_col, clip] = block;
  // The paragraph's analysis depends on its text only: made once while the article stays open.
  static std::unordered_map<size_t, std::pair<std::string, bidi::Paragraph>> analysed;
  static uint64_t analysed_for = ~0ull;
  if (analysed_for != ex.open_revision()) {
    analysed.clear();
    analysed_for = ex.open_revision();
  }
  auto found = analysed.find(reinterpret_cast<size_t>(text.data()) + begin);
  if (found == analysed.end()) {
    std::string flat(text.substr(begin, end - begin));
    for (char& c : flat)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    bidi::Paragraph par;
    bidi::analyse(flat, par);
    found =
        analysed.emplace(reinterpret_cast<size_t>(text.data()) + begin, std::make_pair(std::move(flat), std::move(par)))
            .first;
  }
  const std::string& para = found->second.first;
  const bidi::Paragraph& p = found->second.second;
  const size_t n = p.size();
  // Per code point: its span (or -1), whether a search match or the target covers it, its advance.
  std::vector<int> span_of(n, -1);
  std::vector<uint8_t> marked(n, 0), target(n, 0);
  std::vector<float> adv(n, 0.0f);
  size_t si = 0, mi = 0;
  for (size_t k = 0; k < n; ++k) {
    const size_t at = begin + p.offset[k];
    while (si < spans.size() && spans[si].end <= at) ++si;
    if (si < spans.size() && spans[si].begin <= at) span_of[k] = static_cast<int>(si);
    while (mi < marks.size() && marks[mi].second <= at) ++mi;
    marked[k] = mi < marks.size() && marks[mi].first <= at;
    target[k] = at >= target_begin && at < target_end;
    const uint32_t g = p.glyph[k];
    if (g != bidi::kNoGlyph)
      adv[k] = font->GetCharAdvance(static_cast<ImWchar>(g <= 0xFFFF ? g : 0xFFFD)) * size / font->FontSize;
  }
  std::vector<uint32_t> order;
  std::string run;
  float y = 0;
  size_t from = 0;
  while (from < n && p.cps[from] == ' ') ++from;
  while (from < n) {
    // The longest run of words from `from` that fits; a word wider than the line stands alone.
    size_t to = from, fit = from;
    float w = 0;
    while (to < n) {
      size_t word_end = to;
      float ww = 0;
      while (word_end < n && p.cps[word_end] != ' ') ww += adv[word_end++];
      if (fit > from && w + ww > wrap) break;
      w += ww;
      fit = word_end;
      to = word_end;
      while (to < n && p.cps[to] == ' ') w += adv[to++];
    }
    float line_w = 0;
    for (size_t k = from; k < fit; ++k) line_w += adv[k];
    const float sy = origin.y + y;
    const bool visible = sy + line_h >= clip.y && sy <= clip.w;
    bidi::visual_order(p, from, fit, order);
    float px = origin.x + (p.rtl ? std::max(0.0f, wrap - line_w) : 0.0f);
    for (size_t v = 0; v < order.size();) {
      // A run of code points drawn alike: same span, match and target state.
      const uint32_t first = order[v];
      size_t e = v;
      run.clear();
      float rw = 0;
      while (e < order.size() && span_of[order[e]] == span_of[first] && marked[order[e]] == marked[first] &&
             target[order[e]] == target[first]) {
        if (p.glyph[order[e]] != bidi::kNoGlyph) bidi::append_utf8(run, p.glyph[order[e]]);
        rw += adv[order[e]];
        ++e;
      }
      if (target[first] && hits.target_y < 0) hits.target_y = sy;
      if (visible) {
        if (target[first])
          dl->AddRectFilled(ImVec2(px - 1, sy - 1), ImVec2(px + rw + 1, sy + line_h - 1),
                            theme_color(current_theme().overlay, 45));
        if (marked[first]) {
          dl->AddRectFilled(ImVec2(px - 1, sy - 1), ImVec2(px + rw + 1, sy + size + 3), IM_COL32(255, 214, 0, 110),
                            2.0f);
          dl->AddRect(ImVec2(px - 1, sy - 1), ImVec2(px + rw + 1, sy + size + 3),
                      theme_color(current_theme().search_mark, 230), 2.0f);
          if (ui.search_mark_rects.size() < 400) {
            const size_t lo = std::min(first, order[e - 1]), hi = std::max(first, order[e - 1]);
            ui.search_mark_rects.push_back(
                {para.substr(p.offset[lo], p.offset[hi + 1] - p.offset[lo]), px, sy, rw, size + 3});
          }
        }
        if (span_of[first] >= 0) {
          const Span& sp = spans[static_cast<size_t>(span_of[first])];
          const ImVec2 a(px - 1, sy), b(px + rw + 1, sy + size + 2);
          dl->AddRectFilled(a, b, entity_color(sp.type, ex.selected() == sp.entity ? 110 : 55), 2.0f);
          dl->AddText(font, size, ImVec2(px, sy), entity_color(sp.type, 255), run.c_str());
          if (ui.mention_rects.size() < 400)
            ui.mention_rects.push_back({ex.entities().entities[sp.entity].name, a.x, a.y, b.x - a.x, b.y - a.y});
          if (window_hovered && ImGui::IsMouseHoveringRect(a, b)) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            const Entity& ent = ex.entities().entities[sp.entity];
            ImGui::SetTooltip("%s (%s) · click to select", shown(ent.name), type_name(ent.type));
            if (ImGui::IsMouseClicked(0)) hits.clicked = sp.entity;
          }
        } else {
          dl->AddText(font, size, ImVec2(px, sy), text_col, run.c_str());
        }
      }
      px += rw;
      v = e;
    }
    y += line_h;
    from = to;
  }
  ImGui::Dummy(ImVec2(wrap, std::max(y, line_h)));
}

void draw_highlighted(std::string_view text, size_t begin, size_t end, const std::vector<Span>& spans,
                      const std::vector<std::pair<uint32_t, uint32_t>>& marks, const Explorer& ex, UiState& ui,
                      size_t target_begin, size_t target_end, Hits& hits) {
  if (bidi::has_rtl(text.substr(begin, end - begin))) {
    draw_highlighted_rtl(text, begin, end, spans, marks, ex, ui, target_begin, target_end, hits);
    return;
  }
  const Block block;
  const auto& [window_hovered, dl, font, size, wrap, origin, line_h, text_col, clip] = block;
  const float space_w = font->CalcTextSizeA(size, FLT_MAX, 0, " ").x;
  float x = 0, y = 0;
  size_t si = 0;
  size_t i = begin;
  while (i < end) {
    while (i < end && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) ++i;
    if (i >= end) break;
    size_t j = i;
    while (j < end && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' && text[j] != '\r') ++j;
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + i, text.data() + j).x;
    if (x > 0 && x + w > wrap) {
      x = 0;
      y += line_h;
    }
    const float sy = origin.y + y;
    const bool visible = sy + line_h >= clip.y && sy <= clip.w;
    if (i < target_end && j > target_begin) {
      if (hits.target_y < 0) hits.target_y = sy;
      if (visible)
        dl->AddRectFilled(ImVec2(origin.x + x - 2, sy - 1), ImVec2(origin.x + x + w + space_w, sy + line_h - 1),
                          theme_color(current_theme().overlay, 45));
    }
    // The search's matches in the word: a yellow box behind the matching letters, outlined so that it
    // shows over an entity's tint as well.
    if (visible)
      for (const auto& [mb, me] : marks) {
        if (me <= i) continue;
        if (mb >= j) break;
        const size_t from = std::max<size_t>(i, mb), to = std::min<size_t>(j, me);
        const float x0 = origin.x + x + font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + i, text.data() + from).x;
        const float x1 = x0 + font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + from, text.data() + to).x;
        dl->AddRectFilled(ImVec2(x0 - 1, sy - 1), ImVec2(x1 + 1, sy + size + 3), IM_COL32(255, 214, 0, 110), 2.0f);
        dl->AddRect(ImVec2(x0 - 1, sy - 1), ImVec2(x1 + 1, sy + size + 3),
                    theme_color(current_theme().search_mark, 230), 2.0f);
        if (ui.search_mark_rects.size() < 400)
          ui.search_mark_rects.push_back({std::string(text.substr(from, to - from)), x0, sy, x1 - x0, size + 3});
      }
    // Pieces of the word inside and outside spans (a span may start or end inside a word: "Iraq's").
    size_t k = i;
    float px = origin.x + x;
    while (k < j) {
      while (si < spans.size() && spans[si].end <= k) ++si;
      const bool in = si < spans.size() && spans[si].begin <= k;
      const size_t stop =
          in ? std::min<size_t>(j, spans[si].end) : (si < spans.size() ? std::min<size_t>(j, spans[si].begin) : j);
      const float pw = font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + k, text.data() + stop).x;
      if (visible) {
        if (in) {
          const ImVec2 a(px - 1, sy), b(px + pw + 1, sy + size + 2);
          const uint32_t ent = spans[si].entity;
          const bool chosen = ex.selected() == ent;
          dl->AddRectFilled(a, b, entity_color(spans[si].type, chosen ? 110 : 55), 2.0f);
          dl->AddText(font, size, ImVec2(px, sy), entity_color(spans[si].type, 255), text.data() + k,
                      text.data() + stop);
          if (ui.mention_rects.size() < 400)
            ui.mention_rects.push_back({ex.entities().entities[ent].name, a.x, a.y, b.x - a.x, b.y - a.y});
          if (window_hovered && ImGui::IsMouseHoveringRect(a, b)) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            const Entity& e = ex.entities().entities[ent];
            ImGui::SetTooltip("%s (%s) · click to select", shown(e.name), type_name(e.type));
            if (ImGui::IsMouseClicked(0)) hits.clicked = ent;
          }
        } else {
          dl->AddText(font, size, ImVec2(px, sy), text_col, text.data() + k, text.data() + stop);
        }
      }
      px += pw;
      k = stop;
    }
    x += w + space_w;
    i = j;
  }
  ImGui::Dummy(ImVec2(wrap, y + line_h));
}

}  // namespace

void draw_reader(Explorer& ex, UiState& ui, float x, float y, float w, float h) {
  begin_panel("Reader###reader", x, y, w, h);
  ui.reader_rect[0] = x;
  ui.reader_rect[1] = y;
  ui.reader_rect[2] = w;
  ui.reader_rect[3] = h;
  // Folds the reader away (a strip with « brings it back), at the right end of the current line.
  auto fold_button = [&] {
    ImGui::SameLine(
        std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("»").x - 8));
    if (ImGui::SmallButton("»##fold_reader")) {
      ui.reader_collapsed = true;
      ui.graph.fit = true;
    }
    record_control(ui, "collapse_reader");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("fold the reader away");
  };
  const size_t open = ex.open_article_index();
  if (open >= ex.corpus().size()) {
    if (ImGui::SmallButton("»##fold_reader")) {
      ui.reader_collapsed = true;
      ui.graph.fit = true;
    }
    record_control(ui, "collapse_reader");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("fold the reader away");
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Click an article in the list to read it here.");
    ImGui::PopTextWrapPos();
    ImGui::End();
    return;
  }
  if (ui.reader_open_seen != ex.open_revision()) {  // just opened: at the top, or at its target sentence
    ui.reader_open_seen = ex.open_revision();
    ImGui::SetScrollY(0);
    ui.reader_scroll_to_target = ex.reader_target().field >= 0;
  }
  Hits hits;
  const ReaderTarget& target = ex.reader_target();
  const size_t tb = target.field >= 0 ? target.begin : SIZE_MAX;
  const size_t te = target.field >= 0 ? target.end : 0;
  const Article& a = ex.corpus().articles[open];
  const EntityIndex& idx = ex.entities();
  std::vector<Span> title_spans, body_spans;
  size_t people = 0, orgs = 0, places = 0;
  if (open < idx.by_article.size()) {
    std::vector<uint32_t> seen;
    for (const Mention& m : idx.by_article[open]) {
      const EntityType t = idx.entities[m.entity].type;
      if (m.begin != kNoOffset) (m.field == 0 ? title_spans : body_spans).push_back({m.begin, m.end, t, m.entity});
      if (m.via_demonym || std::find(seen.begin(), seen.end(), m.entity) != seen.end()) continue;
      seen.push_back(m.entity);
      (t == EntityType::Person ? people : t == EntityType::Org ? orgs : places)++;
    }
  }
  const auto title_marks = ex.search_marks(a.title), body_marks = ex.search_marks(a.body);
  if (ui.fonts.bold) ImGui::PushFont(ui.fonts.bold);
  if (a.title.empty()) ImGui::TextUnformatted("(untitled)");
  else
    draw_highlighted(a.title, 0, a.title.size(), title_spans, title_marks, ex, ui, target.field == 0 ? tb : SIZE_MAX,
                     te, hits);
  if (ui.fonts.bold) ImGui::PopFont();
  std::string meta = a.date == kUndated ? std::string("undated") : format_iso(a.date);
  if (!a.source.empty()) meta += "  ·  " + std::string(shown(a.source));
  meta += "  ·  id " + a.id;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("%s", meta.c_str());
  ImGui::PopTextWrapPos();
  if (!a.url.empty()) {
    // Only web links open (the corpus may come from anyone): any other scheme is shown as text.
    const std::string link = web_link(a.url);
    // One line as wide as the reader, cut with an ellipsis; the tooltip shows it whole.
    const float url_w = ImGui::GetContentRegionAvail().x;
    if (link.empty()) {
      text_ellipsis(a.url, url_w, ImGui::GetColorU32(ImGuiCol_TextDisabled), false);
      record_control(ui, "article_url");
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Not a web link (http or https): shown as text, not opened.\n%s", a.url.c_str());
    } else {
      text_ellipsis(a.url, url_w, theme_color(current_theme().range_b, 255), false);
      record_control(ui, "article_url");
      if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("Open %s in a new tab", link.c_str());
        const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddLine(ImVec2(mn.x, mx.y), mx, theme_color(current_theme().range_b, 255));
      }
      if (ImGui::IsItemClicked() && ui.open_url) ui.open_url(link);
    }
  }
  {
    // Previous / next article of the list.
    if (ImGui::SmallButton("◀ prev (K)")) step_article(ex, -1);
    ImGui::SameLine();
    if (ImGui::SmallButton("next (J) ▶")) step_article(ex, +1);
    fold_button();
  }
  // Legend with this article's entity counts.
  const struct {
    EntityType t;
    const char* label;
    size_t n;
  } legend[] = {{EntityType::Person, "people", people},
                {EntityType::Org, "organisations", orgs},
                {EntityType::Place, "places", places}};
  static const char* const kOne[] = {"person", "organisation", "place"};
  for (const auto& l : legend) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(entity_color(l.t, 255)), "■ %zu %s", l.n,
                       l.n == 1 ? kOne[static_cast<int>(l.t)] : l.label);
    ImGui::SameLine(0, 16);
  }
  ImGui::NewLine();
  if (!title_marks.empty() || !body_marks.empty()) {
    const size_t n = title_marks.size() + body_marks.size();
    ImGui::TextColored(ImVec4(0.85f, 0.62f, 0.0f, 1.0f), "%zu %s of \"%s\" marked", n, n == 1 ? "match" : "matches",
                       shown(ex.search()));
  }
  ImGui::Separator();
  ImGui::Spacing();
  // Paragraphs are separated by blank lines; single newlines (hard-wrapped wires) join into one.
  const std::string_view body = a.body;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    draw_highlighted(body, start, end, body_spans, body_marks, ex, ui, target.field == 1 ? tb : SIZE_MAX, te, hits);
    ImGui::Spacing();
    start = end + 2;
  }
  if (hits.target_y >= 0 && ui.reader_scroll_to_target) {  // bring the evidence sentence into view once
    ImGui::SetScrollY(ImGui::GetScrollY() + hits.target_y - ImGui::GetWindowPos().y - ImGui::GetWindowHeight() * 0.3f);
    ui.reader_scroll_to_target = false;
  }
  ImGui::End();
  if (hits.clicked != UINT32_MAX) ex.select(hits.clicked);
}

}  // namespace ae
