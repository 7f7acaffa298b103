#include "tests/dialogs/test_spelling.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

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

}  // namespace triagebot::dialogs::testing
