// panel_help.cpp — the help overlay: what each panel does and every key and mouse action. Opened with
// the "?" button or the ? key; Esc or the button closes it. Layer: app.
#include <imgui.h>

#include <algorithm>

#include "app.h"

namespace ae {

void draw_help(UiState& ui, float width, float height) {
  begin_overlay_window("Help — keys and mouse###help", &ui.help_open, width, height, 760, 640);
  struct Row {
    const char* what;
    const char* how;
  };
  const Row sections[][12] = {
      {{"Timeline", nullptr},
       {"choose dates", "drag across the histogram"},
       {"move the range", "drag inside the blue brush"},
       {"resize the range", "drag either edge of the brush"},
       {"all dates", "double-click the timeline, or \"All dates\""},
       {"step by one bucket", "[ and ]  (or Left / Right over the timeline)"},
       {"type dates", "the From / to fields; Enter applies"},
       {"whole weeks or months", "tick \"snap to weeks\" (the brushes otherwise follow the pointer to the day)"},
       {"compare two periods", "A (or the Compare button): baseline A = the period just before the range B"},
       {"draw the baseline", "Shift+drag across the timeline; drag the orange brush to move or resize it"},
       {"end the comparison", "the End comparison button"}},
      {{"Network", nullptr},
       {"pan / zoom", "drag the background / mouse wheel (at the cursor)"},
       {"select an entity", "click its node (again to clear)"},
       {"read a link's evidence", "click the link: the sentences naming both"},
       {"open a sentence", "click it in the evidence: the reader scrolls to it"},
       {"pin a node", "drag it"},
       {"zoom, fit, full screen", "the - + Fit and Full screen buttons (Esc leaves full screen)"},
       {"labels, colour", "the labels slider (how many); colour by community or by type"},
       {"a link's details", "hover it: both names, counts and its first sentence"},
       {"find an entity", "type in \"Find in network\" (names and other forms); click a match or Enter"},
       {"leave out", "right-click a node: Leave out of the network; the type boxes leave out a type"},
       {"what changed", "comparing: blue links are new in B, orange dashed only in A; \"changes only\""}},
      {{"Lists and reader", nullptr},
       {"search", "type in the search box: words (all must occur) or \"a phrase\""},
       {"select an entity", "click a row of the Entities tab, or a highlighted mention"},
       {"sort", "click a column header (Entities); newest / oldest / relevance (Articles)"},
       {"next / previous article", "J / K"},
       {"move through a list", "click a row, then the arrow keys; Enter opens (selects, in Entities)"},
       {"resize the columns", "drag the boundary between two columns"},
       {"clear the selection", "Esc"},
       {"open the article's link", "click the URL under the title (new tab)"}},
      {{"Files", nullptr},
       {"load your corpus", "Open file…, drop a file on the page, or ?data=URL"},
       {"export",
        "Export: links (CSV, GEXF), entities (CSV), articles (JSON), network (PNG), bursts (CSV);\n"
        "comparing: the A/B table (CSV) and the three-way network (GEXF)"},
       {"share the view", "copy the address: range, selection, search and article are in it"},
       {"back / forward", "the browser's buttons step through your views"},
       {"theme", "the ☀/☾ button (starts with the browser's preference)"},
       {"this help", "? (or the ? button); Esc closes"}},
  };
  for (const auto& sec : sections) {
    if (ui.fonts.bold) ImGui::PushFont(ui.fonts.bold);
    ImGui::TextUnformatted(sec[0].what);
    if (ui.fonts.bold) ImGui::PopFont();
    if (ImGui::BeginTable(sec[0].what, 2, ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthFixed,
                              ImGui::CalcTextSize("open the article's link__").x);
      ImGui::TableSetupColumn("how", ImGuiTableColumnFlags_WidthStretch);
      for (size_t i = 1; i < 12 && sec[i].what; ++i) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextDisabled("%s", sec[i].what);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextWrapped("%s", sec[i].how);
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
  }
  ImGui::End();
}

}  // namespace ae
