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

void PhraseIndex::candidates(const Token& token, std::vector<int>& ids) const {
  if (token.punct) return;  // matches_at never starts a phrase at a mark
  if (auto it = by_word_.find(token.word); it != by_word_.end())
    ids.insert(ids.end(), it->second.begin(), it->second.end());
  // A stem matches a word it begins (word_matches): look up each prefix of the word
  // that is as long as some stem.
  for (size_t length : stem_lengths_) {
    if (length > token.word.size()) break;
    auto it = by_stem_.find(token.word.substr(0, length));
    if (it != by_stem_.end()) ids.insert(ids.end(), it->second.begin(), it->second.end());
  }
}

std::vector<PhraseStart> PhraseIndex::starts(const std::vector<Token>& tokens) const {
  std::vector<PhraseStart> out;
  std::vector<int> ids;
  for (size_t i = 0; i < tokens.size(); ++i) {
    ids.clear();
    candidates(tokens[i], ids);
    for (int id : ids) out.push_back({id, static_cast<int>(i)});
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace triagebot::dialogs
