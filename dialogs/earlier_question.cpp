#include "dialogs/earlier_question.h"

#include "dialogs/phrase_list.h"

namespace triagebot::dialogs {
namespace {

// Words that name the question before this one. Each needs its article or a verb of
// going back, so "the last one" alone ("the last one was worse") is not taken: only
// after "for", "about", "to", "re", "and", "also" or "as for" (below) is it a turn back.
const PhraseList& earlier_question_names() {
  static const PhraseList list =
      compile_phrases({"the last one", "the last question", "the last q", "the previous one",
                       "the previous question", "the question before", "the one before",
                       "the earlier question", "your last question", "your previous question",
                       "your earlier question", "the question before that", "the one before that",
                       // Named by its subject: "about the peeing thing before".
                       "the ... thing before", "the ... question before"});
  return list;
}

// "sorry to go back", "going back to the last one": a turn back on its own.
const PhraseList& going_back() {
  static const PhraseList list =
      compile_phrases({"sorry to go back", "to go back to", "going back to the last",
                       "going back to the previous", "going back to your", "back to the last",
                       "back to the previous", "back to your last", "back to your previous"});
  return list;
}

// Words that may stand before the turn back at a clause's start ("and sorry, for the
// one before ...").
const WordSet& lead_ins() {
  static const WordSet words = {"and", "also", "oh", "sorry", "plus",
                                "ps",  "btw",  "ah", "oops",  "but"};
  return words;
}

// The prepositions that make "the last one" the question rather than a thing.
const WordSet& pointers() {
  static const WordSet words = {"for", "about", "to", "re", "regarding", "on"};
  return words;
}

// The clause containing token `at` starts at `at` once lead-ins are skipped back: the
// words between the previous stop or comma and `at` are all lead-ins.
int clause_start_before(const std::vector<Token>& t, int at) {
  int i = at;
  while (i > 0 && !t[i - 1].punct && lead_ins().count(t[i - 1].word)) --i;
  if (i > 0 && !t[i - 1].punct) return -1;
  // Lead-ins across the stop before them belong to this turn too ("and sorry, for ...").
  while (i > 0 && t[i - 1].punct && i > 1 && !t[i - 2].punct && lead_ins().count(t[i - 2].word)) {
    i -= 2;
    while (i > 0 && !t[i - 1].punct && lead_ins().count(t[i - 1].word)) --i;
  }
  return i;
}

const PhraseList& corrections() {
  static const PhraseList list =
      compile_phrases({"wait", "actually", "sorry", "oops", "correction", "hang on", "my mistake",
                       "my bad", "scratch that", "on second thought", "on second thoughts"});
  return list;
}

}  // namespace

bool opens_with_a_correction(const std::vector<Token>& t) {
  static const WordSet fillers = {"oh", "um", "erm", "hmm", "ah", "no", "er"};
  int i = 0;
  const int n = static_cast<int>(t.size());
  while (i < n && (t[i].punct || fillers.count(t[i].word))) ++i;
  return i < n && corrections().match_at(t, i) >= 0;
}

std::optional<TurnBack> find_turn_back(const std::vector<Token>& t) {
  const int n = static_cast<int>(t.size());
  for (int i = 0; i < n; ++i) {
    if (t[i].punct) continue;
    int last = i, from = i;
    bool found = false;
    if (going_back().match_at(t, i, &last) >= 0) {
      found = true;
      // "sorry to go back, for the last one yes": the question named after it is part
      // of the turn.
      int next = last + 1;
      while (next < n && t[next].punct) ++next;
      int named = next;
      if (next < n && pointers().count(t[next].word)) ++named;
      int named_last = named;
      if (named < n && earlier_question_names().match_at(t, named, &named_last) >= 0)
        last = named_last;
    } else if (pointers().count(t[i].word) || t[i].is("as")) {
      int j = i + (t[i].is("as") && i + 1 < n && t[i + 1].is("for") ? 2 : 1);
      if (j < n && earlier_question_names().match_at(t, j, &last) >= 0) found = true;
    } else if (earlier_question_names().match_at(t, i, &last) >= 0 && i > 0 && !t[i - 1].punct &&
               lead_ins().count(t[i - 1].word) && !t[i - 1].is("sorry")) {
      // "and the last one, yes", "also the last one: no".
      found = true;
    }
    if (!found) continue;
    int cut = clause_start_before(t, from);
    if (cut < 0) continue;
    int rest = last + 1;
    while (rest < n && t[rest].punct) ++rest;
    return TurnBack{cut, rest};
  }
  return std::nullopt;
}

}  // namespace triagebot::dialogs
