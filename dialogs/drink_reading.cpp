#include "dialogs/drink_reading.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dialogs/word_set.h"

namespace triagebot::dialogs {
namespace {

// Units in one of each drink (NHS: a pint of beer 2-3, a can 2, a glass of wine 2-3, a
// bottle of wine 9-10, a single shot 1); "units" are themselves.
std::optional<double> units_in(const std::string& w) {
  static const WordMap<double> drinks = {
      {"unit", 1},    {"units", 1},   {"pint", 2.5},   {"pints", 2.5}, {"can", 2},
      {"cans", 2},    {"beer", 2},    {"beers", 2},    {"lager", 2},   {"lagers", 2},
      {"glass", 2},   {"glasses", 2}, {"drink", 2},    {"drinks", 2},  {"bottle", 9},
      {"bottles", 9}, {"shot", 1},    {"shots", 1},    {"double", 2},  {"doubles", 2},
      {"spirits", 1}, {"vodkas", 1},  {"whiskies", 1}, {"ciders", 2},  {"cider", 2},
      {"wines", 2},   {"gins", 1},    {"whiskeys", 1}};
  auto it = drinks.find(w);
  return it == drinks.end() ? std::nullopt : std::optional<double>(it->second);
}

// How many times a week the drinks come, from the period words after them.
std::optional<double> times_a_week(const std::vector<const Token*>& words, size_t from) {
  static const WordSet daily = {"day", "days", "night", "nights", "evening", "evenings"};
  static const WordSet every = {"a", "per", "every", "each", "an"};
  static const WordSet weekly = {"week",    "weekly",   "weekend",   "weekends", "wk",
                                 "sat",     "saturday", "saturdays", "fri",      "friday",
                                 "fridays", "sun",      "sunday",    "sundays"};
  for (size_t i = from; i < words.size(); ++i) {
    const std::string& w = words[i]->word;
    if (w == "daily" || w == "nightly") return 7;
    if (daily.count(w) && i > 0 && every.count(words[i - 1]->word)) return 7;
    if (daily.count(w) && i > 0 && words[i - 1]->is("most")) return 5;  // "most nights"
    if (weekly.count(w)) return 1;
    if (w == "month" && i > 0 && every.count(words[i - 1]->word)) return 1 / 4.3;
  }
  return std::nullopt;
}

std::optional<double> number_of(const std::string& w) {
  static const WordMap<double> words = {
      {"one", 1},     {"two", 2},     {"three", 3},   {"four", 4},   {"five", 5},  {"six", 6},
      {"seven", 7},   {"eight", 8},   {"nine", 9},    {"ten", 10},   {"few", 3},   {"couple", 2},
      {"several", 4}, {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}};
  if (auto it = words.find(w); it != words.end()) return it->second;
  if (w.empty() || w.size() > 3) return std::nullopt;
  if (!std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::strtod(w.c_str(), nullptr);
}

}  // namespace

std::optional<double> typed_units_per_week(const std::vector<Token>& tokens) {
  std::vector<const Token*> words;
  for (const auto& t : tokens)
    if (!t.punct) words.push_back(&t);
  if (words.empty() || words.size() > 12) return std::nullopt;
  std::optional<double> total;
  for (size_t i = 0; i < words.size(); ++i) {
    auto per = units_in(words[i]->word);
    if (!per) continue;
    // The amount just before: "30 units", "a few pints", "1-2 beers", "a bottle of wine".
    std::optional<double> amount;
    size_t j = i;
    while (j > 0 && i - j < 3) {
      --j;
      if (auto n = number_of(words[j]->word)) {
        amount = std::max(amount.value_or(0), *n);
        continue;
      }
      if (words[j]->is("a") || words[j]->is("an")) {
        amount = amount.value_or(1);
        break;
      }
      static const WordSet between = {"about", "around", "roughly", "maybe", "like", "of",
                                      "or",    "to",     "large",   "big",   "small"};
      if (!between.count(words[j]->word)) break;
    }
    if (!amount) continue;
    if (total) return std::nullopt;  // two amounts: read as nothing rather than guessed
    double units = *amount * *per;
    if (!words[i]->is("units") && !words[i]->is("unit")) {
      auto times = times_a_week(words, i + 1);
      if (!times) return std::nullopt;
      units *= *times;
    } else if (auto times = times_a_week(words, i + 1); times && *times == 7) {
      units *= 7;  // "4 units a day"
    }
    total = units;
  }
  return total;
}

}  // namespace triagebot::dialogs
