// Word patterns for the safety screen (dialogs/safety_screen.h), over the clauses of
// dialogs/safety_text.h. A pattern is words separated by spaces:
//   a|b|c    any one of the alternatives
//   pain*    a stem: any word starting with "pain"
//   #        a number of ten or more (digits or a word: "thirty", "dozen")
//   ...      up to kSafetyGap other words may sit here
//   $        the end of the clause
//   chest~   also a typed word of five or more letters one edit away ("chets"), unless
//            the spell checker knows the typed word as a word of its own ("cheat").
// Typo tolerance is opt-in per word: it is for the key nouns people misspell, and on
// short common words it reads "sitting" as "fitting".
// Pure; compiled patterns are immutable and safe to share between threads.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dialogs/language_tools.h"
#include "dialogs/safety_text.h"

namespace triagebot::dialogs::safety {

inline constexpr int kSafetyGap = 4;

struct Element {
  // Plain words in a set (a message is screened against a few hundred patterns, so the
  // lookup is the screen's cost); stems, typo-tolerant words and "#" in a short list.
  std::unordered_set<std::string> words;
  std::vector<std::string> special;
  bool gap_before = false;
  bool clause_end = false;
};

struct Pattern {
  std::vector<Element> elements;
  int id = -1;  // its number in the screen's index (safety_index.h); -1 when not indexed
};

Pattern compile(std::string_view source);
// Each of `sources` compiled, in order.
std::vector<Pattern> compile_all(const std::vector<std::string>& sources);

struct PatternMatch {
  int first = 0;
  int last = 0;
  std::vector<int> gap_words;  // indexes of the words the gaps skipped
};

// The first match of `pattern` in `clause`, if any, trying every word as its start.
std::optional<PatternMatch> find(const Clause& clause, const Pattern& pattern,
                                 const SpellChecker* spelling);

// The same, trying only the words `starts` (ascending) as its start: those where the
// index (safety_index.h) says the first element matches. Equal to find() when `starts`
// holds every word the first element matches.
std::optional<PatternMatch> find_from(const Clause& clause, const Pattern& pattern,
                                      const SpellChecker* spelling, std::span<const int> starts);

// Whether `typed` is the alternative `alternative` of an element ("chest~", "pain*", "#"
// or a plain word), as find() tests it.
bool alternative_matches(const std::string& typed, const std::string& alternative,
                         const SpellChecker* spelling);

}  // namespace triagebot::dialogs::safety
