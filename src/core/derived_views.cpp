// derived_views.cpp — the explorer's views, each made again only when its inputs change. Layer: core.
#include "derived_views.h"

#include <algorithm>

#include "clock.h"
#include "compare.h"
#include "text.h"

namespace ae {

size_t find_entity(const EntityIndex& index, const std::string& name) {
  const auto& ents = index.entities;
  for (size_t i = 0; i < ents.size(); ++i)
    if (ents[i].name == name) return i;
  const std::string lower = ascii_lower(name);
  for (size_t i = 0; i < ents.size(); ++i)
    if (ascii_lower(ents[i].name) == lower) return i;
  return SIZE_MAX;
}

uint32_t mentions_in(const EntityIndex& index, size_t article, size_t entity) {
  if (article >= index.by_article.size()) return 0;
  uint32_t n = 0;
  const auto& ms = index.by_article[article];
  for (size_t k = 0; k < ms.size(); ++k)
    if (ms[k].entity == entity) n += index.mention_count(article, k);
  return n;
}

bool Postings::update(uint64_t data, const EntityIndex& index) {
  if (data == data_) return false;
  data_ = data;
  const size_t ne = index.entities.size();
  start_.assign(ne + 1, 0);
  std::vector<uint32_t> last(ne, UINT32_MAX);
  for (uint32_t a = 0; a < index.by_article.size(); ++a)
    for (const Mention& m : index.by_article[a])
      if (last[m.entity] != a) {
        last[m.entity] = a;
        ++start_[m.entity + 1];
      }
  for (size_t e = 0; e < ne; ++e) start_[e + 1] += start_[e];
  postings_.assign(start_[ne], 0);
  std::vector<uint32_t> fill(start_.begin(), start_.end() - 1);
  std::fill(last.begin(), last.end(), UINT32_MAX);
  for (uint32_t a = 0; a < index.by_article.size(); ++a)
    for (const Mention& m : index.by_article[a])
      if (last[m.entity] != a) {
        last[m.entity] = a;
        postings_[fill[m.entity]++] = a;
      }
  return true;
}

std::pair<const uint32_t*, const uint32_t*> Postings::of(size_t entity) const {
  if (entity + 1 >= start_.size()) return {nullptr, nullptr};
  return {postings_.data() + start_[entity], postings_.data() + start_[entity + 1]};
}

bool SearchHits::update(uint64_t data, const Corpus& corpus, const std::string& text) {
  if (data == data_ && text == text_) return false;
  data_ = data;
  text_ = text;
  hits_.clear();
  ++revision_;
  // Terms: quoted phrases, else words.
  std::vector<std::string> terms;
  std::string cur;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      if (!cur.empty()) terms.push_back(cur);
      cur.clear();
      quoted = !quoted;
    } else if (!quoted && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      if (!cur.empty()) terms.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) terms.push_back(cur);
  // Compared as search_fold has them (case, Arabic letter variants and marks); a term of marks only is none.
  for (std::string& t : terms) t = search_fold(t);
  terms.erase(std::remove_if(terms.begin(), terms.end(), [](const std::string& t) { return t.empty(); }), terms.end());
  terms_ = terms;
  if (terms.empty()) return true;
  hits_.assign(corpus.size(), 0);
  for (size_t a = 0; a < corpus.size(); ++a) {
    const Article& art = corpus.articles[a];
    uint32_t total = 0;
    for (const std::string& t : terms) {
      const uint32_t n = count_folded(art.title, t) + count_folded(art.body, t);
      if (n == 0) {
        total = 0;
        break;
      }
      total += n;
    }
    hits_[a] = total;
  }
  return true;
}

