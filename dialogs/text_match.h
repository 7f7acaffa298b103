// Word-level text matching for the interview: normalising what people type, phrase
// patterns on stems with one-letter typo tolerance, and negation scope.
// Pure functions over values; safe from any thread.
//
// Phrase syntax (knowledge JSON): words separated by spaces; a word ending in `*` is a
// stem (matches any word starting with it); `...` lets up to kMaxGap words sit between
// its neighbours (never across a sentence end). Words of five or more letters also match
// a typed word one edit away (insert, delete, substitute, swap) unless that typed word
// is itself a word the knowledge base knows ("night" is not a typo of "right").
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dialogs/result.h"

namespace triagebot::dialogs {

inline constexpr int kMaxGap = 5;

struct Token {
  std::string word;  // lower-case word, or a punctuation mark ("." or ",")
  bool punct = false;
  bool sentence_end() const { return punct && word != ","; }
};

struct PhraseToken {
  std::string word;
  bool stem = false;
  bool gap_before = false;
};

struct Phrase {
  std::string source;
  std::vector<PhraseToken> tokens;
};

using Vocabulary = std::set<std::string>;

struct NegationRules {
  std::set<std::string> negators, post_negators, scope_breakers, clause_openers;
};

struct Match {
  int first = 0;  // token index of the first matched word
  int last = 0;   // token index of the last matched word
  bool negated = false;
};

// Lower-case, straight quotes, contractions expanded ("can't" -> "cannot",
// "don't" -> "do not", "i'm" -> "i am"), punctuation split off as tokens.
std::vector<Token> tokenize(std::string_view text);

Result<Phrase> compile_phrase(std::string_view source);

// True when `a` and `b` differ by at most one insertion, deletion, substitution or swap.
bool within_one_edit(std::string_view a, std::string_view b);

bool word_matches(const std::string& typed, const PhraseToken& pattern,
                  const Vocabulary& vocabulary);

// Every match of `phrase` in `tokens` (starting at or after `from`), each with its
// negation state under `rules` (a negator earlier in the clause, or "fine"/"normal" after).
std::vector<Match> find_matches(const std::vector<Token>& tokens, const Phrase& phrase,
                                const Vocabulary& vocabulary, const NegationRules& rules,
                                int from = 0);

// Whether `phrase` matches starting exactly at token `at`.
bool matches_at(const std::vector<Token>& tokens, const Phrase& phrase,
                const Vocabulary& vocabulary, int at, int* last = nullptr);

// Adds every word of `source` (split like tokenize) to `vocabulary`.
void add_words(Vocabulary& vocabulary, std::string_view source);

}  // namespace triagebot::dialogs
