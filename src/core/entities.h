// entities.h — people, organisations and places in the corpus: extraction from article text, alias
// merging across the corpus, and the per-article mentions the rest of the explorer reads. Layer: core.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "corpus.h"
#include "entity_type.h"
#include "gazetteer.h"

namespace ae {

constexpr uint32_t kNoOffset = UINT32_MAX;

// One occurrence of an entity in an article.
struct Mention {
  uint32_t entity = 0;  // index into EntityIndex::entities
  uint32_t begin = 0;   // byte offsets in the field (kNoOffset: given in the input, not found in the text)
  uint32_t end = 0;
  uint32_t sentence = 0;    // sentence within the article (the title's first, then the body's)
  uint8_t field = 1;        // 0 title, 1 body
  uint8_t via_demonym = 0;  // 1: "Iraqi government" counted as a reference to Iraq (see README)
};

// A surface form of an entity and why it belongs to it (so a later editor can undo a merge).
struct EntityAlias {
  std::string surface;
  std::string rule;    // "name", "gazetteer alias", "acronym defined in <id>", "surname of <name> in <id>",
                       // "spelling variant", "demonym", "given in input"
  uint32_t count = 0;  // mentions with this surface
};

struct Entity {
  std::string name;  // canonical: the gazetteer's name, else the most complete and most frequent form
  EntityType type = EntityType::Person;
  std::vector<EntityAlias> aliases;
  uint32_t mentions = 0;  // over the corpus
  uint32_t articles = 0;  // articles with at least one mention
  bool known = false;     // found in the gazetteer
};

// A corpus of daily counts (aggregates.h: what scripts/pipeline.sh writes) has one corpus article per
// day, standing for that day's articles; its by_article list holds one mention per entity of the day.
// Here: the articles each stands for, what each of those mentions stands for (articles of the day
// mentioning the entity, and its mentions in them), and the day's pairs (articles with both).
struct DayCounts {
  std::vector<uint32_t> articles;                          // per corpus article (day)
  std::vector<uint32_t> first;                             // n + 1: slots of by_article[a]'s mentions, in order
  std::vector<uint32_t> entity_articles, entity_mentions;  // per slot
  std::vector<uint32_t> first_pair;                        // n + 1
  std::vector<std::pair<uint64_t, uint32_t>> pairs;        // (pair key as cooccurrence.h's pair_key, articles)
};

struct EntityIndex {
  // Set for a corpus of daily counts (no text): the views count from it instead of from the mentions.
  std::shared_ptr<const DayCounts> counts;
  // Articles corpus article a stands for: 1, or a day's articles.
  uint32_t weight(size_t a) const { return counts ? counts->articles[a] : 1; }
  // What mention k of by_article[a] stands for: articles mentioning its entity (1 in an article), and
  // mentions (1 in an article).
  uint32_t mention_articles(size_t a, size_t k) const {
    return counts ? counts->entity_articles[counts->first[a] + k] : 1;
  }
  uint32_t mention_count(size_t a, size_t k) const {
    return counts ? counts->entity_mentions[counts->first[a] + k] : 1;
  }
  // Articles among those corpus article a stands for that mention both x and y (for an article: 1 when it
  // mentions both, else 0). O(mentions of a), or O(log pairs of the day).
  uint32_t pair_articles(size_t a, uint32_t x, uint32_t y) const;
  // Articles among those corpus article a stands for that mention e, for an a that mentions e: 1 for an
  // article (O(1)), a day's count for daily counts (O(mentions of the day)).
  uint32_t entity_articles(size_t a, uint32_t e) const;
  std::vector<Entity> entities;
  std::vector<std::vector<Mention>> by_article;  // per article (corpus order), in reading order
  std::vector<uint32_t> sentences;               // per article: number of sentences (title + body)
  double extract_ms = 0;
  // Where that time went: tokens and candidates of bodies, of titles, cleaning and typing the distinct
  // spans, merging (for benchmarks; `explorer bench` prints them).
  double stage_ms[4] = {0, 0, 0, 0};
  size_t bytes = 0;  // text bytes read (titles + bodies)
};

// Extraction in slices, for a UI that must keep drawing: step() works for about budget_ms and returns
// true when the index is complete (the merging stage runs in one step, ~20% of the total). The corpus
// must stay alive and unchanged until take().
class EntityExtractor {
 public:
  EntityExtractor(const Corpus& corpus, std::shared_ptr<const Gazetteer> gazetteer);
  ~EntityExtractor();
  EntityExtractor(const EntityExtractor&) = delete;
  EntityExtractor& operator=(const EntityExtractor&) = delete;
  // Threads for the statistics and the bodies (the command line's --threads; the page keeps 1): with
  // more than one, those stages run in one step, whatever its budget. Call before the first step().
  // The index is the same for any number.
  void set_threads(int threads);
  bool step(double budget_ms);
  double progress() const;  // 0..1, approximate
  EntityIndex take();       // once, after step() returned true

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Finds and merges the entities of every article. Articles with given entities use those (located in
// the text where their names or aliases occur). Deterministic; O(text) plus O(m log m) for m mentions.
EntityIndex extract_entities(const Corpus& corpus, const Gazetteer& gazetteer, int threads = 1);

// Distinct surface strings of an article's mentions of each type (people, orgs, places), in reading
// order, demonym references left out: what `explorer entities --jsonl` prints.
std::vector<std::string> article_surfaces(const Corpus& corpus, const EntityIndex& index, size_t article,
                                          EntityType type);

}  // namespace ae
