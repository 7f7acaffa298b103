// The knowledge base's phrases compiled once at load into an index from a message's
// words to the phrases that can start there (issue 13: the fast reader).
//
// Why it is fast: reading a message used to try each of the ~1,000 finding and red-flag
// phrases at every word (tens of thousands of word comparisons per message). A phrase
// can only match where its first word does, so the index keeps the phrases under their
// first word or first stem ("numb*") in a trie (word_trie.h): one walk per typed word
// selects them. Only those (phrase, word) pairs are then checked in full with
// matches_at, exactly as before: the index never decides a match, it only skips pairs
// whose first word differs, which matches_at would have refused. So every match the old
// scan found is found (fast_reader_test compares them; the reading golden test holds
// every dev-set reading to the old scan's record).
// Immutable after build; safe to share between threads.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "dialogs/text_match.h"
#include "dialogs/word_trie.h"

namespace triagebot::dialogs {

// A phrase that may start at a token: the id it was added under and the token index.
struct PhraseStart {
  int id = 0;
  int at = 0;
  bool operator<(const PhraseStart& o) const { return id != o.id ? id < o.id : at < o.at; }
};

class PhraseIndex {
 public:
  // Adds `phrase` under `id`, the caller's number for it (its place in the caller's table).
  void add(const Phrase& phrase, int id);

  // Every (id, token) whose phrase's first word matches that word token, sorted by id and
  // then token: the order in which trying each phrase at each word in turn meets them.
  // A phrase whose second word follows its first directly ("left leg", not "foot ...
  // cold") starts only where the next token is a word that matches it too: matches_at
  // refuses the others at its second word, so every place a phrase matches is still
  // offered (fast_reader_test), and most of the places that cannot are not.
  std::vector<PhraseStart> starts(const std::vector<Token>& tokens) const;

  // Calls `fn(id)` for the id of each phrase whose first word matches `token` (none for
  // a mark), in no particular order, until it returns true (WordTrie::visit).
  template <class Fn>
  bool visit(const Token& token, Fn&& fn) const {
    if (token.punct) return false;  // matches_at never starts a phrase at a mark
    return first_words_.visit(token.word, fn);
  }

 private:
  WordTrie first_words_;
  // By id: the phrase's second word when it follows the first directly (no "..."), to
  // try at the next token in starts(); ids added without one have none.
  std::vector<PhraseToken> second_;
  std::vector<bool> has_second_;
  // By id: a bit for the first letter of that second word (every bit for an empty stem),
  // so most phrases a word starts are ruled out by the next word's first letter from a
  // short array, without comparing strings.
  std::vector<std::uint64_t> second_letter_;  // first_letter_bit (word_set.h)
};

}  // namespace triagebot::dialogs
