// The safety screen's patterns compiled once into an index from a clause's words to the
// patterns that can start there (issue 13: the fast reader).
//
// Why it is fast: the screen used to try each of its ~270 patterns at every word of every
// clause, hashing the word again for each. A pattern can only match where its first
// element does, so the index keeps each pattern under its first element's plain words
// and stems ("pain*") in a trie (word_trie.h: one walk per word selects them), and the
// few first alternatives that need a test of their own (typo-tolerant "chest~", the
// number "#") in a short list tried on every word. The screen then runs the unchanged
// matcher (safety_pattern.h) from those words only: a word skipped is one where the
// first element does not match, where the full scan failed at once. Typo tolerance is
// the matcher's own test, so it reads as before (fast_reader_test compares the two).
// Immutable after build; safe to share between threads.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "dialogs/language_tools.h"
#include "dialogs/safety_pattern.h"
#include "dialogs/word_set.h"
#include "dialogs/word_trie.h"

namespace triagebot::dialogs::safety {

// For one clause: the words each pattern may begin at.
class ClauseStarts {
 public:
  // Ascending word indexes; empty when pattern `id` cannot match in this clause.
  std::span<const int> of(int id) const;
  // Whether of(id) is not empty, in a few instructions: most of the screen's patterns
  // start nowhere in a clause, and it asks this of each of them.
  // The starts of clause `a` (of `a_words` words) followed by clause `b`, from theirs:
  // whether a pattern may start at a word depends on that word alone, so those of the
  // joined clause are a's and b's with b's words numbered on. For a crisis split over
  // messages (screen_across_messages), whose second part the screen has indexed already.
  static ClauseStarts joined(const ClauseStarts& a, int a_words, const ClauseStarts& b);
  bool any(int id) const {
    const size_t word = static_cast<size_t>(id) / 64;
    return id >= 0 && word < present_.size() && (present_[word] >> (id % 64)) & 1U;
  }
  // The least id not below `id` that any() holds for, or -1: a walk over the patterns
  // that start somewhere in the clause, skipping the rest.
  // Every pattern id with a start, ascending (an id once per word it starts at).
  const std::vector<int>& ids() const { return ids_; }
  int next_id(int id) const {
    auto at = std::lower_bound(ids_.begin(), ids_.end(), id);
    return at == ids_.end() ? -1 : *at;
  }
  // Whether any(id) for some id in [first, last]: a rule's or a list's patterns have
  // consecutive ids (PatternIndex::add numbers them in turn), so most clauses rule out a
  // whole rule with a word or two of bits instead of a test per pattern.
  bool any_between(int first, int last) const {
    if (last < 0 || first > last) return false;
    const size_t from = static_cast<size_t>(std::max(first, 0));
    const size_t to = std::min(static_cast<size_t>(last), present_.size() * 64 - 1);
    if (present_.empty() || from > to) return false;
    for (size_t word = from / 64; word <= to / 64; ++word) {
      std::uint64_t bits = present_[word];
      if (word == from / 64) bits &= ~std::uint64_t{0} << (from % 64);
      if (word == to / 64 && to % 64 != 63) bits &= (std::uint64_t{1} << (to % 64 + 1)) - 1;
      if (bits) return true;
    }
    return false;
  }

 private:
  friend class PatternIndex;
  // Parallel, sorted by id then word. Short: a clause starts few patterns. (A dense
  // table with a slot per pattern is a large allocation, and glibc tidies its free lists
  // before each of those: that alone cost more than the lookups.)
  std::vector<int> ids_, words_;
  std::vector<std::uint64_t> present_;  // a bit per pattern id that has a start
};

class PatternIndex {
 public:
  // Gives `pattern` the next id (Pattern::id) and indexes its first element.
  void add(Pattern& pattern);

  // `spelling` as the screen passes it to find() (typo-tolerant words consult it).
  // A pattern whose second element is plain words (or stems) right after its first is
  // left out where the clause's next word is none of them: the matcher fails there at
  // that element. At the clause's last word it is kept, as the next word is not known:
  // a join with a later clause may supply it (ClauseStarts::joined), so a's starts are
  // a superset there, and the matcher decides.
  ClauseStarts starts(const Clause& clause, const SpellChecker* spelling) const;

 private:
  int size_ = 0;
  WordTrie first_words_;
  struct Special {
    std::string alternative;  // "chest~" or "#"
    int id;
    size_t length;  // of a typo-tolerant word, without its "~"; 0 for "#"
  };
  // The numbers ("#": all one test).
  std::vector<Special> numbers_;
  // The typo-tolerant words by length, each once with every pattern that starts with it:
  // "breathe~" starts dozens of patterns, and whether a typed word is one edit from it is
  // asked once per word, not once per pattern.
  struct TypoWord {
    std::string alternative;  // "chest~"
    size_t length;            // without its "~"
    std::vector<int> ids;
  };
  std::vector<TypoWord> typos_;
  void add_typo_word(const std::string& alternative, int id);
  // By pattern id: its second element's words and stems, when that element follows the
  // first directly and has nothing else (no typo-tolerant word, number or clause end).
  // The words are numbered once for all patterns (second_ids_), so a clause's next word
  // is looked up once per word, not once per pattern that starts there: a word such as
  // "i" or "my" starts dozens of patterns (the lookups were 6% of a step, 2026-12-07).
  struct Second {
    bool check = false;
    std::vector<int> word_ids;  // ascending
    std::vector<std::string> stems;
  };
  std::vector<Second> second_;
  // By pattern id: a bit per first letter its second element's words and stems may begin
  // with (first_letter_bit, word_set.h), every bit when it is not checked. Most patterns a word
  // starts are ruled out by the next word's first letter from this short array, without reading
  // their Second (the check was 4% of an opening's instructions, 2026-12-07).
  std::vector<std::uint64_t> second_letters_;
  WordMap<int> second_ids_;
  // second_ids_'s number for `word`, or -1.
  int second_id(const std::string& word) const;
  // Whether pattern `id` may go on from word `at` of `clause` to its second element,
  // whose number in second_ids_ is `next_id` (-1: none).
  bool second_may_match(int id, const Clause& clause, size_t at, int next_id) const;
};

}  // namespace triagebot::dialogs::safety
