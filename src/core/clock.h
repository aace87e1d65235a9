// clock.h — milliseconds on a monotonic clock, for durations only (load stages, frame times, the
// pacer's gaps). Layer: core.
#pragma once
#include <chrono>

namespace ae {

inline double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace ae
