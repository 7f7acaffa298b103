// A SpellChecker that keeps another one's answers in a file every test process of a run
// shares (TRIAGEBOT_SPELLING_MEMO, which scripts/test.sh sets).
//
// Why: hunspell spends ~20 ms on a suggestion for a typo it does not know, and every
// process that walks the clinical sets asks it again for the same few hundred words (ctest
// runs a process per case; the sanitizer stage a process per shard): about a minute of
// CI's CPU, and loading its two dictionaries is most of a short test's 0.2 s. Hunspell
// is loaded here only when a word is not in the file yet. Hunspell's answers depend only on its
// dictionaries, so the file's name holds their sizes and times (tests/dialogs/test_spelling.cpp)
// and a new dictionary starts a new file. The reading code under test is the same either way; only
// the library call is skipped. nlp's own tests ask hunspell directly.
//
// Processes append whole lines with one write(2) each on an O_APPEND descriptor and read
// only lines that end in a newline, so a run's processes may share the file while they
// write it. A word or suggestion holding a tab or newline is answered but not kept.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dialogs/language_tools.h"

namespace triagebot::dialogs::testing {

class SpellingMemo final : public SpellChecker {
 public:
  // Reads what `path` holds (none, if it does not exist yet) and appends to it. `load`
  // gives the checker asked about words the file lacks, on the first such word.
  SpellingMemo(std::function<const SpellChecker&()> load, std::string path);
  ~SpellingMemo() override;
  SpellingMemo(const SpellingMemo&) = delete;
  SpellingMemo& operator=(const SpellingMemo&) = delete;

  bool known(std::string_view word) const override;
  std::vector<std::string> suggest(std::string_view word) const override;

 private:
  void read_file() const;  // the whole lines added since the last read (mutex_ held, or alone)
  void keep(const std::string& line) const;

  const SpellChecker& asked() const;  // with mutex_ held

  std::function<const SpellChecker&()> load_;
  mutable const SpellChecker* asked_ = nullptr;
  std::string path_;
  int fd_ = -1;                      // -1: the file could not be opened; answers are still given
  mutable std::size_t read_to_ = 0;  // bytes of the file read so far, always whole lines
  mutable std::mutex mutex_;
  mutable std::map<std::string, bool, std::less<>> known_;
  mutable std::map<std::string, std::vector<std::string>, std::less<>> suggested_;
};

}  // namespace triagebot::dialogs::testing
