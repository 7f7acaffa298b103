#include "dialogs/double_negation.h"

#include <cstddef>

namespace triagebot::dialogs {
namespace {

// The length of a "say" frame starting at `i` ("would not say", "cannot say"), else 0.
size_t frame_at(const std::vector<Token>& t, size_t i) {
  auto is = [&](size_t j, std::string_view w) { return j < t.size() && t[j].is(w); };
  if (is(i, "would") && is(i + 1, "not") && is(i + 2, "say")) return 3;
  if (is(i, "cannot") && is(i + 1, "say")) return 2;
  return 0;
}

// "cannot say i have", "would not say i did", "cannot say i have noticed": a subject,
// an auxiliary and at most one more word closing the clause, from `inner`. The position
// just after the auxiliary, else 0.
size_t understated_no(const std::vector<Token>& t, size_t inner) {
  static const WordSet subjects = {"i", "he", "she", "we", "they", "it"};
  static const WordSet auxiliaries = {"have", "has", "had", "did",  "do", "does",
                                      "am",   "is",  "was", "were", "are"};
  auto closes = [&](size_t j) { return j >= t.size() || t[j].punct; };
  if (inner + 1 >= t.size() || !subjects.count(t[inner].word) ||
      !auxiliaries.count(t[inner + 1].word))
    return 0;
  const size_t after = inner + 2;
  if (closes(after)) return after;
  // One word more, a participle ("noticed", "seen", "had"): not "I have a bad back".
  const std::string& w = t[after].word;
  bool participle = w == "had" || w == "seen" || w == "been" || w == "done" ||
                    (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0);
  return participle && closes(after + 1) ? after : 0;
}

}  // namespace

void undo_double_negation(std::vector<Token>& tokens) {
  // The inner clause's negator must come within a subject and an auxiliary or two of
  // the frame ("... say I have not", "... say it is not"), in the same clause.
  constexpr size_t kInnerReach = 4;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const size_t frame = frame_at(tokens, i);
    if (frame == 0) continue;
    size_t inner = i + frame;
    if (inner < tokens.size() && tokens[inner].is("that")) ++inner;
    size_t negator = inner;
    while (negator < tokens.size() && negator < inner + kInnerReach && !tokens[negator].punct &&
           !tokens[negator].is("not") && !tokens[negator].is("cannot") &&
           !tokens[negator].is("never") && !tokens[negator].is("no"))
      ++negator;
    if (negator >= tokens.size() || negator >= inner + kInnerReach || tokens[negator].punct) {
      // No inner negator: "can't say I have" is an understated no, "I have not".
      if (const size_t after = understated_no(tokens, inner)) {
        Token no = tokens[after - 1];
        no.word = "not";
        tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(after), no);
        size_t first = i;
        if (first > 0 && (tokens[first - 1].is("i") || tokens[first - 1].is("we"))) --first;
        tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(first),
                     tokens.begin() + static_cast<std::ptrdiff_t>(inner));
        i = first;
      }
      continue;
    }
    // A frame with nothing between it and the negator ("cannot say no") is not one.
    if (negator == inner) continue;
    if (tokens[negator].is("cannot"))
      tokens[negator].word = "can";
    else
      tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(negator));
    // The frame's own subject goes with it ("I wouldn't say I ..." keeps one "I").
    size_t first = i;
    if (first > 0 && (tokens[first - 1].is("i") || tokens[first - 1].is("we"))) --first;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(first),
                 tokens.begin() + static_cast<std::ptrdiff_t>(inner));
    i = first;
  }
}

}  // namespace triagebot::dialogs
