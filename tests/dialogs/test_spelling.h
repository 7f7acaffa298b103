// Shared by the dialogs tests: the real spell checker (Debian's hunspell dictionaries),
// loaded once, so tests read text exactly as the server does.
#pragma once

#include "dialogs/language_tools.h"

namespace triagebot::dialogs::testing {

// Aborts the test binary if the dictionaries are missing (the nlp tests say why).
const SpellChecker& spelling();

}  // namespace triagebot::dialogs::testing
