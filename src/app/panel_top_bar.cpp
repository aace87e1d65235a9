// panel_top_bar.cpp — title, status line, the date range control, load progress and error messages.
// Layer: app.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "app.h"
#include "samples.h"
#include "view.h"

namespace ae {

float top_bar_height() { return ImGui::GetFrameHeightWithSpacing() * 2 + ImGui::GetStyle().WindowPadding.y * 2 + 4; }

namespace {

void sync_range_texts(Explorer& ex, UiState& ui) {
  if (ui.synced_revision == ex.revision()) return;
  ui.synced_revision = ex.revision();
  std::snprintf(ui.from_text, sizeof ui.from_text, "%s", format_iso(ex.range_from()).c_str());
  std::snprintf(ui.to_text, sizeof ui.to_text, "%s", format_iso(ex.range_to()).c_str());
}

// A typed date: applied when it parses; shown red while it does not.
bool date_input(const char* label, char* buf, size_t size, Day& out) {
  const Day parsed = parse_date(buf);
  const bool bad = buf[0] && parsed == kUndated;
  if (bad) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(235, 90, 80, 255));
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000-00-00__").x + ImGui::GetStyle().FramePadding.x * 2);
  const bool done =
      ImGui::InputText(label, buf, size, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  const bool left = ImGui::IsItemDeactivatedAfterEdit();
  if (bad) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("YYYY-MM-DD, or a form such as \"21 January 2026\"; Enter applies");
  const Day now = parse_date(buf);
  if ((done || left) && now != kUndated) {
    out = now;
    return true;
  }
  return false;
}

// The corpora this browser keeps (the last few opened; web/explorer.js), to reopen at once or forget.
void draw_kept_corpora(const Explorer& ex, UiState& ui) {
  if (ui.kept.empty() || !ui.open_kept) return;
  ImGui::Separator();
  ImGui::TextDisabled("Kept in this browser (reopen without reading them again)");
  for (size_t i = 0; i < ui.kept.size(); ++i) {
    const UiState::KeptCorpus& k = ui.kept[i];
    char label[160];
    std::snprintf(label, sizeof label, "%.100s##kept%zu", ae::shown(k.name), i);
    char detail[48];
    const double b = static_cast<double>(k.bytes);
    if (b >= 1e6) std::snprintf(detail, sizeof detail, "%.1f MB · %s", b / 1e6, k.saved.c_str());
    else std::snprintf(detail, sizeof detail, "%.0f kB · %s", std::max(1.0, b / 1e3), k.saved.c_str());
    if (ImGui::MenuItem(label, detail, false, !ex.loading())) ui.open_kept(k.name);
    record_control(ui, ("kept_" + std::to_string(i)).c_str());
  }
  if (ImGui::BeginMenu("Forget…")) {
    for (size_t i = 0; i < ui.kept.size(); ++i) {
      char label[160];
      std::snprintf(label, sizeof label, "%.100s##forget%zu", ae::shown(ui.kept[i].name), i);
      if (ImGui::MenuItem(label) && ui.forget_kept) ui.forget_kept(ui.kept[i].name);
      record_control(ui, ("forget_" + std::to_string(i)).c_str());
    }
    ImGui::Separator();
    if (ImGui::MenuItem("All of them") && ui.forget_kept) ui.forget_kept("");
    record_control(ui, "forget_all");
    ImGui::EndMenu();
  }
  record_control(ui, "forget");
}

// "Samples", "Open…", "Export" and "Copy link", right-aligned on the range line.
void draw_file_buttons(Explorer& ex, UiState& ui, float w) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float bw = ImGui::CalcTextSize("Samples").x + ImGui::CalcTextSize("Open file…").x +
                   ImGui::CalcTextSize("Export").x + ImGui::CalcTextSize("Copy link").x + ImGui::CalcTextSize("☀").x +
                   ImGui::CalcTextSize("?").x + st.FramePadding.x * 12 + st.ItemSpacing.x * 5 + st.WindowPadding.x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), w - bw));
  if (ImGui::Button("Samples")) ImGui::OpenPopup("samples");
  record_control(ui, "samples");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Load a sample corpus of real news (downloaded when you ask)");
  if (ImGui::BeginPopup("samples")) {
    for (const SampleInfo& s : samples()) {
      if (ImGui::MenuItem(s.title.c_str(), nullptr, false, ui.load_sample != nullptr && !ex.loading()))
        ui.load_sample(s.name);
      record_control(ui, ("sample_" + s.name).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.summary.c_str());
    }
    ImGui::Separator();
    if (ImGui::MenuItem("About the samples and their terms…")) ui.about_open = true;
    record_control(ui, "about");
    draw_kept_corpora(ex, ui);
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Open file…") && ui.open_file) ui.open_file();
  record_control(ui, "open_file");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Load your own corpus: a JSON array of articles, {\"articles\": [...]} or JSON Lines.\n"
        "You can also drop a file onto the page, or open the page with ?data=URL.");
  ImGui::SameLine();
  if (ImGui::Button("Export")) ImGui::OpenPopup("export");
  record_control(ui, "export");
  if (ImGui::BeginPopup("export")) {
    const bool can = ex.corpus().size() > 0 && ui.save_export != nullptr;
    struct Item {
      const char* kind;
      const char* label;
    };
    const Item items[] = {{"edges.csv", "Links of the network (CSV)"},
                          {"edges.gexf", "Network for Gephi (GEXF)"},
                          {"entities.csv", "Entity table of the range (CSV)"},
                          {"articles.json", "Article list as shown (JSON)"},
                          {"graph.png", "Picture of the network panel (PNG)"}};
    for (const Item& it : items) {
      if (ImGui::MenuItem(it.label, it.kind, false, can)) ui.save_export(it.kind);
      record_control(ui, it.kind);
    }
    if (ImGui::MenuItem("Bursts of attention (CSV)", "bursts.csv", false, can)) ui.save_export("bursts.csv");
    record_control(ui, "bursts.csv");
    if (ImGui::MenuItem("The corpus with its entities, to open again", "corpus.aesnap", false, can))
      ui.save_export("corpus.aesnap");
    record_control(ui, "corpus.aesnap");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("A file Open file... reads back at once, without finding the entities again.");
    // The comparison of two periods, while there is one.
    ImGui::Separator();
    const bool cmp = can && ex.comparing();
    if (ImGui::MenuItem("Comparison table A/B (CSV)", "compare.csv", false, cmp)) ui.save_export("compare.csv");
    record_control(ui, "compare.csv");
    if (ImGui::MenuItem("Three-way network for Gephi (GEXF)", "compare.gexf", false, cmp))
      ui.save_export("compare.gexf");
    record_control(ui, "compare.gexf");
    if (!ex.comparing()) ImGui::TextDisabled("(compare two periods to export them: key A)");
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  // The page's address is the view; it names the corpus too when it came from a sample or a URL.
  const bool local = ui.corpus_source == "file" || ui.corpus_source == "text";
  if (ImGui::Button("Copy link") && ui.copy_link) {
    ui.copy_link();
    ui.link_message = local ? "Link copied, without the corpus: it was opened from this computer"
                            : "Link copied: it reopens this corpus and view";
    ui.link_message_until = ImGui::GetTime() + 4.0;
  }
  record_control(ui, "copy_link");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(local ? "Copy the address of this view.\nThis corpus was opened from a file on this computer:\n"
                              "a link cannot include it (the link opens the demo with the same view settings)."
                            : "Copy the address of this view; it loads the same corpus (%s) and shows the same view.",
                      ui.corpus_source.c_str());
  ImGui::SameLine();
  if (ImGui::Button(ui.dark ? "☀" : "☾")) ui.dark = !ui.dark;
  record_control(ui, "theme");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip(ui.dark ? "Light theme" : "Dark theme");
  ImGui::SameLine();
  if (ImGui::Button("?")) ui.help_open = !ui.help_open;
  record_control(ui, "help");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keys and mouse actions (?)");
}

}  // namespace

