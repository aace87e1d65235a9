// fuzz_extractor.cpp — libFuzzer target: any bytes as the title and body of articles, through entity
// extraction with the project's gazetteer, then the co-occurrence counts and the graph.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cooccurrence.h"
#include "entities.h"
#include "gazetteer.h"

namespace {
const ae::Gazetteer& gazetteer() {
  static ae::Gazetteer g = [] {
    ae::Gazetteer gz;
    std::string error;
    if (!ae::load_language_files(AE_ASSETS_DIR, gz, error)) std::abort();  // the tagger's weights included
    return gz;
  }();
  return g;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ae::Corpus c;
  // Three articles: the input as body, its first line as title, and the input split in two.
  const size_t nl = text.find('\n');
  const size_t half = size / 2;
  const std::string parts[3][2] = {{text.substr(0, nl == std::string::npos ? size : nl), text},
                                   {text.substr(0, half), text.substr(half)},
                                   {"", text}};
  for (int i = 0; i < 3; ++i) {
    ae::Article a;
    a.id = std::to_string(i);
    a.title = c.keep(parts[i][0]);
    a.body = c.keep(parts[i][1]);
    a.date = 20000 + i;
    c.articles.push_back(std::move(a));
  }
  c.finalize();
  const ae::EntityIndex index = ae::extract_entities(c, gazetteer());
  // Every mention lies inside its field and names a known entity.
  for (size_t i = 0; i < index.by_article.size(); ++i)
    for (const ae::Mention& m : index.by_article[i]) {
      const std::string_view field = m.field == 0 ? c.articles[i].title : c.articles[i].body;
      if (m.entity >= index.entities.size() || m.begin > m.end || m.end > field.size()) std::abort();
    }
  ae::Cooccurrence co(c, index, ae::Scope::Sentence);
  co.set_range(20000, 20002);
  (void)ae::build_graph(co, ae::Measure::Npmi, 1, 50);
  return 0;
}
