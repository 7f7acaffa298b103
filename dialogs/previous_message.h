// What one typed message leaves for the next turn, so that a crisis split over two
// messages ("my chest" ... "its crushing") is read whole (docs/safety.md "Two
// messages"): the last words of its last clause, folded as the safety screen reads them,
// and never more than EngineState::kPreviousWords of them. A bare answer ("no", "not
// sure") is a finished message and leaves nothing: "no" ... "point going on about it" is
// not "no point going on". Pure; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialogs/safety_text.h"

namespace triagebot::dialogs {

// The words to keep of a message cut into `clauses` (safety::clauses_of), space-separated;
// "" for none.
std::string words_to_keep(const std::vector<safety::Clause>& clauses);

// Kept words back as a clause, again at most EngineState::kPreviousWords of them (the
// stored session is not trusted to hold what this build wrote).
safety::Clause clause_of_kept(std::string_view kept);

}  // namespace triagebot::dialogs
