// unit-theme.cpp — the themes' colours meet WCAG 2.1 AA: text 4.5:1 against the panels, lines and
// marks 3:1 against the canvases they are drawn on, in the dark and the light theme.
#include <doctest/doctest.h>

#include <string>

#include "theme.h"

using namespace ae;

TEST_CASE("contrast ratio: the WCAG formula on known pairs") {
  CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
  CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == doctest::Approx(1.0));
  CHECK(contrast_ratio({118, 118, 118}, {255, 255, 255}) == doctest::Approx(4.54).epsilon(0.01));  // the AA grey
  CHECK(contrast_ratio({255, 0, 0}, {255, 255, 255}) == doctest::Approx(4.0).epsilon(0.01));
}

TEST_CASE("both themes: text 4.5:1 on the panels, lines and marks 3:1 on the canvases") {
  for (bool dark : {true, false}) {
    const ThemeColors& t = theme_colors(dark);
    CAPTURE(dark);
    auto text = [&](Rgb c, const char* what) {
      CAPTURE(what);
      CHECK(contrast_ratio(c, t.panel_bg) >= 4.5);
    };
    auto line = [&](Rgb c, Rgb bg, const char* what) {
      CAPTURE(what);
      CHECK(contrast_ratio(c, bg) >= 3.0);
    };
    text(t.text, "text");
    text(t.entity[0], "person");
    text(t.entity[1], "organisation");
    text(t.entity[2], "place");
    text(t.range_a, "baseline A (counts, trend)");
    text(t.range_b, "range B (counts, trend)");
    text(t.highlight, "selection caption");
    line(t.range_a, t.canvas_bg, "A brush on the timeline");
    line(t.range_b, t.canvas_bg, "B brush on the timeline");
    line(t.range_a, t.panel_bg, "links only in A");
    line(t.range_b, t.panel_bg, "links only in B");
    line(t.highlight, t.panel_bg, "lit link and selected node's ring");
    line(t.highlight, t.canvas_bg, "bursts on the timeline");
    line(t.overlay, t.canvas_bg, "the selection's bars");
    line(t.search_mark, t.panel_bg, "search match outline");
    // A and B must be told apart from each other too: they lie on opposite sides of the blue-yellow
    // axis, which red-green colour blindness keeps (and links only in A are dashed as well).
    const int a_axis = int(t.range_a.b) - (int(t.range_a.r) + int(t.range_a.g)) / 2;
    const int b_axis = int(t.range_b.b) - (int(t.range_b.r) + int(t.range_b.g)) / 2;
    CHECK(a_axis < -60);
    CHECK(b_axis > 60);
  }
}
