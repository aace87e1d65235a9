// tagger_train.cpp — the averaged perceptron that makes assets/tagger.bin. Layer: core.
#include "tagger_train.h"

#include <algorithm>
#include <cmath>

namespace ae {

uint32_t TaggerTrainer::row(uint64_t feature) {
  uint32_t& r = rows_[feature];
  if (r == 0) {
    keys_.push_back(feature);
    w_.resize(w_.size() + kTagLabels, 0.0f);
    acc_.resize(acc_.size() + kTagLabels, 0.0);
    stamp_.resize(stamp_.size() + kTagLabels, 0);
    r = static_cast<uint32_t>(keys_.size());
  }
  return r - 1;
}

void TaggerTrainer::update(uint32_t r, int label, float delta) {
  const size_t k = static_cast<size_t>(r) * kTagLabels + static_cast<size_t>(label);
  acc_[k] += static_cast<double>(clock_ - stamp_[k]) * w_[k];
  stamp_[k] = clock_;
  w_[k] += delta;
}

void TaggerTrainer::add(std::string_view text, const std::vector<Token>& toks, const TagContext& ctx,
                        const std::vector<uint8_t>& gold) {
  tagger_.prepare(text, toks, ctx);
  Text t;
  t.first_tok = static_cast<uint32_t>(toks_.size());
  t.ntoks = static_cast<uint32_t>(toks.size());
  for (size_t i = 0; i < toks.size(); ++i) {
    Tok k;
    k.first_feature = static_cast<uint32_t>(feats_.size());
    scratch_.clear();
    tagger_.static_features(i, scratch_);
    for (uint64_t f : scratch_) feats_.push_back(row(f));
    k.features = static_cast<uint32_t>(scratch_.size());
    k.shape = tagger_.shape_of(i);
    k.word = tagger_.lexical_word_of(i);
    k.gold = gold[i];
    k.always = tagger_.considered(i, kLabelO);
    toks_.push_back(k);
  }
  texts_.push_back(t);
}

void TaggerTrainer::train(int epochs, uint64_t seed, const std::function<void(int, double)>& progress) {
  std::vector<uint32_t> order(texts_.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  uint64_t state = seed | 1;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::vector<uint32_t> lrows;
  float score[kTagLabels];
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[next() % i]);
    size_t seen = 0, right = 0;
    for (uint32_t ti : order) {
      const Text& text = texts_[ti];
      uint8_t prev1 = kLabelO, prev2 = kLabelO;
      for (uint32_t j = 0; j < text.ntoks; ++j) {
        const Tok& tok = toks_[text.first_tok + j];
        uint8_t gold = tok.gold;
        if (gold != kLabelO && gold % 2 == 0 && label_type(prev1) != label_type(gold))
          gold = label_begin(label_type(gold));  // the name's start was missed: learn it as a start here
        if (!tok.always && prev1 == kLabelO) {
          prev2 = prev1;
          prev1 = kLabelO;
          continue;
        }
        ++seen;
        scratch_.clear();
        tag_label_features(tok.shape, tok.word, prev1, prev2, scratch_);
        lrows.clear();
        for (uint64_t f : scratch_) lrows.push_back(row(f));
        std::fill(score, score + kTagLabels, 0.0f);
        auto add_row = [&](uint32_t r) {
          const float* w = &w_[static_cast<size_t>(r) * kTagLabels];
          for (int l = 0; l < kTagLabels; ++l) score[l] += w[l];
        };
        for (uint32_t f = 0; f < tok.features; ++f) add_row(feats_[tok.first_feature + f]);
        for (uint32_t r : lrows) add_row(r);
        uint8_t best = kLabelO;
        float top = -1e30f;
        for (int l = 0; l < kTagLabels; ++l) {
          if (l != kLabelO && l % 2 == 0 && label_type(prev1) != label_type(static_cast<uint8_t>(l))) continue;
          if (score[l] > top) {
            top = score[l];
            best = static_cast<uint8_t>(l);
          }
        }
        if (best == gold) {
          ++right;
        } else {
          for (uint32_t f = 0; f < tok.features; ++f) {
            update(feats_[tok.first_feature + f], gold, 1.0f);
            update(feats_[tok.first_feature + f], best, -1.0f);
          }
          for (uint32_t r : lrows) {
            update(r, gold, 1.0f);
            update(r, best, -1.0f);
          }
        }
        ++clock_;
        prev2 = prev1;
        prev1 = best;
      }
    }
    if (progress) progress(epoch, seen ? static_cast<double>(right) / static_cast<double>(seen) : 0.0);
  }
}

std::vector<float> TaggerTrainer::averaged(size_t r) const {
  std::vector<float> avg(kTagLabels);
  const double t = static_cast<double>(clock_);
  for (int l = 0; l < kTagLabels; ++l) {
    const size_t k = r * kTagLabels + static_cast<size_t>(l);
    avg[static_cast<size_t>(l)] = static_cast<float>((acc_[k] + static_cast<double>(clock_ - stamp_[k]) * w_[k]) / t);
  }
  return avg;
}

TaggerModel TaggerTrainer::model(float min_weight) const { return mixed({this}, min_weight); }

TaggerModel TaggerTrainer::mixed(const std::vector<const TaggerTrainer*>& trainers, float min_weight) {
  // Features by key, in the order the first trainer that has each made its row (the same for any run).
  std::vector<std::pair<uint64_t, std::vector<float>>> features;
  FlatTable<uint32_t> at;  // key -> index in features + 1
  for (const TaggerTrainer* tr : trainers)
    for (size_t r = 0; r < tr->keys_.size(); ++r) {
      uint32_t& slot = at[tr->keys_[r]];
      if (slot == 0) {
        features.push_back({tr->keys_[r], std::vector<float>(kTagLabels, 0.0f)});
        slot = static_cast<uint32_t>(features.size());
      }
      const std::vector<float> avg = tr->averaged(r);
      std::vector<float>& sum = features[slot - 1].second;
      for (int l = 0; l < kTagLabels; ++l)
        sum[static_cast<size_t>(l)] += avg[static_cast<size_t>(l)] / static_cast<float>(trainers.size());
    }
  std::vector<std::pair<uint64_t, std::vector<float>>> kept;
  for (auto& [key, w] : features) {
    float most = 0;
    for (float v : w) most = std::max(most, std::fabs(v));
    if (most >= min_weight) kept.push_back({key, std::move(w)});
  }
  TaggerModel m;
  m.build(kept);
  return m;
}

}  // namespace ae
