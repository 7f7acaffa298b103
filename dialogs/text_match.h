// Word-level text matching for the interview: normalising what people type, phrase
// patterns on stems, and negation scope. Pure functions over values; safe from any thread.
//
// Phrase syntax (knowledge JSON): words separated by spaces; a word ending in `*` is a
// stem (matches any word starting with it); `...` lets up to kMaxGap words sit between
// its neighbours (never across a sentence end). Matching is exact: misspellings are
// corrected beforehand against a real dictionary (spelling_normaliser.h), never by
// closeness to the knowledge base's own words, which turned ordinary English words into
// symptoms.
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dialogs/result.h"
#include "dialogs/word_set.h"

namespace triagebot::dialogs {

inline constexpr int kMaxGap = 5;

// After "when I / he / she was", a word in -ing tells what the person was doing when it
// started ("when I was cooking"), not a time of life gone by ("when I was 15"). Both the
// interview's reader (context_scope.cpp) and the safety screen ask it.
inline bool tells_what_was_being_done(std::string_view word_after) {
  return word_after.size() > 4 && word_after.substr(word_after.size() - 3) == "ing";
}

// "1987", "2019": a calendar year written in digits. Both readers date by it: the
// interview's (context_scope.cpp) and the safety screen's.
inline bool is_calendar_year(std::string_view w) {
  if (w.size() != 4 || !(w.substr(0, 2) == "19" || w.substr(0, 2) == "20")) return false;
  for (char c : w)
    if (c < '0' || c > '9') return false;
  return true;
}

struct Token {
  std::string word;  // lower-case word, or a punctuation mark ("." or ",")
  bool punct = false;
  // Byte range of the original text this token was read from (tokens of one expanded
  // contraction share it), so a reading can quote the person's own words.
  size_t begin = 0, end = 0;
  bool sentence_end() const { return punct && !is(","); }
  // Compared as a view: the length first, no strlen of the literal at run time.
  bool is(std::string_view w) const { return same_word(word, w); }
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

using Vocabulary = WordSet;

struct NegationRules {
  WordSet negators, post_negators, scope_breakers, clause_openers;
};

struct Match {
  int first = 0;  // token index of the first matched word
  int last = 0;   // token index of the last matched word
  bool negated = false;
};

// Lower-case, straight quotes, accents dropped ("sí" -> "si"), thumbs up/down and shrug
// emoji as "yes"/"no"/"dunno", contractions expanded ("can't" -> "cannot", "don't" ->
// "do not", "i'm" -> "i am"), punctuation split off as tokens.
std::vector<Token> tokenize(std::string_view text);

Result<Phrase> compile_phrase(std::string_view source);
// A reader's built-in vocabulary: every source that compiles (they are literals in the
// code, so one that does not is caught by that reader's tests).
std::vector<Phrase> compile_phrases(std::initializer_list<const char*> sources);

// Inline: the matchers ask it of nearly every word they pass.
inline bool word_matches(const std::string& typed, const PhraseToken& pattern) {
  if (pattern.stem) return word_starts_with(typed, pattern.word);
  return same_word(typed, pattern.word);
}

// Every match of `phrase` in `tokens` (starting at or after `from`), each with its
// negation state under `rules` (a negator earlier in the clause, or "fine"/"normal" after).
std::vector<Match> find_matches(const std::vector<Token>& tokens, const Phrase& phrase,
                                const NegationRules& rules, int from = 0);

// The match of `phrase` starting exactly at token `at`, with its negation state, if any:
// find_matches at one place (the reader's index says where to look, phrase_index.h).
std::optional<Match> match_at(const std::vector<Token>& tokens, const Phrase& phrase,
                              const NegationRules& rules, int at);

// Whether `phrase` matches starting exactly at token `at`.
bool matches_at(const std::vector<Token>& tokens, const Phrase& phrase, int at,
                int* last = nullptr);

// Adds every word of `source` (split like tokenize) to `vocabulary`.
void add_words(Vocabulary& vocabulary, std::string_view source);

}  // namespace triagebot::dialogs
