// app.cpp — lays the panels out over the viewport and assembles the state report. Layer: app.
#include "app.h"

#include <imgui.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ae {

void App::draw(float width, float height) {
  ui_.rows.clear();
  ui_.nodes.clear();
  ui_.controls.clear();
  const float top = top_bar_height();
  draw_top_bar(explorer_, ui_, 0, 0, width, top);
  // Article list | network | reader; the network takes what the two text columns leave.
  const float h = height - top;
  const float list_w = std::floor(std::max(300.0f, width * 0.28f));
  const float reader_w = std::floor(std::max(320.0f, width * 0.32f));
  const float graph_w = std::max(0.0f, width - list_w - reader_w);
  draw_article_list(explorer_, ui_, 0, top, list_w, h);
  if (graph_w >= 200) {
    draw_graph(explorer_, ui_, list_w, top, graph_w, h);
    draw_reader(explorer_, ui_, list_w + graph_w, top, width - list_w - graph_w, h);
  } else {
    draw_reader(explorer_, ui_, list_w, top, width - list_w, h);
  }
}

void record_control(UiState& ui, const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ui.controls.push_back({name, a.x, a.y, b.x - a.x, b.y - a.y});
}

nlohmann::json App::state() const {
  nlohmann::json s = explorer_.state();
  nlohmann::json rows = nlohmann::json::array();
  for (const RowRect& r : ui_.rows) rows.push_back({{"id", r.id}, {"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}});
  nlohmann::json nodes = nlohmann::json::array();
  for (const NodeOnScreen& n : ui_.nodes)
    nodes.push_back({{"name", explorer_.entities().entities[n.entity].name}, {"x", n.x}, {"y", n.y}, {"r", n.r}});
  nlohmann::json controls = nlohmann::json::object();
  for (const RowRect& r : ui_.controls) controls[r.id] = {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
  s["ui"] = {{"rows", rows},
             {"controls", controls},
             {"nodes", nodes},
             {"graph_rect", {ui_.graph_rect[0], ui_.graph_rect[1], ui_.graph_rect[2], ui_.graph_rect[3]}}};
  return s;
}

}  // namespace ae
