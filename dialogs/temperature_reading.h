// A body temperature typed as a short answer ("38.9", "39.2 c", "101 F", "it was 38.5
// last night"), in °C. People who have measured a fever answer "have you had a fever?"
// with the reading rather than "yes". Pure; any thread.
#pragma once

#include <optional>
#include <vector>

#include "dialogs/text_match.h"

namespace triagebot::dialogs {

// The temperature the message gives, when it is a short message (at most sixteen words) with
// exactly one number that is a plausible body temperature (34 to 43 as °C; 93 to 110, or
// any number marked "f" / "fahrenheit", as °F) and only words of a temperature report
// besides it; nullopt otherwise (an age, a count, a sentence about something else). Two
// readings at two times, in at most sixteen words ("38 yesterday, 37.2 today after
// paracetamol"), give the higher: the fever question asks about the past days too.
std::optional<double> typed_temperature_c(const std::vector<Token>& tokens);

}  // namespace triagebot::dialogs
