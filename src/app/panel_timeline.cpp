// panel_timeline.cpp — articles per day, week or month as a histogram, the selection's articles
// overlaid with its bursts of attention marked, and the date range as a brush: drag inside to move it,
// drag an edge to resize it, drag elsewhere to draw a new one, double-click for all dates; the brushes
// follow the pointer to the day (or take whole buckets with "snap"); Left/Right arrows (over the panel)
// or [ and ] step the range by one bucket's length, keeping its length. It is the date filter of the
// whole app.
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
  const bool dark = ui.dark;
  const bool comparing = ex.comparing();
  auto colored = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
  ImGui::TextDisabled("Articles per %s", bucket_name(t.unit));
  ImGui::SameLine();
  if (comparing) {
    ImGui::TextColored(colored(range_color(true, dark, 255)), "A %s – %s (%s)", format_iso(ex.baseline_from()).c_str(),
                       format_iso(ex.baseline_to()).c_str(),
                       with_commas(ex.articles_between(ex.baseline_from(), ex.baseline_to())).c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("the baseline A and its articles; Shift+drag on the timeline redraws it");
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
      ImGui::SetTooltip(
          "Compare the range with the period just before it (key A):\n"
          "what is new, what vanished, who rose and fell. Shift+drag draws the baseline.");
  }
  const BurstIndex* bursts = nullptr;
  if (!t.selected.empty()) {
    ImGui::SameLine();
    const auto& ents = ex.entities().entities;
    const auto pair = ex.selected_pair();
    const std::string who =
        ex.selected() < ents.size() ? ents[ex.selected()].name : ents[pair.first].name + " + " + ents[pair.second].name;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme_color(current_theme().highlight, 255)), "■ %s", shown(who));
    if (ex.selected() < ents.size()) {
      bursts = &ex.bursts();
      const size_t nb = ex.selected() < bursts->of_entity.size() ? bursts->of_entity[ex.selected()].size() : 0;
      if (nb) {
        ImGui::SameLine();
        ImGui::TextDisabled("%zu %s", nb, nb == 1 ? "burst" : "bursts");
      }
    }
  }
  ImGui::SameLine();
  char snap_label[32];
  std::snprintf(snap_label, sizeof snap_label, "snap to %ss", bucket_name(t.unit));
  ImGui::Checkbox(snap_label, &ui.timeline_snap);
  record_control(ui, "snap");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("off: the brushes follow the pointer to the day; on: they take whole %ss", bucket_name(t.unit));
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
  dl->AddRectFilled(p0, ImVec2(p0.x + pw, p0.y + ph), theme_color(current_theme().canvas_bg, 255));

  // Day coordinates: the buckets cover [t.starts[0], last_day]; x grows linearly with the day, so a
  // brush follows the pointer to the day whatever the bucket (unless the user asks for a snap).
  const Day first_day = t.starts.front(), last_day = t.bucket_end(n - 1);
  const float ppd = pw / static_cast<float>(last_day - first_day + 1);  // pixels per day
  auto x_of = [&](Day d) { return p0.x + ppd * static_cast<float>(d - first_day); };
  auto day_at = [&](float x) {
    const Day d = first_day + static_cast<Day>(std::floor((x - p0.x) / ppd));
    return std::clamp(d, first_day, last_day);
  };

  // Bars (at least a pixel wide and high, so a sparse selection shows at every corpus size).
  uint32_t peak = 1;
  for (uint32_t v : t.articles) peak = std::max(peak, v);
  const float gap = ppd * 7 > 4 && n < 400 ? 1.0f : 0.0f;
  for (size_t i = 0; i < n; ++i) {
    const bool in = t.bucket_end(i) >= ex.range_from() && t.starts[i] <= ex.range_to();
    const float bx = x_of(t.starts[i]), bx1 = std::max(bx + 1.0f, x_of(t.bucket_end(i) + 1) - gap);
    if (t.articles[i]) {
      const float bh = (ph - 4) * static_cast<float>(t.articles[i]) / static_cast<float>(peak);
      const ImU32 col = in ? (dark ? IM_COL32(150, 165, 190, 255) : IM_COL32(110, 125, 150, 255))
                           : (dark ? IM_COL32(70, 78, 92, 255) : IM_COL32(185, 190, 200, 255));
      dl->AddRectFilled(ImVec2(bx, p0.y + ph - std::max(1.0f, bh)), ImVec2(bx1, p0.y + ph), col);
    }
    if (!t.selected.empty() && t.selected[i]) {
      const float sh = (ph - 4) * static_cast<float>(t.selected[i]) / static_cast<float>(peak);
      dl->AddRectFilled(ImVec2(bx, p0.y + ph - std::max(2.0f, sh)), ImVec2(std::max(bx + 2.0f, bx1), p0.y + ph),
                        theme_color(current_theme().overlay, 230));
    }
  }
  // The selected entity's bursts: a bar along the top over the days of each.
  if (bursts && ex.selected() < bursts->of_entity.size()) {
    for (uint32_t k : bursts->of_entity[ex.selected()]) {
      const Burst& b = bursts->bursts[k];
      const float x0 = x_of(bursts->burst_from(b)), x1 = x_of(bursts->burst_to(b) + 1);
      dl->AddRectFilled(ImVec2(x0, p0.y + 1), ImVec2(std::max(x1, x0 + 3), p0.y + 5),
                        theme_color(current_theme().highlight, 255), 2);
    }
  }
  // The brushes: the baseline A (when comparing and on the timeline), then the range B over it.
  auto brush = [&](Day from, Day to, ImU32 fill, ImU32 line, float& x0, float& x1) {
    x0 = x_of(std::max(from, first_day));
    x1 = std::max(x0 + 2.0f, x_of(std::min(to, last_day) + 1));
    dl->AddRectFilled(ImVec2(x0, p0.y), ImVec2(x1, p0.y + ph), fill);
    dl->AddRect(ImVec2(x0, p0.y), ImVec2(x1, p0.y + ph), line, 0, 0, 1.5f);
    dl->AddRectFilled(ImVec2(x0 - 2, p0.y + ph * 0.3f), ImVec2(x0 + 2, p0.y + ph * 0.7f), line);
    dl->AddRectFilled(ImVec2(x1 - 2, p0.y + ph * 0.3f), ImVec2(x1 + 2, p0.y + ph * 0.7f), line);
  };
  const bool a_shown = comparing && ex.baseline_to() >= first_day && ex.baseline_from() <= last_day;
  float ax0 = -1e9f, ax1 = -1e9f;
  if (a_shown) {
    brush(ex.baseline_from(), ex.baseline_to(), range_color(true, dark, 40), range_color(true, dark, 230), ax0, ax1);
    dl->AddText(ImVec2(ax0 + 4, p0.y + 6), range_color(true, dark, 255), "A");
  }
  float bx0, bx1;
  brush(ex.range_from(), ex.range_to(), range_color(false, dark, 40), range_color(false, dark, 220), bx0, bx1);
  if (comparing) dl->AddText(ImVec2(bx0 + 4, p0.y + 6), range_color(false, dark, 255), "B");
  // Axis labels: dates of bucket starts, as many as fit without overlapping ("Mar 1987" for months).
  const ImU32 label_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float label_w = ImGui::CalcTextSize("0000-00-00").x + 16;
  const int ticks = std::max(1, std::min(static_cast<int>(n) - 1, static_cast<int>(pw / label_w) - 1));
  float last_end = -1e9f;
  for (int k = 0; k <= ticks; ++k) {
    const size_t i = n == 1 ? 0 : static_cast<size_t>(std::lround(static_cast<double>(k) * (n - 1) / ticks));
    const std::string lab = t.unit == Bucket::Monthly ? format_iso(t.starts[i]).substr(0, 7) : format_iso(t.starts[i]);
    const float lw = ImGui::CalcTextSize(lab.c_str()).x;
    float lx = x_of(t.starts[i]) - lw / 2 + (t.unit == Bucket::Daily ? ppd / 2 : 0);
    lx = std::clamp(lx, p0.x, p0.x + pw - lw);
    if (lx < last_end + 8) continue;  // never overlap the previous label
    last_end = lx + lw;
    dl->AddLine(ImVec2(x_of(t.starts[i]), p0.y + ph - 3), ImVec2(x_of(t.starts[i]), p0.y + ph), label_col);
    dl->AddText(ImVec2(lx, p0.y + ph + 1), label_col, lab.c_str());
  }

  // Interaction.
  const ImGuiIO& io = ImGui::GetIO();
  const float mx = io.MousePos.x;
  const Day at_day = day_at(mx);
  const size_t at = t.bucket_of(at_day);
  const float edge = 6.0f;
  const bool near_b = std::fabs(mx - bx0) <= edge || std::fabs(mx - bx1) <= edge;
  const bool near_a = a_shown && (std::fabs(mx - ax0) <= edge || std::fabs(mx - ax1) <= edge);
  if (hovered && ui.brush == UiState::Brush::None) {
    if (near_b || near_a) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    ImGui::BeginTooltip();
    ImGui::Text("%s", format_iso(at_day).c_str());
    ImGui::Text("%u articles · %s", t.articles[at], bucket_label(t, at).c_str());
    if (!t.selected.empty()) ImGui::Text("%u with the selection", t.selected[at]);
    if (bursts && ex.selected() < bursts->of_entity.size())
      for (uint32_t k : bursts->of_entity[ex.selected()]) {
        const Burst& b = bursts->bursts[k];
        if (bursts->burst_from(b) <= t.bucket_end(at) && bursts->burst_to(b) >= t.starts[at])
          ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme_color(current_theme().highlight, 255)),
                             "burst %s – %s", format_iso(bursts->burst_from(b)).c_str(),
                             format_iso(bursts->burst_to(b)).c_str());
      }
    ImGui::TextDisabled(comparing ? "drag: range B · Shift+drag: baseline A"
                                  : "Shift+drag: a baseline to compare with");
    ImGui::EndTooltip();
  }
  const bool over = ImGui::IsMouseHoveringRect(p0, ImVec2(p0.x + pw, p0.y + ph));
  if ((hovered && ImGui::IsMouseDoubleClicked(0)) || (over && ui.double_click)) {
    ex.set_range(ex.corpus().date_min, ex.corpus().date_max);
    ui.brush = UiState::Brush::None;
  } else if (ImGui::IsItemActivated()) {
    using B = UiState::Brush;
    const bool full = ex.range_from() <= ex.corpus().date_min && ex.range_to() >= ex.corpus().date_max;
    ui.brush_anchor_day = at_day;
    if (io.KeyShift) ui.brush = B::ANew;
    else if (!full && std::fabs(mx - bx0) <= edge) ui.brush = B::Left;
    else if (!full && std::fabs(mx - bx1) <= edge) ui.brush = B::Right;
    else if (!full && mx > bx0 && mx < bx1) {
      ui.brush = B::Move;
      ui.brush_anchor_day = at_day - ex.range_from();
    } else if (a_shown && std::fabs(mx - ax0) <= edge) ui.brush = B::ALeft;
    else if (a_shown && std::fabs(mx - ax1) <= edge) ui.brush = B::ARight;
    else if (a_shown && mx > ax0 && mx < ax1) {
      ui.brush = B::AMove;
      ui.brush_anchor_day = at_day - ex.baseline_from();
    } else {
      ui.brush = B::New;
    }
  }
  if (ImGui::IsItemActive() && ui.brush != UiState::Brush::None) {
    using B = UiState::Brush;
    const bool is_a = ui.brush == B::AMove || ui.brush == B::ALeft || ui.brush == B::ARight || ui.brush == B::ANew;
    Day a = is_a ? ex.baseline_from() : ex.range_from(), b = is_a ? ex.baseline_to() : ex.range_to();
    const Day lo_day = std::max(first_day, ex.corpus().date_min), hi_day = std::min(last_day, ex.corpus().date_max);
    switch (ui.brush) {
      case B::Left:
      case B::ALeft: a = std::min(at_day, b); break;
      case B::Right:
      case B::ARight: b = std::max(at_day, a); break;
      case B::Move:
      case B::AMove: {
        const Day width = b - a;
        a = std::clamp(at_day - ui.brush_anchor_day, lo_day, std::max(lo_day, hi_day - width));
        b = a + width;
        break;
      }
      case B::New:
      case B::ANew:
        a = std::min(ui.brush_anchor_day, at_day);
        b = std::max(ui.brush_anchor_day, at_day);
        break;
      default: break;
    }
    if (ui.timeline_snap) {  // whole buckets, as the user chose
      a = t.starts[t.bucket_of(a)];
      b = t.bucket_end(t.bucket_of(b));
    }
    const Day from = std::max(a, ex.corpus().date_min), to = std::min(b, ex.corpus().date_max);
    if (is_a) {
      if (from != ex.baseline_from() || to != ex.baseline_to()) ex.set_baseline(from, to);
    } else if (from != ex.range_from() || to != ex.range_to()) {
      ex.set_range(from, to);
    }
  }
  if (!ImGui::IsItemActive()) ui.brush = UiState::Brush::None;
  if (hovered && !io.WantTextInput) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step_range(ex, ui.timeline, -1);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step_range(ex, ui.timeline, +1);
  }
  ImGui::End();
}

}  // namespace ae
