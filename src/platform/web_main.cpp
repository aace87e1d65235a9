// web_main.cpp — the browser platform layer: WebGL2 context, input from HTML5 events, HiDPI canvas
// sizing, the main loop, and the functions exported to JavaScript (web/explorer.js is the other half).
// Layer: platform (web only). Everything the user sees is decided in src/core and drawn by src/app.
//
// [SECTION] JavaScript glue (EM_JS) and exported functions
// [SECTION] Input: mouse, wheel, keyboard -> Dear ImGui 1.86 IO
// [SECTION] Canvas size, device pixel ratio, fonts
// [SECTION] Main loop
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <malloc.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app.h"
#include "bidi.h"
#include "corrections.h"
#include "export.h"
#include "graph_gl.h"
#include "untrusted.h"
#include "view.h"

namespace {

ae::App* g_app = nullptr;
std::vector<ae::ByteBuffer> g_pending;  // bytes of a corpus being handed over from JavaScript, in pieces
std::string g_pending_name;
std::string g_state;          // last state report (returned to JavaScript by pointer)
bool g_load_notified = true;  // whether JavaScript has been told the running load ended
EMSCRIPTEN_WEBGL_CONTEXT_HANDLE g_gl = 0;
double g_css_w = 0, g_css_h = 0, g_dpr = 0;
// Scripts whose fonts the first view does not carry: the page fetches them for a corpus that needs them.
enum Script { kGreekCyrillic = 0, kArabic = 1, kScripts = 2 };
std::vector<char> g_script_font[kScripts][2];  // per script: regular and bold, handed over by the page
bool g_fonts_dirty = false;                    // rebuild the font atlas before the next frame
bool g_script_requested[kScripts] = {};        // the page was asked for the script's fonts

// Whether s has a Greek or Cyrillic letter (U+0370..U+04FF: lead bytes CD B0.. to D3).
bool has_greek_cyrillic(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i + 1 < s.size(); ++i)
    if ((p[i] >= 0xCE && p[i] <= 0xD3) || (p[i] == 0xCD && p[i + 1] >= 0xB0)) return true;
  return false;
}

// Whether any title, body, source or given entity of the corpus is written in the script (a byte scan).
bool corpus_has(const ae::Corpus& c, Script script) {
  auto has = [&](std::string_view s) { return script == kArabic ? ae::bidi::has_arabic(s) : has_greek_cyrillic(s); };
  for (const ae::Article& a : c.articles) {
    if (has(a.title) || has(a.body) || has(a.source)) return true;
    for (const ae::GivenEntity& g : a.given_entities)
      if (has(g.name)) return true;
  }
  return false;
}

}  // namespace

// -------------------------------------------------------------------------------------------------
// [SECTION] JavaScript glue (EM_JS) and exported functions
// -------------------------------------------------------------------------------------------------

// The EM_JS bodies are JavaScript, not C++: left as written.
// clang-format off
// Tells web/explorer.js that a load finished (ok = 1) or failed (ok = 0).
EM_JS(void, ae_js_load_finished, (int ok), {
  if (Module.onLoadFinished) Module.onLoadFinished(ok !== 0);
});

// Reports a problem that stops the app from running at all; the page shows it.
EM_JS(void, ae_js_fatal, (const char* message), {
  if (Module.onFatal) Module.onFatal(UTF8ToString(message));
});

// Shows the mouse cursor Dear ImGui asks for (a CSS cursor name) over the canvas.
EM_JS(void, ae_js_set_cursor, (const char* css), {
  if (Module.canvas) Module.canvas.style.cursor = UTF8ToString(css);
});

// Shows the browser's file picker (web/explorer.js reads the chosen file and loads it).
EM_JS(void, ae_js_open_file, (), {
  if (Module.openFilePicker) Module.openFilePicker();
});

// Downloads an export of the current view (kind: an export_kinds() name or "graph.png").
EM_JS(void, ae_js_save_export, (const char* kind), {
  if (Module.saveExport) Module.saveExport(UTF8ToString(kind));
});

