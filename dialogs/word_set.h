// Sets and maps keyed by a word, looked up by hash with a string_view (no std::string
// made for the lookup). The reader asks "is this word one of these?" for nearly every
// token against a dozen such lists; as std::set that was a tree walk of string
// comparisons each time (issue 13). Iteration order is unspecified: nothing may depend
// on it (every user only asks membership or the mapped value).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace triagebot::dialogs {

struct WordHash {
  using is_transparent = void;
  size_t operator()(std::string_view word) const noexcept {
    return std::hash<std::string_view>{}(word);
  }
};

using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

template <class Value>
using WordMap = std::unordered_map<std::string, Value, WordHash, std::equal_to<>>;

}  // namespace triagebot::dialogs
