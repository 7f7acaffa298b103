// The safety screen's patterns compiled once into an index from a clause's words to the
// patterns that can start there (issue 13: the fast reader).
//
// Why it is fast: the screen used to try each of its ~350 patterns at every word of every
// clause, hashing the word again for each. A pattern can only match where its first
// element does, so the index maps each plain first word to its patterns (one hash lookup
// per word), each first stem ("pain*") to its patterns (one lookup per stem length, over
// the word's prefixes), and keeps the few first alternatives that need a test of their
// own (typo-tolerant "chest~", the number "#") in a short list tried on every word. The
// screen then runs the unchanged matcher (safety_pattern.h) from those words only: a
// word skipped is one where the first element does not match, where the full scan
// failed at once. Typo tolerance is the matcher's own test, so it reads as before.
// Immutable after build; safe to share between threads.
#pragma once

#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dialogs/language_tools.h"
#include "dialogs/safety_pattern.h"

namespace triagebot::dialogs::safety {

// For one clause: the words each pattern may begin at.
class ClauseStarts {
 public:
  // Ascending word indexes; empty when pattern `id` cannot match in this clause.
  std::span<const int> of(int id) const;

 private:
  friend class PatternIndex;
  std::vector<int> begin_;  // per id, into words_; one more at the end
  std::vector<int> words_;
};

class PatternIndex {
 public:
  // Gives `pattern` the next id (Pattern::id) and indexes its first element.
  void add(Pattern& pattern);

  // `spelling` as the screen passes it to find() (typo-tolerant words consult it).
  ClauseStarts starts(const Clause& clause, const SpellChecker* spelling) const;

 private:
  int size_ = 0;
  std::unordered_map<std::string, std::vector<int>> by_word_;
  std::unordered_map<std::string, std::vector<int>> by_stem_;
  std::vector<size_t> stem_lengths_;                  // of by_stem_'s keys, ascending
  std::vector<std::pair<std::string, int>> special_;  // ("chest~" or "#", id)
};

}  // namespace triagebot::dialogs::safety
