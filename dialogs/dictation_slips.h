// Words that voice-to-text and phone keyboards put in place of the one meant, read back
// as that one before the dictionary sees them (spelling_normaliser.h). Each is a real
// English word, so the dictionary would leave it alone, and each says something
// else to the reader:
// - "know" for "no" opening a clause ("know problems with that", "know I haven't
//   fallen", "know"), but not "know what I mean", "know if it matters"; inside one, only
//   before a thing people deny and not after a word the verb follows ("at football know
//   falls on my back", not "I really know falls");
// - "weak" for "week" where only a week fits: after a number ("about 6 weak", "two
//   weaks") unless a limb follows ("one weak leg", "two weak arms"), before "ago" ("a
//   weak ago"), or closing a clause after "a", "last", "this", "next", "per", "every"
//   ("sore for about a weak"); "a weak leg" stays weak;
// - a dropped final g ("goin", "walkin", "feelin"): the word with its g when the
//   dictionary knows it and its stem ("go", "walk"), not the dictionary's first guess
//   ("goin" was "groin", numbness in the saddle area; "gorin" stays "groin").
// Pure; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialogs/language_tools.h"
#include "dialogs/text_match.h"

namespace triagebot::dialogs {

// The word meant by tokens[i] when it is one of the slips above judged by the words
// around it ("know" -> "no", "weak" -> "week"), else empty.
std::string_view dictation_slip(const std::vector<Token>& tokens, size_t i);

// `word` with a final g restored ("goin" -> "going") when it ends in "in" and the
// dictionary knows its stem and the word with the g (the caller has found the word
// itself unknown); else empty.
std::string with_dropped_g(const std::string& word, const SpellChecker& spelling);

}  // namespace triagebot::dialogs
