#include "bot/app/language_services.h"

#include "nlp/cld2_language_identifier.h"
#include "nlp/hunspell_spell_checker.h"

namespace triagebot::bot {

Result<LanguageServices> load_language_services() {
  auto spelling = nlp::HunspellSpellChecker::load();
  if (!spelling) return make_error(ErrorCode::bad_config, spelling.error().message);
  LanguageServices services;
  services.spelling = std::move(*spelling);
  services.languages = std::make_unique<nlp::Cld2LanguageIdentifier>();
  return services;
}

dialogs::EngineOptions engine_options(const Config& config, const LanguageServices& services) {
  return dialogs::EngineOptions{.emergency_number = config.emergency_number,
                                .spelling = services.spelling.get(),
                                .languages = services.languages.get(),
                                .crisis_line = config.crisis_line};
}

}  // namespace triagebot::bot
