#include "tests/dialogs/test_spelling.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "nlp/cld2_language_identifier.h"
#include "nlp/hunspell_spell_checker.h"
#include "tests/dialogs/spelling_memo.h"
#include "tests/dialogs/step_record.h"

namespace triagebot::dialogs::testing {

namespace {

constexpr const char* kDictionaries = "/usr/share/hunspell";

// Never destroyed: hunspell frees its two dictionaries word by word, a fifth of a short
// test process's time (ctest runs a process per case), for memory the exit returns
// anyway. A static pointer keeps it reachable, so LeakSanitizer is quiet.
const SpellChecker& hunspell() {
  static const nlp::HunspellSpellChecker* const checker = [] {
    auto loaded = nlp::HunspellSpellChecker::load(kDictionaries);
    if (!loaded) {
      std::fprintf(stderr, "hunspell dictionaries failed to load: %s\n",
                   loaded.error().message.c_str());
      std::abort();
    }
    return loaded->release();
  }();
  return *checker;
}

// The memo file for these dictionaries: a hash of their sizes and modification times
// names it, so an upgraded dictionary is asked afresh. Empty when a dictionary cannot be
// read (then hunspell is asked, and its load says what is missing).
std::string memo_file(const std::string& folder) {
  std::string signature;
  for (const char* file : {"en_US.aff", "en_US.dic", "en_GB.aff", "en_GB.dic"}) {
    std::error_code ec;
    const std::string path = std::string(kDictionaries) + "/" + file;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return {};
    const auto time = std::filesystem::last_write_time(path, ec);
    if (ec) return {};
    signature += std::to_string(size) + "@" + std::to_string(time.time_since_epoch().count()) + ";";
  }
  return folder + "/hunspell-" + line_hash(signature) + ".tsv";
}

}  // namespace

const SpellChecker& spelling() {
  static const SpellChecker* const checker = []() -> const SpellChecker* {
    const char* folder = std::getenv("TRIAGEBOT_SPELLING_MEMO");
    const std::string file = folder && *folder ? memo_file(folder) : std::string();
    if (file.empty()) return &hunspell();
    return new SpellingMemo(hunspell, file);  // never destroyed, as hunspell()
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
