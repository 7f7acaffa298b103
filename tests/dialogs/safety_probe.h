// Shared by the dialogs tests: whether the safety screen answers one message with a
// category, with the real spell checker, as the server screens every message.
#pragma once

#include <string>

#include "dialogs/safety_screen.h"

namespace triagebot::dialogs::testing {

// Whether screening `text` finds category `c` (among any others).
bool safety_fires(const std::string& text, SafetyCategory c);

}  // namespace triagebot::dialogs::testing
