// Idioms whose negator denies nothing the person tells, rewritten before anything is read
// (a reader taking their "not" or "never" as a negator heard a no):
// - a closing relative clause that says what came before is new: "coughing on every drink
//   since yesterday, which he never used to", "his pad has been dry since breakfast, which
//   never happens", "bit puffed walking up from the bus stop, never used to be". It goes;
//   the times around it tell that the thing is new.
// - "not himself", "not herself", "not myself": unwell, in a carer's words ("hes not
//   himself, keeps getting his words in a twist"). It becomes "unwell".
// - "not gonna lie", "no gonna lie", "not going to lie", "I won't lie": a promise of
//   honesty ("no gonna lie i inject"). It goes.
// - "not proud of it", "not ashamed": a feeling about what is told ("yeah i use, not proud
//   of it, been using needles"). It goes.
// - "not able to", "not been able to", "unable to" before what a body does (feel, walk,
//   pee, ...): an inability, the symptom ("she hasn't been able to feel anything down
//   below"). It becomes "cannot", as the knowledge base writes it.
// Pure; a few comparisons per word.
#pragma once

#include <vector>

#include "dialogs/text_match.h"

namespace triagebot::dialogs {

void rewrite_negated_idioms(std::vector<Token>& tokens);

}  // namespace triagebot::dialogs
