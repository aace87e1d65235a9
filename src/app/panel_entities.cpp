// panel_entities.cpp — the entity table of the date range: name, type, articles, mentions, degree, a
// burst score for the range and a sparkline of mentions over the timeline; comparing two periods, the
// counts in A and B, the change, the smoothed ratio and the trend instead. Sortable by any column,
// filtered by type and by name (aliases too).
// A click on a row selects the entity everywhere (network, article list, timeline). Drawn inside the
// left column's "Entities" tab. Virtualised with ImGuiListClipper. Layer: app.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app.h"
#include "imgui_internal.h"
#include "text.h"

namespace ae {

namespace {

// Columns, by user id (the sort key): the one-range table and the comparison table share them.
enum Column : int {
  kName,
  kType,
  kArticles,
  kMentions,
  kDegree,
  kBurst,
  kTime,
  kCountA,
  kCountB,
  kDelta,
  kRatio,
  kTrend
};

// Trend as a sort rank: new, rising, steady, falling, gone.
int trend_rank(Trend t) {
  switch (t) {
    case Trend::New: return 4;
    case Trend::Rising: return 3;
    case Trend::Falling: return 1;
    case Trend::Gone: return 0;
    default: return 2;
  }
}

template <class T>
int cmp(T a, T b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Whether an entity's name or one of its other forms contains the (lower-case) filter.
bool name_matches(const Entity& e, const std::string& filter) {
  if (filter.empty() || search_fold(e.name).find(filter) != std::string::npos) return true;
  for (const EntityAlias& al : e.aliases)
    if (search_fold(al.surface).find(filter) != std::string::npos) return true;
  return false;
}

// Rows filtered by type and name, sorted by the chosen column.
void rebuild_view(const Explorer& ex, UiState& ui) {
  const auto& ents = ex.entities().entities;
  ui.entity_view.clear();
  const std::string filter = search_fold(ui.entity_filter);
  for (uint32_t i = 0; i < ui.entity_rows.size(); ++i) {
    const Entity& e = ents[ui.entity_rows[i].entity];
    if (!ui.entity_types[static_cast<int>(e.type)]) continue;
    if (!name_matches(e, filter)) continue;
    ui.entity_view.push_back(i);
  }
  const int col = ui.entity_sort_column;
  const bool desc = ui.entity_sort_dir == 1;
  std::stable_sort(ui.entity_view.begin(), ui.entity_view.end(), [&](uint32_t x, uint32_t y) {
    const EntityRow& a = ui.entity_rows[x];
    const EntityRow& b = ui.entity_rows[y];
    int c = 0;
    switch (col) {
      case kName: c = ents[a.entity].name.compare(ents[b.entity].name); break;
      case kType: c = static_cast<int>(ents[a.entity].type) - static_cast<int>(ents[b.entity].type); break;
      case kArticles: c = cmp(a.articles, b.articles); break;
      case kDegree: c = cmp(a.degree, b.degree); break;
      case kBurst: c = cmp(a.burst, b.burst); break;
      case kCountA: c = cmp(a.count_a, b.count_a); break;
      case kCountB: c = cmp(a.count_b, b.count_b); break;
      case kDelta:
        c = cmp(static_cast<int64_t>(a.count_b) - a.count_a, static_cast<int64_t>(b.count_b) - b.count_a);
        break;
      case kRatio: c = cmp(a.log_ratio, b.log_ratio); break;
      case kTrend: c = cmp(trend_rank(a.trend), trend_rank(b.trend)); break;
      default: c = cmp(a.mentions, b.mentions); break;
    }
    if (c == 0) c = cmp(a.mentions + a.count_a, b.mentions + b.count_a);  // ties: the more present first
    return desc ? c > 0 : c < 0;
  });
}

void sparkline(const std::vector<uint32_t>& v, float w, float h, ImU32 col) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, h));
  if (v.empty()) return;
  uint32_t peak = 1;
  for (uint32_t x : v) peak = std::max(peak, x);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bw = w / static_cast<float>(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i]) continue;
    const float bh = std::max(1.0f, (h - 1) * static_cast<float>(v[i]) / static_cast<float>(peak));
    const float x0 = p.x + bw * static_cast<float>(i);
    dl->AddRectFilled(ImVec2(x0, p.y + h - bh), ImVec2(x0 + std::max(1.0f, bw - (bw > 3 ? 1.0f : 0.0f)), p.y + h), col);
  }
}

