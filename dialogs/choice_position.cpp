#include "dialogs/choice_position.h"

namespace triagebot::dialogs {
namespace {

// The place a word names (1-based), or 0.
int place_of(const Token& token) {
  static const WordMap<int> places = {
      {"1", 1},     {"2", 2},      {"3", 3},     {"4", 4},      {"5", 5},     {"6", 6},
      {"1st", 1},   {"2nd", 2},    {"3rd", 3},   {"4th", 4},    {"5th", 5},   {"6th", 6},
      {"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5}, {"sixth", 6}};
  auto it = places.find(token.word);
  return it == places.end() ? 0 : it->second;
}

}  // namespace

int choice_by_position(const std::vector<Token>& t, int choices) {
  static const WordSet frame = {"the", "one", "option", "number", "choice", "button",
                                "no",  "its", "it",     "is",     "answer", "#"};
  int place = 0;
  for (const auto& token : t) {
    if (token.punct) continue;
    if (int p = place_of(token)) {
      if (place) return -1;  // two places: "1 or 2"
      place = p;
      continue;
    }
    if (!frame.count(token.word)) return -1;
  }
  return place >= 1 && place <= choices ? place - 1 : -1;
}

}  // namespace triagebot::dialogs