bool ArticleList::update(uint64_t data, const Corpus& corpus, const EntityIndex& index, const SearchHits& search,
                         const ViewState& view) {
  Key key;
  key.data = data;
  key.search = search.revision();
  key.from = view.from;
  key.to = view.to;
  key.undated = view.include_undated;
  key.selected = view.selected;
  key.pair = view.pair;
  key.order = view.order;
  if (key == key_) return false;
  key_ = key;
  rows_.clear();
  const bool searching = search.active();
  const size_t selected = view.selected;
  const auto pair = view.pair;
  auto passes = [&](uint32_t a) {
    if (searching && search.hits(a) == 0) return false;
    if (selected == SIZE_MAX && pair.first == SIZE_MAX) return true;
    if (a >= index.by_article.size()) return false;
    bool one = false, two = false;
    for (const Mention& m : index.by_article[a]) {
      if (m.entity == selected) return true;
      one |= m.entity == pair.first;
      two |= m.entity == pair.second;
    }
    return one && two &&
           (!index.counts ||
            index.pair_articles(a, static_cast<uint32_t>(pair.first), static_cast<uint32_t>(pair.second)) > 0);
  };
  if (view.from != kUndated && view.to != kUndated) {
    auto [first, last] = corpus.dated_span(view.from, view.to);
    rows_.reserve(last - first + (view.include_undated ? corpus.undated() : 0));
    for (size_t i = last; i > first; --i)
      if (passes(corpus.by_date[i - 1])) rows_.push_back(corpus.by_date[i - 1]);
  }
  if (view.include_undated)
    for (size_t i = corpus.dated; i < corpus.by_date.size(); ++i)
      if (passes(corpus.by_date[i])) rows_.push_back(corpus.by_date[i]);
  hits_in_list_ = 0;
  if (searching)
    for (uint32_t a : rows_) hits_in_list_ += search.hits(a);
  if (view.order == ListOrder::Oldest) {
    // Dated oldest first, undated still last.
    const auto undated =
        std::find_if(rows_.begin(), rows_.end(), [&](uint32_t a) { return corpus.articles[a].date == kUndated; });
    std::reverse(rows_.begin(), undated);
  } else if (view.order == ListOrder::Relevance) {
    std::vector<std::pair<uint32_t, uint32_t>> scored;  // (score, position in newest-first order)
    scored.reserve(rows_.size());
    for (uint32_t k = 0; k < rows_.size(); ++k) {
      const uint32_t a = rows_[k];
      uint32_t score = search.hits(a);
      if (selected != SIZE_MAX) score += mentions_in(index, a, selected);
      if (pair.first != SIZE_MAX) score += mentions_in(index, a, pair.first) + mentions_in(index, a, pair.second);
      scored.push_back({score, k});
    }
    std::stable_sort(scored.begin(), scored.end(), [](auto& x, auto& y) { return x.first > y.first; });
    std::vector<uint32_t> out;
    out.reserve(rows_.size());
    for (auto& sc : scored) out.push_back(rows_[sc.second]);
    rows_.swap(out);
  }
  return true;
}

void NetworkView::adopt(uint64_t data, std::unique_ptr<Cooccurrence> counts, const Corpus& corpus) {
  co_ = std::move(counts);
  co_->rebind(corpus);
  co_key_ = CountsKey{data, co_->scope(), corpus.date_min, corpus.date_max};  // the whole span
}

void NetworkView::follow(std::unique_ptr<Cooccurrence>& co, CountsKey& have, const CountsKey& want,
                         const Corpus& corpus, const EntityIndex& index) {
  if (co && have == want) return;
  if (!co || have.data != want.data || have.scope != want.scope)
    co = std::make_unique<Cooccurrence>(corpus, index, want.scope);
  if (want.from != kUndated && want.to != kUndated) co->set_range(want.from, want.to);
  else co->set_positions(0, 0);
  have = want;
}

bool NetworkView::update(uint64_t data, const Corpus& corpus, const EntityIndex& index, const ViewState& view) {
  const double t0 = now_ms();
  follow(co_, co_key_, CountsKey{data, view.scope, view.from, view.to}, corpus, index);
  GraphKey key;
  key.b = co_key_;
  key.comparing = view.comparing();
  if (key.comparing) {
    follow(co_a_, a_key_, CountsKey{data, view.scope, view.base_from, view.base_to}, corpus, index);
    key.a = a_key_;
  } else {
    co_a_.reset();
    a_key_ = CountsKey{};
  }
  key.measure = view.measure;
  key.min_count = view.min_count;
  key.top_n = view.top_n;
  key.types = view.net_types;
  key.hidden = view.net_hidden;
  key.changes_only = view.changes_only;
  if (graph_made_ && key == graph_key_) return false;
  // What the network leaves out, by type and by name.
  std::vector<char> skip;
  if (view.net_types != 0x7 || !view.net_hidden.empty()) {
    skip.assign(index.entities.size(), 0);
    for (size_t e = 0; e < skip.size(); ++e)
      skip[e] = !(view.net_types & (1u << static_cast<int>(index.entities[e].type)));
    for (const std::string& name : view.net_hidden) {
      const size_t e = find_entity(index, name);
      if (e < skip.size()) skip[e] = 1;
    }
  }
  const std::vector<char>* sk = skip.empty() ? nullptr : &skip;
  graph_ = co_a_ ? build_compare_graph(*co_a_, *co_, view.measure, view.min_count, view.top_n, view.changes_only, sk)
                 : build_graph(*co_, view.measure, view.min_count, view.top_n, sk);
  graph_key_ = std::move(key);
  graph_made_ = true;
  update_ms_ = now_ms() - t0;
  return true;
}

}  // namespace ae
