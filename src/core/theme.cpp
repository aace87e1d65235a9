// theme.cpp — the two themes' colours and WCAG contrast. Layer: core.
#include "theme.h"

#include <algorithm>
#include <cmath>

namespace ae {

const ThemeColors& theme_colors(bool dark) {
  // Dark: light colours on near-black. Light: the same hues darkened until text reaches 4.5:1 on the
  // light panels (and lines 3:1 on the light canvases); blue and orange stay apart for every common
  // colour-vision deficiency.
  static const ThemeColors kDark = {
      {23, 26, 31},    {24, 27, 33},   {230, 230, 230}, {{240, 160, 80}, {100, 170, 250}, {110, 205, 130}},
      {100, 160, 255}, {255, 150, 60}, {255, 210, 90},  {250, 190, 75},
      {200, 150, 0}};
  static const ThemeColors kLight = {
      {247, 247, 245}, {236, 238, 241}, {20, 20, 20}, {{166, 72, 0}, {0, 90, 180}, {0, 118, 48}},
      {22, 88, 196},   {176, 74, 0},    {150, 90, 0}, {170, 105, 0},
      {150, 90, 0}};
  return dark ? kDark : kLight;
}

double relative_luminance(Rgb c) {
  auto lin = [](uint8_t v) {
    const double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
  const double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace ae
