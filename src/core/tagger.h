// tagger.h — a learned named-entity tagger: an averaged perceptron over token features (word shape,
// affixes, the project's word lists, the gazetteer, cue words, and how the same word is written
// elsewhere in the article and in the corpus), decoding BIO labels greedily left to right. The
// weights are an asset (assets/tagger.bin, format below) made by `explorer train-tagger`; training is
// in tagger_train.cpp. Layer: core.
//
// Words are features only when they are in the project's own lists (English words, first names,
// gazetteer words and names, cue words): the model learns what kinds of words names are made of and
// around, not the names of the text it was trained on.
//
// assets/tagger.bin (little-endian), laid out to compress well (the page is served gzipped):
//   8 bytes  "AETAGGR2"
//   uint32   labels (9: O, then B and I of person, organisation, place, other)
//   uint32   n, the number of features
//   float32  scale (weight = int16 value * scale)
//   n x LEB128  feature keys (the low 32 bits of a feature's 64-bit hash; never 0), ascending, each
//               written as its gap from the key before (the first from 0)
//   n x uint16  which labels of the feature have a weight other than 0 (bit l: label l)
//   m x uint8   the high bytes of those m int16 weights, feature by feature, label by label
//   m x uint8   their low bytes, in the same order
// load() also reads the first version, "AETAGGR1": n x uint32 keys, then n x labels x int16 weights.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "flat_table.h"
#include "text.h"

namespace ae {

class Gazetteer;

// What the tagger finds; person, organisation and place are EntityType's order.
enum TagType : uint8_t { kTagPerson = 0, kTagOrg = 1, kTagPlace = 2, kTagOther = 3 };
constexpr int kTagTypes = 4;
constexpr int kTagLabels = 1 + 2 * kTagTypes;  // O, B-person, I-person, B-org, ...
constexpr uint8_t kLabelO = 0;
inline uint8_t label_begin(int type) { return static_cast<uint8_t>(1 + 2 * type); }
inline uint8_t label_inside(int type) { return static_cast<uint8_t>(2 + 2 * type); }
inline int label_type(uint8_t label) { return label == kLabelO ? -1 : (label - 1) / 2; }

// How a text is capitalised: as written, every word capitalised (headline case), or all capitals.
// In the last two, capitals say nothing about names and the tagger reads the other evidence.
enum class TextCase : uint8_t { Normal = 0, Headline = 1, AllCaps = 2 };
TextCase text_case(std::string_view text, const std::vector<Token>& toks);

// A run of tokens [first, last] the tagger labelled as one name.
struct TagSpan {
  uint32_t first = 0, last = 0;
  uint8_t type = kTagPerson;  // TagType
  uint8_t margin = 255;       // how sure: the smallest lead of a label over the runner-up in the span (x4, capped)
};

// Words an article writes in lower case (title and body), by hash_lower: "Will" in a headline is a
// name only if the article never writes "will". Asked of the capitalised words of the texts added
// since clear() (a word they write in lower case is lower case by definition: the tagger does not ask).
class DocWords {
 public:
  void clear();
  void add(std::string_view text, const std::vector<Token>& toks);
  bool has_lower(uint64_t word_hash) const {
    if (unfiled_) file_lower();
    const uint32_t* stamp = stamps_.find(nonzero(word_hash));
    return stamp && *stamp == stamp_;
  }