// A row's tooltip: the whole name (the column may cut it), its other forms, its counts when comparing,
// and its mentions over the corpus with its bursts marked.
void entity_tooltip(const Explorer& ex, const EntityRow& row, bool dark) {
  const Entity& e = ex.entities().entities[row.entity];
  ImGui::BeginTooltip();
  text_shown(e.name);
  int listed = 0;
  for (const EntityAlias& al : e.aliases)
    if (al.surface != e.name && listed++ < 8)
      ImGui::TextDisabled("also \"%s\" (%s, %u)", ae::shown(al.surface), al.rule.c_str(), al.count);
  if (ex.comparing()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(range_color(true, dark, 255)), "A: %u", row.count_a);
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(range_color(false, dark, 255)), "B: %u", row.count_b);
    ImGui::SameLine();
    ImGui::TextDisabled("%s %s", ex.scope() == Scope::Document ? "articles" : "sentences",
                        row.trend != Trend::Steady ? trend_name(row.trend) : "");
  }
  const BurstIndex& b = ex.bursts();
  if (!b.timeline.articles.empty() && row.entity < b.of_entity.size()) {
    const std::vector<uint32_t> v = b.dense(row.entity);
    const float w = 260, h = 40;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bw = w / static_cast<float>(v.size());
    for (uint32_t k : b.of_entity[row.entity]) {  // burst periods shaded behind the bars
      const Burst& x = b.bursts[k];
      dl->AddRectFilled(ImVec2(p.x + bw * static_cast<float>(x.begin), p.y),
                        ImVec2(p.x + bw * static_cast<float>(x.end + 1), p.y + h),
                        theme_color(current_theme().overlay, 70));
    }
    uint32_t peak = 1;
    for (uint32_t x : v) peak = std::max(peak, x);
    for (size_t i = 0; i < v.size(); ++i)
      if (v[i]) {
        const float bh = std::max(1.0f, (h - 1) * static_cast<float>(v[i]) / static_cast<float>(peak));
        dl->AddRectFilled(ImVec2(p.x + bw * static_cast<float>(i), p.y + h - bh),
                          ImVec2(p.x + bw * static_cast<float>(i) + std::max(1.0f, bw - 1), p.y + h),
                          entity_color(e.type, 230));
      }
    ImGui::TextDisabled("articles per %s, %s to %s", b.timeline.bin_days == 1 ? "day" : "week",
                        format_iso(b.timeline.first).c_str(),
                        format_iso(b.timeline.bin_start(b.timeline.articles.size() - 1)).c_str());
    for (uint32_t k : b.of_entity[row.entity]) {
      const Burst& x = b.bursts[k];
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme_color(current_theme().highlight, 255)),
                         "burst %s – %s (weight %.1f)", format_iso(b.burst_from(x)).c_str(),
                         format_iso(b.burst_to(x)).c_str(), x.weight);
    }
  }
  ImGui::TextDisabled("right-click: hide, rename, retype, merge or split");
  ImGui::EndTooltip();
}

}  // namespace

