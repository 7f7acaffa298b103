// Misspellings corrected against a real dictionary before any phrase is matched
// (issue 10 §5). A word the dictionary knows is never changed, so ordinary English words
// ("colour", "fine", "same") can no longer be "corrected" into symptoms as the old
// closeness-to-the-knowledge-base matching did; an unknown word becomes the dictionary's
// suggestion, preferring one the knowledge base uses ("bak" -> "back", "chets" -> "chest").
// Chat slang the dictionary lacks ("rn", "kinda", "defo") is read from a small list first.
// Pure; safe from any thread when the SpellChecker is.
#pragma once

#include <string>
#include <vector>

#include "dialogs/language_tools.h"
#include "dialogs/text_match.h"

namespace triagebot::dialogs {

// Bounds on the dictionary's work per message, so a long or garbled message stays cheap.
inline constexpr int kMaxCorrections = 12;
inline constexpr size_t kMaxWordLength = 24;

// `keep`: words taken as they are even when the dictionary lacks them (the knowledge
// base's own words, the answer reader's words, including the foreign yes/no words that a
// dictionary would otherwise turn into English ones: "nein" is not "neon").
// `spelling` null: only the slang list applies.
std::vector<Token> correct_spelling(const std::vector<Token>& tokens, const SpellChecker* spelling,
                                    const Vocabulary& keep);

}  // namespace triagebot::dialogs
