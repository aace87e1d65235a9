// panel_timeline.cpp — articles per day, week or month as a histogram, the selection's articles
// overlaid with its bursts of attention marked, and the date range as a brush: drag inside to move it,
// drag an edge to resize it, drag elsewhere to draw a new one, double-click for all dates; Left/Right
// arrows (over the panel) or [ and ] step it by one bucket. It is the date filter of the whole app.
// Comparing two periods, the baseline A is a second brush in its own colour (Shift+drag draws it, A
// sets it to the period just before the range B); both move and resize the same way. Layer: app.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app.h"

namespace ae {

float timeline_height() { return std::round(ImGui::GetFontSize() * 6.2f); }

namespace {

// Bucket under a screen x (clamped).
int bucket_at(float x, float x0, float w, size_t n) {
  const int b = static_cast<int>(std::floor((x - x0) / w * static_cast<float>(n)));
  return std::clamp(b, 0, static_cast<int>(n) - 1);
}

std::string bucket_label(const Timeline& t, size_t i) {
  if (t.unit == Bucket::Daily) return format_iso(t.starts[i]);
  if (t.unit == Bucket::Weekly) return "week of " + format_iso(t.starts[i]);
  return format_iso(t.starts[i]).substr(0, 7);
}

}  // namespace

void draw_timeline(Explorer& ex, UiState& ui, float x, float y, float w, float h) {
  begin_panel("##timeline", x, y, w, h,
              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const Timeline& t = ui.timeline;
  const size_t n = t.starts.size();
  if (n == 0) {
    ImGui::End();
    return;
  }
  // Caption: unit, range (and baseline), selection, what the mouse does.
  const size_t lo = t.bucket_of(ex.range_from()), hi = t.bucket_of(ex.range_to());
  const bool dark = ui.dark;
  const bool comparing = ex.comparing();
  auto colored = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
  ImGui::TextDisabled("Articles per %s", bucket_name(t.unit));
  ImGui::SameLine();
  if (comparing) {
    ImGui::TextColored(colored(range_color(true, dark, 255)), "A %s – %s (%s)", format_iso(ex.baseline_from()).c_str(),
                       format_iso(ex.baseline_to()).c_str(),
                       with_commas(ex.articles_between(ex.baseline_from(), ex.baseline_to())).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("the baseline A and its articles; Shift+drag on the timeline redraws it");
    ImGui::SameLine();
    ImGui::TextColored(colored(range_color(false, dark, 255)), "B %s – %s (%s)", format_iso(ex.range_from()).c_str(),
                       format_iso(ex.range_to()).c_str(),
                       with_commas(ex.articles_between(ex.range_from(), ex.range_to())).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("End comparison")) ex.set_baseline(kUndated, kUndated);
    record_control(ui, "end_compare");
  } else {
    ImGui::Text("%s – %s", format_iso(ex.range_from()).c_str(), format_iso(ex.range_to()).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Compare")) ex.set_baseline_before();
    record_control(ui, "compare");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Compare the range with the period just before it (key A):\n"
                        "what is new, what vanished, who rose and fell. Shift+drag draws the baseline.");
  }
  const BurstIndex* bursts = nullptr;
  if (!t.selected.empty()) {
    ImGui::SameLine();
    const auto& ents = ex.entities().entities;
    const auto pair = ex.selected_pair();
    const std::string who = ex.selected() < ents.size() ? ents[ex.selected()].name
                                                         : ents[pair.first].name + " + " + ents[pair.second].name;
    ImGui::TextColored(ImVec4(0.98f, 0.75f, 0.30f, 1.0f), "■ %s", who.c_str());
    if (ex.selected() < ents.size()) {
      bursts = &ex.bursts();
      const size_t nb = ex.selected() < bursts->of_entity.size() ? bursts->of_entity[ex.selected()].size() : 0;
      if (nb) {
        ImGui::SameLine();
        ImGui::TextDisabled("%zu %s", nb, nb == 1 ? "burst" : "bursts");
      }
    }
  }
  if (!comparing) {
    ImGui::SameLine();
    ImGui::TextDisabled("· drag to choose dates, double-click for all, [ ] to step");
  }

  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float label_h = ImGui::GetTextLineHeight();
  const float pw = std::max(10.0f, avail.x), ph = std::max(10.0f, avail.y - label_h - 2);
  ui.timeline_rect[0] = p0.x;
  ui.timeline_rect[1] = p0.y;
  ui.timeline_rect[2] = pw;
  ui.timeline_rect[3] = ph;
  ImGui::InvisibleButton("##hist", ImVec2(pw, ph));
  record_control(ui, "timeline");
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + pw, p0.y + ph), dark ? IM_COL32(24, 27, 33, 255) : IM_COL32(236, 238, 241, 255));

  // Bars.
  uint32_t peak = 1;
  for (uint32_t v : t.articles) peak = std::max(peak, v);
  const float bw = pw / static_cast<float>(n);
  const float gap = bw > 4 ? 1.0f : 0.0f;
  for (size_t i = 0; i < n; ++i) {
    const bool in = i >= lo && i <= hi;
    const float bx = p0.x + bw * static_cast<float>(i);
    if (t.articles[i]) {
      const float bh = (ph - 4) * static_cast<float>(t.articles[i]) / static_cast<float>(peak);
      const ImU32 col = in ? (dark ? IM_COL32(150, 165, 190, 255) : IM_COL32(110, 125, 150, 255))
                           : (dark ? IM_COL32(70, 78, 92, 255) : IM_COL32(185, 190, 200, 255));
      dl->AddRectFilled(ImVec2(bx, p0.y + ph - std::max(1.0f, bh)), ImVec2(bx + bw - gap, p0.y + ph), col);
    }
    if (!t.selected.empty() && t.selected[i]) {
      const float sh = (ph - 4) * static_cast<float>(t.selected[i]) / static_cast<float>(peak);
      dl->AddRectFilled(ImVec2(bx, p0.y + ph - std::max(1.0f, sh)), ImVec2(bx + bw - gap, p0.y + ph),
                        IM_COL32(250, 190, 75, 230));
    }
  }
  // The selected entity's bursts: a bar along the top over the buckets of each.
  if (bursts && ex.selected() < bursts->of_entity.size()) {
    for (uint32_t k : bursts->of_entity[ex.selected()]) {
      const Burst& b = bursts->bursts[k];
      const size_t b0 = t.bucket_of(bursts->burst_from(b)), b1 = t.bucket_of(bursts->burst_to(b));
      const float x0 = p0.x + bw * static_cast<float>(b0), x1 = p0.x + bw * static_cast<float>(b1 + 1);
      dl->AddRectFilled(ImVec2(x0, p0.y + 1), ImVec2(std::max(x1, x0 + 3), p0.y + 5), IM_COL32(250, 190, 75, 255), 2);
    }
  }
  // The brushes: the baseline A (when comparing and on the timeline), then the range B over it.
  auto brush = [&](size_t from, size_t to, ImU32 fill, ImU32 line, float& x0, float& x1) {
    x0 = p0.x + bw * static_cast<float>(from);
    x1 = p0.x + bw * static_cast<float>(to + 1);
    dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p0.y + ph), fill);
    dl->AddRect(ImVec2(x0, p0.y), ImVec2(x1, p0.y + ph), line, 0, 0, 1.5f);
    dl->AddRectFilled(ImVec2(x0 - 2, p0.y + ph * 0.3f), ImVec2(x0 + 2, p0.y + ph * 0.7f), line);
    dl->AddRectFilled(ImVec2(x1 - 2, p0.y + ph * 0.3f), ImVec2(x1 + 2, p0.y + ph * 0.7f), line);
  };
  const bool a_shown = comparing && ex.baseline_to() >= t.starts.front() && ex.baseline_from() <= t.bucket_end(n - 1);
  const size_t alo = a_shown ? t.bucket_of(ex.baseline_from()) : 0, ahi = a_shown ? t.bucket_of(ex.baseline_to()) : 0;
  float ax0 = -1e9f, ax1 = -1e9f;
  if (a_shown) {
    brush(alo, ahi, range_color(true, dark, 40), range_color(true, dark, 230), ax0, ax1);
    dl->AddText(ImVec2(ax0 + 4, p0.y + 6), range_color(true, dark, 255), "A");
  }
  float bx0, bx1;
  brush(lo, hi, range_color(false, dark, 40), range_color(false, dark, 220), bx0, bx1);
  if (comparing) dl->AddText(ImVec2(bx0 + 4, p0.y + 6), range_color(false, dark, 255), "B");
  // Axis labels: first and last bucket, and a few between when there is room.
  const ImU32 label_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float label_w = ImGui::CalcTextSize("0000-00-00").x + 16;
  const int ticks = std::max(1, std::min(static_cast<int>(n) - 1, static_cast<int>(pw / label_w) - 1));
  float last_end = -1e9f;
  for (int k = 0; k <= ticks; ++k) {
    const size_t i = n == 1 ? 0 : static_cast<size_t>(std::lround(static_cast<double>(k) * (n - 1) / ticks));
    const std::string lab = t.unit == Bucket::Monthly ? format_iso(t.starts[i]).substr(0, 7) : format_iso(t.starts[i]);
    const float lw = ImGui::CalcTextSize(lab.c_str()).x;
    float lx = p0.x + bw * (static_cast<float>(i) + 0.5f) - lw / 2;
    lx = std::clamp(lx, p0.x, p0.x + pw - lw);
    if (lx < last_end + 8) continue;  // never overlap the previous label
    last_end = lx + lw;
    dl->AddText(ImVec2(lx, p0.y + ph + 1), label_col, lab.c_str());
  }

  // Interaction.
  const ImGuiIO& io = ImGui::GetIO();
  const float mx = io.MousePos.x;
  const int at = bucket_at(mx, p0.x, pw, n);
  const float edge = std::max(5.0f, std::min(8.0f, bw / 3));
  const bool near_b = std::fabs(mx - bx0) <= edge || std::fabs(mx - bx1) <= edge;
  const bool near_a = a_shown && (std::fabs(mx - ax0) <= edge || std::fabs(mx - ax1) <= edge);
  if (hovered && ui.brush == UiState::Brush::None) {
    if (near_b || near_a) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    ImGui::BeginTooltip();
    ImGui::Text("%s", bucket_label(t, static_cast<size_t>(at)).c_str());
    ImGui::Text("%u articles", t.articles[static_cast<size_t>(at)]);
    if (!t.selected.empty()) ImGui::Text("%u with the selection", t.selected[static_cast<size_t>(at)]);
    if (bursts && ex.selected() < bursts->of_entity.size())
      for (uint32_t k : bursts->of_entity[ex.selected()]) {
        const Burst& b = bursts->bursts[k];
        if (bursts->burst_from(b) <= t.bucket_end(static_cast<size_t>(at)) && bursts->burst_to(b) >= t.starts[static_cast<size_t>(at)])
          ImGui::TextColored(ImVec4(0.98f, 0.75f, 0.30f, 1.0f), "burst %s – %s", format_iso(bursts->burst_from(b)).c_str(),
                             format_iso(bursts->burst_to(b)).c_str());
      }
    ImGui::TextDisabled(comparing ? "drag: range B · Shift+drag: baseline A" : "Shift+drag: a baseline to compare with");
    ImGui::EndTooltip();
  }
  if (hovered && ImGui::IsMouseDoubleClicked(0)) {
    ex.set_range(ex.corpus().date_min, ex.corpus().date_max);
    ui.brush = UiState::Brush::None;
  } else if (ImGui::IsItemActivated()) {
    using B = UiState::Brush;
    const bool full = lo == 0 && hi + 1 == n;  // a brush over everything: a press draws a new one
    if (io.KeyShift) {
      ui.brush = B::ANew;
      ui.brush_anchor = at;
    } else if (!full && std::fabs(mx - bx0) <= edge) ui.brush = B::Left;
    else if (!full && std::fabs(mx - bx1) <= edge) ui.brush = B::Right;
    else if (!full && mx > bx0 && mx < bx1) {
      ui.brush = B::Move;
      ui.brush_anchor = at - static_cast<int>(lo);
    } else if (a_shown && std::fabs(mx - ax0) <= edge) ui.brush = B::ALeft;
    else if (a_shown && std::fabs(mx - ax1) <= edge) ui.brush = B::ARight;
    else if (a_shown && mx > ax0 && mx < ax1) {
      ui.brush = B::AMove;
      ui.brush_anchor = at - static_cast<int>(alo);
    } else {
      ui.brush = B::New;
      ui.brush_anchor = at;
    }
  }
  if (ImGui::IsItemActive() && ui.brush != UiState::Brush::None) {
    using B = UiState::Brush;
    const bool is_a = ui.brush == B::AMove || ui.brush == B::ALeft || ui.brush == B::ARight || ui.brush == B::ANew;
    int a = static_cast<int>(is_a ? alo : lo), b = static_cast<int>(is_a ? ahi : hi);
    switch (ui.brush) {
      case B::Left:
      case B::ALeft: a = std::min(at, b); break;
      case B::Right:
      case B::ARight: b = std::max(at, a); break;
      case B::Move:
      case B::AMove: {
        const int width = b - a;
        a = std::clamp(at - ui.brush_anchor, 0, static_cast<int>(n) - 1 - width);
        b = a + width;
        break;
      }
      case B::New:
      case B::ANew:
        a = std::min(ui.brush_anchor, at);
        b = std::max(ui.brush_anchor, at);
        break;
      default: break;
    }
    const Day from = std::max(t.starts[static_cast<size_t>(a)], ex.corpus().date_min);
    const Day to = std::min(t.bucket_end(static_cast<size_t>(b)), ex.corpus().date_max);
    if (is_a) {
      if (from != ex.baseline_from() || to != ex.baseline_to()) ex.set_baseline(from, to);
    } else if (from != ex.range_from() || to != ex.range_to()) {
      ex.set_range(from, to);
    }
  }
  if (!ImGui::IsItemActive()) ui.brush = UiState::Brush::None;
  if (hovered && !io.WantTextInput) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step_range(ex, ui, -1);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step_range(ex, ui, +1);
  }
  ImGui::End();
}

}  // namespace ae
