// Every step of the clinical sets written out whole, one JSON text per step: the input,
// the replies with their assessments, the next session, the safety categories and the
// intent. Two builds that give the same lines answer every one of these messages alike,
// byte for byte (issue 13: a change meant only for speed must leave them as they were).
// Read by tests/dialogs/steps_golden_test.cpp and printed by bench/dialogs/dialogs_step_dump.
//
// What it plays, in this order: each vignette of vignettes-dev, -dev-hard and -extra as
// the simulated patient plays it and again with every answer typed (each step replayed
// on the session the previous one returned); each answer of answers-dev and -extra typed
// to its question (a session with only that question pending); each safety utterance as
// an opening and as the answer to the first screen; the server bench's texts as openings.
// Single-threaded test code.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "dialogs/engine.h"

namespace triagebot::dialogs::testing {

// Each step as it is played: where (the set and the conversation), the input, and what
// the engine answered.
using StepVisitor =
    std::function<void(const std::string& where, const Input& input, const Turn& turn)>;
void play_steps(const StepVisitor& visit, std::size_t every = 1);

// The same steps, each written out as one JSON text.
// With `every` > 1, only every `every`-th unit (a conversation, an answer, a safety
// utterance's two steps, a bench text) is played: the sanitizer tree's sample.
std::vector<std::string> record_steps(std::size_t every = 1);

// FNV-1a (64 bits) of `line`, as 16 hex digits: what the golden file keeps of a line.
std::string line_hash(const std::string& line);

}  // namespace triagebot::dialogs::testing
