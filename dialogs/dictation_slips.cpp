#include "dialogs/dictation_slips.h"

#include <algorithm>

namespace triagebot::dialogs {
namespace {

bool clause_start(const std::vector<Token>& t, size_t i) { return i == 0 || t[i - 1].punct; }

bool clause_end(const std::vector<Token>& t, size_t i) {
  return i + 1 >= t.size() || t[i + 1].punct;
}

// "know" opening a clause is the verb only before what is known or asked about ("know
// what I mean", "know if it matters", "know about it").
bool verb_know_before(const std::vector<Token>& t, size_t next) {
  static const WordSet objects = {
      "what", "how",      "if",  "why",  "where",   "when",       "who",     "whether",
      "that", "about",    "it",  "him",  "her",     "them",       "of",      "the",
      "this", "anything", "any", "much", "exactly", "more",       "someone", "anyone",
      "you",  "your",     "yet", "a",    "which",   "everything", "nothing"};
  return next < t.size() && !t[next].punct && objects.count(t[next].word);
}

bool a_number(const Token& token) {
  static const WordSet words = {"one",   "two",    "three",   "four",    "five",   "six",
                                "seven", "eight",  "nine",    "ten",     "eleven", "twelve",
                                "few",   "couple", "several", "fifteen", "twenty"};
  if (token.punct || token.word.empty()) return false;
  if (std::all_of(token.word.begin(), token.word.end(),
                  [](char c) { return c >= '0' && c <= '9'; }))
    return true;
  return words.count(token.word) != 0;
}

// "one weak leg", "two weak arms": a number counting limbs, and weak is weak.
bool before_a_body_part(const std::vector<Token>& t, size_t next) {
  static const WordSet parts = {"leg",   "legs",   "arm",  "arms",  "foot",   "feet",
                                "knee",  "knees",  "hand", "hands", "ankle",  "ankles",
                                "thigh", "thighs", "hip",  "hips",  "side",   "sides",
                                "limb",  "limbs",  "toe",  "toes",  "muscle", "muscles"};
  return next < t.size() && !t[next].punct && parts.count(t[next].word);
}

// "just the kick on my knee at football know falls on my back": inside a clause, "know"
// is "no" only before a thing people deny ("falls", "pain", "problems"), and never after
// a word the verb follows ("I know", "would know", "don't really know").
bool no_before_what_is_denied(const std::vector<Token>& t, size_t i) {
  static const WordSet denied = {"falls",   "fall",      "problems", "problem",  "issues",
                                 "issue",   "pain",      "pains",    "trouble",  "change",
                                 "changes", "accidents", "accident", "injuries", "injury",
                                 "fever",   "weakness",  "numbness", "blood",    "bleeding"};
  static const WordSet knowers = {
      "i",     "you",  "u",       "we",     "they",   "he",       "she",    "do",   "does",
      "did",   "dont", "didnt",   "not",    "to",     "cannot",   "would",  "will", "could",
      "might", "may",  "let",     "really", "even",   "just",     "still",  "ya",   "ye",
      "who",   "wont", "already", "ever",   "always", "honestly", "should", "must", "doesnt"};
  return i > 0 && !t[i - 1].punct && !knowers.count(t[i - 1].word) && i + 1 < t.size() &&
         !t[i + 1].punct && denied.count(t[i + 1].word);
}

}  // namespace

namespace {

// A phone keyboard's autocorrection of a word of the interview into a real word, judged
// by its neighbours (the eighty-second round): "my left leg went number", "my fave is
// dropping when i smile", "havent been able to per since last night", "my right keg",
// "no trouble with my ladder", "going down the wrong whey", "a mini strike".
std::string_view autocorrected(const std::vector<Token>& t, size_t i) {
  const Token& w = t[i];
  const auto before = [&](size_t back) -> const Token* {
    return i >= back && !t[i - back].punct ? &t[i - back] : nullptr;
  };
  const Token* next = i + 1 < t.size() && !t[i + 1].punct ? &t[i + 1] : nullptr;
  const Token* prev = before(1);
  if (!prev) return {};
  if (w.is("number")) {
    // Not "a number of", "is number 3", "name and number".
    static const WordSet becoming = {"went",  "gone", "go",  "goes",    "going", "feel",
                                     "feels", "felt", "is",  "are",     "was",   "were",
                                     "so",    "very", "bit", "getting", "got",   "more"};
    static const WordSet feelings = {"tingle", "tingly", "tingling", "sore", "cold",
                                     "heavy",  "dead",   "weak",     "achy", "numb"};
    const Token* prev2 = before(2);
    const bool after_a_feeling = prev->is("and") && prev2 && feelings.count(prev2->word);
    const bool a_count_follows = next && (a_number(*next) || next->is("of"));
    if ((becoming.count(prev->word) || after_a_feeling) && !a_count_follows) return "numb";
  }
  if (w.is("fave") && next) {
    static const WordSet owners = {"my", "his", "her", "the", "their"};
    static const WordSet then = {"is",      "was",     "has",    "looks",    "looked",
                                 "went",    "feels",   "felt",   "dropping", "drooping",
                                 "dropped", "drooped", "droops", "seems",    "keeps"};
    if (owners.count(prev->word) && then.count(next->word)) return "face";
  }
  if (w.is("per") && prev->is("to")) return "pee";
  if (w.is("whey") && prev->is("wrong")) return "way";
  if (w.is("strike") && prev->is("mini")) return "stroke";
  if (w.is("keg") && (prev->is("left") || prev->is("right"))) return "leg";
  if (w.is("ladder") && (prev->is("my") || prev->is("her") || prev->is("his"))) {
    static const WordSet about = {"with", "of", "control"};
    static const WordSet troubles = {"control",   "problems", "problem", "issues",
                                     "infection", "leaking",  "leaks"};
    const Token* prev2 = before(2);
    if ((prev2 && about.count(prev2->word)) || (next && troubles.count(next->word)))
      return "bladder";
  }
  return {};
}

}  // namespace

std::string_view dictation_slip(const std::vector<Token>& t, size_t i) {
  const Token& token = t[i];
  if (token.punct) return {};
  if (token.is("know")) {
    if (clause_start(t, i)) return verb_know_before(t, i + 1) ? std::string_view() : "no";
    return no_before_what_is_denied(t, i) ? "no" : std::string_view();
  }
  // "know feeling down their at all": a place, heard as "their" after "down" or "up",
  // where no one's anything follows it.
  if (token.is("their") && i > 0 && (t[i - 1].is("down") || t[i - 1].is("up"))) {
    static const WordSet after_a_place = {"at",  "since",  "too", "as",   "and",    "now",
                                          "for", "either", "all", "when", "anymore"};
    if (clause_end(t, i) || after_a_place.count(t[i + 1].word)) return "there";
  }
  // Voice typing's "my arm's gone none and week": "numb" heard as "none" after a verb of
  // becoming, and "weak" as "week" after it.
  if (token.is("none") && i > 0 &&
      (t[i - 1].is("gone") || t[i - 1].is("went") || t[i - 1].is("going") || t[i - 1].is("feels") ||
       t[i - 1].is("felt")))
    return "numb";
  if (token.is("week") && i > 1 && t[i - 1].is("and") && t[i - 2].is("none") && clause_end(t, i))
    return "weak";
  if (const std::string_view meant = autocorrected(t, i); !meant.empty()) return meant;
  const bool weak = token.is("weak"), weaks = token.is("weaks");
  if (!weak && !weaks) return {};
  std::string_view week = weak ? "week" : "weeks";
  if (i > 0 && a_number(t[i - 1]) && !before_a_body_part(t, i + 1)) return week;
  if (i + 1 < t.size() && t[i + 1].is("ago")) return week;
  static const WordSet before_a_week = {"a", "last", "this", "next", "per", "every"};
  if (weak && i > 0 && before_a_week.count(t[i - 1].word) && clause_end(t, i)) return week;
  return {};
}

std::string with_dropped_g(const std::string& word, const SpellChecker& spelling) {
  if (word.size() < 4 || word.compare(word.size() - 2, 2, "in") != 0) return {};
  // The stem must be a word too ("go" in "goin", "walk" in "walkin"): "gorin" is a
  // misspelt "groin", not "goring".
  if (!spelling.known(std::string_view(word).substr(0, word.size() - 2))) return {};
  std::string with_g = word + "g";
  return spelling.known(with_g) ? with_g : std::string();
}

}  // namespace triagebot::dialogs
