#include "dialogs/safety_pattern.h"

#include <algorithm>
#include <cctype>

namespace triagebot::dialogs::safety {
namespace {

bool is_large_number(const std::string& word) {
  static const std::vector<std::string> words = {
      "ten",   "eleven", "twelve", "fifteen", "twenty",  "thirty",  "forty",
      "fifty", "sixty",  "dozen",  "dozens",  "hundred", "hundreds"};
  if (std::find(words.begin(), words.end(), word) != words.end()) return true;
  if (word.empty() || word.size() > 6) return false;
  if (!std::all_of(word.begin(), word.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
    return false;
  return std::stoi(word) >= 10;
}

bool element_matches(const std::string& typed, const Element& element,
                     const SpellChecker* spelling) {
  if (element.words.count(typed)) return true;
  return std::any_of(element.special.begin(), element.special.end(),
                     [&](const std::string& a) { return alternative_matches(typed, a, spelling); });
}

// Matches elements[e..] with element e at word `at` (or, after a gap, a little later).
bool match_from(const Clause& clause, const Pattern& pattern, size_t e, int at,
                const SpellChecker* spelling, PatternMatch& out) {
  if (e == pattern.elements.size()) return true;
  const Element& element = pattern.elements[e];
  if (element.clause_end) return at == static_cast<int>(clause.size());
  int max_skip = element.gap_before ? kSafetyGap : 0;
  for (int skip = 0; skip <= max_skip; ++skip) {
    int word = at + skip;
    if (word >= static_cast<int>(clause.size())) return false;
    if (!element_matches(clause[word], element, spelling)) continue;
    size_t gaps = out.gap_words.size();
    for (int g = at; g < word; ++g) out.gap_words.push_back(g);
    if (match_from(clause, pattern, e + 1, word + 1, spelling, out)) {
      out.last = std::max(out.last, word);
      return true;
    }
    out.gap_words.resize(gaps);
  }
  return false;
}

}  // namespace

bool alternative_matches(const std::string& typed, const std::string& alternative,
                         const SpellChecker* spelling) {
  if (alternative.empty()) return false;
  if (std::string_view(alternative) == "#") return is_large_number(typed);
  if (alternative.back() == '*') {
    std::string_view stem(alternative.data(), alternative.size() - 1);
    return typed.size() >= stem.size() && typed.compare(0, stem.size(), stem) == 0;
  }
  if (alternative.back() != '~') return typed == alternative;
  std::string_view word(alternative.data(), alternative.size() - 1);
  if (typed == word) return true;
  if (typed.size() < 5 || !one_edit_apart(typed, word)) return false;
  return !(spelling && spelling->known(typed));
}

Pattern compile(std::string_view source) {
  Pattern pattern;
  bool gap = false;
  size_t at = 0;
  while (at < source.size()) {
    size_t end = source.find(' ', at);
    if (end == std::string_view::npos) end = source.size();
    std::string_view word = source.substr(at, end - at);
    at = end + 1;
    if (word.empty()) continue;
    if (word == "...") {
      gap = true;
      continue;
    }
    Element element;
    element.gap_before = gap;
    gap = false;
    if (word == "$") {
      element.clause_end = true;
    } else {
      size_t from = 0;
      while (from <= word.size()) {
        size_t bar = word.find('|', from);
        if (bar == std::string_view::npos) bar = word.size();
        std::string alternative(word.substr(from, bar - from));
        bool plain = !alternative.empty() && alternative != "#" && alternative.back() != '*' &&
                     alternative.back() != '~';
        if (plain) {
          element.words.insert(std::move(alternative));
        } else if (!alternative.empty()) {
          element.special.push_back(std::move(alternative));
        }
        from = bar + 1;
      }
    }
    pattern.elements.push_back(std::move(element));
  }
  return pattern;
}

std::vector<Pattern> compile_all(const std::vector<std::string>& sources) {
  std::vector<Pattern> out;
  out.reserve(sources.size());
  for (const auto& source : sources) out.push_back(compile(source));
  return out;
}

std::optional<PatternMatch> find(const Clause& clause, const Pattern& pattern,
                                 const SpellChecker* spelling) {
  if (pattern.elements.empty()) return std::nullopt;
  for (int start = 0; start < static_cast<int>(clause.size()); ++start) {
    PatternMatch match;
    match.first = start;
    match.last = start;
    if (!element_matches(clause[start], pattern.elements[0], spelling)) continue;
    if (match_from(clause, pattern, 1, start + 1, spelling, match)) return match;
  }
  return std::nullopt;
}

std::optional<PatternMatch> find_from(const Clause& clause, const Pattern& pattern,
                                      const SpellChecker* spelling, std::span<const int> starts) {
  if (pattern.elements.empty()) return std::nullopt;
  for (int start : starts) {
    if (start < 0 || start >= static_cast<int>(clause.size())) continue;
    PatternMatch match;
    match.first = start;
    match.last = start;
    if (!element_matches(clause[start], pattern.elements[0], spelling)) continue;
    if (match_from(clause, pattern, 1, start + 1, spelling, match)) return match;
  }
  return std::nullopt;
}

}  // namespace triagebot::dialogs::safety
