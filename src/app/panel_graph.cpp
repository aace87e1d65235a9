// panel_graph.cpp — the co-occurrence network: nodes sized by mentions in range and coloured by type,
// edges by weight; pan (drag the background), zoom at the cursor (wheel), fit; hover a node or a link
// for details (a link: both names, counts and its first sentence); click a node to select it (the
// article list follows), a link to read its evidence; drag a node to pin it. Comparing two periods,
// links only in B are drawn solid in B's colour, links only in A dashed in A's colour, links in both
// grey, with a legend and a changes-only switch. Layer: app.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "app.h"
#include "graph_style.h"
#include "imgui_internal.h"
#include "text.h"

namespace ae {

namespace {

struct Placed {
  ImVec2 p;
  float r;
  size_t layout_index;
  uint32_t entity;
  uint32_t community;
};

// Community colours (colour-blind-friendly qualitative palette); beyond it, grey.
ImU32 community_color(uint32_t c, int alpha) {
  static const ImU32 kPalette[] = {IM_COL32(78, 121, 167, 0),  IM_COL32(242, 142, 43, 0),  IM_COL32(225, 87, 89, 0),
                                   IM_COL32(118, 183, 178, 0), IM_COL32(89, 161, 79, 0),   IM_COL32(237, 201, 72, 0),
                                   IM_COL32(176, 122, 161, 0), IM_COL32(255, 157, 167, 0), IM_COL32(156, 117, 95, 0),
                                   IM_COL32(186, 176, 172, 0)};
  const ImU32 rgb = c < 10 ? kPalette[c] : IM_COL32(140, 140, 140, 0);
  return rgb | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// Type by shape: person a circle, organisation a square, place a diamond.
void draw_node_shape(ImDrawList* dl, EntityType t, ImVec2 p, float r, ImU32 fill, ImU32 outline, float thickness) {
  switch (t) {
    case EntityType::Person:
      dl->AddCircleFilled(p, r, fill, 20);
      dl->AddCircle(p, r, outline, 20, thickness);
      break;
    case EntityType::Org: {
      const float s = r * graph_style::kSquareHalf;
      dl->AddRectFilled(ImVec2(p.x - s, p.y - s), ImVec2(p.x + s, p.y + s), fill);
      dl->AddRect(ImVec2(p.x - s, p.y - s), ImVec2(p.x + s, p.y + s), outline, 0, 0, thickness);
      break;
    }
    default: {
      const float s = r * graph_style::kDiamondHalf;
      const ImVec2 a(p.x, p.y - s), b(p.x + s, p.y), c(p.x, p.y + s), d(p.x - s, p.y);
      dl->AddQuadFilled(a, b, c, d, fill);
      dl->AddQuad(a, b, c, d, outline, thickness);
    }
  }
}

// A dashed line with Dear ImGui primitives (period in pixels; 60% drawn).
void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float width, float period) {
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1e-3f || period <= 0) {
    dl->AddLine(a, b, col, width);
    return;
  }
  const float ux = dx / len, uy = dy / len;
  for (float t = 0; t < len; t += period) {
    const float e = std::min(len, t + period * 0.6f);
    dl->AddLine(ImVec2(a.x + ux * t, a.y + uy * t), ImVec2(a.x + ux * e, a.y + uy * e), col, width);
  }
}

// One legend entry: a line sample (solid or dashed) and its label, on the current line.
void legend_entry(const char* label, ImU32 col, float dash) {
  const float h = ImGui::GetTextLineHeight(), w = 26;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, h));
  dashed_line(ImGui::GetWindowDrawList(), ImVec2(p.x + 2, p.y + h / 2), ImVec2(p.x + w - 2, p.y + h / 2), col, 2.5f,
              dash);
  ImGui::SameLine(0, 4);
  ImGui::TextUnformatted(label);
}

// Continues the line after the last item when w more pixels fit in the window, else starts a new one.
void same_line_if_fits(float w) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x * 2;
  if (ImGui::GetItemRectMax().x + spacing + w <= right) ImGui::SameLine(0, spacing);
}

// Distance from a point to a segment.
float segment_distance(ImVec2 m, ImVec2 p, ImVec2 q) {
  const float vx = q.x - p.x, vy = q.y - p.y, len2 = vx * vx + vy * vy;
  float t = len2 > 0 ? ((m.x - p.x) * vx + (m.y - p.y) * vy) / len2 : 0;
  t = std::max(0.0f, std::min(1.0f, t));
  const float dx = p.x + t * vx - m.x, dy = p.y + t * vy - m.y;
  return std::sqrt(dx * dx + dy * dy);
}

void fit_view(const ForceAtlas2& lay, GraphView& v, float w, float h) {
  double x0, y0, x1, y1;
  lay.bounds(x0, y0, x1, y1);
  v.cx = (x0 + x1) / 2;
  v.cy = (y0 + y1) / 2;
  const double ew = std::max(1e-6, x1 - x0), eh = std::max(1e-6, y1 - y0);
  v.scale = std::min((w - 160) / ew, (h - 80) / eh);  // room for labels at the sides
  if (!(v.scale > 0) || !std::isfinite(v.scale)) v.scale = 1;
}