// Opens a web link in a new browser tab (without giving either page a handle on the other). The core
// lets only http(s) links through (web_link()); the browser's own parser checks again here.
EM_JS(void, ae_js_open_url, (const char* url), {
  let u;
  try { u = new URL(UTF8ToString(url)); } catch (e) { return; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
  window.open(u.href, '_blank', 'noopener,noreferrer');
});

// Loads a sample corpus (samples.h) from samples/NAME.jsonl.gz beside the page.
EM_JS(void, ae_js_load_sample, (const char* name), {
  if (Module.loadSample) Module.loadSample(UTF8ToString(name));
});

// Copies the page's address (the view in its hash, the corpus in ?sample= or ?data=) to the clipboard.
EM_JS(void, ae_js_copy_link, (), {
  if (Module.copyLink) Module.copyLink();
});

// Shows the browser's file picker for a rules file (corrections.h); the page hands its text to
// ae_set_rules_json.
EM_JS(void, ae_js_import_rules, (), {
  if (Module.importRules) Module.importRules();
});

// One piece of a snapshot being written (ae_snapshot_stream): copied out at once, the page gathers them.
EM_JS(void, ae_js_snapshot_piece, (const char* data, size_t size), {
  if (Module.snapshotPieces) Module.snapshotPieces.push(HEAPU8.slice(data, data + size));
});

// One piece of a snapshot written a slice at a time (ae_snapshot_slice), gathered in Module.snapshotSlices.
EM_JS(void, ae_js_snapshot_slice, (const char* data, size_t size), {
  if (Module.snapshotSlices) Module.snapshotSlices.push(HEAPU8.slice(data, data + size));
});

// Reopens a corpus this browser keeps (IndexedDB, web/explorer.js), or forgets one ("" forgets all).
EM_JS(void, ae_js_open_kept, (const char* name), {
  if (Module.openKept) Module.openKept(UTF8ToString(name));
});
EM_JS(void, ae_js_forget_kept, (const char* name), {
  if (Module.forgetKept) Module.forgetKept(UTF8ToString(name));
});

// Asks the page for a script's fonts (0 Greek and Cyrillic, 1 Arabic: fonts/ beside it, fetched only for a
// corpus written in it); it hands each one to ae_font_buffer and then calls ae_font_ready.
EM_JS(void, ae_js_need_fonts, (int script), {
  if (Module.loadScriptFonts) Module.loadScriptFonts(script);
});

// Whether a field of the canvas is being edited: the page then keeps its hidden text area focused, which
// receives text from input methods (ae_text_input).
EM_JS(void, ae_js_want_text, (int on), {
  if (Module.wantText) Module.wantText(on !== 0);
});

// Tells the page that the view (what the URL hash holds) or the corrections changed: it writes the
// address and saves the corrections then, instead of asking for the whole state on a timer.
EM_JS(void, ae_js_view_changed, (const char* hash, int rules_revision, int rules_edits), {
  if (Module.onViewChanged) Module.onViewChanged(UTF8ToString(hash), rules_revision, rules_edits);
});

// Whether the browser prefers a dark colour scheme.
EM_JS(int, ae_js_prefers_dark, (), {
  return (window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches) ? 0 : 1;
});
// clang-format on

extern "C" {

// A piece of `size` bytes more for the corpus being handed over (of `total` bytes in all), and where
// JavaScript writes it; null (with a message, the pieces dropped) when the memory cannot be had.
EMSCRIPTEN_KEEPALIVE char* ae_load_piece(size_t size, size_t total) {
  ae::ByteBuffer piece = ae::ByteBuffer::try_allocate(size);
  if (size && piece.empty()) {
    // More than the page's memory can hold: say so; the corpus loaded before stays.
    g_pending.clear();
    char mb[32];
    std::snprintf(mb, sizeof mb, "%.0f", static_cast<double>(total) / 1e6);
    g_app->explorer().report_error("Could not load '" + g_pending_name + "': it is " + mb +
                                   " MB, more than this page can hold in memory. Nothing was changed; split the "
                                   "corpus, or use the command-line tool.");
    return nullptr;
  }
  g_pending.push_back(std::move(piece));
  return g_pending.back().data();
}

// Reserves `size` bytes for a corpus named `name` and returns where JavaScript writes them. A large JSON
// Lines file comes in pieces that end at line ends (this, then ae_load_piece for each further piece), so
// that no block of the whole size is needed in a heap a corpus loaded before has left in pieces.
EMSCRIPTEN_KEEPALIVE char* ae_load_buffer(size_t size, const char* name) {
  g_pending.clear();  // the previous hand-over's bytes first, then the new block
  g_pending_name = name ? name : "corpus";
  return ae_load_piece(size, size);
}

// Reserves `size` bytes for a script's font (bold 0: regular, 1: bold) and returns where JavaScript writes
// them; ae_font_ready() then adds the fonts to the next frame's atlas.
EMSCRIPTEN_KEEPALIVE char* ae_font_buffer(int script, int bold, size_t size) {
  if (script < 0 || script >= kScripts || bold < 0 || bold > 1 || size > (8u << 20)) return nullptr;
  g_script_font[script][bold].assign(size, 0);
  return g_script_font[script][bold].data();
}
EMSCRIPTEN_KEEPALIVE void ae_font_ready() { g_fonts_dirty = true; }

// Releases the loaded corpus before a replacement (the page holds its snapshot; Explorer::set_aside).
EMSCRIPTEN_KEEPALIVE void ae_set_aside() { g_app->explorer().set_aside(); }
// The next load reopens the corpus set aside (its notice stays that of the failed or cancelled load).
EMSCRIPTEN_KEEPALIVE void ae_restoring() { g_app->explorer().restoring(); }

// Text typed through an input method (or inserted) into the field being edited.
EMSCRIPTEN_KEEPALIVE void ae_text_input(const char* utf8) {
  if (utf8) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

// Starts reading the bytes written after ae_load_buffer; the load advances in slices per frame.
EMSCRIPTEN_KEEPALIVE void ae_load_commit() {
  g_app->explorer().begin_load(std::move(g_pending), std::move(g_pending_name));
  g_pending.clear();
  g_load_notified = false;
}

// Replaces the user's corrections with a rules file's (text: JSON; undoable 1 for an imported file, 0 for
// the ones saved in the browser for the corpus just opened). 0 when the text is not a rules file: a
// message says why and nothing changes.
EMSCRIPTEN_KEEPALIVE int ae_set_rules_json(const char* text, int undoable) {
  ae::Rules rules;
  std::string error;
  if (!ae::parse_rules(text ? text : "", rules, error)) {
    g_app->explorer().report_error(std::string(undoable ? "The rules file could not be used: "
                                                        : "The corrections saved for this corpus could not be read "
                                                          "and were set aside: ") +
                                   error + ".");
    return 0;
  }
  g_app->explorer().set_rules(std::move(rules), undoable != 0);
  return 1;
}

// Where the corpus just loaded came from ("demo", "sample", "url", "file", "text"), told by the page.
EMSCRIPTEN_KEEPALIVE void ae_set_corpus_source(const char* source) {
  g_app->ui().corpus_source = source ? source : "text";
}

// The corpora the page keeps in this browser, newest first: a JSON array of {name, bytes, saved}
// (web/explorer.js reads them from IndexedDB). Untrusted like all stored data: malformed entries are
// left out, names are cleaned of control characters.
EMSCRIPTEN_KEEPALIVE void ae_set_kept(const char* json) {
  std::vector<ae::UiState::KeptCorpus> kept;
  const nlohmann::json j = nlohmann::json::parse(json ? json : "", nullptr, false);
  if (j.is_array())
    for (const nlohmann::json& e : j) {
      if (!e.is_object() || !e.contains("name") || !e["name"].is_string()) continue;
      ae::UiState::KeptCorpus k;
      k.name = ae::printable_utf8(e["name"].get<std::string>());
      if (e.contains("bytes") && e["bytes"].is_number_unsigned()) k.bytes = e["bytes"].get<size_t>();
      if (e.contains("saved") && e["saved"].is_string()) k.saved = ae::printable_utf8(e["saved"].get<std::string>());
      kept.push_back(std::move(k));
      if (kept.size() >= 16) break;
    }
  g_app->ui().kept = std::move(kept);
}

// The state report as JSON text. The pointer is valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* ae_state_json() {
  nlohmann::json s = g_app->state();
  // heap_bytes: the WebAssembly memory (it only grows, so it is the peak); used_bytes: allocated now.
  s["memory"] = {{"heap_bytes", emscripten_get_heap_size()}, {"used_bytes", mallinfo().uordblks}};
  g_state = s.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_state.c_str();
}

// Sets the search text of the article list ("" clears).
EMSCRIPTEN_KEEPALIVE void ae_set_search(const char* text) { g_app->explorer().set_search(text ? text : ""); }

// Applies a view hash (see src/core/view.h); returns what could not be applied ("" when all did). The
// pointer is valid until the next call.
std::string g_hash_problems;
EMSCRIPTEN_KEEPALIVE const char* ae_apply_hash(const char* hash) {
  ae::apply_view_hash(g_app->explorer(), hash ? hash : "", g_hash_problems);
  if (!g_hash_problems.empty())
    g_app->explorer().report_error("The link's view could not be restored entirely: " + g_hash_problems);
  return g_hash_problems.c_str();
}

// Stops the running load; the corpus loaded before stays.
EMSCRIPTEN_KEEPALIVE void ae_cancel_load() { g_app->explorer().cancel_load(); }

// An export of the current view (see src/core/view.h) as text; its size in bytes via ae_export_size().
// Null for an unknown kind. Valid until the next call.
std::string g_export;
EMSCRIPTEN_KEEPALIVE const char* ae_export(const char* kind) {
  if (!ae::export_view(g_app->explorer(), kind ? kind : "", g_export)) return nullptr;
  return g_export.data();
}
EMSCRIPTEN_KEEPALIVE size_t ae_export_size() { return g_export.size(); }

// The loaded corpus as a snapshot (snapshot.h), handed to the page in pieces of about 1 MB through
// Module.snapshotPieces, so that it never sits whole in the module's memory. Returns its size.
EMSCRIPTEN_KEEPALIVE size_t ae_snapshot_stream() {
  size_t total = 0;
  if (!g_app->explorer().corpus().size()) return 0;
  g_app->explorer().snapshot([&](const char* data, size_t size) {
    total += size;
    ae_js_snapshot_piece(data, size);
  });
  return total;
}

// The same a slice at a time (keeping a corpus in the browser without stopping the page): begin != 0
// starts it, then each call writes for about budget_ms into Module.snapshotSlices. Returns 0 while there
// is more, 1 when written whole, -1 when abandoned (the corpus or its entities changed in between), -2
// when there is nothing to write.
EMSCRIPTEN_KEEPALIVE int ae_snapshot_slice(int begin, double budget_ms) {
  ae::Explorer& ex = g_app->explorer();
  if (begin) {
    if (!ex.corpus().size()) return -2;
    ex.begin_snapshot([](const char* data, size_t size) { ae_js_snapshot_slice(data, size); });
  }
  switch (ex.snapshot_step(budget_ms)) {
    case ae::Explorer::SnapshotStep::More: return 0;
    case ae::Explorer::SnapshotStep::Done: return 1;
    case ae::Explorer::SnapshotStep::Abandoned: return -1;
    default: return -2;
  }
}

// Sets the date filter from two dates (ISO or news forms). Returns 0 and reports an error when either
// is not a date.
EMSCRIPTEN_KEEPALIVE int ae_set_range(const char* from, const char* to) {
  const ae::Day f = ae::parse_date(from ? from : ""), t = ae::parse_date(to ? to : "");
  if (f == ae::kUndated || t == ae::kUndated) {
    g_app->explorer().report_error(std::string("setRange: '") + (f == ae::kUndated ? from : to) +
                                   "' is not a date (use YYYY-MM-DD)");
    return 0;
  }
  g_app->explorer().set_range(f, t);
  return 1;
}

// Sets the comparison's baseline A from two dates; two empty strings end the comparison. Returns 0 and
// reports an error when either is not a date.
EMSCRIPTEN_KEEPALIVE int ae_set_baseline(const char* from, const char* to) {
  ae::Explorer& ex = g_app->explorer();
  if ((!from || !*from) && (!to || !*to)) {
    ex.set_baseline(ae::kUndated, ae::kUndated);
    return 1;
  }
  const ae::Day f = ae::parse_date(from ? from : ""), t = ae::parse_date(to ? to : "");
  if (f == ae::kUndated || t == ae::kUndated) {
    ex.report_error(std::string("setBaseline: '") + (f == ae::kUndated ? (from ? from : "") : (to ? to : "")) +
                    "' is not a date (use YYYY-MM-DD)");
    return 0;
  }
  ex.set_baseline(f, t);
  return 1;
}

// Shows a message to the user (e.g. a failed download) and records it in the state's errors.
EMSCRIPTEN_KEEPALIVE void ae_report_error(const char* message) {
  g_app->explorer().report_error(message ? message : "");
}

// Selects the entity with this canonical name ("" clears the selection). Returns 0 when unknown.
EMSCRIPTEN_KEEPALIVE int ae_select(const char* name) {
  ae::Explorer& ex = g_app->explorer();
  if (!name || !*name) {
    ex.select(SIZE_MAX);
    return 1;
  }
  const size_t e = ex.find_entity(name);
  if (e == SIZE_MAX) {
    ex.report_error(std::string("select: no entity is named '") + name + "'");
    return 0;
  }
  ex.select(e);
  return 1;
}

// Selects the link between two entities (canonical names); "" for either clears. 0 when unknown.
EMSCRIPTEN_KEEPALIVE int ae_select_pair(const char* a, const char* b) {
  ae::Explorer& ex = g_app->explorer();
  if (!a || !*a || !b || !*b) {
    ex.select(SIZE_MAX);
    return 1;
  }
  const size_t ea = ex.find_entity(a), eb = ex.find_entity(b);
  if (ea == SIZE_MAX || eb == SIZE_MAX) {
    ex.report_error(std::string("selectEdge: no entity is named '") + (ea == SIZE_MAX ? a : b) + "'");
    return 0;
  }
  ex.select_pair(ea, eb);
  return 1;
}

// Sets the network's scope ("document"/"sentence"), measure ("count"/"npmi"/"jaccard"), minimum count
// and top N. Returns 0 and reports an error for an unknown scope or measure.
EMSCRIPTEN_KEEPALIVE int ae_set_network(const char* scope, const char* measure, int min_count, int top_n) {
  ae::Explorer& ex = g_app->explorer();
  ae::Scope s;
  ae::Measure m;
  if (!ae::parse_scope(scope ? scope : "", s) || !ae::parse_measure(measure ? measure : "", m)) {
    ex.report_error("setNetwork: scope is document or sentence; measure is count, npmi or jaccard");
    return 0;
  }
  ex.set_network(s, m, static_cast<uint32_t>(std::max(1, min_count)), static_cast<size_t>(std::max(0, top_n)));
  return 1;
}

// Opens the article with this id in the reader ("" closes it). Returns 0 when no article has the id.
EMSCRIPTEN_KEEPALIVE int ae_open_article(const char* id) {
  ae::Explorer& ex = g_app->explorer();
  if (!id || !*id) {
    ex.open_article(SIZE_MAX);
    return 1;
  }
  const size_t index = ex.corpus().find_id(id);
  if (index == SIZE_MAX) {
    ex.report_error(std::string("openArticle: no article has the id '") + id + "'");
    return 0;
  }
  ex.open_article(index);
  return 1;
}

}  // extern "C"

// -------------------------------------------------------------------------------------------------
// [SECTION] Input
// -------------------------------------------------------------------------------------------------

namespace {

// Dear ImGui 1.86 reads button and key states once per frame, so a press and release that arrive
// between two frames (a quick click, or automation) would be lost. A release is therefore held back
// until a frame has seen the press.
bool g_mouse_unseen_press[5] = {};
bool g_mouse_held_release[5] = {};
bool g_key_unseen_press[512] = {};
bool g_key_held_release[512] = {};

int mouse_button(unsigned short b) { return b == 0 ? 0 : b == 2 ? 1 : b == 1 ? 2 : -1; }

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(static_cast<float>(e->clientX), static_cast<float>(e->clientY));
  const int b = mouse_button(e->button);
  if (type == EMSCRIPTEN_EVENT_MOUSEDOWN && b >= 0) {
    io.MouseDown[b] = true;
    g_mouse_unseen_press[b] = true;
    g_mouse_held_release[b] = false;
  }
  if (type == EMSCRIPTEN_EVENT_MOUSEUP && b >= 0) {
    if (g_mouse_unseen_press[b]) g_mouse_held_release[b] = true;
    else io.MouseDown[b] = false;
  }
  return type != EMSCRIPTEN_EVENT_MOUSEMOVE;
}

// After NewFrame has read the input: the presses are seen.
void input_frame_done() {
  for (bool& b : g_mouse_unseen_press) b = false;
  for (bool& k : g_key_unseen_press) k = false;
}

// Before the next NewFrame: releases held back for a seen press now apply, so the frame that saw the
// press ends with the button still down and the following one sees it go up.
void input_before_frame() {
  ImGuiIO& io = ImGui::GetIO();
  for (int b = 0; b < 5; ++b)
    if (g_mouse_held_release[b] && !g_mouse_unseen_press[b]) io.MouseDown[b] = g_mouse_held_release[b] = false;
  for (int k = 0; k < 512; ++k)
    if (g_key_held_release[k] && !g_key_unseen_press[k]) io.KeysDown[k] = g_key_held_release[k] = false;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  // Pixels (mode 0) at ~100 per notch, lines (1) at ~3 per notch, pages (2).
  const double unit = e->deltaMode == DOM_DELTA_PIXEL ? 100.0 : e->deltaMode == DOM_DELTA_LINE ? 3.0 : 1.0;
  io.MouseWheel -= static_cast<float>(e->deltaY / unit);
  io.MouseWheelH -= static_cast<float>(e->deltaX / unit);
  return EM_TRUE;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  if (e->keyCode < 512) {
    if (down) {
      io.KeysDown[e->keyCode] = true;
      g_key_unseen_press[e->keyCode] = true;
      g_key_held_release[e->keyCode] = false;
    } else if (g_key_unseen_press[e->keyCode]) {
      g_key_held_release[e->keyCode] = true;
    } else {
      io.KeysDown[e->keyCode] = false;
    }
  }
  io.KeyCtrl = e->ctrlKey;
  io.KeyShift = e->shiftKey;
  io.KeyAlt = e->altKey;
  io.KeySuper = e->metaKey;
  // Printable characters arrive as the event's key text (one code point).
  if (down && !e->ctrlKey && !e->metaKey) {
    const unsigned char c0 = static_cast<unsigned char>(e->key[0]);
    const size_t len = std::strlen(e->key);
    const size_t cp_len = c0 < 0x80 ? 1 : c0 < 0xE0 ? 2 : c0 < 0xF0 ? 3 : 4;
    if (len > 0 && len == cp_len && c0 >= 0x20) io.AddInputCharactersUTF8(e->key);
  }
  // An input method at work (key "Process"): its text comes through the page's text area, keep it going.
  if (e->keyCode == 229) return EM_FALSE;
  // Keep the browser's own keys (reload, zoom, devtools) unless a text field has focus.
  if (!io.WantCaptureKeyboard && !io.WantTextInput) return EM_FALSE;
  if (e->ctrlKey || e->metaKey) {
    const char k = static_cast<char>(e->keyCode);
    return k == 'A' || k == 'C' || k == 'V' || k == 'X' || k == 'Z' || k == 'Y';
  }
  return e->keyCode != 116 && e->keyCode != 123;  // F5, F12 stay with the browser
}

void install_input() {
  ImGuiIO& io = ImGui::GetIO();
  const int map[][2] = {
      {ImGuiKey_Tab, 9},        {ImGuiKey_LeftArrow, 37}, {ImGuiKey_RightArrow, 39}, {ImGuiKey_UpArrow, 38},
      {ImGuiKey_DownArrow, 40}, {ImGuiKey_PageUp, 33},    {ImGuiKey_PageDown, 34},   {ImGuiKey_Home, 36},
      {ImGuiKey_End, 35},       {ImGuiKey_Insert, 45},    {ImGuiKey_Delete, 46},     {ImGuiKey_Backspace, 8},
      {ImGuiKey_Space, 32},     {ImGuiKey_Enter, 13},     {ImGuiKey_Escape, 27},     {ImGuiKey_KeyPadEnter, 13},
      {ImGuiKey_A, 65},         {ImGuiKey_C, 67},         {ImGuiKey_V, 86},          {ImGuiKey_X, 88},
      {ImGuiKey_Y, 89},         {ImGuiKey_Z, 90}};
  for (const auto& m : map) io.KeyMap[m[0]] = m[1];
  const char* canvas = "#canvas";
  emscripten_set_mousedown_callback(canvas, nullptr, EM_TRUE, on_mouse);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_mouse);
  emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_mouse);
  emscripten_set_wheel_callback(canvas, nullptr, EM_TRUE, on_wheel);
  // The browser's own double-click: at a few frames a second Dear ImGui's timing of two presses misses it.
  emscripten_set_dblclick_callback(canvas, nullptr, EM_TRUE, [](int, const EmscriptenMouseEvent* e, void*) -> EM_BOOL {
    ImGui::GetIO().MousePos = ImVec2(static_cast<float>(e->clientX), static_cast<float>(e->clientY));
    if (g_app) g_app->ui().double_click_pending = true;
    return EM_TRUE;
  });
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_key);
  emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_key);
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Canvas size, device pixel ratio, fonts
// -------------------------------------------------------------------------------------------------

