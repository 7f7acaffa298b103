#include "dialogs/temperature_reading.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>

namespace triagebot::dialogs {
namespace {

// Words a temperature report may hold beside its numbers ("it was about 38.5 last night").
bool report_word(const std::string& w) {
  static constexpr std::string_view kWords[] = {
      "c", "f", "degrees", "degree", "deg", "celsius", "centigrade", "fahrenheit", "temp",
      "temperature", "it", "its", "was", "is", "about", "around", "roughly", "nearly", "over",
      "above", "of", "my", "i", "had", "got", "a", "up", "to", "reached", "hit", "last", "night",
      "yesterday", "today", "this", "morning",
      // "temp 38.6 this am", "39 earlier"
      "am", "pm", "earlier",
      // Two readings: "38 yesterday, 37.2 today after paracetamol".
      "after", "then", "now", "and", "paracetamol", "ibuprofen", "calpol",
      // Where it was read: "38.4 on the thermometer this morning", "the app on my watch
      // says 38.2", "measured 38.1 under the arm".
      "on", "the", "thermometer", "thermometre", "says", "said", "showed", "shows", "read", "reads",
      "reading", "measured", "checked", "took", "watch", "app", "under", "arm", "ear", "mouth",
      "tongue", "evening", "afternoon", "tonight",
      // When, and how it went since: "38.9 on the ear thermometer an hour ago", "ran 101
      // last night, it's down to 99 now with the Tylenol", "a temp of 39 the day before
      // yesterday, it's come down with the paracetamol".
      "an", "hour", "hours", "ago", "day", "days", "before", "ran", "running", "went", "come",
      "came", "down", "with", "been", "at", "tylenol", "advil", "motrin", "nurofen",
      "acetaminophen", "panadol",
      // "38.7 on the ear thermometer half an hour ago", "101.8 this morning, took
      // paracetamol since".
      "half", "since", "minute", "minutes"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// "38.9", "38", "38.9c", "101f": the number and its unit letter, if any.
std::optional<double> number_of(std::string word, char& unit) {
  unit = 0;
  if (!word.empty() && (word.back() == 'c' || word.back() == 'f')) {
    unit = word.back();
    word.pop_back();
  }
  if (word.empty() || word.size() > 5) return std::nullopt;
  int dots = 0;
  for (char c : word) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return std::nullopt;
    }
  }
  if (dots > 1 || word.front() == '.' || word.back() == '.') return std::nullopt;
  return std::strtod(word.c_str(), nullptr);
}

}  // namespace

std::optional<double> typed_temperature_c(const std::vector<Token>& tokens) {
  std::vector<double> values;
  bool fahrenheit = false;
  int words = 0;
  // A thermometer named and what it "said" just before the number ("used the baby's ear
  // thermometer on myself lol, it said 38.6"): a reading in a sentence of its own words.
  bool thermometer = false, read_out = false, other_words = false;
  const std::string* before = nullptr;
  for (const auto& t : tokens) {
    if (t.punct) continue;
    ++words;
    char unit = 0;
    if (auto n = number_of(t.word, unit)) {
      values.push_back(*n);
      fahrenheit = fahrenheit || unit == 'f';
      read_out = read_out || (before && (*before == "said" || *before == "says" ||
                                         *before == "read" || *before == "showed"));
      continue;
    }
    before = &t.word;
    thermometer = thermometer || t.word == "thermometer";
    if (!report_word(t.word)) other_words = true;
    fahrenheit = fahrenheit || t.word == "f" || t.word == "fahrenheit";
  }
  if (other_words && !(thermometer && read_out && values.size() == 1)) return std::nullopt;
  // One reading or two, each with its time ("38 yesterday, 37.2 today after
  // paracetamol"), in sixteen words that are all a report's ("had a temp of 39 the day
  // before yesterday, it's come down with the paracetamol"). More numbers are a range, a
  // date, an age and a reading.
  if (values.empty() || values.size() > 2 || words > 16) return std::nullopt;
  std::optional<double> highest;
  for (double value : values) {
    double c = fahrenheit || (value >= 93 && value <= 110) ? (value - 32) * 5 / 9 : value;
    if (c < 34 || c > 43) return std::nullopt;  // every number must be a body temperature
    highest = std::max(highest.value_or(c), c);
  }
  return highest;
}

}  // namespace triagebot::dialogs
