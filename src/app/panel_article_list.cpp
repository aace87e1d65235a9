// panel_article_list.cpp — the articles in range (and matching the selection and the search), in the
// chosen order: date, source, title, and the count of selected-entity mentions or search hits. A
// click opens one in the reader. Virtualised with ImGuiListClipper, so 100k rows cost only the visible
// ones. Drawn inside the left column's "Articles" tab. Layer: app.
#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "app.h"

namespace ae {

void draw_article_list(Explorer& ex, UiState& ui) {
  const Corpus& c = ex.corpus();
  // Search box and order.
  if (ui.search_synced != ex.revision() && ex.search() != ui.search_text && !ImGui::IsAnyItemActive()) {
    std::snprintf(ui.search_text, sizeof ui.search_text, "%s", ex.search().c_str());
  }
  ui.search_synced = ex.revision();
  const float order_w = ImGui::CalcTextSize("relevance").x + ImGui::GetFrameHeight() + 12;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - order_w - ImGui::GetStyle().ItemSpacing.x);
  if (input_text_shown("##search", "Search titles and bodies (\"a phrase\" or words)", ui.search_text,
                       sizeof ui.search_text))
    ex.set_search(ui.search_text);
  record_control(ui, "search");
  ImGui::SameLine();
  int order = static_cast<int>(ex.order());
  ImGui::SetNextItemWidth(order_w);
  if (ImGui::Combo("##order", &order, "newest\0oldest\0relevance\0")) ex.set_order(static_cast<Explorer::Order>(order));
  record_control(ui, "order");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Order of the list (relevance: mentions of the selection, then search hits)");

  const std::vector<uint32_t>& rows = ex.visible();
  const bool searching = !ex.search().empty();
  const size_t sel = ex.selected();
  const auto pair = ex.selected_pair();
  if (searching)
    ImGui::TextDisabled("%s articles match, %s hits", with_commas(rows.size()).c_str(),
                        with_commas(static_cast<size_t>(ex.search_hits_in_list())).c_str());
  if (rows.empty()) {
    ImGui::TextDisabled(!c.size()   ? "No corpus loaded."
                        : searching ? "No article in range matches the search."
                                    : "No article in this date range.");
    return;
  }
  const bool count_col = searching || sel != SIZE_MAX || pair.first != SIZE_MAX;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("##list", count_col ? 4 : 3, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("0000-00-00").x);
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Source wi").x);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
    if (count_col)
      ImGui::TableSetupColumn(sel != SIZE_MAX || pair.first != SIZE_MAX ? "Men." : "Hits",
                              ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Men.").x);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const uint32_t index = rows[static_cast<size_t>(r)];
        const Article& a = c.articles[index];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushID(static_cast<int>(index));
        const bool open = ex.open_article_index() == index;
        const std::string date = a.date == kUndated ? std::string("undated") : format_iso(a.date);
        if (ImGui::Selectable(date.c_str(), open, ImGuiSelectableFlags_SpanAllColumns)) ex.open_article(index);
        // Keyboard: the arrows move the focus through the rows (Dear ImGui's navigation); Enter opens.
        if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) && !open)
          ex.open_article(index);
        const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
        if (ImGui::IsItemVisible()) ui.rows.push_back({a.id, mn.x, mn.y, mx.x - mn.x, mx.y - mn.y});
        ImGui::PopID();
        // Source and title on one line each, cut with an ellipsis; hover shows them whole.
        ImGui::TableSetColumnIndex(1);
        text_ellipsis(a.source.empty() ? std::string_view("—") : std::string_view(a.source),
                      ImGui::GetContentRegionAvail().x);
        ImGui::TableSetColumnIndex(2);
        const std::string_view t = a.title.empty() ? a.body : a.title;
        text_ellipsis(t, ImGui::GetContentRegionAvail().x);
        if (count_col) {
          ImGui::TableSetColumnIndex(3);
          uint32_t n = 0;
          if (sel != SIZE_MAX) n = ex.mentions_in(index, sel);
          else if (pair.first != SIZE_MAX) n = ex.mentions_in(index, pair.first) + ex.mentions_in(index, pair.second);
          else n = ex.search_hits(index);
          ImGui::Text("%u", n);
        }
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace ae
