// unit-pacer.cpp — the load pacer: work that fills most of a frame, frames never far apart, figures of
// the frames it paced. A simulated clock stands in for the browser's frames.
#include <doctest/doctest.h>

#include <cmath>

#include "pacer.h"

using namespace ae;

namespace {
// Runs frames whose drawing costs `other` ms (and, when vsync > 0, which start only on a vsync tick);
// the work of each frame is what the pacer allows. Returns the budget of the last frame.
double run(LoadPacer& p, double other, double vsync, int frames) {
  double now = 0, last_budget = 0;
  for (int f = 0; f < frames; ++f) {
    last_budget = p.budget(now);
    p.worked(last_budget);
    double end = now + last_budget + other;
    if (vsync > 0) end = std::ceil(end / vsync) * vsync;
    now = end;
  }
  return last_budget;
}
}  // namespace

TEST_CASE("a slow renderer: the work takes most of the time, frames stay under the gap bound") {
  LoadPacer p;
  CHECK(p.budget(0) == LoadPacer::kFirstMs);
  p.reset();
  const double budget = run(p, 60, 0, 40);  // 60 ms of drawing a frame (a software renderer)
  CHECK(budget <= LoadPacer::kMaxGapMs - 60 + 0.5);
  CHECK(budget >= 25);
  CHECK(p.gap_max() <= LoadPacer::kMaxGapMs + 0.5);
  CHECK(p.frames() == 39);
}

TEST_CASE("a fast GPU at 60 Hz: the work fills about four fifths of the time") {
  LoadPacer p;
  run(p, 3, 1000.0 / 60, 120);
  CHECK(p.duty() >= 0.7);
  CHECK(p.duty() <= 0.9);
  CHECK(p.gap_percentile(95) <= LoadPacer::kMaxGapMs);
  // A fixed 12 ms slice, as before, would have filled 12 of every 16.7 ms at best and left drawing late.
}

TEST_CASE("a frame that drew slowly once does not stall the next ones; reset starts over") {
  LoadPacer p;
  run(p, 5, 0, 20);
  const double before = p.budget(1e6);  // a long pause (a hidden tab): the smoothing limits the jump
  CHECK(before >= LoadPacer::kMinMs);
  CHECK(before <= LoadPacer::kMaxGapMs);
  p.reset();
  CHECK(p.frames() == 0);
  CHECK(p.duty() == 0);
  CHECK(p.budget(5) == LoadPacer::kFirstMs);
}
