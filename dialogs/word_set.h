// Sets and maps keyed by a word, looked up by hash with a string_view (no std::string
// made for the lookup). The reader asks "is this word one of these?" for nearly every
// token against a dozen such lists; as std::set that was a tree walk of string
// comparisons each time (issue 13). Iteration order is unspecified: nothing may depend
// on it (every user only asks membership or the mapped value).
#pragma once

#include <cstdint>
#include <functional>
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

using WordSet = std::unordered_set<std::string, WordHash, WordEqual>;

template <class Value>
using WordMap = std::unordered_map<std::string, Value, WordHash, WordEqual>;

}  // namespace triagebot::dialogs
