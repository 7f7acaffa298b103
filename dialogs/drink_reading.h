// An amount of alcohol typed as the answer to "do you drink a lot?" ("about 30 units a
// week", "a few pints every night", "1-2 beers on a sat"), in UK units a week. People
// who drink answer with what they drink more often than with "yes" or "no". Pure; any
// thread.
#pragma once

#include <optional>
#include <vector>

#include "dialogs/text_match.h"

namespace triagebot::dialogs {

// The units a week the message gives: one amount (a number, a number word, "a", "a
// couple", "a few", "several"; of a range the larger end) of units or of a drink (a pint
// 2.5 units, a can, beer or glass 2, a bottle of wine 9, a shot 1), and for drinks a
// period ("a day", "every night", "a week", "at the weekend", "on a sat") in a message of
// at most twelve words; nullopt otherwise (no amount, two amounts, or drinks without a
// period, which say nothing of how often).
std::optional<double> typed_units_per_week(const std::vector<Token>& tokens);

}  // namespace triagebot::dialogs
