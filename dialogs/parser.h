// Free-text understanding: what one message says, read against the knowledge base's
// lexicon and, when a question is pending, as an answer to it (brief §4, DESIGN.md).
// Pure; safe from any thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialogs/knowledge_data.h"
#include "dialogs/language_tools.h"

namespace triagebot::dialogs {

// `clarify`: the person asks what the question means ("what do you mean?"); the engine
// explains it again in plainer words instead of taking it as an answer.
enum class Answer { none, yes, no, unsure, clarify };

struct Reading {
  std::map<int, bool> findings;  // finding index -> stated present (true) or absent
  // finding index -> the person's own words that stated it, for the assessment's "why"
  // (quoted, so it never claims something the person did not say).
  std::map<int, std::string> evidence;
  std::vector<int> red_flags;       // red flags named directly by a phrase
  std::optional<double> age_years;  // stated age
  std::optional<double> duration_days;
  Answer answer = Answer::none;  // the reply to a pending yes/no question
  int choice = -1;               // index of the pending question's choice the text picks
  // The answer is unsure only because a red-flag question was given a hedged no ("not
  // that I've noticed", "I don't believe so"): a denial, too soft to rule a red flag out
  // when first asked. See take_hedged_denial_as_no.
  bool hedged_denial = false;
  // The answer is clarify because it names only a relative's illness ("my dad had bowel
  // cancer" to the cancer question): asked again about the person with the numb leg.
  bool about_someone_else = false;
  // Where the reply turns back to the question asked before the pending one ("..., for
  // the last one yes, he fell"): the byte offset of the words that answer it, which
  // the engine reads against that question (earlier_question.h); npos when it does not.
  size_t earlier_answer_at = std::string_view::npos;
  // The reply opens by taking something back ("wait", "actually", "sorry"):
  // earlier_question.h's opens_with_a_correction.
  bool opens_with_correction = false;
};

// Makes a hedged denial a no (the engine does so on the plainer re-ask: the person was
// told the question matters, was shown what to look for, and still denies it). Explicit
// uncertainty ("not sure", "haven't checked") is never a denial and stays unsure.
void take_hedged_denial_as_no(Reading& reading);

// `pending` is the question the message answers (null for an opening message, which
// is mined for ages and durations too). `spelling` corrects misspelt words first
// (spelling_normaliser.h); null reads the words as typed (tests of the logic alone).
// How a message is read: docs/reading.md.
Reading read_message(const KnowledgeData& knowledge, std::string_view text,
                     const QuestionDef* pending, const SpellChecker* spelling);

// An opening's reading without age_years and duration_days (left unset), for callers
// that use only the findings, their evidence and the red flags: a message typed after
// the interview completed, and one read joined with the words kept before it. The same
// findings, evidence and red flags as read_message(knowledge, text, nullptr, spelling).
Reading read_findings_and_flags(const KnowledgeData& knowledge, std::string_view text,
                                const SpellChecker* spelling);

// For a join that can only matter by what its true findings and red flags raise (the
// engine's red_flags_across): read_findings_and_flags, or nullopt, read no further, when
// no red flag's phrase matches in it and `may_matter` says the findings it could state
// true cannot matter. Those are the findings with a phrase that matches in it, negated
// or not, in any scope (the scopes are not read then), and the past findings such a
// mention may set: a reading states a finding true only by a match of one of its
// phrases.
std::optional<Reading> read_what_may_matter(
    const KnowledgeData& knowledge, std::string_view text, const SpellChecker* spelling,
    const std::function<bool(const std::vector<int>& may_state_true)>& may_matter);

// Helpers exposed for tests.
std::optional<double> parse_age(const KnowledgeData& knowledge, const std::vector<Token>& tokens,
                                bool answer_to_age);
// `need_cue`: only times introduced as a duration ("for", "since", "ago", ...) or stated
// next to the symptom count (used for opening messages).
std::optional<double> parse_duration_days(const KnowledgeData& knowledge,
                                          const std::vector<Token>& tokens, bool need_cue);

}  // namespace triagebot::dialogs
