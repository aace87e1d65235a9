// pacer.h — how much loading work each frame does while a corpus loads in the page: enough that the
// work fills most of the time (duty cycle), little enough that the page keeps drawing and answering
// (the gap between frames stays under a bound). Sized from the frames before, so it adapts to a fast
// GPU (frames every 16.7 ms, a few ms of drawing) and to a slow software renderer alike. Layer: core.
#pragma once
#include <cstddef>
#include <vector>

namespace ae {

class LoadPacer {
 public:
  static constexpr double kFirstMs = 12;   // work of the first frame, before anything is measured
  static constexpr double kMinMs = 8;      // never less: every frame makes progress
  static constexpr double kMaxGapMs = 90;  // a frame every 90 ms at most while loading (Cancel answers)
  static constexpr double kDuty = 0.8;     // the share of the time the work aims to fill

  void reset();
  // The work budget of a frame starting at now_ms (milliseconds on any steady clock).
  double budget(double now_ms);
  // The work that frame did (ms).
  void worked(double ms);

  // Over the frames since reset(): work / wall time, the gaps between frame starts, their count.
  double duty() const { return wall_ > 0 ? (work_ - last_work_) / wall_ : 0; }
  double gap_percentile(double p) const;
  double gap_max() const;
  size_t frames() const { return gaps_.size(); }

 private:
  double last_start_ = -1, last_work_ = 0;
  double other_ = -1;  // smoothed time a frame costs besides the work (drawing, the browser)
  double work_ = 0, wall_ = 0;
  std::vector<double> gaps_;
};

}  // namespace ae
