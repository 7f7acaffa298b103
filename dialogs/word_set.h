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

}  // namespace triagebot::dialogs

// libstdc++ keeps no hash code in a node of a table whose hash it takes for "fast", so a
// lookup hashed every word of the bucket it walked again (to find the bucket's end) and
// compared its bytes: a fifth of the reader's time went there (2026-12-05 profile).
// Declared slow, the table keeps each node's hash and compares it before any bytes.
#ifdef __GLIBCXX__
template <>
struct std::__is_fast_hash<triagebot::dialogs::WordHash> : std::false_type {};
#endif

namespace triagebot::dialogs {

using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

template <class Value>
using WordMap = std::unordered_map<std::string, Value, WordHash, std::equal_to<>>;

}  // namespace triagebot::dialogs
