#include "dialogs/double_negation.h"

#include <cstddef>

namespace triagebot::dialogs {
namespace {

// A "say" frame starting at some word: its length, 0 when there is none.
struct Frame {
  size_t length = 0;
  // "would not say" is an understatement whatever follows ("I wouldn't say I have a
  // fever"); "cannot say" only before a clause that ends at its auxiliary, as "I can't
  // say" is also "I don't know".
  bool understates_any_clause = false;
};

Frame frame_at(const std::vector<Token>& t, size_t i) {
  auto is = [&](size_t j, std::string_view w) { return j < t.size() && t[j].is(w); };
  if (is(i, "would") && is(i + 1, "not") && is(i + 2, "say")) return {3, true};
  if (is(i, "cannot") && is(i + 1, "say")) return {2, false};
  return {};
}

// "cannot say i have", "would not say i did", "cannot say i have noticed": a subject,
// an auxiliary and at most one more word closing the clause, from `inner`; after a frame
// that understates any clause, whatever follows ("would not say its weak"). The position
// just after the auxiliary, else 0.
size_t understated_no(const std::vector<Token>& t, size_t inner, const Frame& frame) {
  static const WordSet subjects = {"i", "he", "she", "we", "they", "it"};
  static const WordSet auxiliaries = {"have", "has", "had", "did",  "do", "does",
                                      "am",   "is",  "was", "were", "are"};
  auto closes = [&](size_t j) { return j >= t.size() || t[j].punct; };
  // "its" typed without its apostrophe is "it is" here: a possessive cannot follow "say".
  if (frame.understates_any_clause && inner + 1 < t.size() && t[inner].is("its") &&
      !t[inner + 1].punct)
    return inner + 1;
  if (inner + 1 >= t.size() || !subjects.count(t[inner].word) ||
      !auxiliaries.count(t[inner + 1].word))
    return 0;
  const size_t after = inner + 2;
  if (closes(after) || frame.understates_any_clause) return after;
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
    const Frame frame = frame_at(tokens, i);
    if (frame.length == 0) continue;
    size_t inner = i + frame.length;
    if (inner < tokens.size() && tokens[inner].is("that")) ++inner;
    size_t negator = inner;
    while (negator < tokens.size() && negator < inner + kInnerReach && !tokens[negator].punct &&
           !tokens[negator].is("not") && !tokens[negator].is("cannot") &&
           !tokens[negator].is("never") && !tokens[negator].is("no"))
      ++negator;
    if (negator >= tokens.size() || negator >= inner + kInnerReach || tokens[negator].punct) {
      // No inner negator: "can't say I have" is an understated no, "I have not".
      if (const size_t after = understated_no(tokens, inner, frame)) {
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
    // A frame with nothing between it and the negator ("cannot say no") is not one, but
    // the person's own "I wouldn't say no" agrees (as it does to a cup of tea).
    if (negator == inner) {
      const bool own = i == 0 || tokens[i - 1].is("i");
      if (frame.understates_any_clause && tokens[inner].is("no") && own) {
        tokens[inner].word = "yes";
        const size_t first = i > 0 ? i - 1 : i;
        tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(first),
                     tokens.begin() + static_cast<std::ptrdiff_t>(inner));
        i = first;
      }
      continue;
    }
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
