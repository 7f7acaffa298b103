// The two language services the interview uses but cannot implement itself: a spell
// checker and a language identifier. Both live behind these interfaces so dialogs/ stays
// the pure core (std and nlohmann only): the real implementations (Debian's hunspell and
// CLD2, in nlp/) are built once at start by the shell and passed in by const pointer.
// Implementations must be deterministic and safe to call from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace triagebot::dialogs {

class SpellChecker {
 public:
  virtual ~SpellChecker() = default;
  // `word` (lower case, UTF-8) is a correctly spelled word of the dictionary.
  virtual bool known(std::string_view word) const = 0;
  // Dictionary words `word` is most likely a misspelling of, best first (lower case).
  virtual std::vector<std::string> suggest(std::string_view word) const = 0;
};

class LanguageIdentifier {
 public:
  virtual ~LanguageIdentifier() = default;
  // The ISO 639-1 code ("en", "es", "fr", ...) of the language `text` is written in,
  // when the identifier is confident; nullopt when it cannot tell (short or mixed text).
  virtual std::optional<std::string> identify(std::string_view text) const = 0;
};

}  // namespace triagebot::dialogs
