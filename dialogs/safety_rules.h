// The safety screen's rules as data: for each category, the patterns that speak of it
// (dialogs/safety_pattern.h syntax) and the scope checks that keep look-alikes out.
// Read by dialogs/safety_screen.cpp; compiled once, immutable, any thread.
#pragma once

#include <string>
#include <vector>

#include "dialogs/safety_index.h"
#include "dialogs/safety_pattern.h"
#include "dialogs/safety_screen.h"
#include "dialogs/safety_signs.h"

namespace triagebot::dialogs::safety {

// Which words before a match (or skipped inside it) deny it.
enum class Negation {
  none,    // the pattern carries its own negative ("not responding", "no puedo respirar")
  denial,  // "not", "never", "no": "not suicidal", "would never kill myself"
  full,    // also "don't", "didn't", "haven't": "I don't have chest pain"
};

struct Rule {
  SafetyCategory category;
  std::vector<Pattern> patterns;  // any one matching fires the rule
  Negation negation = Negation::full;
  // A clause about the distant past ("when I was 15", "years ago") without a word of
  // now ("now", "again", "today") does not fire: a physical emergency is current.
  bool past_scoped = true;
  // A body part just before the match is its subject: "my foot keeps passing out",
  // "my leg collapsed" describe a numb or weak leg, not a person.
  bool body_part_subject = false;
  std::vector<Pattern> unless;  // any of these in the same clause cancels the rule
  // ISO 639-1 code of a rule written for one language other than English ("es"); empty
  // for English (whose word classes also hold a few foreign words, "pecho", "brust").
  // A language's rules must not match English ("overdose", "convulsions", "intoxicated"),
  // or an English message would be answered in that language.
  std::string language = {};
};

const std::vector<Rule>& rules();
// The index in rules() of the rule whose patterns include pattern `id` (Pattern::id), or
// -1. A rule's patterns have consecutive ids, and the rules' come in their order.
int rule_of_pattern(int id);

// Signs of preparing to die ("written letters to the kids", "sorted my will", "won't
// need a doctor"): one alone is ordinary life, two together are a self-harm message.
const std::vector<Pattern>& preparation_signs();

// A clause about the distant past ("when i was", "years ago") and the words that bring
// it to now ("now", "again"): the screen's long_past test.
const std::vector<Pattern>& past_words();
const std::vector<Pattern>& present_words();
// Told in a later clause, that it is over: "it's stopped now", "she is discharged and
// okay now", "fine now" (not for a poisoning, whose harm may come later), and that
// someone who knows said so: "the poison centre said she'd be fine", "been totally normal
// since" (for every emergency the past can set aside).
const std::vector<Pattern>& over_words();
const std::vector<Pattern>& cleared_words();

// The second stage: signs that add up (safety_signs.h).
const std::vector<SignRule>& sign_rules();

// Every pattern above (the rules' own and their `unless`, the preparation signs, the
// past and present words, the sign rules'), indexed by first element (safety_index.h).
const PatternIndex& pattern_index();

}  // namespace triagebot::dialogs::safety
