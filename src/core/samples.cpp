// samples.cpp — the sample corpora (assets/samples/README.md describes the files). Layer: core.
#include "samples.h"

namespace ae {

const std::vector<SampleInfo>& samples() {
  static const std::vector<SampleInfo> kSamples = {
      {"reuters-1987", "Reuters newswire, February-October 1987",
       "4,761 Reuters articles of February to October 1987 (every fourth dated article of Reuters-21578): "
       "markets, trade and politics, with the timeline spanning eight months. 1.6 MB to download.",
       "Reuters-21578, Distribution 1.0 (David D. Lewis; UCI Machine Learning Repository, "
       "archive.ics.uci.edu/dataset/137).",
       "Copyright Reuters Ltd. Reuters Ltd. and Carnegie Group, Inc. allow the free distribution of this data "
       "for research purposes only. Publications based on it should acknowledge \"Reuters-21578, Distribution "
       "1.0\"."},
  };
  return kSamples;
}

const SampleInfo* find_sample(const std::string& name) {
  for (const SampleInfo& s : samples())
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace ae