 private:
  // Word hash -> the stamp of the last article that wrote it in lower case: an entry belongs to the
  // current article when its stamp is the current one, so clear() is one increment (the table is
  // emptied only when it has grown large).
  mutable FlatTable<uint32_t> stamps_;
  uint32_t stamp_ = 1;
  // Only the lower-case words that could be a capitalised word of the same texts are hashed into the
  // table, when it is first asked: those of a length and first letter (lower-cased) that a capitalised
  // word has (bit (length & 31) * 32 + (first byte & 31) of capitals_).
  void file_lower() const;
  static uint32_t word_class(std::string_view w) {
    return static_cast<uint32_t>((w.size() & 31) << 5 | (static_cast<unsigned char>(w[0]) & 31));
  }
  uint64_t capitals_[16] = {};
  std::vector<std::string_view> lower_;  // the lower-case words added since clear()
  mutable bool unfiled_ = false;         // words were added since the table was last filled
};

// Features of a token that depend on the two labels before it (word: 0 when not a lexical word).
void tag_label_features(uint64_t shape, uint64_t word, uint8_t prev1, uint8_t prev2, std::vector<uint64_t>& out);

class TaggerModel {
 public:
  bool load(std::string_view bytes, std::string& error);
  std::string save() const;
  bool empty() const { return keys_.empty(); }
  size_t size() const { return keys_.size(); }
  // The weights of a feature (kTagLabels values, to multiply by scale()), or nullptr.
  const int16_t* find(uint64_t feature) const {
    const uint32_t* row = table_.find(key32(feature));
    return row ? &weights_[static_cast<size_t>(*row) * kTagLabels] : nullptr;
  }
  float scale() const { return scale_; }
  // Building a model (training): real-valued weights per feature, quantised here.
  void build(const std::vector<std::pair<uint64_t, std::vector<float>>>& features);
  static uint32_t key32(uint64_t feature) {
    const uint32_t k = static_cast<uint32_t>(feature);
    return k ? k : 1;
  }

 private:
  void index();
  std::vector<uint32_t> keys_;
  std::vector<int16_t> weights_;  // kTagLabels per feature, in the order of keys_
  float scale_ = 1.0f;
  // Key -> its row of weights_: slots of 8 bytes (the table is probed for every feature of every token
  // read, most of them absent from the model, so the probes stay in a quarter of the memory that keys
  // beside their weights would take; only a hit reads the weights).
  FlatTable<uint32_t, uint32_t> table_;
};

// Everything the features read besides the tokens themselves.
struct TagContext {
  const Gazetteer* gaz = nullptr;
  const CaseStats* corpus = nullptr;  // may be null
  const DocWords* doc = nullptr;      // may be null
  TextCase mode = TextCase::Normal;
  bool title = false;
};

// Per-text work space of the tagger (kept between calls so tagging allocates nothing in steady state).
class Tagger {
 public:
  // Labels the tokens of one text (a title or a body) and returns its names.
  void tag(const TaggerModel& model, std::string_view text, const std::vector<Token>& toks, const TagContext& ctx,
           std::vector<TagSpan>& out);

  // For training: the static features of token i (those that do not depend on earlier labels), after
  // prepare() for the text; and whether the token is read at all (tokens that are not skip as O).
  void prepare(std::string_view text, const std::vector<Token>& toks, const TagContext& ctx);
  void static_features(size_t i, std::vector<uint64_t>& out) const;
  bool considered(size_t i, uint8_t previous_label) const;
  // Features that depend on the two labels before the token.
  void label_features(size_t i, uint8_t prev1, uint8_t prev2, std::vector<uint64_t>& out) const {
    const TokInfo& ti = info(i);
    tag_label_features(ti.shape, ti.lex ? ti.lower_hash : 0, prev1, prev2, out);
  }
  // For tests: the gazetteer match prepare() found at token i (0 none, else 1 + 2 * type, + 1 inside a
  // name), and whether prepare() passes over words no gazetteer name starts with (it does by default).
  uint8_t gazetteer_match(size_t i) const { return info_[i].gaz; }
  void pass_unstarted_words(bool on) { pass_unstarted_ = on; }
  // What label_features() reads of token i: its shape hash and its word hash (0 when not a lexical word).
  uint64_t shape_of(size_t i) const { return info(i).shape; }
  uint64_t lexical_word_of(size_t i) const { return info(i).lex ? info(i).lower_hash : 0; }

