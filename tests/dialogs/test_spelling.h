// Shared by the dialogs tests: the real language services of nlp/ (Debian's hunspell
// dictionaries and CLD2), loaded once, so tests read text exactly as the server does.
#pragma once

#include <string>

#include "dialogs/engine.h"
#include "dialogs/language_tools.h"

namespace triagebot::dialogs::testing {

// Hunspell with Debian's dictionaries; with TRIAGEBOT_SPELLING_MEMO=<folder> (as
// scripts/test.sh runs the suites), through a SpellingMemo file there that the run's
// processes share (tests/dialogs/spelling_memo.h says why). Aborts the test binary if
// the dictionaries are missing (the nlp tests say why).
const SpellChecker& spelling();

// CLD2, as bot/language_services.cpp gives the server.
const LanguageIdentifier& languages();

// EngineOptions as the server builds them (bot::engine_options): the emergency number
// and crisis line given, spelling and language identification from nlp/.
EngineOptions server_options(std::string emergency_number, std::string crisis_line = "988");

}  // namespace triagebot::dialogs::testing
