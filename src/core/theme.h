// theme.h — the colours every panel draws with, for the dark and the light theme, as plain data, and
// the WCAG 2.1 contrast ratio that checks them: text colours must reach 4.5:1 against the panels'
// background, lines and marks 3:1 against the canvases (timeline, network) they are drawn on.
// Layer: core (the app turns these into Dear ImGui colours).
#pragma once
#include <cstdint>

#include "entity_type.h"

namespace ae {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};

struct ThemeColors {
  Rgb panel_bg;              // behind the panels' text
  Rgb canvas_bg;             // behind the timeline's bars and brushes (the network draws on panel_bg)
  Rgb text;                  // default text
  Rgb entity[kEntityTypes];  // names and mentions by type (text)
  Rgb range_b;               // the current range B: brush, new links, counts in B (text and lines)
  Rgb range_a;               // the baseline A when comparing two periods
  Rgb highlight;             // the selection: its name in the timeline caption, a lit link, a node's ring, bursts
  Rgb overlay;               // the selection's bars over the timeline histogram
  Rgb search_mark;           // the outline of a search match in the reader
};

// The colours of a theme (dark true: the dark theme).
const ThemeColors& theme_colors(bool dark);

// WCAG 2.1 relative luminance (0..1) and contrast ratio (1..21) of two colours.
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

}  // namespace ae
