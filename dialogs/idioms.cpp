#include "dialogs/idioms.h"

#include <cstddef>

namespace triagebot::dialogs {
namespace {

void drop_novelty_clause(std::vector<Token>& tokens) {
  static const WordSet subjects = {"i", "he", "she", "they", "it", "we"};
  for (size_t i = 1; i + 2 < tokens.size(); ++i) {
    // "bit puffed walking up from the bus stop, never used to be, had to stop": the same
    // note as a clause of its own between commas.
    const bool own_clause = tokens[i].punct && tokens[i].word == "," && i + 1 < tokens.size() &&
                            tokens[i + 1].is("never");
    if (!tokens[i].is("which") && !tokens[i].is("that") && !own_clause) continue;
    size_t never = i + 1;
    if (subjects.count(tokens[never].word)) ++never;
    if (never + 1 >= tokens.size() || !tokens[never].is("never")) continue;
    // "which he never used to", "which never happens", "that never happened before".
    const Token& verb = tokens[never + 1];
    size_t end = never + 2;
    if (verb.is("used") && end < tokens.size() && tokens[end].is("to")) {
      ++end;
      if (end < tokens.size() && tokens[end].is("be")) ++end;  // "never used to be"
    } else if (own_clause || (!verb.is("happens") && !verb.is("happened"))) {
      continue;  // ", never happened before" tells of no earlier episode: it stays
    }
    if (end < tokens.size() && tokens[end].is("before")) ++end;
    // Only a clause that closes there: "which he never used to do" may go on to deny.
    if (end < tokens.size() && !tokens[end].punct) continue;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                 tokens.begin() + static_cast<std::ptrdiff_t>(end));
    return;
  }
}

void unwell_for_not_oneself(std::vector<Token>& tokens) {
  static const WordSet selves = {"himself", "herself", "myself", "themselves", "yourself"};
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!tokens[i].is("not") || !selves.count(tokens[i + 1].word)) continue;
    tokens[i].word = "unwell";
    tokens[i].end = tokens[i + 1].end;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i + 1));
  }
}

// "not gonna lie, I inject", "no gonna lie i inject", "I won't lie": a promise of
// honesty before what follows, not a denial of it. Dropped, so its negative reaches
// nothing.
void drop_honesty_promise(std::vector<Token>& tokens) {
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (!tokens[i].is("not") && !tokens[i].is("no") && !tokens[i].is("wont")) continue;
    size_t lie = i + 1;
    if (tokens[lie].is("gonna")) {
      ++lie;
    } else if (tokens[lie].is("going") && lie + 1 < tokens.size() && tokens[lie + 1].is("to")) {
      lie += 2;
    } else if (!tokens[i].is("wont")) {
      continue;
    }
    if (lie >= tokens.size() || !tokens[lie].is("lie")) continue;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                 tokens.begin() + static_cast<std::ptrdiff_t>(lie + 1));
    return;
  }
}

// "yeah i use, not proud of it, been using needles", "not ashamed to say it, I inject": a
// feeling about what is told, not a denial of it.
void drop_confession_aside(std::vector<Token>& tokens) {
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!tokens[i].is("not") || !(tokens[i + 1].is("proud") || tokens[i + 1].is("ashamed")))
      continue;
    size_t end = i + 2;
    if (end + 1 < tokens.size() && tokens[end].is("of") &&
        (tokens[end + 1].is("it") || tokens[end + 1].is("that") || tokens[end + 1].is("this")))
      end += 2;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                 tokens.begin() + static_cast<std::ptrdiff_t>(end));
    return;
  }
}

// "she hasn't been able to feel anything down below", "unable to pee since this
// morning": an inability, the symptom itself, as "cannot" is (the knowledge base writes
// "cannot feel ...", and "not" would deny what follows). Only before what a body does.
void cannot_for_not_able(std::vector<Token>& tokens) {
  static const WordSet abilities = {"feel", "walk", "stand", "pee",  "wee",     "urinate",
                                    "lift", "move", "hold",  "grip", "speak",   "talk",
                                    "get",  "bend", "climb", "wake", "swallow", "breathe"};
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    size_t to = 0;  // the "to" before the ability
    if (tokens[i].is("unable")) {
      to = i + 1;
    } else if (tokens[i].is("not")) {
      size_t able = i + 1;
      if (tokens[able].is("been")) ++able;
      if (able + 1 >= tokens.size() || !tokens[able].is("able")) continue;
      to = able + 1;
    } else {
      continue;
    }
    if (to + 1 >= tokens.size() || !tokens[to].is("to") || !abilities.count(tokens[to + 1].word))
      continue;
    // "get up", not "get an appointment".
    if (tokens[to + 1].is("get") && !(to + 2 < tokens.size() && tokens[to + 2].is("up"))) continue;
    tokens[i].word = "cannot";
    tokens[i].end = tokens[to].end;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i + 1),
                 tokens.begin() + static_cast<std::ptrdiff_t>(to + 1));
  }
}

}  // namespace

void rewrite_negated_idioms(std::vector<Token>& tokens) {
  drop_novelty_clause(tokens);
  unwell_for_not_oneself(tokens);
  drop_honesty_promise(tokens);
  drop_confession_aside(tokens);
  cannot_for_not_able(tokens);
}

}  // namespace triagebot::dialogs
