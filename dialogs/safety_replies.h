// What the bot says to a safety message (dialogs/safety_screen.h) and to a message in
// another language (dialogs/language_gate.h): short, plain, kind, and always naming the
// number to call. English texts are specific to each category; in Spanish, French,
// German, Portuguese and Italian one emergency text and one self-harm text keep the
// translations few enough to check by hand. Pure; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialogs/safety_screen.h"

namespace triagebot::dialogs {

struct HelpNumbers {
  std::string emergency;    // EngineOptions::emergency_number
  std::string crisis_line;  // EngineOptions::crisis_line
};

// The answer to a message that speaks of `categories` (not empty), in `language` (ISO
// 639-1; any language without texts of its own gets English).
std::string safety_answer(const std::vector<SafetyCategory>& categories, std::string_view language,
                          const HelpNumbers& numbers);

// After a safety answer in English: the interview can go on when the person is ready.
// `question_pending`: a question (the open one again, or the next) follows this line.
std::string safety_carry_on(bool question_pending);

// "I only understand English so far; in an emergency call {number}; please answer with
// the buttons", in `language` (English for languages without texts of their own).
std::string english_only_notice(std::string_view language, const std::string& emergency_number);

// The languages with texts of their own, besides English.
bool has_own_texts(std::string_view language);

}  // namespace triagebot::dialogs
