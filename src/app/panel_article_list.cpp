// panel_article_list.cpp — the articles passing the date filter: date, source, title; a click opens
// one in the reader. Virtualised with ImGuiListClipper, so 100k rows cost only the visible ones.
// Layer: app.
#include <imgui.h>

#include "app.h"

namespace ae {

void draw_article_list(Explorer& ex, UiState& ui, float x, float y, float w, float h) {
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  const std::vector<uint32_t>& rows = ex.visible();
  char title[96];
  std::snprintf(title, sizeof title, "Articles (%s)###articles", with_commas(rows.size()).c_str());
  ImGui::Begin(title, nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  const Corpus& c = ex.corpus();
  if (rows.empty()) {
    ImGui::TextDisabled(c.size() ? "No article in this date range." : "No corpus loaded.");
    ImGui::End();
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
  if (ImGui::BeginTable("##list", 3, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("0000-00-00").x);
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("Source wire").x);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
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
        if (ImGui::Selectable(date.c_str(), open, ImGuiSelectableFlags_SpanAllColumns)) {
          ex.open_article(index);
          ui.scroll_reader_to_top = true;
        }
        const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
        if (ImGui::IsItemVisible()) ui.rows.push_back({a.id, mn.x, mn.y, mx.x - mn.x, mx.y - mn.y});
        ImGui::PopID();
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(a.source.empty() ? "—" : a.source.c_str());
        ImGui::TableSetColumnIndex(2);
        const std::string& t = a.title.empty() ? a.body : a.title;
        const size_t cut = std::min<size_t>(t.size(), 300);
        ImGui::TextUnformatted(t.data(), t.data() + cut);
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace ae
