#include "dialogs/safety_index.h"

#include <algorithm>

namespace triagebot::dialogs::safety {

std::span<const int> ClauseStarts::of(int id) const {
  if (id < 0 || id + 1 >= static_cast<int>(begin_.size())) return {};
  return std::span<const int>(words_).subspan(begin_[id], begin_[id + 1] - begin_[id]);
}

void PatternIndex::add(Pattern& pattern) {
  pattern.id = size_++;
  if (pattern.elements.empty()) return;
  const Element& first = pattern.elements.front();
  for (const auto& word : first.words) by_word_[word].push_back(pattern.id);
  for (const auto& alternative : first.special) {
    if (alternative.back() != '*') {
      special_.push_back({alternative, pattern.id});
      continue;
    }
    std::string stem = alternative.substr(0, alternative.size() - 1);
    auto at = std::lower_bound(stem_lengths_.begin(), stem_lengths_.end(), stem.size());
    if (at == stem_lengths_.end() || *at != stem.size()) stem_lengths_.insert(at, stem.size());
    by_stem_[std::move(stem)].push_back(pattern.id);
  }
}

ClauseStarts PatternIndex::starts(const Clause& clause, const SpellChecker* spelling) const {
  std::vector<std::pair<int, int>> found;  // (id, word)
  for (size_t w = 0; w < clause.size(); ++w) {
    const std::string& word = clause[w];
    const int at = static_cast<int>(w);
    if (auto it = by_word_.find(word); it != by_word_.end())
      for (int id : it->second) found.push_back({id, at});
    for (size_t length : stem_lengths_) {
      if (length > word.size()) break;
      auto it = by_stem_.find(word.substr(0, length));
      if (it == by_stem_.end()) continue;
      for (int id : it->second) found.push_back({id, at});
    }
    for (const auto& [alternative, id] : special_)
      if (alternative_matches(word, alternative, spelling)) found.push_back({id, at});
  }
  // One word may match two alternatives of one element ("pain" and "pain*").
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  ClauseStarts out;
  out.begin_.assign(size_ + 1, 0);
  for (const auto& [id, at] : found) ++out.begin_[id + 1];
  for (int id = 0; id < size_; ++id) out.begin_[id + 1] += out.begin_[id];
  out.words_.reserve(found.size());
  for (const auto& [id, at] : found) out.words_.push_back(at);
  return out;
}

}  // namespace triagebot::dialogs::safety
