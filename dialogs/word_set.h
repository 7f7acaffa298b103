// Sets and maps keyed by a word, looked up by hash with a string_view (no std::string
// made for the lookup). The reader asks "is this word one of these?" for nearly every
// token against a dozen such lists; as std::set that was a tree walk of string
// comparisons each time (issue 13). Iteration order is unspecified: nothing may depend
// on it (every user only asks membership or the mapped value).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace triagebot::dialogs {

// FNV-1a, inline: the words are short, and std::hash's out-of-line murmur call cost more
// than the lookup it served.
struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view word) const noexcept {
    std::uint64_t h = 14695981039346656037ULL;
    for (char c : word) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    return static_cast<size_t>(h);
  }
};

// Two words compared inline, the length first. std::equal_to and std::string's == call
// libc's memcmp for every pair of the same length, and the readers compare short words
// millions of times (memcmp was the largest entry of the 2026-12-05 profile).
inline bool same_word(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Whether `word` begins with `stem`, as same_word compares.
inline bool word_starts_with(std::string_view word, std::string_view stem) noexcept {
  return word.size() >= stem.size() && same_word(word.substr(0, stem.size()), stem);
}

// A bit for a word's first letter (every bit for an empty word): the indexes keep, per
// phrase or pattern, the letters its next word may begin with, and refuse most candidates
// by one AND before comparing any strings. A filter only: it admits, never decides.
inline std::uint64_t first_letter_bit(std::string_view word) noexcept {
  return word.empty() ? ~std::uint64_t{0}
                      : std::uint64_t{1} << (static_cast<unsigned char>(word[0]) % 64);
}

struct WordEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return same_word(a, b); }
};

}  // namespace triagebot::dialogs

// libstdc++ keeps no hash code in a node of a table whose hash it takes for "fast", so a
// lookup hashed every word of the bucket it walked again (to find the bucket's end) and
// compared its bytes (the hash table's find was the profile's second entry, 2026-12-05).
// Declared slow, the table keeps each node's hash and compares it before any bytes.
#ifdef __GLIBCXX__
template <>
struct std::__is_fast_hash<triagebot::dialogs::WordHash> : std::false_type {};
#endif

namespace triagebot::dialogs {

// A set of words that answers most misses without hashing. Nearly every token is asked
// of a dozen small lists (negators, scope breakers, time words...) and is in none of
// them; each such miss hashed the word and read a bucket somewhere else in memory (the
// table's find was the largest entry of the 2026-12-07 profile). Three bit masks of the
// words held, by length and by first and last letter, rule out a word none of the
// words could be before the table is touched. The masks only grow, so a word in the set
// always passes them: membership is exactly the table's.
class WordSet {
 public:
  using Table = std::unordered_set<std::string, WordHash, WordEqual>;
  using const_iterator = Table::const_iterator;
  using iterator = Table::const_iterator;
  using value_type = std::string;

  WordSet() = default;
  WordSet(std::initializer_list<std::string> words) { insert(words.begin(), words.end()); }
  template <class It>
  WordSet(It first, It last) {
    insert(first, last);
  }

  std::pair<const_iterator, bool> insert(std::string word) {
    note(word);
    return table_.insert(std::move(word));
  }
  template <class It>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(std::string(*first));
  }
  template <class... Args>
  std::pair<const_iterator, bool> emplace(Args&&... args) {
    return insert(std::string(std::forward<Args>(args)...));
  }

  size_t count(std::string_view word) const { return may_hold(word) ? table_.count(word) : 0; }
  bool contains(std::string_view word) const { return count(word) != 0; }
  const_iterator find(std::string_view word) const {
    return may_hold(word) ? table_.find(word) : table_.end();
  }

  const_iterator begin() const { return table_.begin(); }
  const_iterator end() const { return table_.end(); }
  size_t size() const { return table_.size(); }
  bool empty() const { return table_.empty(); }

 private:
  static constexpr size_t kLongest = 63;  // lengths from here on share the last bit
  static bool has(const std::array<std::uint64_t, 4>& mask, char c) {
    const auto u = static_cast<unsigned char>(c);
    return (mask[u / 64] >> (u % 64)) & 1U;
  }
  static void set(std::array<std::uint64_t, 4>& mask, char c) {
    const auto u = static_cast<unsigned char>(c);
    mask[u / 64] |= std::uint64_t{1} << (u % 64);
  }
  void note(std::string_view word) {
    lengths_ |= std::uint64_t{1} << std::min(word.size(), kLongest);
    if (word.empty()) return;
    set(firsts_, word.front());
    set(lasts_, word.back());
  }
  bool may_hold(std::string_view word) const {
    if (!((lengths_ >> std::min(word.size(), kLongest)) & 1U)) return false;
    return word.empty() || (has(firsts_, word.front()) && has(lasts_, word.back()));
  }

  Table table_;
  std::uint64_t lengths_ = 0;
  std::array<std::uint64_t, 4> firsts_{}, lasts_{};
};

template <class Value>
using WordMap = std::unordered_map<std::string, Value, WordHash, WordEqual>;

}  // namespace triagebot::dialogs