// What a link counts in the scope, singular or plural: "1 article", "3 sentences".
const char* units_of(Scope scope, uint32_t n) {
  if (scope == Scope::Document) return n == 1 ? "article" : "articles";
  return n == 1 ? "sentence" : "sentences";
}

// The tooltip of a node: name, type, mentions and the strongest links.
void node_tooltip(Explorer& ex, uint32_t e, uint32_t community, bool comparing, bool dark) {
  const Graph& g = ex.graph();
  const Cooccurrence* co = ex.cooccurrence();
  const Entity& ent = ex.entities().entities[e];
  ImGui::BeginTooltip();
  text_shown(ent.name);
  ImGui::TextDisabled("%s · community %u · %u mentions in range · %u articles in the corpus", type_name(ent.type),
                      community + 1, co ? co->entity_mentions(e) : 0u, ent.articles);
  if (const Cooccurrence* ca = comparing ? ex.baseline_cooccurrence() : nullptr) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(range_color(true, dark, 255)), "A: %u mentions",
                       ca->entity_mentions(e));
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(range_color(false, dark, 255)), "B: %u mentions",
                       co ? co->entity_mentions(e) : 0u);
  }
  int listed = 0;
  for (const GraphEdge& ge : g.edges) {  // edges are sorted by weight
    if (ge.a != e && ge.b != e) continue;
    const uint32_t other = ge.a == e ? ge.b : ge.a;
    if (comparing)
      ImGui::Text("  %s  (%s: %u in A, %u in B)", shown(ex.entities().entities[other].name),
                  ge.side == LinkSide::OnlyB   ? "new"
                  : ge.side == LinkSide::OnlyA ? "gone"
                                               : "both",
                  ge.count_a, ge.count);
    else
      ImGui::Text("  %s  (%u together, %s %.3g)", shown(ex.entities().entities[other].name), ge.count,
                  measure_name(ex.measure()), ge.weight);
    if (++listed == 6) break;
  }
  ImGui::TextDisabled("click: select · drag: move and pin · right-click: correct");
  ImGui::EndTooltip();
}

// The tooltip of the link under the mouse: both names, counts, and the first sentence naming both
// (looked up once per link and view).
void link_tooltip(Explorer& ex, UiState& ui, const GraphEdge& le, bool comparing, bool dark) {
  const auto& ents = ex.entities().entities;
  const uint64_t key = pair_key(le.a, le.b);
  if (ui.hover_link_key != key || ui.hover_link_revision != ex.revision()) {
    ui.hover_link_key = key;
    ui.hover_link_revision = ex.revision();
    const auto ev = ex.link_evidence(le.a, le.b, 1);
    ui.hover_link_sentence.clear();
    if (!ev.empty()) {
      const Article& art = ex.corpus().articles[ev[0].article];
      const std::string_view text = ev[0].field == 0 ? art.title : art.body;
      ui.hover_link_sentence = (art.date == kUndated ? std::string("undated") : format_iso(art.date)) + ": " +
                               std::string(text.substr(ev[0].begin, std::min<uint32_t>(ev[0].end - ev[0].begin, 400)));
      for (char& c : ui.hover_link_sentence)
        if (c == '\n') c = ' ';
    }
  }
  ImGui::BeginTooltip();
  ImGui::Text("%s — %s", shown(ents[le.a].name), shown(ents[le.b].name));
  if (comparing) {
    const char* side = le.side == LinkSide::OnlyB   ? "new in B"
                       : le.side == LinkSide::OnlyA ? "only in A (gone in B)"
                                                    : "in both";
    ImGui::TextColored(
        ImGui::ColorConvertU32ToFloat4(le.side == LinkSide::Both ? ImGui::GetColorU32(ImGuiCol_Text)
                                                                 : range_color(le.side == LinkSide::OnlyA, dark, 255)),
        "%s: %u %s together in A, %u in B", side, le.count_a, units_of(ex.scope(), le.count_a), le.count);
  } else {
    ImGui::TextDisabled("%u %s together · %s %.3g", le.count, units_of(ex.scope(), le.count),
                        measure_name(ex.measure()), le.weight);
  }
  if (!ui.hover_link_sentence.empty()) text_wrapped_shown(ui.hover_link_sentence, ImGui::GetFontSize() * 28);
  else if (ex.daily_counts()) ImGui::TextDisabled("Daily counts: the articles' text is not included.");
  else ImGui::TextDisabled("No single sentence names both; they share articles.");
  ImGui::TextDisabled("click: all the evidence");
  ImGui::EndTooltip();
  ui.hover_link = {ents[le.a].name, ents[le.b].name, ui.hover_link_sentence};
}