// The characters of the embedded fonts (tools/subset_fonts.sh cuts them to these ranges): Latin,
// Δ (the comparison's change column), punctuation, currency, letter-like symbols, arrows, shapes, and the
// theme button's sun and moon.
const ImWchar kGlyphRanges[] = {0x0020, 0x024F, 0x0394, 0x0394, 0x1E00, 0x1EFF, 0x2000, 0x206F,
                                0x20A0, 0x20CF, 0x2100, 0x214F, 0x2190, 0x21FF, 0x25A0, 0x25FF,
                                0x2600, 0x2600, 0x263E, 0x263E, 0xFFFD, 0xFFFD, 0};

// The characters of the fonts fetched only for a corpus written in their script (tools/subset_fonts.sh cuts
// them to these ranges): Greek and Cyrillic; Arabic and its presentation forms (what src/bidi shapes to).
const ImWchar kScriptRanges[kScripts][7] = {{0x0370, 0x03FF, 0x0400, 0x04FF, 0},
                                            {0x0600, 0x06FF, 0xFB50, 0xFDFF, 0xFE70, 0xFEFF, 0}};

// Adds the script fonts the page has handed over into the font added just before (bold: which of the two).
void merge_script_fonts(int bold, float px, const ImFontConfig& base) {
  for (int s = 0; s < kScripts; ++s) {
    std::vector<char>& bytes = g_script_font[s][bold];
    if (bytes.empty()) continue;
    ImFontConfig cfg = base;
    cfg.MergeMode = true;
    cfg.FontDataOwnedByAtlas = false;  // the bytes stay in g_script_font
    ImGui::GetIO().Fonts->AddFontFromMemoryTTF(bytes.data(), static_cast<int>(bytes.size()), px, &cfg,
                                               kScriptRanges[s]);
  }
}

