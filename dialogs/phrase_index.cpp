#include "dialogs/phrase_index.h"

#include <algorithm>

namespace triagebot::dialogs {

void PhraseIndex::add(const Phrase& phrase, int id) {
  const PhraseToken& first = phrase.tokens.front();
  if (!first.stem) {
    by_word_[first.word].push_back(id);
    return;
  }
  by_stem_[first.word].push_back(id);
  auto at = std::lower_bound(stem_lengths_.begin(), stem_lengths_.end(), first.word.size());
  if (at == stem_lengths_.end() || *at != first.word.size())
    stem_lengths_.insert(at, first.word.size());
}

std::vector<PhraseStart> PhraseIndex::starts(const std::vector<Token>& tokens) const {
  std::vector<PhraseStart> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.punct) continue;  // matches_at never starts a phrase at a mark
    const int at = static_cast<int>(i);
    if (auto it = by_word_.find(t.word); it != by_word_.end())
      for (int id : it->second) out.push_back({id, at});
    // A stem matches a word it begins (word_matches): look up each prefix of the word
    // that is as long as some stem.
    for (size_t length : stem_lengths_) {
      if (length > t.word.size()) break;
      auto it = by_stem_.find(t.word.substr(0, length));
      if (it == by_stem_.end()) continue;
      for (int id : it->second) out.push_back({id, at});
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace triagebot::dialogs
