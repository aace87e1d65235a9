// app.cpp — lays the panels out over the viewport, the theme, the keys that work everywhere, and the
// state report. Layer: app.
#include "app.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace ae {

namespace {
bool g_dark = true;  // the theme apply_theme() set last (colours of theme.h follow it)
}  // namespace

void apply_theme(bool dark) {
  g_dark = dark;
  if (dark) ImGui::StyleColorsDark();
  else ImGui::StyleColorsLight();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.WindowBorderSize = 1;
  s.FrameRounding = 3;
  s.ScrollbarSize = 12;
  s.WindowPadding = ImVec2(10, 8);
  s.FramePadding = ImVec2(6, 4);
  s.ItemSpacing = ImVec2(8, 6);
  if (dark) {
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
    s.Colors[ImGuiCol_TitleBg] = s.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.13f, 0.15f, 0.19f, 1.0f);
  } else {
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    s.Colors[ImGuiCol_TitleBg] = s.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.86f, 0.88f, 0.91f, 1.0f);
    s.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.86f, 0.88f, 0.91f, 1.0f);
  }
}

unsigned int theme_color(Rgb c, int alpha) { return IM_COL32(c.r, c.g, c.b, alpha); }

const ThemeColors& current_theme() { return theme_colors(g_dark); }

unsigned int range_color(bool baseline, bool dark, int alpha) {
  // Blue for B, orange for A (theme.h): apart for every common colour-vision deficiency, darker in the
  // light theme so that text keeps 4.5:1 and lines 3:1 (unit-theme checks both).
  const ThemeColors& t = theme_colors(dark);
  return theme_color(baseline ? t.range_a : t.range_b, alpha);
}

void theme_clear_color(bool dark, float rgb[3]) {
  const float d[3] = {0.07f, 0.08f, 0.10f}, l[3] = {0.90f, 0.91f, 0.92f};
  for (int i = 0; i < 3; ++i) rgb[i] = dark ? d[i] : l[i];
}

