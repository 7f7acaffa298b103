// What one typed message leaves for the next turn, so that a crisis split over two
// messages ("my chest" ... "its crushing") is read whole (docs/safety.md "Messages split
// over several turns"): the last words of its last clause, folded as the safety screen
// reads them, and never more than EngineState::kPreviousWords of them, read on only
// into a message sent soon after. A bare answer ("no", "not sure") is a finished message
// and leaves nothing: "no" ... "point going on about it" is not "no point going on".
// Pure; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialogs/safety_text.h"

namespace triagebot::dialogs {

// The words to keep of a message cut into `clauses` (safety::clauses_of), space-separated;
// "" for none.
std::string words_to_keep(const std::vector<safety::Clause>& clauses);

// Whether a message received at `now` is close enough to one received at `previous_at`
// (seconds since the epoch) to be read with its words: within
// EngineState::kPreviousWithinSeconds either way (two server processes' clocks may
// differ a little). An unknown time is too old.
bool sent_close_together(std::optional<std::int64_t> previous_at, std::int64_t now);

// Kept words back as a clause, again at most EngineState::kPreviousWords of them (the
// stored session is not trusted to hold what this build wrote).
safety::Clause clause_of_kept(std::string_view kept);

}  // namespace triagebot::dialogs
