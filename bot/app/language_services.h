// The spell checker and language identifier the interview reads messages with (nlp/),
// loaded once at start and kept for the process's lifetime; EngineOptions points at them.
#pragma once

#include <memory>

#include "bot/config/config.h"
#include "dialogs/engine.h"
#include "dialogs/language_tools.h"
#include "dialogs/result.h"

namespace triagebot::bot {

struct LanguageServices {
  std::unique_ptr<dialogs::SpellChecker> spelling;
  std::unique_ptr<dialogs::LanguageIdentifier> languages;
};

// Error "bad_config" (exit 2) when a dictionary is missing, with the package to install.
Result<LanguageServices> load_language_services();

// The engine's options from the configuration; `services` must outlive their use.
dialogs::EngineOptions engine_options(const Config& config, const LanguageServices& services);

}  // namespace triagebot::bot