void draw_top_bar(Explorer& ex, UiState& ui, float x, float y, float w, float h) {
  begin_panel("##top", x, y, w, h, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  const Corpus& c = ex.corpus();

  // Line 1: name of the tool and the status line (or a pending error).
  if (ui.fonts.bold) ImGui::PushFont(ui.fonts.bold);
  ImGui::TextUnformatted("Article Explorer");
  if (ui.fonts.bold) ImGui::PopFont();
  ImGui::SameLine(0, 18);
  ImGui::AlignTextToFramePadding();
  const auto& errors = ex.errors();
  if (ui.dismissed_errors > errors.size()) ui.dismissed_errors = errors.size();
  if (ex.loading()) {
    const Explorer::LoadProgress p = ex.load_progress_detail();
    const bool extracting = std::strcmp(ex.load_stage(), "extracting") == 0;
    char overlay[96];
    if (std::strcmp(ex.load_stage(), "indexing") == 0)
      std::snprintf(overlay, sizeof overlay, "counting who appears with whom in %s articles",
                    with_commas(p.articles).c_str());
    else if (extracting)
      std::snprintf(overlay, sizeof overlay, "finding entities in %s articles", with_commas(p.articles).c_str());
    else
      std::snprintf(overlay, sizeof overlay, "%.1f of %.1f MB · %s articles", p.bytes_done / 1e6, p.bytes_total / 1e6,
                    with_commas(p.articles).c_str());
    ImGui::ProgressBar(static_cast<float>(ex.load_progress()), ImVec2(std::min(360.0f, w * 0.3f), 0), overlay);
    ImGui::SameLine();
    if (ImGui::SmallButton("Cancel")) ex.cancel_load();
    record_control(ui, "cancel_load");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop loading %s and keep the corpus loaded now", p.name.c_str());
    ImGui::SameLine();
  }
  if (errors.size() > ui.dismissed_errors) {
    // Dismiss first, so it stays on screen; a message too long for the bar is cut, and shown whole
    // in a tooltip.
    if (ImGui::SmallButton("Dismiss")) ui.dismissed_errors = errors.size();
    ImGui::SameLine();
    const std::string& message = errors.back();
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().WindowPadding.x;
    std::string cut = message;
    if (ImGui::CalcTextSize(ae::shown(cut)).x > room) {
      size_t lo = 0, hi = message.size();
      while (lo < hi) {  // longest prefix (at a UTF-8 boundary) that fits with the ellipsis
        size_t mid = (lo + hi + 1) / 2;
        while (mid > 0 && (static_cast<unsigned char>(message[mid]) & 0xC0) == 0x80) --mid;
        if (mid <= lo) break;
        if (ImGui::CalcTextSize(ae::shown(message.substr(0, mid) + "…")).x <= room) lo = mid;
        else hi = mid - 1;
      }
      while (lo > 0 && (static_cast<unsigned char>(message[lo]) & 0xC0) == 0x80) --lo;
      cut = message.substr(0, lo) + "…";
    }
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(240, 110, 100, 255));
    text_shown(cut);
    ImGui::PopStyleColor();
    if (cut.size() != message.size() && ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      text_wrapped_shown(message, ImGui::GetFontSize() * 40);
      ImGui::EndTooltip();
    }
  } else if (!ex.loading() && !ui.link_message.empty() && ImGui::GetTime() < ui.link_message_until) {
    ImGui::TextUnformatted(ui.link_message.c_str());
  } else if (!ex.loading() && !ex.notice().empty() && ui.dismissed_notice != ex.notice_id()) {
    if (ImGui::SmallButton("OK")) ui.dismissed_notice = ex.notice_id();
    ImGui::SameLine();
    text_shown(ex.notice());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ex.status_line().c_str());
  } else {
    ImGui::TextUnformatted(ex.status_line().c_str());
  }

  // Line 2: the date range.
  sync_range_texts(ex, ui);
  if (c.dated) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("From");
    ImGui::SameLine();
    Day from = ex.range_from(), to = ex.range_to();
    bool changed = date_input("##from", ui.from_text, sizeof ui.from_text, from);
    ImGui::SameLine();
    ImGui::TextUnformatted("to");
    ImGui::SameLine();
    changed |= date_input("##to", ui.to_text, sizeof ui.to_text, to);
    if (changed) ex.set_range(from, to);
    ImGui::SameLine();
    if (ImGui::Button("All dates")) ex.set_range(c.date_min, c.date_max);
    if (c.undated()) {
      ImGui::SameLine();
      bool inc = ex.include_undated();
      if (ImGui::Checkbox("undated", &inc)) ex.set_include_undated(inc);
    }
    ImGui::SameLine();
    if (ex.daily_counts())
      ImGui::Text("%s of %s articles in range (daily counts)", with_commas(ex.articles_in_list()).c_str(),
                  with_commas(ex.articles_counted()).c_str());
    else
      ImGui::Text("%s of %s articles in range", with_commas(ex.visible().size()).c_str(),
                  with_commas(c.size()).c_str());
  } else if (c.size()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("No article has a date: the date filter is off.");
  }
  draw_file_buttons(ex, ui, w);
  ImGui::End();
}

}  // namespace ae