namespace {

constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings;

// The left column: the article list and the entity table as tabs.
void draw_left_column(Explorer& ex, UiState& ui, float x, float y, float w, float h) {
  begin_panel("##left", x, y, w, h, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);

  if (ImGui::BeginTabBar("##lefttabs")) {
    if (ImGui::TabItemButton("«", ImGuiTabItemFlags_Trailing | ImGuiTabItemFlags_NoTooltip)) ui.left_collapsed = true;
    record_control(ui, "collapse_left");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("fold this column away (» brings it back)");
    char labels[2][64];
    std::snprintf(labels[0], sizeof labels[0], ex.daily_counts() ? "Days (%s)###articles" : "Articles (%s)###articles",
                  with_commas(ex.visible().size()).c_str());
    // The table is computed when shown; the count is that of the last table computed for this view.
    if (ui.entity_revision == ex.revision())
      std::snprintf(labels[1], sizeof labels[1], "Entities (%s)###entities",
                    with_commas(ui.entity_rows.size()).c_str());
    else std::snprintf(labels[1], sizeof labels[1], "Entities###entities");
    static const char* const kControls[2] = {"tab_articles", "tab_entities"};
    const int request = ui.left_tab_request;
    ui.left_tab_request = -1;
    for (int tab = 0; tab < 2; ++tab) {
      const bool open = ImGui::BeginTabItem(labels[tab], nullptr, request == tab ? ImGuiTabItemFlags_SetSelected : 0);
      record_control(ui, kControls[tab]);
      if (!open) continue;
      ui.left_tab = tab;
      if (tab == 0) draw_article_list(ex, ui);
      else draw_entity_table(ex, ui);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

// A folded column: a strip with one button that unfolds it (sets *folded false).
void draw_strip(UiState& ui, const char* id, const char* label, const char* tip, float x, float y, float w, float h,
                bool& folded) {
  begin_panel(id, x, y, w, h, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  if (ImGui::SmallButton(label)) {
    folded = false;
    ui.graph.fit = true;
  }
  record_control(ui, folded ? (id[2] == 'l' ? "unfold_left" : "unfold_reader") : "unfolded");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
  ImGui::End();
}

// A vertical splitter at x between two columns: a thin window over the boundary whose drag sets the
// left column's width (or, for the right one, the reader's) as a fraction of the window width.
void draw_splitter(UiState& ui, const char* id, float x, float y, float h, float width, bool right) {
  constexpr float kGrip = 8.0f;  // mostly right of the boundary: the left column's scrollbar stays clickable
  ImGui::SetNextWindowPos(ImVec2(x - 2, y));
  ImGui::SetNextWindowSize(ImVec2(kGrip, h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));  // else 32 px wide, over the panels' controls
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  ImGui::InvisibleButton("##grip", ImVec2(kGrip, h));
  record_control(ui, right ? "split_right" : "split_left");
  if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x - 1.5f, y), ImVec2(x + 1.5f, y + h),
                                              ImGui::GetColorU32(ImGuiCol_SeparatorHovered));
    if (!ImGui::IsItemActive()) ImGui::SetTooltip("drag to resize the columns");
  }
  if (ImGui::IsItemActive() && ImGui::GetIO().MouseDelta.x != 0 && width > 0) {
    const float mx = ImGui::GetIO().MousePos.x;
    if (right) ui.reader_frac = std::clamp((width - mx) / width, 0.1f, 0.6f);
    else ui.list_frac = std::clamp(mx / width, 0.1f, 0.6f);
    ui.graph.fit = true;
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
}

// Keys that work anywhere unless a text field has the keyboard.
void global_keys(Explorer& ex, UiState& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    if (ui.help_open) ui.help_open = false;
    else if (ui.graph_fullscreen) ui.graph_fullscreen = false;
    else ex.select(SIZE_MAX);
  }
  for (ImWchar c : io.InputQueueCharacters) {
    switch (c) {
      case '?': ui.help_open = !ui.help_open; break;
      case 'j': step_article(ex, +1); break;
      case 'k': step_article(ex, -1); break;
      case '[': step_range(ex, ui.timeline, -1); break;
      case ']': step_range(ex, ui.timeline, +1); break;
      case '/': ui.left_tab_request = 0; break;
      case 'a':
      case 'A': ex.set_baseline_before(); break;  // compare with the period just before the range
      default: break;
    }
  }
}

}  // namespace

void App::draw(float width, float height) {
  text_frame_start();
  if (!ui_.style_applied || ui_.style_dark_applied != ui_.dark) {
    apply_theme(ui_.dark);
    ui_.style_applied = true;
    ui_.style_dark_applied = ui_.dark;
  }
  ui_.double_click = ui_.double_click_pending;
  ui_.double_click_pending = false;
  ui_.rows.clear();
  ui_.nodes.clear();
  ui_.controls.clear();
  ui_.entity_rects.clear();
  ui_.mention_rects.clear();
  ui_.search_mark_rects.clear();
  ui_.hover_link.clear();
  ui_.evidence_rects.clear();
  // The timeline shows the whole corpus (the range is only its brush): made again when the corpus, the
  // entities or the selection change, not at every step of the range.
  const auto sel_pair = explorer_.selected_pair();
  const uint64_t timeline_key[6] = {explorer_.notice_id(), explorer_.rules_revision(),
                                    explorer_.selected(),  sel_pair.first,
                                    sel_pair.second,       explorer_.corpus().size()};
  if (!std::equal(timeline_key, timeline_key + 6, ui_.timeline_key)) {
    std::copy(timeline_key, timeline_key + 6, ui_.timeline_key);
    ui_.timeline = timeline(explorer_);
    // What the entities' series depend on: the buckets, the corpus and the entities (not the range).
    const Timeline& t = ui_.timeline;
    const uint64_t shape = (static_cast<uint64_t>(t.unit) * 1000003u + t.starts.size()) * 1000003u +
                           static_cast<uint64_t>(t.starts.empty() ? 0 : t.starts.front()) +
                           (explorer_.notice_id() << 40) + (explorer_.rules_revision() << 20);
    if (shape != ui_.timeline_shape_key) {
      ui_.timeline_shape_key = shape;
      ++ui_.timeline_shape;
    }
  }
  global_keys(explorer_, ui_);
  const float top = top_bar_height();
  draw_top_bar(explorer_, ui_, 0, 0, width, top);
  const float tl = explorer_.corpus().dated ? timeline_height() : 0.0f;
  if (tl > 0) draw_timeline(explorer_, ui_, 0, top, width, tl);
  // Left column (articles | entities), network, reader; the network takes what the two text columns leave.
  const float y = top + tl;
  const float h = height - y;
  // An empty reader takes a fifth of the width, an open one a third; the left column the more room then.
  // Widths the user set by dragging a splitter (fractions of the width) win over these.
  const bool reading = explorer_.open_article_index() < explorer_.corpus().size();
  float list_w = std::floor(std::max(300.0f, width * (reading ? 0.28f : 0.33f)));
  float reader_w = std::floor(reading ? std::max(320.0f, width * 0.32f) : std::max(240.0f, width * 0.2f));
  if (ui_.list_frac > 0) list_w = std::floor(std::clamp(ui_.list_frac * width, 200.0f, width * 0.6f));
  if (ui_.reader_frac > 0) reader_w = std::floor(std::clamp(ui_.reader_frac * width, 200.0f, width * 0.6f));
  if (width - list_w - reader_w < 200 && width >= 600) reader_w = std::max(200.0f, width - list_w - 200);
  // A folded column is a narrow strip with a button that unfolds it.
  const float strip = std::round(ImGui::GetFontSize() * 2.0f);
  if (ui_.left_collapsed) list_w = strip;
  if (ui_.reader_collapsed) reader_w = strip;
  const float graph_w = std::max(0.0f, width - list_w - reader_w);
  if (ui_.graph_fullscreen) {
    draw_graph(explorer_, ui_, 0, y, width, h);
  } else {
    if (ui_.left_collapsed)
      draw_strip(ui_, "##left_strip", "»", "unfold the articles and entities", 0, y, list_w, h, ui_.left_collapsed);
    else draw_left_column(explorer_, ui_, 0, y, list_w, h);
    if (graph_w >= 200) {
      draw_graph(explorer_, ui_, list_w, y, graph_w, h);
      if (ui_.reader_collapsed)
        draw_strip(ui_, "##reader_strip", "«", "unfold the reader", list_w + graph_w, y, width - list_w - graph_w, h,
                   ui_.reader_collapsed);
      else draw_reader(explorer_, ui_, list_w + graph_w, y, width - list_w - graph_w, h);
      // Splitters between the columns: drag to resize (the widths are kept while the page is open).
      if (!ui_.left_collapsed) draw_splitter(ui_, "##split_left", list_w, y, h, width, false);
      if (!ui_.reader_collapsed) draw_splitter(ui_, "##split_right", list_w + graph_w, y, h, width, true);
    } else {
      draw_reader(explorer_, ui_, list_w, y, width - list_w, h);
    }
  }
  if (ui_.help_open) draw_help(ui_, width, height);
  if (ui_.about_open) draw_about(explorer_, ui_, width, height);
}

void begin_overlay_window(const char* title, bool* open, float width, float height, float max_w, float max_h) {
  const float w = std::min(width - 40, max_w), h = std::min(height - 40, max_h);
  ImGui::SetNextWindowPos(ImVec2((width - w) / 2, (height - h) / 2));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ImGui::SetNextWindowFocus();
  ImGui::Begin(title, open,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
}

void begin_panel(const char* name, float x, float y, float w, float h, int extra_flags) {
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  ImGui::Begin(name, nullptr, kPanel | extra_flags);
}

void record_control(UiState& ui, const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.controls.push_back({name, a.x, a.y, b.x - a.x, b.y - a.y});
}

nlohmann::json App::state() const {
  nlohmann::json s = explorer_.state();
  if (ImGui::GetCurrentContext()) {  // what the last frame handed to the renderer
    s["frame"]["vertices"] = ImGui::GetIO().MetricsRenderVertices;
    s["frame"]["indices"] = ImGui::GetIO().MetricsRenderIndices;
  }
  // How the network is drawn: its own WebGL2 shaders, or Dear ImGui primitives when they did not build.
  s["frame"]["network_renderer"] = ui_.draw_graph_batch ? "webgl2" : "imgui";
  auto rects = [](const std::vector<RowRect>& v) {
    nlohmann::json out = nlohmann::json::array();
    for (const RowRect& r : v) out.push_back({{"id", r.id}, {"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}});
    return out;
  };
  nlohmann::json nodes = nlohmann::json::array();
  for (const NodeOnScreen& n : ui_.nodes)
    if (n.entity < explorer_.entities().entities.size())  // (a correction may have renumbered them since)
      nodes.push_back({{"name", explorer_.entities().entities[n.entity].name}, {"x", n.x}, {"y", n.y}, {"r", n.r}});
  nlohmann::json controls = nlohmann::json::object();
  for (const RowRect& r : ui_.controls) controls[r.id] = {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
  const Timeline& t = ui_.timeline;
  s["hash"] = view_hash(explorer_);
  s["ui"] = {{"rows", rects(ui_.rows)},
             {"entities", rects(ui_.entity_rects)},
             {"mentions", rects(ui_.mention_rects)},
             {"search_marks", rects(ui_.search_mark_rects)},
             {"evidence", rects(ui_.evidence_rects)},
             {"reader_target", explorer_.reader_target().field < 0
                                   ? nlohmann::json(nullptr)
                                   : nlohmann::json({explorer_.reader_target().field, explorer_.reader_target().begin,
                                                     explorer_.reader_target().end})},
             {"controls", controls},
             {"nodes", nodes},
             {"graph_rect", {ui_.graph_rect[0], ui_.graph_rect[1], ui_.graph_rect[2], ui_.graph_rect[3]}},
             {"reader_rect", {ui_.reader_rect[0], ui_.reader_rect[1], ui_.reader_rect[2], ui_.reader_rect[3]}},
             {"fonts_arabic", ui_.fonts.arabic},
             {"fonts_greek_cyrillic", ui_.fonts.greek_cyrillic},
             {"timeline",
              {{"rect", {ui_.timeline_rect[0], ui_.timeline_rect[1], ui_.timeline_rect[2], ui_.timeline_rect[3]}},
               {"unit", bucket_name(t.unit)},
               {"buckets", t.starts.size()},
               {"first", t.starts.empty() ? "" : format_iso(t.starts.front())},
               {"days", t.starts.empty() ? 0 : t.bucket_end(t.starts.size() - 1) - t.starts.front() + 1},
               {"snap", ui_.timeline_snap}}},
             {"tab", ui_.left_tab == 0 ? "articles" : "entities"},
             {"theme", ui_.dark ? "dark" : "light"},
             {"corpus_source", ui_.corpus_source},
             {"about_open", ui_.about_open},
             {"help", ui_.help_open},
             {"find_results", ui_.find_results},
             {"graph_fullscreen", ui_.graph_fullscreen},
             {"network_filter_matches", ui_.network_filter_matches},
             {"hover_link", ui_.hover_link.empty() ? nlohmann::json(nullptr) : nlohmann::json(ui_.hover_link)},
             {"label_budget", ui_.label_budget},
             {"color_by", ui_.color_by_type ? "type" : "community"}};
  return s;
}

}  // namespace ae