// Labels: most mentioned first, skipping any that would overlap a label already placed; the
// focus and its neighbours first of all. More fit as the view is zoomed in.
void draw_labels(Explorer& ex, UiState& ui, ImDrawList* dl, const std::vector<Placed>& placed,
                 const std::vector<char>& near, bool emphasis, ImVec2 origin, ImVec2 avail, bool dark) {
  std::vector<size_t> order(placed.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const bool na = emphasis && near[placed[a].entity], nb = emphasis && near[placed[b].entity];
    if (na != nb) return na;
    return placed[a].r > placed[b].r;
  });
  std::vector<ImVec4> boxes;
  const ImU32 label_col = ImGui::GetColorU32(ImGuiCol_Text);
  // At most kMaxLabels candidates (each tested against the labels placed): large graphs stay cheap.
  const size_t kMaxLabels = static_cast<size_t>(std::clamp(ui.label_budget, 0, 150));
  size_t tried = 0, tried_near = 0;
  for (size_t k : order) {
    const Placed& p = placed[k];
    if (emphasis && !near[p.entity]) continue;
    // The selection and its neighbours are always labelled; the budget limits the rest.
    const bool must = emphasis && near[p.entity];
    if (must ? tried_near++ > 400 : ++tried > kMaxLabels) break;
    if (p.p.x < origin.x - 50 || p.p.x > origin.x + avail.x + 50 || p.p.y < origin.y - 20 ||
        p.p.y > origin.y + avail.y + 20)
      continue;  // off screen
    const char* name = shown(ex.entities().entities[p.entity].name);
    const ImVec2 sz = ImGui::CalcTextSize(name);
    // Below the node, else above, right or left of it: the first place free of the labels placed.
    const float w = sz.x + 4, gap = p.r + 1;
    const ImVec2 corners[4] = {{p.p.x - w / 2, p.p.y + gap},
                               {p.p.x - w / 2, p.p.y - gap - sz.y},
                               {p.p.x + gap + 2, p.p.y - sz.y / 2},
                               {p.p.x - gap - 2 - w, p.p.y - sz.y / 2}};
    ImVec4 box;
    bool free = false;
    for (const ImVec2& c : corners) {
      box = ImVec4(c.x, c.y, c.x + w, c.y + sz.y);
      free = std::none_of(boxes.begin(), boxes.end(),
                          [&](const ImVec4& b) { return box.x < b.z && box.z > b.x && box.y < b.w && box.w > b.y; });
      if (free) break;
    }
    if (!free) continue;
    boxes.push_back(box);
    dl->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.z, box.w),
                      dark ? IM_COL32(15, 17, 22, 170) : IM_COL32(255, 255, 255, 190), 3);
    dl->AddText(ImVec2(box.x + 2, box.y), label_col, name);
  }
}

// The first row of controls: scope, measure, minimum count, top N (a slider and a typed number).
void network_settings_row(Explorer& ex, UiState& ui) {
  int scope = ex.scope() == Scope::Document ? 0 : 1;
  int measure = static_cast<int>(ex.measure());
  int min_count = static_cast<int>(ex.min_count());
  int top_n = static_cast<int>(ex.top_n());
  bool changed = false;
  ImGui::SetNextItemWidth(110);
  ImGui::BeginDisabled(ex.daily_counts());  // daily counts hold articles, not sentences
  changed |= ImGui::Combo("##scope", &scope, "by article\0by sentence\0");
  ImGui::EndDisabled();
  if (ex.daily_counts() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("Daily counts say which articles name both, not which sentences: links are by article");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  changed |= ImGui::Combo("##measure", &measure, "count\0NPMI\0Jaccard\0");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80);
  changed |= ImGui::SliderInt("##min", &min_count, 1, 20, "min %d");
  // Top N: a slider for a quick change and a typed number for an exact one (1 to 2,000).
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  changed |= ImGui::SliderInt("##top", &top_n, 5, 500, "top %d");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("entities drawn: the most mentioned in range");
  ImGui::SameLine(0, 2);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("00000").x + 8);
  int typed = top_n;
  if (ImGui::InputInt("##top_typed", &typed, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue)) {
    top_n = std::clamp(typed, 1, 2000);
    changed = true;
  }
  record_control(ui, "top_typed");
  if (changed)
    ex.set_network(scope == 0 ? Scope::Document : Scope::Sentence, static_cast<Measure>(measure),
                   static_cast<uint32_t>(min_count), static_cast<size_t>(std::clamp(top_n, 1, 2000)));
}

