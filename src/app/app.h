// app.h — the explorer's UI: reads the core session and draws the panels, one file per panel.
// Layer: app (core + Dear ImGui; no platform or browser code).
#pragma once
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "explorer.h"

struct ImFont;

namespace ae {

// Screen rectangle of a visible article row, in CSS pixels (for tests that click rows).
struct RowRect {
  std::string id;
  float x, y, w, h;
};

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
};

// A node as drawn in the last frame (CSS pixels), for hit tests and for tests that click nodes.
struct NodeOnScreen {
  uint32_t entity;
  float x, y, r;
};

// The graph view's camera: layout coordinates -> screen.
struct GraphView {
  double cx = 0, cy = 0;   // layout point at the panel's centre
  double scale = 1;        // pixels per layout unit
  bool fit = true;         // fit to the panel on the next frame
  bool follow = true;      // keep fitting while the layout settles, until the user pans or zooms
  int dragging_node = -1;  // index in the layout of a node being dragged
  bool panning = false;
};

// UI-only state: what the panels need between frames. Nothing here duplicates the core.
struct UiState {
  GraphView graph;
  std::vector<NodeOnScreen> nodes;   // graph nodes drawn this frame
  uint64_t evidence_revision = ~0ull;  // the evidence below is of this list revision
  std::vector<Explorer::Evidence> evidence;
  Fonts fonts;
  char from_text[16] = "";   // the typed date bounds, kept while the user edits them
  char to_text[16] = "";
  uint64_t synced_revision = ~0ull;  // range texts follow the core when the core changed
  size_t dismissed_errors = 0;       // errors shown so far and dismissed by the user
  bool scroll_reader_to_top = false;
  std::vector<RowRect> rows;         // article rows drawn this frame
  std::vector<RowRect> controls;     // named buttons and fields drawn this frame (for tests)
  uint64_t dismissed_notice = 0;     // notice_id() of the notice the user dismissed
  float graph_rect[4] = {0, 0, 0, 0};  // the network panel's canvas area (x, y, w, h), CSS pixels

  // What the platform layer does for the panels (set by it; empty where there is no such thing).
  std::function<void()> open_file;                          // show the browser's file picker
  std::function<void(const std::string& kind)> save_export;  // export_kinds() or "graph.png": download
};

class App {
 public:
  Explorer& explorer() { return explorer_; }
  UiState& ui() { return ui_; }
  // Draws one frame of UI for a viewport of the given size (CSS pixels). Call between NewFrame and Render.
  void draw(float width, float height);
  // The state report: the core's plus what only the UI knows (row rectangles).
  nlohmann::json state() const;

 private:
  Explorer explorer_;
  UiState ui_;
};

// Panels (one file each). Each draws inside the rectangle it is given.
void draw_top_bar(Explorer& ex, UiState& ui, float x, float y, float w, float h);
void draw_article_list(Explorer& ex, UiState& ui, float x, float y, float w, float h);
void draw_reader(Explorer& ex, UiState& ui, float x, float y, float w, float h);
void draw_graph(Explorer& ex, UiState& ui, float x, float y, float w, float h);

// Records the last item drawn as the named control of the state report (ui.controls).
void record_control(UiState& ui, const char* name);

// Colour of an entity type (highlights, legend, graph).
unsigned int entity_color(EntityType t, int alpha);

// Height of the top bar for the current font (CSS pixels).
float top_bar_height();

}  // namespace ae
