// panel_entities.cpp — the entity table of the date range: name, type, articles, mentions, degree and
// a sparkline of mentions over the timeline; sortable by any column, filtered by type and by name.
// A click on a row selects the entity everywhere (network, article list, timeline). Drawn inside the
// left column's "Entities" tab. Virtualised with ImGuiListClipper. Layer: app.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app.h"
#include "text.h"

namespace ae {

namespace {

// Rows filtered by type and name, sorted by the chosen column.
void rebuild_view(const Explorer& ex, UiState& ui) {
  const auto& ents = ex.entities().entities;
  ui.entity_view.clear();
  const std::string filter = ascii_lower(ui.entity_filter);
  for (uint32_t i = 0; i < ui.entity_rows.size(); ++i) {
    const Entity& e = ents[ui.entity_rows[i].entity];
    if (!ui.entity_types[static_cast<int>(e.type)]) continue;
    if (!filter.empty() && ascii_lower(e.name).find(filter) == std::string::npos) continue;
    ui.entity_view.push_back(i);
  }
  const int col = ui.entity_sort_column;
  const bool desc = ui.entity_sort_dir == 1;
  std::stable_sort(ui.entity_view.begin(), ui.entity_view.end(), [&](uint32_t x, uint32_t y) {
    const EntityRow& a = ui.entity_rows[x];
    const EntityRow& b = ui.entity_rows[y];
    int c = 0;
    switch (col) {
      case 0: c = ents[a.entity].name.compare(ents[b.entity].name); break;
      case 1: c = static_cast<int>(ents[a.entity].type) - static_cast<int>(ents[b.entity].type); break;
      case 2: c = a.articles < b.articles ? -1 : a.articles > b.articles; break;
      case 4: c = a.degree < b.degree ? -1 : a.degree > b.degree; break;
      default: c = a.mentions < b.mentions ? -1 : a.mentions > b.mentions; break;
    }
    return desc ? c > 0 : c < 0;
  });
}

void sparkline(const std::vector<uint32_t>& v, float w, float h, ImU32 col) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, h));
  if (v.empty()) return;
  uint32_t peak = 1;
  for (uint32_t x : v) peak = std::max(peak, x);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bw = w / static_cast<float>(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i]) continue;
    const float bh = std::max(1.0f, (h - 1) * static_cast<float>(v[i]) / static_cast<float>(peak));
    const float x0 = p.x + bw * static_cast<float>(i);
    dl->AddRectFilled(ImVec2(x0, p.y + h - bh), ImVec2(x0 + std::max(1.0f, bw - (bw > 3 ? 1.0f : 0.0f)), p.y + h), col);
  }
}

}  // namespace

