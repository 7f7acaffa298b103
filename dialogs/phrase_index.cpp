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

std::vector<PhraseStart> PhraseIndex::starts(const std::vector<Token>& tokens) const {
  std::vector<PhraseStart> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    visit(tokens[i], [&](int id) {
      out.push_back({id, static_cast<int>(i)});
      return false;
    });
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace triagebot::dialogs
