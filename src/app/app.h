// app.h — the explorer's UI: reads the core session and draws the panels, one file per panel.
// Layer: app (core + Dear ImGui; no platform or browser code).
#pragma once
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "explorer.h"
#include "theme.h"
#include "view.h"

struct ImFont;
struct ImDrawList;

namespace ae {

// Screen rectangle of a visible article row, in CSS pixels (for tests that click rows).
struct RowRect {
  std::string id;
  float x, y, w, h;
};

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  bool arabic = false;          // the Arabic-script fonts are merged in (fetched for a corpus with Arabic text)
  bool greek_cyrillic = false;  // the same for Greek and Cyrillic
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

// The network as one record per link and per node for the GPU (drawn by the platform, see
// UiState::draw_graph_batch): positions in layout coordinates and the camera apart, so panning and
// zooming change three numbers and the records are rebuilt only when the layout, the focus or the
// colours change.
struct GraphLinkRecord {
  float ax, ay, bx, by;  // both ends, layout coordinates
  float width;           // CSS pixels
  uint32_t color;        // ImU32 (RGBA bytes)
  float dash;            // dash period in CSS pixels, 0 for a solid line (a link only in the baseline)
};
struct GraphNodeRecord {
  float x, y;              // layout coordinates
  float r;                 // radius, CSS pixels
  float outline_width;     // CSS pixels
  uint32_t fill, outline;  // ImU32
  float shape;             // 0 circle (person), 1 square (organisation), 2 diamond (place); +4 pinned
};
struct GraphBatch {
  std::vector<GraphLinkRecord> links;
  std::vector<GraphNodeRecord> nodes;
  uint64_t generation = 0;           // changes when the records change (the platform re-uploads then)
  float centre_x = 0, centre_y = 0;  // screen point (CSS pixels) where the layout point (cx, cy) is
  float cx = 0, cy = 0, scale = 1;   // pixels per layout unit
};

// UI-only state: what the panels need between frames. Nothing here duplicates the core.
struct UiState {
  GraphView graph;
  std::vector<NodeOnScreen> nodes;                          // graph nodes drawn this frame
  GraphBatch graph_batch;                                   // the network's records when the platform draws them
  uint64_t graph_batch_key[7] = {~0ull, 0, 0, 0, 0, 0, 0};  // what graph_batch was built from
  int network_filter_matches = -1;     // drawn nodes matching the Entities tab's filter (-1: no filter)
  uint64_t evidence_revision = ~0ull;  // the evidence below is of this list revision
  uint64_t hover_link_key = ~0ull;     // the link under the mouse (pair key) and its first sentence
  uint64_t hover_link_revision = ~0ull;
  std::string hover_link_sentence;
  std::vector<std::string> hover_link;  // the link whose tooltip this frame shows: both names, its sentence
  std::vector<Explorer::Evidence> evidence;
  Fonts fonts;
  char from_text[16] = "";  // the typed date bounds, kept while the user edits them
  char to_text[16] = "";
  uint64_t synced_revision = ~0ull;    // range texts follow the core when the core changed
  size_t dismissed_errors = 0;         // errors shown so far and dismissed by the user
  std::vector<RowRect> rows;           // article rows drawn this frame
  std::vector<RowRect> controls;       // named buttons and fields drawn this frame (for tests)
  uint64_t dismissed_notice = 0;       // notice_id() of the notice the user dismissed
  float graph_rect[4] = {0, 0, 0, 0};  // the network panel's canvas area (x, y, w, h), CSS pixels
  bool double_click_pending = false;   // the browser saw a double-click since the last frame (platform)
  bool double_click = false;           // ... seen by this frame's panels, with Dear ImGui's own
  bool graph_fullscreen = false;
  bool left_collapsed = false, reader_collapsed = false;  // columns folded away to a strip
  float list_frac = -1, reader_frac = -1;  // column widths set by the splitters (fractions; -1 default)       // the
                                           // network alone under the top bar and the timeline
  bool color_by_type = false;              // node colour: community (false) or type
  int label_budget = 150;                  // at most this many node labels tried (the densest the view offers)
  char find_text[128] = "";                // the network's find box
  bool find_results_hovered = false;       // its result list was under the mouse last frame
  std::vector<std::string> find_results;   // the matches listed this frame, in order (for tests)