void draw_entity_table(Explorer& ex, UiState& ui) {
  draw_edit_bar(ex, ui);
  if (ui.rules_seen != ex.rules_revision()) {  // corrections renumber the entities
    ui.rules_seen = ex.rules_revision();
    ui.sparklines.clear();
    ui.entity_revision = UINT64_MAX;
  }
  const auto& ents = ex.entities().entities;
  bool dirty = false;
  if (ui.entity_revision != ex.revision()) {  // only while the tab is open: O(mentions in range)
    ui.entity_rows = entity_rows(ex);
    ui.entity_revision = ex.revision();
    dirty = true;
  }
  // Filters.
  ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x * 0.4f));
  ImGui::InputTextWithHint("##efilter", "Filter by name", ui.entity_filter, sizeof ui.entity_filter);
  record_control(ui, "entity_filter");
  if (ui.entity_filter_applied != ui.entity_filter) {
    ui.entity_filter_applied = ui.entity_filter;
    dirty = true;
  }
  const char* labels[3] = {"people", "orgs", "places"};
  for (int t = 0; t < 3; ++t) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_CheckMark, entity_color(static_cast<EntityType>(t), 255));
    dirty |= ImGui::Checkbox(labels[t], &ui.entity_types[t]);
    ImGui::PopStyleColor();
  }
  if (ex.corpus().size() == 0 || ents.empty()) {
    ImGui::TextDisabled("No entities.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("##entities", 6, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // Fixed columns as wide as their header and its sort arrow, or their widest value.
  const float arrow = ImGui::GetFontSize() * 0.9f;
  const float num_w = std::max(ImGui::CalcTextSize("0000").x, ImGui::CalcTextSize("Men").x + arrow);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthFixed,
                          std::max(ImGui::CalcTextSize("person").x, ImGui::CalcTextSize("Type").x + arrow));
  ImGui::TableSetupColumn("Art", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending, num_w);
  ImGui::TableSetupColumn("Men", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort |
                                      ImGuiTableColumnFlags_PreferSortDescending, num_w);
  ImGui::TableSetupColumn("Deg", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending, num_w);
  ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 44);
  {
    // Headers one by one, each with a tooltip saying what the column counts.
    static const char* const kHelp[] = {"canonical name (hover a row for its other forms)", "person, org or place",
                                        "articles in range mentioning it", "its mentions in range",
                                        "distinct entities it appears with in range", "mentions over the timeline"};
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < 6; ++c) {
      ImGui::TableSetColumnIndex(c);
      ImGui::TableHeader(ImGui::TableGetColumnName(c));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kHelp[c]);
    }
  }
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsDirty && specs->SpecsCount > 0) {
      ui.entity_sort_column = specs->Specs[0].ColumnIndex;
      ui.entity_sort_dir = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending ? 1 : 0;
      specs->SpecsDirty = false;
      dirty = true;
    }
  }
  if (dirty) rebuild_view(ex, ui);
  const float spark_h = ImGui::GetTextLineHeight() - 2;
  bool open_menu = false;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(ui.entity_view.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const EntityRow& row = ui.entity_rows[ui.entity_view[static_cast<size_t>(r)]];
      const Entity& e = ents[row.entity];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushID(static_cast<int>(row.entity));
      const bool selected = ex.selected() == row.entity;
      ImGui::PushStyleColor(ImGuiCol_Text, entity_color(e.type, 255));
      if (ImGui::Selectable(e.name.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns))
        ex.select(selected ? SIZE_MAX : row.entity);
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
        ui.menu_entity = row.entity;
        open_menu = true;
      }
      if (ImGui::IsItemHovered()) {  // the whole name (the column may cut it) and its other forms
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(e.name.c_str());
        for (const EntityAlias& al : e.aliases)
          if (al.surface != e.name) ImGui::TextDisabled("also \"%s\" (%s, %u)", al.surface.c_str(), al.rule.c_str(), al.count);
        ImGui::TextDisabled("right-click: hide, rename, retype, merge or split");
        ImGui::EndTooltip();
      }
      const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
      if (ImGui::IsItemVisible()) ui.entity_rects.push_back({e.name, mn.x, mn.y, mx.x - mn.x, mx.y - mn.y});
      ImGui::PopID();
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(type_name(e.type));
      ImGui::TableSetColumnIndex(2);
      ImGui::Text("%u", row.articles);
      ImGui::TableSetColumnIndex(3);
      ImGui::Text("%u", row.mentions);
      ImGui::TableSetColumnIndex(4);
      ImGui::Text("%u", row.degree);
      ImGui::TableSetColumnIndex(5);
      // Series depend on the corpus and the buckets only: kept until the timeline is recomputed.
      if (ui.sparkline_revision != ui.timeline_revision) {
        ui.sparklines.clear();
        ui.sparkline_revision = ui.timeline_revision;
      }
      auto it = ui.sparklines.find(row.entity);
      if (it == ui.sparklines.end()) it = ui.sparklines.emplace(row.entity, entity_series(ex, row.entity, ui.timeline)).first;
      sparkline(it->second, ImGui::GetContentRegionAvail().x, spark_h, entity_color(e.type, 220));
    }
  }
  ImGui::EndTable();
  if (open_menu) ImGui::OpenPopup("##entity_menu_table");  // (outside the table's ID scope, as BeginPopup)
  if (ImGui::BeginPopup("##entity_menu_table")) {
    entity_menu(ex, ui, ui.menu_entity);
    ImGui::EndPopup();
  }
}

}  // namespace ae