// The two rows of controls over the canvas (scope, measure, thresholds; find, zoom, full screen,
// labels, colour, types, what is left out) and the find box's matches.
void draw_graph_controls(Explorer& ex, UiState& ui) {
  const Graph& g = ex.graph();
  GraphView& v = ui.graph;
  ForceAtlas2& lay = ex.layout();
  network_settings_row(ex, ui);
  // Second row: find, zoom, full screen, label density, colour, types.
  ImGui::SetNextItemWidth(std::min(200.0f, ImGui::GetContentRegionAvail().x * 0.35f));
  input_text_shown("##find", "Find in network", ui.find_text, sizeof ui.find_text);
  record_control(ui, "find");
  const bool find_active = ImGui::IsItemActive();
  const bool find_enter = ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter));
  const ImVec2 find_min = ImGui::GetItemRectMin(), find_max = ImGui::GetItemRectMax();
  ImGui::SameLine();
  auto zoom_by = [&](double f) {
    v.scale = std::min(1e6, std::max(1e-6, v.scale * f));
    v.follow = false;
  };
  if (ImGui::SmallButton("-")) zoom_by(1 / 1.25);
  record_control(ui, "zoom_out");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("zoom out (or the mouse wheel)");
  ImGui::SameLine(0, 2);
  if (ImGui::SmallButton("+")) zoom_by(1.25);
  record_control(ui, "zoom_in");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("zoom in (or the mouse wheel)");
  ImGui::SameLine(0, 2);
  if (ImGui::SmallButton("Fit")) v.fit = v.follow = true;
  record_control(ui, "fit");
  ImGui::SameLine(0, 2);
  if (ImGui::SmallButton(ui.graph_fullscreen ? "Exit full screen" : "Full screen")) {
    ui.graph_fullscreen = !ui.graph_fullscreen;
    v.fit = v.follow = true;
  }
  record_control(ui, "fullscreen");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(ui.graph_fullscreen ? "back to the panels (Esc)"
                                          : "the network alone, over the lists and the reader");
  same_line_if_fits(90);
  ImGui::SetNextItemWidth(90);
  ImGui::SliderInt("##labels", &ui.label_budget, 0, 150, ui.label_budget == 0 ? "no labels" : "labels %d");
  record_control(ui, "labels");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("how many node labels may be placed (biggest first; labels never overlap)");
  same_line_if_fits(150);
  ImGui::SetNextItemWidth(150);
  if (ImGui::BeginCombo("##colour", ui.color_by_type ? "colour: type" : "colour: community")) {
    if (ImGui::Selectable("colour: community", !ui.color_by_type)) ui.color_by_type = false;
    record_control(ui, "colour_community");
    if (ImGui::Selectable("colour: type", ui.color_by_type)) ui.color_by_type = true;
    record_control(ui, "colour_type");
    ImGui::EndCombo();
  }
  record_control(ui, "colour");
  const bool comparing = ex.comparing();
  const bool dark_theme = ui.dark;
  if (comparing) {
    // The changes-only switch and the three kinds of link, each as it is drawn; the line wraps
    // between entries where the panel is narrow.
    bool only = ex.changes_only();
    if (ImGui::Checkbox("changes only", &only)) ex.set_changes_only(only);
    record_control(ui, "changes_only");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("hide the links found in both periods");
    const float sample = 30 + ImGui::GetStyle().ItemSpacing.x;
    same_line_if_fits(sample + ImGui::CalcTextSize("new in B").x);
    legend_entry("new in B", range_color(false, dark_theme, 255), 0);
    same_line_if_fits(sample + ImGui::CalcTextSize("only in A (gone)").x);
    legend_entry("only in A (gone)", range_color(true, dark_theme, 255), 7);
    same_line_if_fits(sample + ImGui::CalcTextSize("in both").x);
    legend_entry("in both", dark_theme ? IM_COL32(150, 158, 175, 255) : IM_COL32(120, 128, 140, 255), 0);
    same_line_if_fits(ImGui::CalcTextSize("· size: mentions in B").x);
    ImGui::TextDisabled("· size: mentions in B");
  }
  if (g.nodes_hidden || g.edges_hidden)
    ImGui::TextDisabled("hidden by the thresholds: %zu entities, %zu links", g.nodes_hidden, g.edges_hidden);
  else ImGui::TextDisabled("nothing hidden");
  // The legend beside it when it fits, else on a line of its own (never cut at the panel's edge).
  const char* legend = ui.color_by_type ? " ·  shape and colour: ● person  ■ organisation  ◆ place · size: mentions"
                                        : " ·  ● person  ■ organisation  ◆ place  · colour: community · size: mentions";
  const float room = ImGui::GetWindowContentRegionMax().x - (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x) -
                     ImGui::GetStyle().ItemSpacing.x;
  if (room >= ImGui::CalcTextSize(legend).x) ImGui::SameLine();
  ImGui::TextDisabled("%s", room >= ImGui::CalcTextSize(legend).x ? legend : legend + 4);
  // What the network leaves out, each with a button to bring it back.
  const auto& hidden_names = ex.network_hidden();
  if (!hidden_names.empty() || ex.network_types() != 0x7) {
    ImGui::TextDisabled("left out:");
    for (int t = 0; t < kEntityTypes; ++t)
      if (!(ex.network_types() & (1u << t))) {
        ImGui::SameLine();
        ImGui::TextDisabled("all %s", type_plural(static_cast<EntityType>(t)));
      }
    std::string restore;
    for (size_t k = 0; k < hidden_names.size() && k < 6; ++k) {
      // At most 40 characters of the name (cut at a character, not inside one), as drawn.
      std::string name = hidden_names[k];
      for (size_t cps = 0, at = 0; at < name.size(); ++at)
        if ((static_cast<unsigned char>(name[at]) & 0xC0) != 0x80 && ++cps > 40) {
          name.resize(at);
          break;
        }
      char label[200];
      std::snprintf(label, sizeof label, "%s ×##unhide%zu", shown(name), k);
      same_line_if_fits(ImGui::CalcTextSize(label).x);
      if (ImGui::SmallButton(label)) restore = hidden_names[k];
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("draw %s again", shown(hidden_names[k]));
    }
    if (hidden_names.size() > 6) {
      ImGui::SameLine();
      ImGui::TextDisabled("and %zu more", hidden_names.size() - 6);
    }
    same_line_if_fits(ImGui::CalcTextSize("Show all").x + 10);
    if (ImGui::SmallButton("Show all")) ex.set_network_filter(0x7, {});
    record_control(ui, "show_all");
    if (!restore.empty()) {
      std::vector<std::string> keep;
      for (const std::string& n : hidden_names)
        if (n != restore) keep.push_back(n);
      ex.set_network_filter(ex.network_types(), std::move(keep));
    }
  }

  // The find box's matches (names and other forms) under it while it is being typed in; a click or
  // Enter selects the entity and centres the view on it when the network draws it.
  std::vector<uint32_t> matches;
  if (ui.find_text[0] && (find_active || find_enter || ui.find_results_hovered))
    matches = find_entities(ex, ui.find_text, 8);
  ui.find_results_hovered = false;
  ui.find_results.clear();
  size_t chosen = SIZE_MAX;
  if (find_enter && !matches.empty()) chosen = matches[0];
  if (!matches.empty() && chosen == SIZE_MAX) {
    ImGui::SetNextWindowPos(ImVec2(find_min.x, find_max.y + 2));
    ImGui::SetNextWindowSizeConstraints(ImVec2(find_max.x - find_min.x, 0), ImVec2(420, 400));
    ImGui::Begin("##find_results", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    const auto& all = ex.entities().entities;
    for (uint32_t e : matches) {
      const bool drawn = lay.index_of(e) != SIZE_MAX;
      ImGui::PushID(static_cast<int>(e));
      ImGui::PushStyleColor(ImGuiCol_Text, entity_color(all[e].type, drawn ? 255 : 150));
      if (ImGui::Selectable(shown(all[e].name))) chosen = e;
      ui.find_results.push_back(all[e].name);
      ImGui::PopStyleColor();
      if (ImGui::IsItemVisible()) {
        const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
        ui.controls.push_back({"find_result_" + all[e].name, mn.x, mn.y, mx.x - mn.x, mx.y - mn.y});
      }
      ImGui::SameLine();
      ImGui::TextDisabled(drawn ? "%s · in the network" : "%s · not drawn (below the top N or left out)",
                          type_name(all[e].type));
      ImGui::PopID();
    }
    ui.find_results_hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    ImGui::End();
  }
  if (chosen != SIZE_MAX) {
    ex.select(chosen);
    const size_t i = lay.index_of(chosen);
    if (i != SIZE_MAX) {
      v.cx = lay.x(i);
      v.cy = lay.y(i);
      v.follow = false;
    }
    ui.find_results_hovered = false;
  }
}

