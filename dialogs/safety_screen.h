// The safety screen (issue 10 §2; DESIGN.md "The dialog core"): messages that need help
// now whatever the leg interview is doing — chest pain, breathing trouble, collapse,
// heavy bleeding, overdose or poisoning, thoughts of suicide or self-harm. It reads
// concepts, not sentences: a body part with a pain or pressure word ("an elephant is
// sat on my chest"), an inability with breathing ("cant breth properly"), blood with a
// word of quantity ("soaked through 3 towels"), a quantity of a medicine taken, intent
// phrases about oneself ("kill myself", "dont want to be here anymore"). Look-alikes are
// handled by scope, not by listing sentences: negation ("no chest pain"), long-past
// events ("fainted once when I was 15"), a body part as the subject ("my foot keeps
// passing out"), "chest of drawers", "blood pressure", "overdosed on netflix".
// The obvious cases are also read in Spanish, French, German, Portuguese and Italian.
// Two more stages read what the rules miss: signs of different kinds that add up in one
// message (safety_signs.h), and, when neither finds anything, a learned backstop
// (safety_model.h).
// docs/safety.md describes what it catches and its limits. Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialogs/language_tools.h"
#include "dialogs/safety_index.h"
#include "dialogs/safety_text.h"

namespace triagebot::dialogs {

// Wire names are the enum names (stored in the `safety` review column, metric labels).
enum class SafetyCategory {
  chest_pain,
  breathing,
  collapse_unresponsive,
  severe_bleeding,
  overdose_poisoning,
  self_harm,
  // Someone at home hurting or threatening the person: not one of the brief's medical
  // emergencies, but a disclosure a clinic's bot must never talk past.
  abuse
};

std::string_view to_string(SafetyCategory category);
std::optional<SafetyCategory> safety_category_from_string(std::string_view name);

// The categories `text` speaks of, each once, in the order of the enum. `spelling` (may
// be null) keeps real words from being read as typos of a pattern word.
std::vector<SafetyCategory> screen_for_safety(std::string_view text, const SpellChecker* spelling);
// The same, on the message already cut into clauses (safety::clauses_of(text)): the engine
// cuts it once for the screen and the language gate.
std::vector<SafetyCategory> screen_for_safety(const std::vector<safety::Clause>& clauses,
                                              const SpellChecker* spelling);

namespace safety {
class SafetyModel;  // safety_model.h

// A clause with, for every pattern, the words it may start at (safety_index.h): the
// patterns are only tried there. Refers to the clause's words.
struct IndexedClause {
  const Clause& words;
  ClauseStarts starts;
};
}  // namespace safety

// The clauses as both screens read them, indexed once: the engine screens a message
// alone and then read on from kept words with the same ones.
std::vector<safety::IndexedClause> index_clauses(const std::vector<safety::Clause>& clauses,
                                                 const SpellChecker* spelling);
std::vector<SafetyCategory> screen_for_safety(const std::vector<safety::IndexedClause>& clauses,
                                              const SpellChecker* spelling);
// The rules and the signs that add up alone, without the learned backstop
// (safety_model.h) that screen_for_safety consults when they find nothing: what the
// backstop's training takes as already known.
std::vector<SafetyCategory> screen_by_rules(const std::vector<safety::IndexedClause>& clauses,
                                            const SpellChecker* spelling);
// The learned backstop's verdict (safety::backstop_verdict), without what is told as long
// past and over since in so many words ("my neighbour collapsed last year and I did CPR on
// him, he's fine now"): a verdict the other clauses alone do not give is none. Only that
// strong a setting-aside: a message whose clauses are merely past or cleared keeps the
// verdict (the backstop is there for the crises the rules miss). Self-harm keeps it always.
std::optional<SafetyCategory> backstop_on_what_counts(
    const safety::SafetyModel& model, const std::vector<safety::IndexedClause>& clauses);

// A crisis split over two or three messages ("my chest" ... "its crushing", "i dont want"
// ... "to be" ... "here anymore"; docs/safety.md "Messages split over several turns"):
// the categories found when the words kept of the messages before (`previous`, as the
// engine keeps them: the last clause, over one or two messages) are read on into
// `current`'s first clause, and only so. A rule counts only through a pattern that runs
// across the boundary before `current`, with nothing but small function words ("is",
// "to", "my") between its last word before it and its first after it, so "my chest is
// fine" ... "crushing pain in my leg" stays silent; two preparation signs count when each
// side holds one. The usual scope checks (negation, past, body part, `unless`) read the
// joined clause. Empty when `previous` or `current` is.
std::vector<SafetyCategory> screen_across_messages(const safety::Clause& previous,
                                                   const std::vector<safety::Clause>& current,
                                                   const SpellChecker* spelling);
// The same, on `current` indexed by index_clauses.
std::vector<SafetyCategory> screen_across_messages(
    const safety::Clause& previous, const std::vector<safety::IndexedClause>& current,
    const SpellChecker* spelling);

// The language of the phrasing that made `text` a safety message, when that was one of
// the five other languages ("es" for "me duele el pecho"); nullopt for English or none.
// The answer then comes in that language even when the identifier could not tell.
std::optional<std::string> safety_language(std::string_view text, const SpellChecker* spelling);

}  // namespace triagebot::dialogs