void draw_entity_table(Explorer& ex, UiState& ui) {
  draw_edit_bar(ex, ui);
  if (ui.rules_seen != ex.rules_revision()) {  // corrections renumber the entities
    ui.rules_seen = ex.rules_revision();
    ui.sparklines.clear();
    ui.entity_revision = UINT64_MAX;
  }
  const auto& ents = ex.entities().entities;
  bool dirty = false;
  // Only while the tab is open: O(mentions in range + entities). While the view changes every frame (a
  // range dragged, stepped or set by script) the rows follow ten times a second rather than every
  // frame, so the drag stays smooth; a single change after a pause shows at once.
  const double now = ImGui::GetTime();
  if (ui.entity_revision != ex.revision() && now - ui.entity_rows_time >= 0.1) {
    ui.entity_rows = entity_rows(ex);
    ui.entity_revision = ex.revision();
    ui.entity_rows_time = now;
    dirty = true;
  }
  // Filters.
  ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x * 0.4f));
  input_text_shown("##efilter", "Filter by name", ui.entity_filter, sizeof ui.entity_filter);
  record_control(ui, "entity_filter");
  if (ui.entity_filter_applied != ui.entity_filter) {
    ui.entity_filter_applied = ui.entity_filter;
    dirty = true;
  }
  // The type filters are the network's too (one setting, kept by the session and in the address).
  const char* labels[3] = {"people", "orgs", "places"};
  for (int t = 0; t < 3; ++t) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_CheckMark, entity_color(static_cast<EntityType>(t), 255));
    bool on = (ex.network_types() >> t) & 1u;
    if (on != ui.entity_types[t]) {
      ui.entity_types[t] = on;
      dirty = true;
    }
    if (ImGui::Checkbox(labels[t], &on)) {
      ex.set_network_filter(static_cast<uint8_t>(on ? ex.network_types() | (1u << t) : ex.network_types() & ~(1u << t)),
                            ex.network_hidden());
      ui.entity_types[t] = on;
      dirty = true;
    }
    ImGui::PopStyleColor();
    static const char* const kControl[3] = {"type_person", "type_org", "type_place"};
    record_control(ui, kControl[t]);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("show %s in this table and in the network", labels[t]);
  }
  if (ex.corpus().size() == 0 || ents.empty()) {
    ImGui::TextDisabled("No entities.");
    return;
  }
  const bool comparing = ex.comparing();
  const bool dark = ui.dark;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable;
  // Two tables (their own widths and sort orders): one range, or A against B.
  struct Col {
    const char* label;
    int id;
    const char* help;
  };
  static const Col kOne[] = {{"Name", kName, "canonical name (hover a row for its other forms)"},
                             {"Type", kType, "person, org or place"},
                             {"Art", kArticles, "articles in range mentioning it"},
                             {"Men", kMentions, "its mentions in range"},
                             {"Deg", kDegree, "distinct entities it appears with in range"},
                             {"Burst", kBurst,
                              "bursting now: how strongly its bursts of attention (Kleinberg's\n"
                              "automaton over the whole corpus) overlap the range; 0 for none"},
                             {"Time", kTime, "mentions over the timeline"}};
  static const Col kTwo[] = {{"Name", kName, "canonical name (hover a row for its other forms)"},
                             {"A", kCountA, "articles (sentences, by sentence) mentioning it in the baseline A"},
                             {"B", kCountB, "articles (sentences, by sentence) mentioning it in the range B"},
                             {"Δ", kDelta, "change: B minus A"},
                             {"×", kRatio,
                              "B against A as shares of each range, smoothed so that small counts\n"
                              "do not swing it: ((b+0.5)/(units B+1)) / ((a+0.5)/(units A+1))"},
                             {"Trend", kTrend,
                              "new (not in A, 2+ in B), gone (2+ in A, not in B), rising or falling\n"
                              "(the ratio at least doubled or halved, with 3+ counts), else blank"},
                             {"Burst", kBurst, "bursting now: how strongly its bursts of attention overlap B"},
                             {"Time", kTime, "mentions over the timeline"}};
  // Fixed columns as wide as their header and its sort arrow, or their widest value.
  const float arrow = ImGui::GetFontSize() * 0.9f;
  auto width_of = [&](int id) {
    const float num = ImGui::CalcTextSize("0000").x;
    switch (id) {
      case kType: return std::max(ImGui::CalcTextSize("person").x, ImGui::CalcTextSize("Type").x + arrow);
      case kDelta: return std::max(ImGui::CalcTextSize("+0000").x, ImGui::CalcTextSize("Δ").x + arrow);
      case kRatio: return std::max(ImGui::CalcTextSize("×10.0").x, ImGui::CalcTextSize("×").x + arrow);
      case kTrend: return std::max(ImGui::CalcTextSize("falling").x, ImGui::CalcTextSize("Trend").x + arrow);
      case kBurst: return std::max(ImGui::CalcTextSize("00.0").x, ImGui::CalcTextSize("Burst").x + arrow);
      case kTime: return 44.0f;
      default: return std::max(num, ImGui::CalcTextSize("Men").x + arrow);
    }
  };
  // Where the column is narrow, the least needed columns go so that names keep room: one range drops
  // Type (the name's colour says it), then Time, then Deg; comparing drops Burst, then Time, then Δ.
  const Col* all = comparing ? kTwo : kOne;
  const int nall = comparing ? 8 : 7;
  static const int kDropOne[] = {kType, kTime, kDegree}, kDropTwo[] = {kBurst, kTime, kDelta};
  const int* drop_order = comparing ? kDropTwo : kDropOne;
  bool dropped[16] = {};
  auto fixed_total = [&] {
    float t = 0;
    for (int c = 1; c < nall; ++c)
      if (!dropped[all[c].id]) t += width_of(all[c].id) + ImGui::GetStyle().CellPadding.x * 2 + 1;
    return t;
  };
  const float room = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize;
  const float min_name = ImGui::CalcTextSize("Securities and Exc").x;
  for (int k = 0; k < 3 && room - fixed_total() < min_name; ++k) dropped[drop_order[k]] = true;
  Col cols[8];
  int ncols = 0;
  for (int c = 0; c < nall; ++c)
    if (!dropped[all[c].id]) cols[ncols++] = all[c];
  char table_id[32];
  std::snprintf(table_id, sizeof table_id, "##entities%s%d", comparing ? "_ab" : "", ncols);
  if (!ImGui::BeginTable(table_id, ncols, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (int c = 0; c < ncols; ++c) {
    const int id = cols[c].id;
    ImGuiTableColumnFlags f = id == kName ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed;
    if (id != kName && id != kType) f |= ImGuiTableColumnFlags_PreferSortDescending;
    if (id == kTime) f |= ImGuiTableColumnFlags_NoSort;
    if (id == (comparing ? kRatio : kMentions)) f |= ImGuiTableColumnFlags_DefaultSort;
    ImGui::TableSetupColumn(cols[c].label, f, id == kName ? 0.0f : width_of(id), static_cast<ImGuiID>(id));
  }
  {
    // Headers one by one, each with a tooltip saying what the column counts.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < ncols; ++c) {
      ImGui::TableSetColumnIndex(c);
      ImGui::TableHeader(ImGui::TableGetColumnName(c));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", cols[c].help);
    }
  }
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsCount > 0 &&
        (specs->SpecsDirty || ui.entity_sort_column != static_cast<int>(specs->Specs[0].ColumnUserID) ||
         ui.entity_sort_dir != (specs->Specs[0].SortDirection == ImGuiSortDirection_Descending))) {
      ui.entity_sort_column = static_cast<int>(specs->Specs[0].ColumnUserID);
      ui.entity_sort_dir = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending ? 1 : 0;
      specs->SpecsDirty = false;
      dirty = true;
    }
  }
  if (dirty) rebuild_view(ex, ui);
  const float spark_h = ImGui::GetTextLineHeight() - 2;
  bool open_menu = false;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(ui.entity_view.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const EntityRow& row = ui.entity_rows[ui.entity_view[static_cast<size_t>(r)]];
      const Entity& e = ents[row.entity];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushID(static_cast<int>(row.entity));
      const bool selected = ex.selected() == row.entity;
      // The row is a selectable without a label; the name is drawn over it, cut with an ellipsis.
      const float name_w = ImGui::GetContentRegionAvail().x;
      const ImVec2 name_at = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable("##row", selected,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
        ex.select(selected ? SIZE_MAX : row.entity);
      if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) && !selected)
        ex.select(row.entity);  // keyboard: arrows move through the rows, Enter selects
      if (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
        ui.menu_entity = row.entity;
        open_menu = true;
      }
      if (ImGui::IsItemHovered()) entity_tooltip(ex, row, dark);
      const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
      if (ImGui::IsItemVisible()) ui.entity_rects.push_back({e.name, mn.x, mn.y, mx.x - mn.x, mx.y - mn.y});
      {
        const ImVec2 after = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(name_at);
        ImGui::PushStyleColor(ImGuiCol_Text, entity_color(e.type, 255));
        const std::string_view nm(shown(e.name));
        const ImVec2 full = ImGui::CalcTextSize(nm.data(), nm.data() + nm.size());
        ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), name_at, ImVec2(name_at.x + name_w, name_at.y + full.y),
                                  name_at.x + name_w, name_at.x + name_w, nm.data(), nm.data() + nm.size(), &full);
        ImGui::PopStyleColor();
        ImGui::SetCursorScreenPos(after);
      }
      ImGui::PopID();
      for (int c = 1; c < ncols; ++c) {
        ImGui::TableSetColumnIndex(c);
        switch (cols[c].id) {
          case kType: ImGui::TextUnformatted(type_name(e.type)); break;
          case kArticles: ImGui::Text("%u", row.articles); break;
          case kMentions: ImGui::Text("%u", row.mentions); break;
          case kDegree: ImGui::Text("%u", row.degree); break;
          case kCountA:
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(range_color(true, dark, 255)), "%u", row.count_a);
            break;
          case kCountB:
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(range_color(false, dark, 255)), "%u", row.count_b);
            break;
          case kDelta:
            ImGui::Text("%+lld", static_cast<long long>(row.count_b) - static_cast<long long>(row.count_a));
            break;
          case kRatio: {
            const double x = std::pow(2.0, row.log_ratio);
            ImGui::Text(x >= 9.95 ? "×%.0f" : x >= 0.095 ? "×%.1f" : "×%.2f", x);
            break;
          }
          case kTrend:
            if (row.trend != Trend::Steady) {
              const bool up = row.trend == Trend::New || row.trend == Trend::Rising;
              ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(range_color(!up, dark, 255)), "%s",
                                 trend_name(row.trend));
            }
            break;
          case kBurst:
            if (row.burst > 0) ImGui::Text("%.1f", row.burst);
            else ImGui::TextDisabled("·");
            break;
          case kTime: {
            // Series depend on the corpus and the buckets only: kept until the timeline is recomputed.
            if (ui.sparkline_revision != ui.timeline_shape) {
              ui.sparklines.clear();
              ui.sparkline_revision = ui.timeline_shape;
            }
            auto it = ui.sparklines.find(row.entity);
            if (it == ui.sparklines.end())
              it = ui.sparklines.emplace(row.entity, entity_series(ex, row.entity, ui.timeline)).first;
            sparkline(it->second, ImGui::GetContentRegionAvail().x, spark_h, entity_color(e.type, 220));
            break;
          }
          default: break;
        }
      }
    }
  }
  ImGui::EndTable();
  if (open_menu) ImGui::OpenPopup("##entity_menu_table");  // (outside the table's ID scope, as BeginPopup)
  if (ImGui::BeginPopup("##entity_menu_table")) {
    entity_menu(ex, ui, ui.menu_entity);
    ImGui::EndPopup();
  }
}

}  // namespace ae
