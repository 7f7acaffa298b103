// A denial of a denial ("I wouldn't say I can't lift it", "I can't say I haven't had an
// accident") affirms what the inner clause denied. Read as it stands, the frame ("would
// not say", "cannot say") is uncertainty and the inner negator denies the symptom, so
// the reader heard "not sure" or a no. This rewrites such a frame before anything is
// read: the frame goes, and so does the inner negator ("cannot" becomes "can"), leaving
// what the person affirms ("I can lift it", "I have had an accident").
// The same frame before a bare subject and auxiliary, with no inner negator and nothing
// after but a past participle ("can't say I have", "I can't say I did", "can't say I've
// noticed"), is an understatement of no: it becomes the plain denial ("I have not",
// "I have not noticed"). "would not say" understates whatever clause follows ("I wouldn't
// say I have a fever" is "I have not a fever"), and "I wouldn't say no" is a yes. "I
// can't say" alone stays uncertainty.
// Pure; a few comparisons per word.
#pragma once

#include <vector>

#include "dialogs/text_match.h"

namespace triagebot::dialogs {

void undo_double_negation(std::vector<Token>& tokens);

}  // namespace triagebot::dialogs
