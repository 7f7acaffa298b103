// Clinicians' shorthand (a nurse, a physio or a carer who works in care writes "LBP",
// "SLR +ve", "apyrexial", "NAD"), mapped to the plain words the knowledge base and the
// answer reader use. Without it the spell checker "corrects" them into other words:
// "SLR" became "slur", a stroke sign.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialogs/text_match.h"
#include "dialogs/word_set.h"

namespace triagebot::dialogs {

// Lower-case abbreviation -> plain words (space-separated).
const WordMap<std::string>& clinical_shorthand();

// "L leg", "R worse", "SLR +ve L.": a lone "l" or "r" that names a side, as "left" or
// "right"; empty when the letter is something else ("u r worse" is "you are").
std::string_view side_letter(const std::vector<Token>& tokens, size_t i);

// "non smoker", "non-diabetic": the prefix "non" before a word of smoking, drinking or
// diabetes, as "not" (else "non smoker" stated smoking).
bool non_as_not(const std::vector<Token>& tokens, size_t i);

}  // namespace triagebot::dialogs
