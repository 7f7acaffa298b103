#include "dialogs/clinical_shorthand.h"

namespace triagebot::dialogs {

// Only abbreviations with one meaning in a message about numb legs; "sob" (also
// crying), "ca" (also "about") and "ll" (also a contraction's tail) are left out.
const WordMap<std::string>& clinical_shorthand() {
  // clang-format off
  static const WordMap<std::string> words = {
      {"lbp", "low back pain"}, {"slr", "straight leg raise"}, {"nad", "nothing abnormal"},
      {"apyrexial", "no fever"}, {"afebrile", "no fever"}, {"pyrexial", "fever"},
      {"febrile", "fever"}, {"hx", "history"}, {"pmh", "history"}, {"pt", "patient"},
      {"bilat", "both"}};
  // clang-format on
  return words;
}

std::string_view side_letter(const std::vector<Token>& tokens, size_t i) {
  const Token& t = tokens[i];
  if (t.punct || (!t.is("l") && !t.is("r"))) return {};
  static const WordSet side_words = {"leg",  "legs",  "foot", "feet",    "side",   "sided",
                                     "calf", "thigh", "knee", "ankle",   "toe",    "toes",
                                     "hip",  "worse", "one",  "lateral", "medial", "buttock",
                                     "heel", "more",  "only", "arm",     "hand",   "shin"};
  // "u r", "you r", "we r": the verb, not a side.
  static const WordSet subjects = {"u", "you", "we", "they", "ya"};
  if (i > 0 && !tokens[i - 1].punct && subjects.count(tokens[i - 1].word)) return {};
  const bool next_names_side =
      i + 1 >= tokens.size() || tokens[i + 1].punct || side_words.count(tokens[i + 1].word);
  if (!next_names_side) return {};
  return t.is("l") ? "left" : "right";
}

bool non_as_not(const std::vector<Token>& tokens, size_t i) {
  // A closed list: "non" is also French and Italian ("non lo so"), and "non stop" means
  // all the time.
  static const WordSet negated = {"smoker",  "smokers",  "smoking",   "diabetic",
                                  "drinker", "drinking", "alcoholic", "insulin"};
  return tokens[i].is("non") && i + 1 < tokens.size() && !tokens[i + 1].punct &&
         negated.count(tokens[i + 1].word);
}

}  // namespace triagebot::dialogs
