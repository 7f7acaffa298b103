// SpellChecker over hunspell (Debian's libhunspell) with the en_US and en_GB dictionaries
// of hunspell-en-us / hunspell-en-gb: a word either dictionary accepts is correct, so
// "colour" and "color" are both left alone.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dialogs/language_tools.h"
#include "dialogs/result.h"

namespace triagebot::nlp {

class HunspellSpellChecker final : public dialogs::SpellChecker {
 public:
  // Loads `<dir>/en_US.{aff,dic}` and `<dir>/en_GB.{aff,dic}`; an error names what is
  // missing (the fix is `apt-get install hunspell-en-us hunspell-en-gb`).
  static Result<std::unique_ptr<HunspellSpellChecker>> load(
      const std::string& dir = "/usr/share/hunspell");
  ~HunspellSpellChecker() override;

  bool known(std::string_view word) const override;
  std::vector<std::string> suggest(std::string_view word) const override;

 private:
  struct Dictionary;
  explicit HunspellSpellChecker(std::vector<std::unique_ptr<Dictionary>> dictionaries);

  // Hunspell handles keep per-call scratch state, so calls are serialised.
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Dictionary>> dictionaries_;
};

}  // namespace triagebot::nlp
