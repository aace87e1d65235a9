// panel_reader.cpp — the open article: title, date, source, URL, and the body as paragraphs.
// Layer: app.
#include <imgui.h>

#include "app.h"

namespace ae {

void draw_reader(Explorer& ex, UiState& ui, float x, float y, float w, float h) {
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ImGui::Begin("Reader###reader", nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  const size_t open = ex.open_article_index();
  if (open >= ex.corpus().size()) {
    ImGui::TextDisabled("Click an article in the list to read it here.");
    ImGui::End();
    return;
  }
  if (ui.scroll_reader_to_top) {
    ImGui::SetScrollY(0);
    ui.scroll_reader_to_top = false;
  }
  const Article& a = ex.corpus().articles[open];
  ImGui::PushTextWrapPos(0.0f);
  if (ui.fonts.bold) ImGui::PushFont(ui.fonts.bold);
  ImGui::TextUnformatted(a.title.empty() ? "(untitled)" : a.title.c_str());
  if (ui.fonts.bold) ImGui::PopFont();
  std::string meta = a.date == kUndated ? std::string("undated") : format_iso(a.date);
  if (!a.source.empty()) meta += "  ·  " + a.source;
  meta += "  ·  id " + a.id;
  ImGui::TextDisabled("%s", meta.c_str());
  if (!a.url.empty()) {
    ImGui::TextColored(ImVec4(0.45f, 0.65f, 1.0f, 1.0f), "%s", a.url.c_str());
  }
  ImGui::Separator();
  ImGui::Spacing();
  // Paragraphs are separated by blank lines; single newlines (hard-wrapped wires) join into one.
  const std::string& body = a.body;
  size_t start = 0;
  std::string para;
  while (start < body.size()) {
    size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    para.assign(body, start, end - start);
    for (char& ch : para)
      if (ch == '\n') ch = ' ';
    ImGui::TextUnformatted(para.c_str(), para.c_str() + para.size());
    ImGui::Spacing();
    start = end + 2;
  }
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace ae