// Evidence of the selected link, in the band under the canvas: its articles (in the list) and the
// sentences holding both.
void draw_link_evidence(Explorer& ex, UiState& ui, ImVec2 pos, ImVec2 size, bool dark) {
  const Cooccurrence* co = ex.cooccurrence();
  const auto sp = ex.selected_pair();
  const auto& ents = ex.entities().entities;
  ImGui::SetCursorScreenPos(pos);
  ImGui::BeginChild("##evidence", size, true);
  const uint32_t together = co ? co->pair_count(static_cast<uint32_t>(sp.first), static_cast<uint32_t>(sp.second)) : 0;
  ImGui::Text("%s — %s", shown(ents[sp.first].name), shown(ents[sp.second].name));
  ImGui::SameLine();
  if (ex.pair_evidence_from_baseline())
    ImGui::TextColored(
        ImGui::ColorConvertU32ToFloat4(range_color(true, dark, 255)), "only in A: %u %s together there; its sentences",
        ex.baseline_cooccurrence()->pair_count(static_cast<uint32_t>(sp.first), static_cast<uint32_t>(sp.second)),
        units_of(ex.scope(), ex.baseline_cooccurrence()->pair_count(static_cast<uint32_t>(sp.first),
                                                                    static_cast<uint32_t>(sp.second))));
  else
    ImGui::TextDisabled("%u %s together · %zu %s in the list", together, units_of(ex.scope(), together),
                        ex.articles_in_list(), ex.articles_in_list() == 1 ? "article" : "articles");
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear")) ex.select(SIZE_MAX);
  if (ui.evidence_revision != ex.revision()) {  // recomputed when the selection or range changes
    ui.evidence = ex.pair_evidence(50);
    ui.evidence_revision = ex.revision();
  }
  const auto& evidence = ui.evidence;
  if (evidence.empty() && ex.daily_counts())
    ImGui::TextWrapped(
        "Daily counts: the articles' text is not included, so there are no sentences to show. "
        "The list holds the days on which articles name both.");
  else if (evidence.empty()) ImGui::TextDisabled("No single sentence names both; they share articles.");
  for (size_t k = 0; k < evidence.size(); ++k) {
    const auto& ev = evidence[k];
    const Article& art = ex.corpus().articles[ev.article];
    const std::string_view text = ev.field == 0 ? art.title : art.body;
    std::string sentence(text.substr(ev.begin, ev.end - ev.begin));
    for (char& c : sentence)
      if (c == '\n') c = ' ';
    ImGui::PushID(static_cast<int>(k));
    const std::string head =
        (art.date == kUndated ? std::string("undated") : format_iso(art.date)) + "  " + std::string(art.title);
    const ReaderTarget target{ev.field, ev.begin, ev.end};  // (the sentence, marked and scrolled to)
    if (ImGui::Selectable(shown(head), ex.open_article_index() == ev.article && ex.reader_target() == target))
      ex.open_article(ev.article, target);
    if (ImGui::IsItemVisible()) {
      const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
      ui.evidence_rects.push_back({art.id, mn.x, mn.y, mx.x - mn.x, mx.y - mn.y});
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    text_wrapped_shown(sentence, ImGui::GetContentRegionAvail().x);
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace

void draw_graph(Explorer& ex, UiState& ui, float x, float y, float w, float h) {
  const Graph& g = ex.graph();
  char title[128];
  std::snprintf(title, sizeof title, "Network: %zu entities, %zu links###graph", g.nodes.size(), g.edges.size());
  begin_panel(title, x, y, w, h, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  GraphView& v = ui.graph;
  ForceAtlas2& lay = ex.layout();

  draw_graph_controls(ex, ui);
  const bool comparing = ex.comparing();

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  ui.graph_rect[0] = origin.x;
  ui.graph_rect[1] = origin.y;
  ui.graph_rect[2] = avail.x;
  ui.graph_rect[3] = avail.y;
  const bool pair_open = ex.selected_pair().first != SIZE_MAX;
  const float evidence_h = pair_open ? std::floor(avail.y * 0.38f) : 0.0f;
  avail.y -= evidence_h;
  if (avail.x < 20 || avail.y < 20) {
    ImGui::End();
    return;
  }
  ImGui::InvisibleButton("##canvas", avail, ImGuiButtonFlags_MouseButtonLeft);
  const bool hovered_canvas = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + avail.x, origin.y + avail.y), true);

  if (lay.size() == 0) {
    dl->AddText(ImVec2(origin.x + 12, origin.y + 12), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                ex.corpus().size() ? "No entity in this date range." : "No corpus loaded.");
    dl->PopClipRect();
    ImGui::End();
    return;
  }
  if (v.fit || v.follow) {
    fit_view(lay, v, avail.x, avail.y);
    v.fit = false;
  }
  const ImVec2 centre(origin.x + avail.x / 2, origin.y + avail.y / 2);
  auto to_screen = [&](double lx, double ly) {
    return ImVec2(static_cast<float>(centre.x + (lx - v.cx) * v.scale),
                  static_cast<float>(centre.y + (ly - v.cy) * v.scale));
  };
  const Cooccurrence* co = ex.cooccurrence();

  // Node sizes by mentions in range.
  uint32_t max_mentions = 1;
  for (uint32_t e : g.nodes) max_mentions = std::max(max_mentions, co ? co->entity_mentions(e) : 1u);
  std::vector<Placed> placed;
  placed.reserve(lay.size());
  for (size_t i = 0; i < lay.size(); ++i) {
    const uint32_t e = lay.node(i);
    const double m = co ? co->entity_mentions(e) : 1;
    const float r = 3.0f + 13.0f * static_cast<float>(std::sqrt(m / max_mentions));
    placed.push_back({to_screen(lay.x(i), lay.y(i)), r, i, e, i < g.community.size() ? g.community[i] : 0});
  }

  // Hover: the node under the mouse (the smallest distance within its radius + 3 px).
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered = -1;
  float best = 1e9f;
  if (hovered_canvas || active) {
    for (size_t k = 0; k < placed.size(); ++k) {
      const float dx = mouse.x - placed[k].p.x, dy = mouse.y - placed[k].p.y;
      const float d = std::sqrt(dx * dx + dy * dy);
      if (d <= placed[k].r + 3 && d < best) {
        best = d;
        hovered = static_cast<int>(k);
      }
    }
  }

  // The link under the mouse when no node is: within 6 px (a generous target for a thin line).
  const GraphEdge* hovered_link = nullptr;
  if ((hovered_canvas || active) && hovered < 0) {
    float best_d = 6.0f;
    for (const GraphEdge& e : g.edges) {
      const size_t ia = lay.index_of(e.a), ib = lay.index_of(e.b);
      if (ia == SIZE_MAX || ib == SIZE_MAX) continue;
      const float d = segment_distance(mouse, placed[ia].p, placed[ib].p);
      if (d < best_d) {
        best_d = d;
        hovered_link = &e;
      }
    }
  }

  // Interaction: press on a node drags it (and selects it on release without a drag); press on the
  // background pans; the wheel zooms at the cursor.
  if (ImGui::IsItemActivated()) {
    v.dragging_node = hovered >= 0 ? static_cast<int>(placed[static_cast<size_t>(hovered)].layout_index) : -1;
    v.panning = hovered < 0;
  }
  if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
    const ImVec2 d = ImGui::GetIO().MouseDelta;
    if (v.dragging_node >= 0) {
      const size_t i = static_cast<size_t>(v.dragging_node);
      lay.place(i, lay.x(i) + d.x / v.scale, lay.y(i) + d.y / v.scale, true);
    } else if (v.panning) {
      v.cx -= d.x / v.scale;
      v.cy -= d.y / v.scale;
    }
    v.follow = false;
  }
  if (ImGui::IsItemDeactivated()) {
    const bool was_click = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 3.0f).x == 0 &&
                           ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 3.0f).y == 0;
    if (was_click) {
      if (hovered >= 0) {
        const size_t e = placed[static_cast<size_t>(hovered)].entity;
        ex.select(ex.selected() == e ? SIZE_MAX : e);
      } else {
        // A click on a link (hovered_link) selects the pair (its articles and sentences); else clear.
        const size_t best_a = hovered_link ? hovered_link->a : SIZE_MAX,
                     best_b = hovered_link ? hovered_link->b : SIZE_MAX;
        if (best_a != SIZE_MAX) ex.select_pair(best_a, best_b);
        else ex.select(SIZE_MAX);
      }
    }
    v.dragging_node = -1;
    v.panning = false;
  }
  if (hovered_canvas && ImGui::GetIO().MouseWheel != 0) {
    const double factor = std::pow(1.15, ImGui::GetIO().MouseWheel);
    // Keep the layout point under the cursor fixed.
    const double lx = v.cx + (mouse.x - centre.x) / v.scale, ly = v.cy + (mouse.y - centre.y) / v.scale;
    v.scale = std::min(1e6, std::max(1e-6, v.scale * factor));
    v.cx = lx - (mouse.x - centre.x) / v.scale;
    v.cy = ly - (mouse.y - centre.y) / v.scale;
    v.follow = false;
  }

  // Neighbourhood of the selection (or of the hovered node).
  const size_t focus = ex.selected() != SIZE_MAX ? ex.selected()
                       : hovered >= 0            ? placed[static_cast<size_t>(hovered)].entity
                                                 : SIZE_MAX;
  std::vector<char> near(ex.entities().entities.size(), 0);
  if (focus != SIZE_MAX && focus < near.size()) {
    near[focus] = 1;
    for (const GraphEdge& e : g.edges) {
      if (e.a == focus) near[e.b] = 1;
      if (e.b == focus) near[e.a] = 1;
    }
  }
  // Without a focus, the Entities tab's name filter picks the nodes to emphasise (name or other form);
  // the rest is dimmed, as around a selection.
  const std::string name_filter = search_fold(ui.entity_filter);
  const bool filtering = focus == SIZE_MAX && !name_filter.empty();
  size_t filter_matches = 0;
  if (filtering) {
    const auto& all = ex.entities().entities;
    for (const Placed& p : placed) {
      const Entity& en = all[p.entity];
      bool m = search_fold(en.name).find(name_filter) != std::string::npos;
      for (size_t k = 0; !m && k < en.aliases.size(); ++k)
        m = search_fold(en.aliases[k].surface).find(name_filter) != std::string::npos;
      near[p.entity] = m;
      filter_matches += m;
    }
  }
  const bool emphasis = focus != SIZE_MAX || filtering;

  // Edges: width and alpha by weight relative to the strongest; nodes: colour by community, shape
  // by type, dimmed outside the focus.
  double max_w = 1e-9;
  for (const GraphEdge& e : g.edges) max_w = std::max(max_w, std::fabs(e.weight));
  const bool dark = ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x < 0.5f;
  const auto sp = ex.selected_pair();
  auto link_style = [&](const GraphEdge& e, ImU32& col, float& width, float& dash) {
    const float t = static_cast<float>(std::max(0.0, e.weight) / max_w);
    const bool pair_edge =
        sp.first != SIZE_MAX && ((e.a == sp.first && e.b == sp.second) || (e.a == sp.second && e.b == sp.first));
    const bool lit =
        pair_edge || (focus != SIZE_MAX && (e.a == focus || e.b == focus)) || (filtering && (near[e.a] || near[e.b]));
    const bool dim = emphasis && !lit;
    dash = 0;
    width = 0.6f + 3.0f * t;
    if (comparing && e.side != LinkSide::Both) {
      // Changed links stay in their period's colour, strong enough to see at any weight.
      const int alpha = dim ? 30 : lit ? 255 : static_cast<int>(100 + 140 * t);
      col = range_color(e.side == LinkSide::OnlyA, dark, alpha);
      width = std::max(1.2f, width) + (lit ? 1.0f : 0.0f);
      if (e.side == LinkSide::OnlyA) dash = 8.0f;
      return;
    }
    const int alpha = dim ? 18 : static_cast<int>((comparing ? 25 : 40) + (comparing ? 110 : 170) * t);
    col = lit && !comparing ? theme_color(current_theme().highlight, 230)
          : lit             ? (dark ? IM_COL32(220, 225, 235, 230) : IM_COL32(40, 45, 55, 230))
                            : (dark ? IM_COL32(190, 200, 220, alpha) : IM_COL32(60, 70, 90, alpha));
  };
  const auto& ents_ref = ex.entities().entities;
  auto node_style = [&](const Placed& p, ImU32& fill, ImU32& outline, float& thickness) {
    const bool dim = emphasis && !near[p.entity];
    const bool sel = p.entity == ex.selected();
    fill = ui.color_by_type ? entity_color(ents_ref[p.entity].type, dim ? 50 : 235)
                            : community_color(p.community, dim ? 50 : 235);
    outline = sel ? theme_color(current_theme().highlight, 255) : IM_COL32(255, 255, 255, dim ? 40 : 170);
    thickness = sel ? 2.5f : 1.0f;
  };
  const auto& ents = ex.entities().entities;
  if (ui.draw_graph_batch) {
    // Two passes on the GPU; the records are rebuilt only when what they show changes.
    GraphBatch& batch = ui.graph_batch;
    const uint64_t key[7] = {
        lay.revision(),
        ex.revision(),
        focus,
        sp.first,
        sp.second,
        (dark ? 1ull : 0ull) | (ui.color_by_type ? 2ull : 0ull) | (static_cast<uint64_t>(ex.selected()) << 2),
        std::hash<std::string>()(name_filter)};
    if (!std::equal(key, key + 7, ui.graph_batch_key)) {
      std::copy(key, key + 7, ui.graph_batch_key);
      batch.links.clear();
      for (const GraphEdge& e : g.edges) {
        const size_t ia = lay.index_of(e.a), ib = lay.index_of(e.b);
        if (ia == SIZE_MAX || ib == SIZE_MAX) continue;
        GraphLinkRecord li;
        link_style(e, li.color, li.width, li.dash);
        li.ax = static_cast<float>(lay.x(ia));
        li.ay = static_cast<float>(lay.y(ia));
        li.bx = static_cast<float>(lay.x(ib));
        li.by = static_cast<float>(lay.y(ib));
        batch.links.push_back(li);
      }
      batch.nodes.clear();
      for (const Placed& p : placed) {
        GraphNodeRecord ni;
        node_style(p, ni.fill, ni.outline, ni.outline_width);
        const EntityType t = ents[p.entity].type;
        ni.x = static_cast<float>(lay.x(p.layout_index));
        ni.y = static_cast<float>(lay.y(p.layout_index));
        ni.r = p.r;
        ni.shape = (t == EntityType::Person ? graph_style::kCircle
                    : t == EntityType::Org  ? graph_style::kSquare
                                            : graph_style::kDiamond) +
                   (lay.pinned(p.layout_index) ? graph_style::kPinned : 0.0f);
        batch.nodes.push_back(ni);
      }
      ++batch.generation;
    }
    batch.centre_x = centre.x;
    batch.centre_y = centre.y;
    batch.cx = static_cast<float>(v.cx);
    batch.cy = static_cast<float>(v.cy);
    batch.scale = static_cast<float>(v.scale);
    ui.draw_graph_batch(dl, &batch);
  } else {
    // Thousands of links: plain quads instead of anti-aliased polylines (a third of the vertices).
    const ImDrawListFlags saved_flags = dl->Flags;
    if (g.edges.size() > 2000)
      dl->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex);
    for (const GraphEdge& e : g.edges) {
      const size_t ia = lay.index_of(e.a), ib = lay.index_of(e.b);
      if (ia == SIZE_MAX || ib == SIZE_MAX) continue;
      ImU32 col;
      float width, dash;
      link_style(e, col, width, dash);
      if (dash > 0) dashed_line(dl, placed[ia].p, placed[ib].p, col, width, dash);
      else dl->AddLine(placed[ia].p, placed[ib].p, col, width);
    }
    dl->Flags = saved_flags;
    for (const Placed& p : placed) {
      ImU32 fill, outline;
      float thickness;
      node_style(p, fill, outline, thickness);
      draw_node_shape(dl, ents[p.entity].type, p.p, p.r, fill, outline, thickness);
      if (lay.pinned(p.layout_index)) dl->AddCircleFilled(p.p, graph_style::kPinDotRadius, IM_COL32(20, 20, 20, 255));
    }
  }
  for (const Placed& p : placed) ui.nodes.push_back({p.entity, p.p.x, p.p.y, p.r});
  if (filtering) {
    char note[200];
    std::snprintf(note, sizeof note, "%zu of %zu drawn match \"%.60s\" (the Entities tab's filter)", filter_matches,
                  placed.size(), ui.entity_filter);
    dl->AddText(ImVec2(origin.x + 8, origin.y + 4), ImGui::GetColorU32(ImGuiCol_TextDisabled), note);
  }
  ui.network_filter_matches = filtering ? static_cast<int>(filter_matches) : -1;
  draw_labels(ex, ui, dl, placed, near, emphasis, origin, avail, dark);
  dl->PopClipRect();

  // Right-click on a node: the entity's corrections menu (panel_corrections.cpp).
  if (hovered >= 0 && hovered_canvas && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
    ui.menu_entity = placed[static_cast<size_t>(hovered)].entity;
    ImGui::OpenPopup("##entity_menu_graph");
  }
  if (ImGui::BeginPopup("##entity_menu_graph")) {
    const uint64_t before = ex.rules_revision();
    entity_menu(ex, ui, ui.menu_entity);
    ImGui::EndPopup();
    if (ex.rules_revision() != before) {
      ImGui::End();
      return;  // what was placed above belongs to the entities before the edit: the next frame draws anew
    }
  }

  if (hovered >= 0 && !ImGui::IsMouseDragging(ImGuiMouseButton_Left))
    node_tooltip(ex, placed[static_cast<size_t>(hovered)].entity, placed[static_cast<size_t>(hovered)].community,
                 comparing, dark);
  if (hovered_link && hovered < 0 && !ImGui::IsMouseDragging(ImGuiMouseButton_Left))
    link_tooltip(ex, ui, *hovered_link, comparing, dark);

  if (pair_open)
    draw_link_evidence(ex, ui, ImVec2(origin.x, origin.y + avail.y + 4), ImVec2(avail.x, evidence_h - 4), dark);
  ImGui::End();
}

}  // namespace ae
