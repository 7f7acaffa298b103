// A choice named by its place among the buttons instead of its words: "2", "the second
// one", "first", "option 3", "no. 2" typed to "Is it in one leg or both legs?" (the
// buttons in the order shown, the "Not sure" one last). Only the place and words that
// frame it ("the", "one", "option", "number"): "2 weeks" or "the first one was worse"
// is no place. Read only for choice questions: to the age and duration questions a
// number is a value ("2" is two years, two days), not a place.
// Pure; safe from any thread.
#pragma once

#include <vector>

#include "dialogs/text_match.h"

namespace triagebot::dialogs {

// The 0-based index of the choice the reply names by place, or -1 (no place, or past
// the `choices` shown).
int choice_by_position(const std::vector<Token>& tokens, int choices);

}  // namespace triagebot::dialogs
