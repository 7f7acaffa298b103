// The plain yes and no words a reply answers with ("yeah", "nope", "aye"), shared by the
// readers that look for one: whether a correction follows an answer, where the answer
// starts, whether a fragment answers at all, a reply's closing word, a question echoed
// before its answer, a roll call of fragments. One list, so a word taught to one of
// them is known to all.
#pragma once

#include <string_view>

#include "dialogs/word_set.h"

namespace triagebot::dialogs {

inline bool plain_yes_word(std::string_view word) {
  static const WordSet words = {"yes", "yeah", "yep", "yup", "yea", "ya", "aye"};
  return words.count(word) != 0;
}

inline bool plain_no_word(std::string_view word) {
  static const WordSet words = {"no", "nope", "nah"};
  return words.count(word) != 0;
}

inline bool plain_answer_word(std::string_view word) {
  return plain_yes_word(word) || plain_no_word(word);
}

}  // namespace triagebot::dialogs
