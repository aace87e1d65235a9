// tagger_train.h — training the tagger's weights: an averaged perceptron over texts with gold BIO
// labels, decoded greedily as at run time. Deterministic for the same texts, order seed and epochs.
// Used by `explorer train-tagger`; not part of the page. Layer: core.
#pragma once
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "flat_table.h"
#include "tagger.h"

namespace ae {

class TaggerTrainer {
 public:
  // Adds one text (a title or a body) with one gold label per token. The context's evidence is read
  // during the call only.
  void add(std::string_view text, const std::vector<Token>& toks, const TagContext& ctx,
           const std::vector<uint8_t>& gold);
  // Runs the epochs; after each, progress(epoch, share of considered tokens labelled right).
  void train(int epochs, uint64_t seed, const std::function<void(int, double)>& progress);
  // The averaged weights, features whose weights all stay below min_weight left out.
  TaggerModel model(float min_weight) const;
  // The same of several trainers' averaged weights, averaged (each trained on the same texts in its own
  // order: the mix varies less with the order, and with small changes to the features, than any one).
  static TaggerModel mixed(const std::vector<const TaggerTrainer*>& trainers, float min_weight);
  size_t texts() const { return texts_.size(); }
  size_t tokens() const { return toks_.size(); }

 private:
  struct Tok {
    uint32_t first_feature = 0, features = 0;  // rows in feats_
    uint64_t shape = 0, word = 0;
    uint8_t gold = 0;
    bool always = false;  // considered even after an O
  };
  struct Text {
    uint32_t first_tok = 0, ntoks = 0;
  };
  uint32_t row(uint64_t feature);               // the weight row of a feature, made when new
  std::vector<float> averaged(size_t r) const;  // row r's averaged weights
  void update(uint32_t r, int label, float delta);
  std::vector<Tok> toks_;
  std::vector<Text> texts_;
  std::vector<uint32_t> feats_;  // static feature rows of every token
  FlatTable<uint32_t> rows_;     // feature -> row + 1
  std::vector<uint64_t> keys_;   // by row
  std::vector<float> w_;         // by row * kTagLabels + label
  std::vector<double> acc_;      // summed over time, for the average
  std::vector<uint32_t> stamp_;
  uint32_t clock_ = 1;
  Tagger tagger_;
  std::vector<uint64_t> scratch_;
};

}  // namespace ae