  // Theme and help.
  bool dark = true;                 // dark or light colours (the platform sets the browser's preference)
  bool style_dark_applied = false;  // the theme the ImGui style currently holds
  bool style_applied = false;
  bool help_open = false;

  // Left column: 0 articles, 1 entities; a request to switch (-1: none).
  int left_tab = 0;
  int left_tab_request = -1;
  char search_text[256] = "";
  uint64_t search_synced = ~0ull;  // search_text follows the core when the core's search changed

  // Timeline: cached per corpus, entities and selection; brush drag state.
  uint64_t timeline_key[6] = {~0ull, 0, 0, 0, 0, 0};  // what the timeline below was made from
  Timeline timeline;
  // Brushes: the range B and, when comparing, the baseline A (the A* states).
  enum class Brush { None, Move, Left, Right, New, AMove, ALeft, ARight, ANew } brush = Brush::None;
  Day brush_anchor_day = 0;    // day where a new brush started / offset of a move, in days
  bool timeline_snap = false;  // brushes take whole buckets
  float timeline_rect[4] = {0, 0, 0, 0};

  // Entity table: rows of the range, cached per revision, sorted as the user asked.
  uint64_t entity_revision = ~0ull;
  double entity_rows_time = -1;  // ImGui time the rows were last made
  std::vector<EntityRow> entity_rows;
  std::vector<uint32_t> entity_view;                // indices into entity_rows after filtering and sorting
  int entity_sort_column = 3, entity_sort_dir = 1;  // column user id (panel_entities.cpp); 1 descending
  bool entity_types[3] = {true, true, true};
  char entity_filter[128] = "";
  std::string entity_filter_applied = "\x01";
  std::vector<RowRect> entity_rects;                               // entity rows drawn this frame (id = canonical name)
  uint64_t timeline_shape = 0, timeline_shape_key = 0;             // bumped when the buckets or the corpus change
  uint64_t sparkline_revision = ~0ull;                             // timeline_shape the cached sparklines belong to
  std::unordered_map<uint32_t, std::vector<uint32_t>> sparklines;  // entity -> mentions per timeline bucket

  // Reader: the open_revision() it last scrolled for (to the top, or to the target sentence).
  uint64_t reader_open_seen = ~0ull;
  bool reader_scroll_to_target = false;    // the target sentence is brought into view when next drawn
  std::vector<RowRect> evidence_rects;     // evidence sentences drawn this frame (id = article id)
  float reader_rect[4] = {0, 0, 0, 0};     // the reader panel on screen (x, y, w, h), for the tests
  std::vector<RowRect> mention_rects;      // entity mentions drawn in the reader this frame (id = name)
  std::vector<RowRect> search_mark_rects;  // search matches marked in the reader this frame (id = the text)

