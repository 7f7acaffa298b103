// A reply that turns back to the question asked before this one ("no to that. and sorry,
// for the one before, no numbness down there either", "no. sorry to go back, for the last
// one yes, he fell last week"): people answer late, after the next question has come.
// The words from that turn on are about the earlier question, not the pending one: the
// pending question is answered by the words before it, and the engine reads the rest
// against the question asked before (docs/reading.md "Late answers").
// Pure; safe from any thread.
#pragma once

#include <optional>
#include <vector>

#include "dialogs/text_match.h"

namespace triagebot::dialogs {

struct TurnBack {
  int cut = 0;   // the first token of the clause that turns back (its lead-ins included)
  int rest = 0;  // the first token after the words that name the earlier question
};

// The first clause that names the earlier question ("for the last one", "the one
// before", "about the previous question", "sorry to go back"), at a clause's start
// (after a stop or a comma, or "and", "also", "oh", "sorry", "plus"); nullopt when none.
std::optional<TurnBack> find_turn_back(const std::vector<Token>& tokens);

// The message opens by taking something back ("wait", "actually", "sorry", "oops", "hang
// on", "my mistake"): with a symptom of the question before and nothing of the pending
// one ("actually yes it gives way sometimes" just after "no" to the weakness question),
// it corrects that answer (the engine decides, knowing the question before).
bool opens_with_a_correction(const std::vector<Token>& tokens);

}  // namespace triagebot::dialogs
