#include "dialogs/day_by_day.h"

#include <array>
#include <string_view>

#include "dialogs/word_set.h"

namespace triagebot::dialogs {
namespace {

// A day named at a token: a weekday (0 Monday ... 6 Sunday), a day counted back from now
// (ranked: the larger, the more recent), or "the next day" after whatever came before.
struct DayWord {
  int weekday = -1;
  int recent = -1;
  bool next = false;
  int length = 1;   // tokens it takes
  int minute = -1;  // a time of the day ("06:00", "6pm", "noon"): minutes after midnight
};

bool words_at(const std::vector<Token>& t, int i, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (i >= static_cast<int>(t.size()) || !t[i].is(w)) return false;
    ++i;
  }
  return true;
}

bool all_digits(std::string_view w, size_t low, size_t high) {
  if (w.size() < low || w.size() > high) return false;
  for (char c : w)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// A time of the day at token i: "06:00" (three tokens: the colon is a mark), "6am" or
// "6 pm", "noon", "midday". An hour told with each stage is a story told hour by hour
// ("06:00 numb to the ankle. 12:00 to mid-shin. 18:00 to the knee").
std::optional<DayWord> time_at(const std::vector<Token>& t, int i) {
  const int n = static_cast<int>(t.size());
  const std::string_view w = t[i].word;
  auto clock = [](int hour, int minute, int length) -> std::optional<DayWord> {
    if (hour > 24 || minute > 59) return std::nullopt;
    DayWord d;
    d.minute = hour * 60 + minute;
    d.length = length;
    return d;
  };
  if (t[i].is("noon") || t[i].is("midday")) return clock(12, 0, 1);
  if (all_digits(w, 1, 2) && i + 2 < n && t[i + 1].is(":") && all_digits(t[i + 2].word, 2, 2))
    return clock(number(w), number(t[i + 2].word), 3);
  auto twelve_hour = [&](int hour, bool pm, int length) -> std::optional<DayWord> {
    if (hour < 1 || hour > 12) return std::nullopt;
    return clock(hour % 12 + (pm ? 12 : 0), 0, length);
  };
  if (w.size() >= 3 && w.size() <= 4 &&
      (w.substr(w.size() - 2) == "am" || w.substr(w.size() - 2) == "pm") &&
      all_digits(w.substr(0, w.size() - 2), 1, 2))
    return twelve_hour(number(w.substr(0, w.size() - 2)), w.back() == 'm' && w[w.size() - 2] == 'p',
                       1);
  if (all_digits(w, 1, 2) && i + 1 < n && (t[i + 1].is("am") || t[i + 1].is("pm")))
    return twelve_hour(number(w), t[i + 1].is("pm"), 2);
  return std::nullopt;
}

// A mark that ends a sentence, not the colon of a time ("at 14:00 he cannot stand").
bool ends_sentence(const std::vector<Token>& t, int j) {
  if (!t[j].sentence_end()) return false;
  const bool clock = t[j].is(":") && j > 0 && j + 1 < static_cast<int>(t.size()) &&
                     all_digits(t[j - 1].word, 1, 2) && all_digits(t[j + 1].word, 2, 2);
  return !clock;
}

std::optional<DayWord> day_at(const std::vector<Token>& t, int i) {
  if (auto time = time_at(t, i)) return time;
  static constexpr std::array<std::string_view, 7> kWeekdays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (int w = 0; w < 7; ++w)
    if (t[i].is(kWeekdays[w])) return DayWord{w, -1, false, 1};
  if (words_at(t, i, {"the", "day", "before", "yesterday"})) return DayWord{-1, 0, false, 4};
  if (t[i].is("yesterday")) return DayWord{-1, 1, false, 1};
  if (words_at(t, i, {"last", "night"})) return DayWord{-1, 2, false, 2};
  if (words_at(t, i, {"this", "morning"})) return DayWord{-1, 3, false, 2};
  if (t[i].is("today") || words_at(t, i, {"this", "afternoon"}))
    return DayWord{-1, 4, false, t[i].is("today") ? 1 : 2};
  if (t[i].is("tonight") || words_at(t, i, {"this", "evening"}))
    return DayWord{-1, 5, false, t[i].is("tonight") ? 1 : 2};
  if (t[i].is("now")) return DayWord{-1, 6, false, 1};
  // "... then my legs went weak": the next stage, whenever it came.
  if (t[i].is("then")) return DayWord{-1, -1, true, 1};
  for (auto next : {std::initializer_list<std::string_view>{"the", "next", "day"},
                    {"the", "day", "after"},
                    {"the", "following", "day"},
                    {"next", "day"},
                    {"next", "morning"},
                    {"the", "next", "morning"}}) {
    if (words_at(t, i, next)) return DayWord{-1, -1, true, static_cast<int>(next.size())};
  }
  return std::nullopt;
}

// Whether token i opens its clause: after the message's start, a mark or a word that
// joins clauses ("... up to my knees and wednesday ..."), with "by", "on" or "until"
// between ("and by friday"). "numb since monday" and "the GP on friday" only mention a day.
bool opens_clause(const std::vector<Token>& t, int i) {
  static const WordSet clause_joiners = {"and", "then", "but", "so"};
  static const WordSet day_words = {"by", "on", "until", "till", "at", "around", "since"};
  for (int back = 0; back < 3; ++back, --i) {
    if (i == 0 || t[i - 1].punct || clause_joiners.count(t[i - 1].word)) return true;
    if (!day_words.count(t[i - 1].word)) return false;
  }
  return false;
}

struct Day {
  int at = 0;
  DayWord word;
};

// Whether `day` may follow the chain's last day.
bool follows(const Day& last, const DayWord& day) {
  const DayWord& before = last.word;
  // Times of the day follow each other, later and later; a day named after them
  // ("... 18:00 to the knee, and now") may close the story only if it is today's.
  if (day.minute >= 0) return before.minute >= 0 && day.minute > before.minute;
  if (before.minute >= 0) return day.recent >= 4;
  if (day.next) return true;
  if (day.weekday >= 0) {
    // A weekday after a day counted back from now is a different week's.
    if (before.recent >= 0) return false;
    if (before.weekday < 0) return true;  // after "the next day"
    const int gap = (day.weekday - before.weekday + 7) % 7;
    return gap == 1 || gap == 2;
  }
  return day.recent > before.recent;
}

// "still" that means "even so" rather than "no change": "today I took the lift and still
// needed the sink to pull myself up" tells a day worse than the one before.
bool even_so(const std::vector<Token>& t, int j) {
  static const WordSet needing = {"needed", "need", "needs", "had", "has", "could", "cannot"};
  return t[j].is("still") && j + 1 < static_cast<int>(t.size()) && needing.count(t[j + 1].word);
}

}  // namespace

std::optional<DayByDay> day_by_day_story(const std::vector<Token>& t,
                                         const PhraseList& symptom_words,
                                         const PhraseList& story_words) {
  // Words that say the illness stood still or went back: no story of it moving on.
  static const WordSet standing = {"still", "same", "better", "improved", "improving", "settled"};
  const int n = static_cast<int>(t.size());
  std::vector<Day> days;
  for (int i = 0; i < n; ++i) {
    if (t[i].punct) continue;
    auto day = day_at(t, i);
    if (!day || !opens_clause(t, i)) continue;
    days.push_back({i, *day});
    i += day->length - 1;
  }
  // The longest run of days in order, each judged by what its clause (up to the next
  // day or the sentence's end) says.
  std::vector<Day> chain;
  auto judge = [&]() -> std::optional<DayByDay> {
    if (chain.size() < 3) return std::nullopt;
    int naming = 0;
    for (size_t d = 0; d < chain.size(); ++d) {
      const int from = chain[d].at + chain[d].word.length;
      int to = d + 1 < chain.size() ? chain[d + 1].at : n;
      for (int j = from; j < to; ++j)
        if (ends_sentence(t, j)) to = j;
      if (symptom_words.any_in(t, from, to) || story_words.any_in(t, from, to)) ++naming;
      for (int j = from; j < to && d > 0; ++j)
        if (standing.count(t[j].word) && !even_so(t, j)) return std::nullopt;
    }
    if (naming < 2) return std::nullopt;
    int last = n - 1;
    for (int j = chain.back().at + chain.back().word.length; j < n; ++j) {
      if (ends_sentence(t, j)) {
        last = j - 1;
        break;
      }
    }
    return DayByDay{chain.front().at, last};
  };
  for (const Day& day : days) {
    if (!chain.empty() && !follows(chain.back(), day.word)) {
      if (auto story = judge()) return story;
      chain.clear();
    }
    if (chain.empty() && day.word.next) continue;  // "the next day" after nothing
    chain.push_back(day);
  }
  return judge();
}

}  // namespace triagebot::dialogs
