// pacer.cpp — see pacer.h. Layer: core.
#include "pacer.h"

#include <algorithm>
#include <cmath>

namespace ae {

void LoadPacer::reset() { *this = LoadPacer(); }

double LoadPacer::budget(double now_ms) {
  if (last_start_ < 0) {
    last_start_ = now_ms;
    return kFirstMs;
  }
  const double gap = std::max(0.0, now_ms - last_start_);
  gaps_.push_back(gap);
  wall_ += gap;
  last_start_ = now_ms;
  const double other = std::max(0.0, gap - last_work_);
  other_ = other_ < 0 ? other : 0.7 * other_ + 0.3 * other;
  // Work w with the rest r fills w / (w + r) = kDuty of the time when w = r * kDuty / (1 - kDuty).
  const double fill = other_ * kDuty / (1 - kDuty);
  return std::max(kMinMs, std::min(fill, kMaxGapMs - other_));
}

void LoadPacer::worked(double ms) {
  last_work_ = std::max(0.0, ms);
  work_ += last_work_;
}

double LoadPacer::gap_percentile(double p) const {
  if (gaps_.empty()) return 0;
  std::vector<double> v = gaps_;
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::min(v.size(), std::max<size_t>(rank, 1)) - 1];
}

double LoadPacer::gap_max() const { return gaps_.empty() ? 0 : *std::max_element(gaps_.begin(), gaps_.end()); }

}  // namespace ae