 private:
  struct TokInfo {
    bool ready = false;       // the fields below are made when the token is first read
    uint64_t key = 0;         // the word's bytes and capitals (its group's key in the cache); punctuation: its shape
    uint64_t nkey = 0;        // what its neighbours read of it (their groups' key)
    uint64_t lower_hash = 0;  // hash_lower of the word
    uint64_t shape = 0;       // hash of the word's shape
    uint16_t roles = 0;       // the gazetteer's roles of the lower-case word
    uint8_t lex = 0;          // 1: the word is in the project's lists (a lexical feature)
    uint8_t gaz = 0;          // gazetteer match covering it: 0 none, else 1 + 2 * type + (inside ? 1 : 0)
    uint8_t dict = 0;         // bit 0 English word, bit 1 first name, bit 2 demonym
    uint8_t opening = 0;      // 1: a word that opens sentences and starts no name alone (is_opening_word)
    uint8_t gaz_start = 0;    // 0: no gazetteer name starts with the word, 1: some may, 2: not known
  };
  std::string_view text_;
  const std::vector<Token>* toks_ = nullptr;
  bool pass_unstarted_ = true;
  TagContext ctx_;
  const TokInfo& info(size_t i) const {
    if (!info_[i].ready) read_token(i);
    return info_[i];
  }
  void read_token(size_t i) const;
  void join_gazetteer_pieces(std::vector<TagSpan>& out) const;
  void read_fields(const Token& t, TokInfo& ti) const;
  void read_word(std::string_view w, const Token& t, TokInfo& ti) const;
  // Feature groups. The word's own (with the bias): they depend on the word, its capitals and the text's
  // case mode alone. A neighbour's: the previous or next token's shape, word and roles.
  void word_features(size_t i, uint64_t capbits, std::vector<uint64_t>& out) const;
  static void neighbour_features(const TokInfo& n, bool before, std::vector<uint64_t>& out);
  // The place's features with few values (read from dense tables when tagging), then the others.
  struct Small {
    static constexpr uint32_t kNone = ~0u;
    uint32_t position = 0, doc_lower = kNone, gaz = 0, gaz_prev = 0, gaz_next = 0;
  };
  Small small_features(size_t i, const TokInfo* prev, const TokInfo* next, uint64_t capbits) const;
  void place_features(size_t i, const TokInfo* prev, const TokInfo* next, std::vector<uint64_t>& out) const;
  // Adds the weights of a feature group to score: from the cache of group sums when key (never 0 for a
  // cached group) is there, else by emitting the group's features.
  template <class Emit>
  void add_group(const TaggerModel& model, uint64_t key, int32_t* score, Emit&& emit);
  mutable std::vector<TokInfo> info_;
  // What read_word() found for each distinct word (exact bytes), for the most frequent words of a
  // corpus: the first kWordCacheSize seen.
  struct WordInfo {
    uint64_t lower_hash = 0, shape = 0;
    uint16_t roles = 0;
    uint8_t dict = 0, lex = 0, opening = 0, gaz_start = 0;
  };
  static constexpr size_t kWordCacheSize = 65536;
  mutable FlatTable<WordInfo> words_;
  mutable size_t cached_ = 0;
  // The sums of the weights of the word and neighbour groups of the most frequent words, direct mapped:
  // ~20 of a token's ~30 features in one lookup. Valid for one model, gazetteer and state of the
  // corpus statistics (checked at each tag()).
  struct ScoreLine {
    uint64_t key = 0;
    int32_t s[kTagLabels] = {};
  };
  static constexpr size_t kScoreCacheMin = 512, kScoreCacheMax = 16384;
  size_t cache_tokens_ = 0;  // tokens tagged since the cache was last made
  std::vector<ScoreLine> score_cache_;
  std::vector<ScoreLine> dense_;  // the weights of the features with few values, by value (make_dense)
  void make_dense(const TaggerModel& model);
  void add_dense(uint32_t at, int32_t* score) const {
    for (int l = 0; l < kTagLabels; ++l) score[l] += dense_[at].s[l];
  }
  const void* cache_model_ = nullptr;
  const void* cache_gaz_ = nullptr;
  const void* cache_corpus_ = nullptr;
  uint64_t cache_revision_ = 0;
  std::vector<uint64_t> feats_, group_;
  std::vector<uint8_t> labels_;
  std::vector<uint8_t> margins_;
  std::string key_;
};

// The label with the highest score of the token after one labelled prev1 (an I-x only after a B-x or
// I-x), and how sure: the lead over the runner-up in weight units x 4, capped at 255.
uint8_t best_label(const int32_t* score, uint8_t prev1, float scale, uint8_t& margin);

// BIO labels to spans (an I without its B starts a name).
void spans_from_labels(const std::vector<uint8_t>& labels, std::vector<TagSpan>& out);

}  // namespace ae
