#include "dialogs/safety_index.h"

#include <algorithm>

namespace triagebot::dialogs::safety {

std::span<const int> ClauseStarts::of(int id) const {
  auto [from, to] = std::equal_range(ids_.begin(), ids_.end(), id);
  return std::span<const int>(words_).subspan(from - ids_.begin(), to - from);
}

ClauseStarts ClauseStarts::joined(const ClauseStarts& a, int a_words, const ClauseStarts& b) {
  ClauseStarts out;
  out.present_.resize(std::max(a.present_.size(), b.present_.size()));
  for (size_t i = 0; i < out.present_.size(); ++i)
    out.present_[i] =
        (i < a.present_.size() ? a.present_[i] : 0) | (i < b.present_.size() ? b.present_[i] : 0);
  out.ids_.reserve(a.ids_.size() + b.ids_.size());
  out.words_.reserve(a.ids_.size() + b.ids_.size());
  // Both sorted by id then word; for one id all of a's words come before b's.
  size_t i = 0, j = 0;
  while (i < a.ids_.size() || j < b.ids_.size()) {
    if (j == b.ids_.size() || (i < a.ids_.size() && a.ids_[i] <= b.ids_[j])) {
      out.ids_.push_back(a.ids_[i]);
      out.words_.push_back(a.words_[i++]);
    } else {
      out.ids_.push_back(b.ids_[j]);
      out.words_.push_back(b.words_[j++] + a_words);
    }
  }
  return out;
}

void PatternIndex::add(Pattern& pattern) {
  pattern.id = size_++;
  second_.emplace_back();
  second_letters_.push_back(~std::uint64_t{0});
  if (pattern.elements.size() >= 2) {
    const Element& next = pattern.elements[1];
    Second& second = second_.back();
    second.check = !next.gap_before && !next.clause_end;
    for (const auto& alternative : next.special) {
      if (alternative.back() == '*')
        second.stems.push_back(alternative.substr(0, alternative.size() - 1));
      else
        second.check = false;  // a typo-tolerant word or a number: left to the matcher
    }
    if (second.check) {
      for (const auto& word : next.words) {
        const int number = static_cast<int>(second_ids_.size());
        second.word_ids.push_back(second_ids_.try_emplace(word, number).first->second);
      }
      std::sort(second.word_ids.begin(), second.word_ids.end());
      std::uint64_t letters = 0;
      for (const auto& word : next.words) letters |= first_letter_bit(word);
      for (const auto& stem : second.stems) letters |= first_letter_bit(stem);
      second_letters_.back() = letters;
    }
  }
  if (pattern.elements.empty()) return;
  const Element& first = pattern.elements.front();
  for (const auto& word : first.words) first_words_.add_word(word, pattern.id);
  for (const auto& alternative : first.special) {
    if (alternative.back() == '*')
      first_words_.add_stem(std::string_view(alternative).substr(0, alternative.size() - 1),
                            pattern.id);
    else if (alternative.back() == '~')
      add_typo_word(alternative, pattern.id);
    else
      numbers_.push_back({alternative, pattern.id, 0});
  }
}

int PatternIndex::second_id(const std::string& word) const {
  const auto found = second_ids_.find(word);
  return found == second_ids_.end() ? -1 : found->second;
}

void PatternIndex::add_typo_word(const std::string& alternative, int id) {
  for (auto& typo : typos_) {
    if (typo.alternative == alternative) {
      typo.ids.push_back(id);
      return;
    }
  }
  const size_t length = alternative.size() - 1;
  typos_.insert(std::upper_bound(typos_.begin(), typos_.end(), length,
                                 [](size_t n, const TypoWord& s) { return n < s.length; }),
                {alternative, length, {id}});
}

bool PatternIndex::second_may_match(int id, const Clause& clause, size_t at, int next_id) const {
  if (at + 1 < clause.size() &&
      !(second_letters_[static_cast<size_t>(id)] & first_letter_bit(clause[at + 1])))
    return false;
  const Second& second = second_[static_cast<size_t>(id)];
  if (!second.check || at + 1 >= clause.size()) return true;
  if (next_id >= 0 && std::binary_search(second.word_ids.begin(), second.word_ids.end(), next_id))
    return true;
  const std::string& next = clause[at + 1];
  return std::any_of(second.stems.begin(), second.stems.end(),
                     [&](const std::string& stem) { return word_starts_with(next, stem); });
}

ClauseStarts PatternIndex::starts(const Clause& clause, const SpellChecker* spelling) const {
  std::vector<std::pair<int, int>> found;  // (id, word)
  found.reserve(clause.size() * 2);
  for (size_t w = 0; w < clause.size(); ++w) {
    const std::string& word = clause[w];
    const int at = static_cast<int>(w);
    // The next word's number, looked up at the first pattern that asks for it.
    int next_id = -2;
    const auto may_go_on = [&](int id) {
      if (next_id == -2) next_id = w + 1 < clause.size() ? second_id(clause[w + 1]) : -1;
      return second_may_match(id, clause, w, next_id);
    };
    first_words_.visit(word, [&](int id) {
      if (may_go_on(id)) found.push_back({id, at});
      return false;
    });
    // Whether the word is a "#", asked once: several patterns start so.
    if (!numbers_.empty() && alternative_matches(word, numbers_.front().alternative, spelling))
      for (const auto& s : numbers_)
        if (may_go_on(s.id)) found.push_back({s.id, at});
    // A typo-tolerant word matches itself or a word one edit away: never a word whose
    // length differs by more than one, which alternative_matches would refuse. So only
    // the typo-tolerant words of the lengths around this word's are tried (by length).
    const auto by_length = [](const TypoWord& s, size_t length) { return s.length < length; };
    for (auto s = std::lower_bound(typos_.begin(), typos_.end(), word.size() - 1, by_length);
         s != typos_.end() && s->length <= word.size() + 1; ++s) {
      // Nor one whose first and last letters both differ: one edit leaves one end as it
      // was (the matcher's one_edit_apart is only asked of words of five letters or more).
      const bool same_end =
          word.front() == s->alternative.front() || word.back() == s->alternative[s->length - 1];
      if (!same_end) continue;
      int matches = -1;  // asked at the first pattern that may go on
      for (const int id : s->ids) {
        if (!may_go_on(id)) continue;
        if (matches < 0) matches = alternative_matches(word, s->alternative, spelling) ? 1 : 0;
        if (matches == 0) break;
        found.push_back({id, at});
      }
    }
  }
  // One word may match two alternatives of one element ("pain" and "pain*").
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  ClauseStarts out;
  out.present_.assign((size_ + 63) / 64, 0);
  for (const auto& [id, at] : found) out.present_[id / 64] |= std::uint64_t{1} << (id % 64);
  out.ids_.reserve(found.size());
  out.words_.reserve(found.size());
  for (const auto& [id, at] : found) {
    out.ids_.push_back(id);
    out.words_.push_back(at);
  }
  return out;
}

}  // namespace triagebot::dialogs::safety
