// synth.h — a deterministic synthetic news corpus for scale tests and benchmarks: dated articles over
// a year whose entities follow a Zipf-like frequency skew and cluster in topics. Layer: core.
#pragma once
#include <cstdint>
#include <string>

namespace ae {

struct SynthOptions {
  size_t articles = 100000;
  size_t entities = 20000;  // distinct entity names
  size_t topics = 200;      // entities cluster in topics (they co-occur within a topic)
  uint32_t seed = 1;
  int year = 2025;
  bool given_entities = true;  // articles carry an "entities" field (no extraction needed)
};

// The corpus as JSON Lines (one article per line). Same options, same bytes.
std::string synth_corpus(const SynthOptions& options);

}  // namespace ae
