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
    if (negator >= tokens.size() || negator >= inner + kInnerReach || tokens[negator].punct)
      continue;
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
