// The words of a message as the safety screen reads them (dialogs/safety_screen.h):
// lower case, accents folded ("pecho", "poitrine", "sé" -> "se"), apostrophes dropped
// inside words ("can't" -> "cant", "he's" -> "hes"), contractions written out joined
// ("does not" -> "doesnt", "can not" -> "cannot"), a laughing face read as "lol", split
// into clauses at punctuation and "but". Kept apart from the interview's tokenizer (text_match.h),
// which drops non-ASCII letters: the screen must read Spanish and French as well as English. Pure;
// safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace triagebot::dialogs::safety {

// One clause: the words between two breaks (". , ; ! ? : ( ) -" and "but").
using Clause = std::vector<std::string>;

// Lower-case ASCII with common Latin accents folded and other characters as spaces.
std::string fold(std::string_view text);

std::vector<Clause> clauses_of(std::string_view text);

// True when `a` and `b` differ by at most one insertion, deletion, substitution or swap
// of neighbours ("chets" / "chest", "breth" / "breath").
bool one_edit_apart(std::string_view a, std::string_view b);

}  // namespace triagebot::dialogs::safety
