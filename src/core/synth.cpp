// synth.cpp — synthetic corpus generator. Layer: core.
#include "synth.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "date.h"

namespace ae {

namespace {

struct Rng {
  uint64_t s;
  uint64_t next() {  // splitmix64
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return (next() >> 11) * (1.0 / 9007199254740992.0); }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

const char* const kSyllables[] = {"ka",  "lo",  "mi", "ra",  "su",  "te", "vin", "dor", "el",  "an", "bar", "zu",
                                  "qua", "nel", "os", "tri", "ham", "sa", "ri",  "del", "gor", "fa", "li",  "mon"};

std::string make_word(Rng& r, int syllables) {
  std::string w;
  for (int i = 0; i < syllables; ++i) w += kSyllables[r.below(sizeof kSyllables / sizeof *kSyllables)];
  w[0] = static_cast<char>(w[0] - 32);
  return w;
}

}  // namespace

std::string synth_corpus(const SynthOptions& o) {
  Rng r{o.seed * 0x2545F4914F6CDD1Dull + 1};
  // Entity names and types.
  struct E {
    std::string name;
    const char* type;
  };
  std::vector<E> ents(o.entities);
  for (size_t i = 0; i < o.entities; ++i) {
    const int kind = static_cast<int>(r.below(3));
    if (kind == 0) ents[i] = {make_word(r, 2) + " " + make_word(r, 3) + " " + std::to_string(i), "person"};
    else if (kind == 1) ents[i] = {make_word(r, 3) + " Group " + std::to_string(i), "org"};
    else ents[i] = {make_word(r, 2) + "ia " + std::to_string(i), "place"};
  }
  // Zipf-like popularity: entity i has weight 1 / (i + 1)^0.9 — a few are everywhere, most are rare.
  std::vector<double> cdf(o.entities);
  double acc = 0;
  for (size_t i = 0; i < o.entities; ++i) cdf[i] = (acc += 1.0 / std::pow(static_cast<double>(i + 1), 0.9));
  auto popular = [&]() {
    const double x = r.uniform() * acc;
    return static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), x) - cdf.begin());
  };
  const Day start = days_from_civil(o.year, 1, 1);
  std::string out;
  out.reserve(o.articles * 400);
  for (size_t a = 0; a < o.articles; ++a) {
    const size_t topic = r.below(o.topics);
    const int k = 2 + static_cast<int>(r.below(7));
    std::vector<size_t> chosen;
    for (int j = 0; j < k; ++j) {
      // Half from the article's topic (entities congruent to the topic), half by overall popularity.
      size_t e = r.uniform() < 0.5
                     ? (topic + o.topics * r.below(std::max<size_t>(1, o.entities / o.topics / 4))) % o.entities
                     : popular();
      chosen.push_back(e);
    }
    nlohmann::json j;
    j["id"] = "synth-" + std::to_string(a);
    j["date"] = format_iso(start + static_cast<Day>(r.below(365)));
    std::string body;
    nlohmann::json list = nlohmann::json::array();
    for (size_t e : chosen) {
      body += ents[e].name + " met officials. ";
      if (o.given_entities) list.push_back({{"name", ents[e].name}, {"type", ents[e].type}});
    }
    j["title"] = "Report " + std::to_string(a) + " on topic " + std::to_string(topic);
    j["body"] = body;
    j["source"] = "Synthetic Wire";
    if (o.given_entities) j["entities"] = list;
    out += j.dump();
    out += '\n';
  }
  return out;
}

}  // namespace ae
