// What one typed message leaves for the next turn, so that a crisis split over two or
// three messages ("my chest" ... "its crushing", "i dont want" ... "to be" ... "here
// anymore") is read whole (docs/safety.md "Messages split over several turns"): the last
// words of its last clause, folded as the safety screen reads them, read on only into a
// message sent soon after; a message of one clause carrying the previous one's clause on
// keeps some of that one's words too, never more than EngineState::kPreviousWords in
// all. A bare answer ("no", "not sure") is a finished message and leaves nothing: "no"
// ... "point going on about it" is not "no point going on". Pure; any thread.
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

// What to keep of the previous message's kept words (`previous`) beside `kept`, this
// message's, when this message carried the previous one's clause on: its last words, so
// that both together are never more than EngineState::kPreviousWords. "" when `kept`
// already has that many.
std::string earlier_to_keep(std::string_view previous, std::string_view kept);

// Whether a message received at `now` is close enough to one received at `previous_at`
// (seconds since the epoch) to be read with its words: within
// EngineState::kPreviousWithinSeconds either way (two server processes' clocks may
// differ a little). An unknown time is too old.
bool sent_close_together(std::optional<std::int64_t> previous_at, std::int64_t now);

// Kept words back as a clause, again at most EngineState::kPreviousWords of them (the
// stored session is not trusted to hold what this build wrote).
safety::Clause clause_of_kept(std::string_view kept);

// Kept words as the engine reads them on: `words`, those of clause_of_kept(kept) single-
// spaced, and `clause`, clause_of_kept(words), the clause the screen reads. Cut once
// where cutting `words` again gives the same clause (it does unless two of its words
// read as one: "can" then "not" become "cannot").
struct KeptWords {
  std::string words;
  safety::Clause clause;
};
KeptWords kept_words(std::string_view kept);

}  // namespace triagebot::dialogs
