// A short list of phrases (the lexicon's answer words, the time triggers, the answer
// reader's own words) with a PhraseIndex over it (phrase_index.h), built once.
//
// Why it is fast: the readers ask of such a list "does any of you match here?" or "...
// anywhere in these words?" many times per message. Trying every phrase at every word
// compared each phrase's first word with each typed word; the index looks the typed word
// up once and tries, with matches_at as before, only the phrases that start with it, in
// list order. So the answers are those of the full scan (fast_reader_test checks it).
// Immutable after construction; safe to share between threads.
#pragma once

#include <vector>

#include "dialogs/phrase_index.h"
#include "dialogs/text_match.h"

namespace triagebot::dialogs {

class PhraseList {
 public:
  PhraseList() = default;
  // Implicit, so a list is written where a std::vector<Phrase> was.
  PhraseList(std::vector<Phrase> phrases);

  const std::vector<Phrase>& phrases() const { return phrases_; }
  std::vector<Phrase>::const_iterator begin() const { return phrases_.begin(); }
  std::vector<Phrase>::const_iterator end() const { return phrases_.end(); }
  size_t size() const { return phrases_.size(); }
  bool empty() const { return phrases_.empty(); }

  // The first phrase in list order that matches starting exactly at token `at` (its
  // place in the list), or -1; `last` gets that match's last token, as matches_at.
  int match_at(const std::vector<Token>& tokens, int at, int* last = nullptr) const;

  // Whether some phrase matches starting at a token in [from, to); with `within`, the
  // match must also end before `to`.
  bool any_in(const std::vector<Token>& tokens, int from, int to, bool within = false) const;

 private:
  std::vector<Phrase> phrases_;
  PhraseIndex index_;
};

}  // namespace triagebot::dialogs
