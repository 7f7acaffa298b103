#include "dialogs/star_corrections.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace triagebot::dialogs {
namespace {

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

struct Span {
  std::size_t begin = 0, end = 0;  // [begin, end) in the text
};

// Whether `a` and `b` (lower case) are at most two edits apart, counting a swap of
// neighbours as one (optimal string alignment).
bool within_two_edits(std::string_view a, std::string_view b) {
  if (a.size() > b.size() + 2 || b.size() > a.size() + 2) return false;
  constexpr std::size_t kMax = 32;
  if (a.size() >= kMax || b.size() >= kMax) return false;
  std::array<std::array<int, kMax>, kMax> d{};
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()] <= 2;
}

std::string lowered(std::string_view text, Span s) {
  std::string out;
  for (std::size_t i = s.begin; i < s.end; ++i) out.push_back(lower(text[i]));
  return out;
}

}  // namespace

std::optional<std::string> apply_star_corrections(std::string_view text) {
  // The words of the text, and the corrections: "*" at a word's start (the text's start or
  // after a space or a mark) directly before letters, with no "*" closing the word.
  std::vector<Span> words;
  struct Correction {
    Span star;  // from the asterisk to the word's end
    Span word;  // the word itself
  };
  std::vector<Correction> corrections;
  for (std::size_t i = 0; i < text.size();) {
    if (!letter(text[i]) && text[i] != '*') {
      ++i;
      continue;
    }
    const bool starred = text[i] == '*';
    const std::size_t begin = starred ? i + 1 : i;
    std::size_t end = begin;
    while (end < text.size() && (letter(text[end]) || text[end] == '\'')) ++end;
    if (starred) {
      const bool at_word_start = i == 0 || !letter(text[i - 1]);
      const bool emphasis = end < text.size() && text[end] == '*';
      if (end > begin && at_word_start && !emphasis)
        corrections.push_back({{i, end}, {begin, end}});
      i = std::max(end, i + 1);
      continue;
    }
    words.push_back({begin, end});
    i = end;
  }
  if (corrections.empty()) return std::nullopt;
  // A person corrects a word or three; a message of a thousand asterisks is not read
  // a thousand times over (each correction looks at most kNearest words back).
  constexpr std::size_t kMostCorrections = 8, kNearest = 40;
  if (corrections.size() > kMostCorrections) corrections.resize(kMostCorrections);
  // Each correction's word: the nearest word before the first correction, not yet taken.
  struct Replacement {
    Span at;
    std::string with;
  };
  std::vector<Replacement> replacements;
  std::vector<bool> taken(words.size(), false);
  const std::size_t body_end = corrections.front().star.begin;
  for (const auto& c : corrections) {
    const std::string meant = lowered(text, c.word);
    bool placed = false;
    std::size_t looked = 0;
    for (std::size_t w = words.size(); w-- > 0 && !placed && looked < kNearest;) {
      if (words[w].end > body_end || taken[w]) continue;
      ++looked;
      const std::string typed = lowered(text, words[w]);
      if (typed.size() < 2 || typed == meant || !within_two_edits(typed, meant)) continue;
      taken[w] = true;
      replacements.push_back({words[w], meant});
      placed = true;
    }
    // No word it corrects: the word stays where it was written, without its asterisk.
    replacements.push_back({c.star, placed ? std::string() : meant});
  }
  std::sort(replacements.begin(), replacements.end(),
            [](const Replacement& a, const Replacement& b) { return a.at.begin > b.at.begin; });
  std::string out(text);
  for (const auto& r : replacements) out.replace(r.at.begin, r.at.end - r.at.begin, r.with);
  return out;
}

}  // namespace triagebot::dialogs
