// Shared by the dialogs tests: the labelled messages the safety screen's learned backstop
// is trained on (tests/dialogs/safety_model_training.h), read from the committed data: every
// line of the crisis sets (safety-utterances-dev and -extra) with its category, and the
// ordinary messages of the clinical sets (vignette openings and the patient's answers,
// the typed-answer sets, the first-message set) as not crises, less any the rules answer
// (some of those tell a real emergency).
#pragma once

#include <string>
#include <vector>

#include "tests/dialogs/safety_model_training.h"

namespace triagebot::dialogs::testing {

// The crisis-set lines with their categories; `held_out`: those whose note starts with
// it ("round 20:") are left out, for a measure on lines the model has not seen.
std::vector<safety::LabelledMessage> crisis_lines(const std::string& held_out = "");

// The crisis-set lines whose note starts with `prefix`.
std::vector<safety::LabelledMessage> crisis_lines_noted(const std::string& prefix);

// The ordinary messages of the clinical sets, each once, in file order, less those the
// rules answer.
std::vector<std::string> ordinary_messages();

// crisis_lines(held_out) and ordinary_messages() as not crises: what the committed
// model is trained on (with no line held out).
std::vector<safety::LabelledMessage> safety_training_messages(const std::string& held_out = "");

}  // namespace triagebot::dialogs::testing
