#include "tests/dialogs/spelling_memo.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>

namespace triagebot::dialogs::testing {
namespace {

// Lines: "K\t<word>\t<0|1>" for known(), "S\t<word>[\t<suggestion>]..." for suggest().
constexpr char kKnown = 'K';
constexpr char kSuggested = 'S';
// One write(2) of at most this many bytes lands whole in an O_APPEND file on Linux's local
// file systems before another process's does.
constexpr std::size_t kLongestLine = 4000;

bool keepable(std::string_view text) {
  return text.find_first_of("\t\n") == std::string_view::npos;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

}  // namespace

SpellingMemo::SpellingMemo(std::function<const SpellChecker&()> load, std::string path)
    : load_(std::move(load)), path_(std::move(path)) {
  read_file();
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

SpellingMemo::~SpellingMemo() {
  if (fd_ >= 0) ::close(fd_);
}

const SpellChecker& SpellingMemo::asked() const {
  if (!asked_) asked_ = &load_();
  return *asked_;
}

void SpellingMemo::read_file() const {
  std::ifstream in(path_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(read_to_));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Only whole lines: another process may be writing the last one, which the next read
  // starts from.
  std::size_t start = 0;
  for (auto end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    auto fields = fields_of(text.substr(start, end - start));
    start = end + 1;
    if (fields.size() < 2 || fields[0].size() != 1) continue;
    if (fields[0][0] == kKnown && fields.size() == 3) {
      known_[fields[1]] = fields[2] == "1";
    } else if (fields[0][0] == kSuggested) {
      suggested_[fields[1]] = {fields.begin() + 2, fields.end()};
    }
  }
  read_to_ += start;
}

void SpellingMemo::keep(const std::string& line) const {
  if (fd_ < 0 || line.size() > kLongestLine) return;
  // A short or failed write costs a later process one more question, nothing else.
  [[maybe_unused]] const auto written = ::write(fd_, line.data(), line.size());
}

bool SpellingMemo::known(std::string_view word) const {
  std::lock_guard lock(mutex_);
  if (auto hit = known_.find(word); hit != known_.end()) return hit->second;
  const bool answer = asked().known(word);
  known_.emplace(std::string(word), answer);
  if (keepable(word))
    keep(std::string(1, kKnown) + '\t' + std::string(word) + '\t' + (answer ? "1" : "0") + '\n');
  return answer;
}

std::vector<std::string> SpellingMemo::suggest(std::string_view word) const {
  std::lock_guard lock(mutex_);
  if (auto hit = suggested_.find(word); hit != suggested_.end()) return hit->second;
  // A suggestion costs ~20 ms, reading what other processes added since costs far less:
  // processes that walk the same sets side by side would otherwise ask for the same
  // words (a cold run of the Release suites asked for each about twice).
  read_file();
  if (auto hit = suggested_.find(word); hit != suggested_.end()) return hit->second;
  auto answer = asked().suggest(word);
  suggested_.emplace(std::string(word), answer);
  bool all_keepable = keepable(word);
  std::string line = std::string(1, kSuggested) + '\t' + std::string(word);
  for (const auto& suggestion : answer) {
    all_keepable = all_keepable && keepable(suggestion) && !suggestion.empty();
    line += '\t' + suggestion;
  }
  if (all_keepable) keep(line + '\n');
  return answer;
}

}  // namespace triagebot::dialogs::testing
