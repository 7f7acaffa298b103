// Shared by the dialogs tests: how the reader takes a reply typed to one question of the
// built-in knowledge base, with the real spell checker, as the server reads it.
#pragma once

#include <string>

#include "dialogs/parser.h"

namespace triagebot::dialogs::testing {

// The answer read from `text` typed to question `question_id` (a test failure if the
// knowledge base has no such question).
Answer typed_answer(const char* question_id, const std::string& text);

}  // namespace triagebot::dialogs::testing
