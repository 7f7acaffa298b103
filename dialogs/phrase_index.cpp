#include "dialogs/phrase_index.h"

#include <algorithm>

namespace triagebot::dialogs {

void PhraseIndex::add(const Phrase& phrase, int id) {
  // A stem matches a word it begins (word_matches), a plain word only itself.
  const PhraseToken& first = phrase.tokens.front();
  if (first.stem)
    first_words_.add_stem(first.word, id);
  else
    first_words_.add_word(first.word, id);
}

void PhraseIndex::candidates(const Token& token, std::vector<int>& ids) const {
  if (token.punct) return;  // matches_at never starts a phrase at a mark
  first_words_.select(token.word, ids);
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
