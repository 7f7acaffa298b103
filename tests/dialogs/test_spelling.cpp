#include "tests/dialogs/test_spelling.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <utility>

#include "nlp/cld2_language_identifier.h"
#include "nlp/hunspell_spell_checker.h"

namespace triagebot::dialogs::testing {

const SpellChecker& spelling() {
  static const std::unique_ptr<nlp::HunspellSpellChecker> checker = [] {
    auto loaded = nlp::HunspellSpellChecker::load();
    if (!loaded) {
      std::fprintf(stderr, "hunspell dictionaries failed to load: %s\n",
                   loaded.error().message.c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return *checker;
}

const LanguageIdentifier& languages() {
  static const nlp::Cld2LanguageIdentifier identifier;
  return identifier;
}

EngineOptions server_options(std::string emergency_number, std::string crisis_line) {
  return EngineOptions{.emergency_number = std::move(emergency_number),
                       .spelling = &spelling(),
                       .languages = &languages(),
                       .crisis_line = std::move(crisis_line)};
}

}  // namespace triagebot::dialogs::testing