// Rasterises the fonts at the device pixel ratio, so text is crisp on HiDPI screens.
void build_fonts(float dpr) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  const float size = std::round(15.0f * dpr), bold_size = std::round(16.5f * dpr);
  ae::Fonts& fonts = g_app->ui().fonts;
  fonts.regular = io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans.ttf", size, &cfg, kGlyphRanges);
  if (fonts.regular) merge_script_fonts(0, size, cfg);
  fonts.bold = io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans-Bold.ttf", bold_size, &cfg, kGlyphRanges);
  if (fonts.bold) merge_script_fonts(1, bold_size, cfg);
  ae::text_fonts_changed();
  fonts.arabic = !g_script_font[kArabic][0].empty();
  fonts.greek_cyrillic = !g_script_font[kGreekCyrillic][0].empty();
  if (!fonts.regular) fonts.regular = io.Fonts->AddFontDefault();
  io.FontGlobalScale = 1.0f / dpr;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

// Follows the canvas's CSS size and the device pixel ratio; resizes the drawing buffer to match.
void sync_canvas_size() {
  double w = 0, h = 0;
  emscripten_get_element_css_size("#canvas", &w, &h);
  const double dpr = std::max(0.5, std::min(4.0, emscripten_get_device_pixel_ratio()));
  if (dpr != g_dpr || g_fonts_dirty) {
    g_fonts_dirty = false;
    build_fonts(static_cast<float>(dpr));
  }
  if (w != g_css_w || h != g_css_h || dpr != g_dpr) {
    emscripten_set_canvas_element_size("#canvas", static_cast<int>(std::lround(w * dpr)),
                                       static_cast<int>(std::lround(h * dpr)));
  }
  g_css_w = w;
  g_css_h = h;
  g_dpr = dpr;
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  io.DisplayFramebufferScale = ImVec2(static_cast<float>(dpr), static_cast<float>(dpr));
}

