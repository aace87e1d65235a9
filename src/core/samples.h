// samples.h — the sample corpora the page offers (Samples menu, ?sample=NAME): loaded on demand from
// samples/NAME.jsonl.gz beside the page, never part of the first load. Layer: core.
#pragma once
#include <string>
#include <vector>

namespace ae {

struct SampleInfo {
  std::string name;     // ?sample=NAME, file samples/NAME.jsonl.gz
  std::string title;    // menu label
  std::string summary;  // what it holds
  std::string source;   // where it comes from
  std::string terms;    // the terms it is shown under
};

const std::vector<SampleInfo>& samples();
const SampleInfo* find_sample(const std::string& name);  // nullptr when unknown

}  // namespace ae
