// Shared by the dialogs tests: how the reader takes a reply typed to one question of the
// built-in knowledge base, with the real spell checker, as the server reads it.
#pragma once

#include <string>

#include "dialogs/parser.h"

namespace triagebot::dialogs::testing {

// The answer read from `text` typed to question `question_id` (a test failure if the
// knowledge base has no such question).
Answer typed_answer(const char* question_id, const std::string& text);

// Whether `text`, read as an opening message (or as the answer to `question_id`), states
// finding `finding_id` present.
bool states_finding(const std::string& text, const char* finding_id,
                    const char* question_id = nullptr);

}  // namespace triagebot::dialogs::testing