// The gazetteer, word list and tagger weights are embedded in the module (/data/...) at build time.
void load_gazetteer() {
  std::string error;
  auto gaz = std::make_shared<ae::Gazetteer>();
  if (!ae::load_language_files("/data", *gaz, error)) {
    g_app->explorer().report_error("The language data could not be read; entities are not extracted. " + error);
    return;
  }
  g_app->explorer().set_gazetteer(std::move(gaz));
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Main loop
// -------------------------------------------------------------------------------------------------

void update_cursor() {
  static int shown = -2;
  const int c = ImGui::GetMouseCursor();
  if (c == shown) return;
  shown = c;
  static const char* const kCss[] = {"default",     "text",        "move",    "ns-resize",  "ew-resize",
                                     "nesw-resize", "nwse-resize", "pointer", "not-allowed"};
  ae_js_set_cursor(c >= 0 && c < static_cast<int>(sizeof kCss / sizeof kCss[0]) ? kCss[c] : "none");
}

constexpr double kLayoutMsPerFrame = 4.0;  // layout iterations per frame until it settles

// After a frame: the page is told when the view hash or the corrections changed (not while loading).
void notify_view_change(const ae::Explorer& ex) {
  static std::string hash;
  static uint64_t rules_revision = ~0ull;
  if (ex.loading()) return;
  std::string now = ae::view_hash(ex);
  if (now == hash && ex.rules_revision() == rules_revision) return;
  hash = std::move(now);
  rules_revision = ex.rules_revision();
  ae_js_view_changed(hash.c_str(), static_cast<int>(rules_revision), static_cast<int>(ex.rules().edits.size()));
}

void frame() {
  const double t0 = emscripten_get_now();
  ae::Explorer& ex = g_app->explorer();
  if (ex.loading()) ex.load_frame();  // work sized to fill most of the frame (core/pacer.h)
  else ex.layout_step(kLayoutMsPerFrame);
  const double t_work = emscripten_get_now();
  if (!ex.loading() && !g_load_notified) {
    g_load_notified = true;
    ae_js_load_finished(ex.last_load().outcome == "loaded" ? 1 : 0);
    for (int s = 0; s < kScripts; ++s)
      if (!g_script_requested[s] && corpus_has(ex.corpus(), static_cast<Script>(s))) {
        g_script_requested[s] = true;  // once per page: the fonts stay for any later corpus
        ae_js_need_fonts(s);
      }
  }
  sync_canvas_size();
  ImGuiIO& io = ImGui::GetIO();
  static double last = t0;
  io.DeltaTime = static_cast<float>(std::max(1e-4, (t0 - last) / 1000.0));
  last = t0;
  ImGui_ImplOpenGL3_NewFrame();
  input_before_frame();
  ImGui::NewFrame();
  input_frame_done();
  g_app->draw(io.DisplaySize.x, io.DisplaySize.y);
  ImGui::Render();
  const double t_ui = emscripten_get_now();
  int fb_w = 0, fb_h = 0;
  emscripten_get_canvas_element_size("#canvas", &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  float bg[3];
  ae::theme_clear_color(g_app->ui().dark, bg);
  glClearColor(bg[0], bg[1], bg[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  update_cursor();
  notify_view_change(ex);
  static bool wanted_text = false;
  if (io.WantTextInput || wanted_text) ae_js_want_text(io.WantTextInput ? 1 : 0);
  wanted_text = io.WantTextInput;
  const double t_end = emscripten_get_now();
  ae::FrameTimes& ft = ex.frames();
  ft.total.add(t_end - t0);
  ft.work.add(t_work - t0);
  ft.ui.add(t_ui - t_work);
  ft.render.add(t_end - t_ui);
}

}  // namespace

int main() {
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = EM_FALSE;
  attrs.antialias = EM_FALSE;
  attrs.preserveDrawingBuffer = EM_TRUE;  // screenshots and PNG export read the canvas
  g_gl = emscripten_webgl_create_context("#canvas", &attrs);
  if (g_gl <= 0) {
    ae_js_fatal("WebGL2 is not available in this browser, so Article Explorer cannot draw.");
    return 1;
  }
  emscripten_webgl_make_context_current(g_gl);

  g_app = new ae::App();
  g_app->ui().open_file = [] { ae_js_open_file(); };
  g_app->ui().save_export = [](const std::string& kind) { ae_js_save_export(kind.c_str()); };
  g_app->ui().load_sample = [](const std::string& name) { ae_js_load_sample(name.c_str()); };
  g_app->ui().open_kept = [](const std::string& name) { ae_js_open_kept(name.c_str()); };
  g_app->ui().forget_kept = [](const std::string& name) { ae_js_forget_kept(name.c_str()); };
  g_app->ui().copy_link = [] { ae_js_copy_link(); };
  g_app->ui().import_rules = [] { ae_js_import_rules(); };
  g_app->ui().open_url = [](const std::string& url) {
    const std::string link = ae::web_link(url);  // whoever asks, only web links open
    if (!link.empty()) ae_js_open_url(link.c_str());
  };
  if (ae::graph_gl_init()) g_app->ui().draw_graph_batch = ae::add_graph_batch_draw;
  g_app->ui().dark = ae_js_prefers_dark() != 0;
  load_gazetteer();
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  // Keyboard navigation: arrows move through the rows of the focused list or table, Enter opens.
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.BackendPlatformName = "article_explorer_web";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  ImGui_ImplOpenGL3_Init("#version 300 es");
  install_input();
  sync_canvas_size();
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
