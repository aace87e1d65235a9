// panel_corrections.cpp — the user's corrections in the UI: the right-click menu of an entity (table row
// or network node: hide, hide names like it, rename, change type, merge into another, split an alias
// off) and the Undo / Redo / Edits bar above the entity table (export and import the rules file, clear).
// The edits themselves are the Explorer's (corrections.h). Layer: app.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "app.h"
#include "text.h"

namespace ae {

namespace {

// A text field and an OK button on one line; true (once) when OK or Enter is pressed with text.
bool text_and_ok(UiState& ui, const char* id, char* buf, size_t size, const char* ok, const char* control) {
  ImGui::PushID(id);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  const bool enter = input_text_shown("##text", nullptr, buf, size, ImGuiInputTextFlags_EnterReturnsTrue);
  record_control(ui, (std::string(control) + "_input").c_str());
  ImGui::SameLine();
  const bool click = ImGui::SmallButton(ok);
  record_control(ui, (std::string(control) + "_ok").c_str());
  ImGui::PopID();
  return (enter || click) && buf[0];
}

}  // namespace

void entity_menu(Explorer& ex, UiState& ui, size_t entity) {
  const auto& ents = ex.entities().entities;
  if (entity >= ents.size()) return;
  const Entity& e = ents[entity];
  const std::string name = e.name;
  // The edit chosen is made after the menu is drawn: it renumbers the entities (e would dangle).
  std::optional<Edit> todo;
  ImGui::TextDisabled("%s (%s)", shown(name), type_name(e.type));
  ImGui::Separator();
  if (ex.daily_counts()) {  // only the view setting: counts cannot be merged, split or renamed
    if (ImGui::MenuItem("Leave out of the network")) {
      ex.hide_in_network(name);
      ImGui::CloseCurrentPopup();
    }
    record_control(ui, "menu_leave_out");
    ImGui::TextDisabled("Corrections need the articles: this corpus holds daily counts.");
    return;
  }
  if (ImGui::MenuItem("Leave out of the network")) {  // a view setting, not a correction
    ex.hide_in_network(name);
    ImGui::CloseCurrentPopup();
  }
  record_control(ui, "menu_leave_out");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Only the network drops it (e.g. a news agency linked to everything); the table and lists keep it");
  if (ImGui::MenuItem("Hide everywhere")) {
    todo = Edit{Edit::Op::Hide, name, "", {}};
    ImGui::CloseCurrentPopup();
  }
  record_control(ui, "menu_hide");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Drop it from the network, the table, the lists and the reader (undo brings it back)");
  if (ImGui::BeginMenu("Hide every name like…")) {
    if (ui.pattern_for != name) {
      std::snprintf(ui.edit_buf, sizeof ui.edit_buf, "%s*", name.c_str());
      ui.pattern_for = name;
    }
    ImGui::TextDisabled("* stands for any text; case is ignored");
    if (text_and_ok(ui, "pattern", ui.edit_buf, sizeof ui.edit_buf, "Hide", "menu_pattern")) {
      todo = Edit{Edit::Op::HidePattern, ui.edit_buf, "", {}};
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Rename…")) {
    if (ui.rename_for != name) {
      std::snprintf(ui.rename_buf, sizeof ui.rename_buf, "%s", name.c_str());
      ui.rename_for = name;
    }
    if (text_and_ok(ui, "rename", ui.rename_buf, sizeof ui.rename_buf, "Rename", "menu_rename") &&
        name != ui.rename_buf) {
      todo = Edit{Edit::Op::Rename, name, ui.rename_buf, {}};
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Change type")) {
    for (EntityType t : {EntityType::Person, EntityType::Org, EntityType::Place}) {
      if (ImGui::MenuItem(type_name(t), nullptr, t == e.type, t != e.type)) {
        todo = Edit{Edit::Op::Retype, name, "", t};
        ImGui::CloseCurrentPopup();
      }
      record_control(ui, (std::string("menu_type_") + type_name(t)).c_str());
    }
    ImGui::EndMenu();
  }
  record_control(ui, "menu_change_type");
  if (ImGui::BeginMenu("Merge into…")) {
    ImGui::TextDisabled("Type a few letters of the entity it is");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    input_text_shown("##merge", nullptr, ui.merge_buf, sizeof ui.merge_buf);
    record_control(ui, "menu_merge_input");
    const std::string q = search_fold(ui.merge_buf);
    int listed = 0;
    if (!q.empty())
      for (size_t i = 0; i < ents.size() && listed < 8; ++i) {
        if (i == entity) continue;
        bool hit = search_fold(ents[i].name).find(q) != std::string::npos;
        for (const EntityAlias& al : ents[i].aliases) hit = hit || search_fold(al.surface).find(q) != std::string::npos;
        if (!hit) continue;
        ++listed;
        const std::string target = ents[i].name;
        if (ImGui::MenuItem((std::string(shown(target)) + "  (" + type_name(ents[i].type) + ")").c_str())) {
          todo = Edit{Edit::Op::Merge, name, target, {}};
          ui.merge_buf[0] = 0;
          ImGui::CloseCurrentPopup();
          break;
        }
        record_control(ui, ("menu_merge_" + std::to_string(listed)).c_str());
      }
    if (!q.empty() && listed == 0) ImGui::TextDisabled("no entity named like that");
    ImGui::EndMenu();
  }
  record_control(ui, "menu_merge");
  size_t aliases = 0;
  for (const EntityAlias& al : e.aliases) aliases += al.surface != name;
  if (ImGui::BeginMenu("Split an alias off", aliases > 0)) {
    for (const EntityAlias& al : e.aliases) {
      if (al.surface == name) continue;
      const std::string surface = al.surface;
      char label[320];
      std::snprintf(label, sizeof label, "%s  (%u, %s)", shown(surface), al.count, al.rule.c_str());
      if (ImGui::MenuItem(label)) {
        todo = Edit{Edit::Op::Split, name, surface, {}};
        ImGui::CloseCurrentPopup();
        break;
      }
    }
    ImGui::EndMenu();
  }
  if (todo) ex.add_edit(std::move(*todo));
}

void draw_edit_bar(Explorer& ex, UiState& ui) {
  if (ex.daily_counts()) {
    ImGui::TextDisabled("Daily counts: corrections need the articles' text.");
    return;
  }
  ImGui::BeginDisabled(!ex.can_undo());
  if (ImGui::SmallButton("Undo")) ex.undo();
  ImGui::EndDisabled();
  record_control(ui, "undo_edit");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Undo the last correction (Ctrl+Z)");
  ImGui::SameLine();
  ImGui::BeginDisabled(!ex.can_redo());
  if (ImGui::SmallButton("Redo")) ex.redo();
  ImGui::EndDisabled();
  record_control(ui, "redo_edit");
  ImGui::SameLine();
  const size_t n = ex.rules().edits.size();
  char label[48];
  std::snprintf(label, sizeof label, n == 1 ? "1 correction" : "%zu corrections", n);
  if (ImGui::SmallButton(label)) ImGui::OpenPopup("edits");
  record_control(ui, "edits");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Your corrections to the entities (right-click an entity to make one). They are kept for this\n"
        "corpus in this browser, and can be exported as a rules file to share.");
  if (ImGui::BeginPopup("edits")) {
    for (const Edit& e : ex.rules().edits) ImGui::BulletText("%s", describe(e).c_str());
    for (const std::string& u : ex.unmatched_edits()) ImGui::TextDisabled("not found in this corpus: %s", u.c_str());
    if (n == 0) ImGui::TextDisabled("None yet: right-click an entity in the table or the network.");
    ImGui::Separator();
    if (ImGui::MenuItem("Export rules…", nullptr, false, ui.save_export != nullptr)) ui.save_export("rules.json");
    record_control(ui, "export_rules");
    if (ImGui::MenuItem("Import rules…", nullptr, false, ui.import_rules != nullptr)) ui.import_rules();
    record_control(ui, "import_rules");
    if (ImGui::MenuItem("Clear all corrections", nullptr, false, n > 0)) ex.set_rules(Rules{});
    record_control(ui, "clear_rules");
    ImGui::EndPopup();
  }
  // Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) while no text field has the keyboard.
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && io.KeyCtrl) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false)) io.KeyShift ? ex.redo() : ex.undo();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) ex.redo();
  }
}

}  // namespace ae
