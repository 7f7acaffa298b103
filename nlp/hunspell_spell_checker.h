// SpellChecker over hunspell (Debian's libhunspell) with the en_US and en_GB dictionaries
// of hunspell-en-us / hunspell-en-gb: a word either dictionary accepts is correct, so
// "colour" and "color" are both left alone.
#pragma once

#include <deque>
#include <map>
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
  // `cached_words`: how many words' suggestions are kept (the oldest are dropped first).
  static Result<std::unique_ptr<HunspellSpellChecker>> load(
      const std::string& dir = "/usr/share/hunspell", size_t cached_words = kCachedWords);
  ~HunspellSpellChecker() override;

  // Cached as suggest is: a word's check walks both dictionaries' affix rules (thousands
  // of instructions), and the readers ask it of every word the knowledge base lacks.
  bool known(std::string_view word) const override;
  // Cached: hunspell takes milliseconds per suggestion and people repeat their typos.
  std::vector<std::string> suggest(std::string_view word) const override;

  static constexpr size_t kCachedWords = 4096;

 private:
  struct Dictionary;
  HunspellSpellChecker(std::vector<std::unique_ptr<Dictionary>> dictionaries, size_t cached_words);

  std::vector<std::string> suggest_uncached(const std::string& word) const;

  // Hunspell handles keep per-call scratch state, so calls are serialised; the cache
  // shares the lock.
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Dictionary>> dictionaries_;
  size_t cached_words_;
  mutable std::map<std::string, std::vector<std::string>, std::less<>> cache_;
  mutable std::deque<std::string> cache_order_;
  // known()'s answers, kept and dropped as cache_ is (at most cached_words_ words).
  mutable std::map<std::string, bool, std::less<>> known_;
  mutable std::deque<std::string> known_order_;
};

}  // namespace triagebot::nlp
