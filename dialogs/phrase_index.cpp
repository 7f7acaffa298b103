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
  if (id < 0) return;
  const auto at = static_cast<size_t>(id);
  if (second_.size() <= at) {
    second_.resize(at + 1);
    has_second_.resize(at + 1, false);
    second_letter_.resize(at + 1, 0);
  }
  has_second_[at] = phrase.tokens.size() > 1 && !phrase.tokens[1].gap_before;
  if (has_second_[at]) {
    second_[at] = phrase.tokens[1];
    second_letter_[at] = first_letter_bit(second_[at].word);
  }
}

std::vector<PhraseStart> PhraseIndex::starts(const std::vector<Token>& tokens) const {
  std::vector<PhraseStart> out;
  out.reserve(tokens.size() * 4);
  for (size_t i = 0; i < tokens.size(); ++i) {
    // The token after this one, when it is a word: a phrase with a second word needs one.
    const Token* next = i + 1 < tokens.size() && !tokens[i + 1].punct ? &tokens[i + 1] : nullptr;
    // No next word: no phrase with a second word starts here (0 rules them all out).
    const std::uint64_t next_letter = next ? first_letter_bit(next->word) : 0;
    visit(tokens[i], [&](int id) {
      const auto at = static_cast<size_t>(id);
      if (at < has_second_.size() && has_second_[at] &&
          (!(second_letter_[at] & next_letter) || !word_matches(next->word, second_[at])))
        return false;
      out.push_back({id, static_cast<int>(i)});
      return false;
    });
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace triagebot::dialogs
