// app.cpp — lays the panels out over the viewport and assembles the state report. Layer: app.
#include "app.h"

#include <imgui.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ae {

void App::draw(float width, float height) {
  ui_.rows.clear();
  const float top = top_bar_height();
  draw_top_bar(explorer_, ui_, 0, 0, width, top);
  const float list_w = std::max(320.0f, std::floor(width * 0.46f));
  draw_article_list(explorer_, ui_, 0, top, std::min(list_w, width), height - top);
  if (width > list_w) draw_reader(explorer_, ui_, list_w, top, width - list_w, height - top);
}

nlohmann::json App::state() const {
  nlohmann::json s = explorer_.state();
  nlohmann::json rows = nlohmann::json::array();
  for (const RowRect& r : ui_.rows) rows.push_back({{"id", r.id}, {"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}});
  s["ui"] = {{"rows", rows}};
  return s;
}

}  // namespace ae