  // What the platform layer does for the panels (set by it; empty where there is no such thing).
  std::function<void()> open_file;                           // show the browser's file picker
  std::function<void(const std::string& kind)> save_export;  // export_kinds() or "graph.png": download
  std::function<void(const std::string& url)> open_url;      // opens a link in a new browser tab
  std::function<void(const std::string& name)> load_sample;  // loads a sample corpus (samples.h) by name
  // Corpora the page keeps in this browser (IndexedDB) to reopen at once, newest first; set by the page.
  struct KeptCorpus {
    std::string name, saved;  // saved: YYYY-MM-DD
    size_t bytes = 0;
  };
  std::vector<KeptCorpus> kept;
  std::function<void(const std::string& name)> open_kept;    // reopens a kept corpus
  std::function<void(const std::string& name)> forget_kept;  // forgets one ("": all of them)
  std::function<void()> copy_link;                           // copies the page's address (view and corpus)
  // Where the loaded corpus came from, as the page's address can say it: "demo", "sample", "url" (the
  // address keeps it), "file" or "text" (it cannot). Set by the page after each load.
  std::string corpus_source = "demo";
  bool about_open = false;  // the About window (samples, their sources and terms)
  // Corrections (panel_corrections.cpp): the right-click menu's entity and its text fields.
  std::function<void()> import_rules;  // the browser's file picker for a rules file
  size_t menu_entity = SIZE_MAX;
  char edit_buf[256] = {}, rename_buf[256] = {}, merge_buf[256] = {};
  std::string pattern_for, rename_for;  // the entity the pattern / rename fields were filled for
  uint64_t rules_seen = 0;              // rules revision the entity ids of the caches belong to
  std::string link_message;             // what "Copy link" did, shown beside it for a moment
  double link_message_until = 0;
  // Adds a draw of the batch to the draw list (one GPU pass for the links, one for the nodes); where
  // it is empty the network is drawn with Dear ImGui primitives.
  std::function<void(ImDrawList* list, const GraphBatch* batch)> draw_graph_batch;
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

// Panels (one file each). Each draws inside the rectangle it is given (the article list and the
// entity table inside the current window: they share the left column as tabs).
void draw_top_bar(Explorer& ex, UiState& ui, float x, float y, float w, float h);
void draw_timeline(Explorer& ex, UiState& ui, float x, float y, float w, float h);
void draw_article_list(Explorer& ex, UiState& ui);
void draw_entity_table(Explorer& ex, UiState& ui);
void draw_help(UiState& ui, float width, float height);
void draw_about(Explorer& ex, UiState& ui, float width, float height);
// The right-click menu of an entity (inside an open popup), and the Undo / Redo / corrections bar.
void entity_menu(Explorer& ex, UiState& ui, size_t entity);
void draw_edit_bar(Explorer& ex, UiState& ui);
void draw_reader(Explorer& ex, UiState& ui, float x, float y, float w, float h);
void draw_graph(Explorer& ex, UiState& ui, float x, float y, float w, float h);

// Begins a fixed panel window at (x, y) of size (w, h): not movable, resizable or saved; extra flags
// add to that. Pair with ImGui::End().
void begin_panel(const char* name, float x, float y, float w, float h, int extra_flags = 0);
// Begins a window over the panels, centred, at most max_w x max_h (and 40 px inside the screen), with a
// close box bound to *open (help, about). Pair with ImGui::End().
void begin_overlay_window(const char* title, bool* open, float width, float height, float max_w, float max_h);

// --- Text as drawn (text_draw.cpp): corpus strings with right-to-left characters shaped and reordered
// (src/bidi) before Dear ImGui draws them; other strings pass through. ---
// The visual form of s, valid until the next frame starts (text_frame_start at each frame's start).
const char* shown(const std::string& s);
void text_frame_start();
void text_fonts_changed();  // the font atlas was rebuilt (measured widths are stale)
// TextUnformatted of the visual form.
void text_shown(std::string_view s);
// s wrapped to width (pixels), one paragraph per line break; right-to-left paragraphs aligned right.
void text_wrapped_shown(std::string_view s, float width);
// InputText (with a hint unless hint is null) that shows right-to-left text shaped and in visual order.
bool input_text_shown(const char* label, const char* hint, char* buf, size_t size, int flags = 0);

// Draws text on one line within `width` pixels, ending with an ellipsis when it does not fit (line breaks
// shown as spaces); hovering a cut text shows it whole. color 0: the default text colour. Returns
// whether it was cut.
bool text_ellipsis(std::string_view text, float width, unsigned int color = 0, bool tooltip = true);

// Records the last item drawn as the named control of the state report (ui.controls).
void record_control(UiState& ui, const char* name);

// Colour of an entity type (highlights, legend, graph).
unsigned int entity_color(EntityType t, int alpha);

// A theme colour (theme.h) as Dear ImGui's packed colour; the colours of the theme now applied.
unsigned int theme_color(Rgb c, int alpha);
const ThemeColors& current_theme();

// Colour of the current range B (baseline false) or of the baseline A when comparing two periods:
// the timeline's brushes, the network's new and vanished links, the table's A and B columns.
unsigned int range_color(bool baseline, bool dark, int alpha);

// Height of the top bar and of the timeline for the current font (CSS pixels).
float top_bar_height();
float timeline_height();

// Sets Dear ImGui's colours and sizes for the dark or light theme.
void apply_theme(bool dark);
// Background colour behind the panels for the theme (r, g, b in 0..1).
void theme_clear_color(bool dark, float rgb[3]);

// Stepping the reader (J/K) and the range ([ ]): step_article and step_range of view.h.

}  // namespace ae
