// The seventy-fourth held-out round (a helper, brief only; its theme: people writing about
// someone in front of them, or in a hurry: bystanders, teachers, managers, flatmates,
// relayed answers: 30 openings, 40 messages for the safety screen, 60 answers) and vignette
// set 75 (the same theme; docs/reading.md and docs/safety.md "Measured"). Each fix, tried
// on words other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::seventy_fourth_round_test {
namespace {

using C = SafetyCategory;

// Answers relayed by whoever is with the patient: a head shaken, a hot water bottle that
// says more than "he says no", a can out of the fridge, track marks shown; and someone
// else's cancer "not him", which is asked about again, never a yes.
TEST(SeventyFourthRoundAnswers, RelayedAnswers) {
  EXPECT_EQ(typed_answer("q_stroke", "she's shaking her head, no"), Answer::no);
  EXPECT_EQ(typed_answer("q_back_pain",
                         "he says no but he's had a hot water bottle on his back all week"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_cold", "it's like touching a can out the fridge compared to the other"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "he showed me the track marks on his arms"), Answer::yes);
  EXPECT_EQ(typed_answer("q_shooting", "like a hot wire from his bum down to his little toe"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_resolved", "right as rain after a minute of stamping about"),
            Answer::yes);
  EXPECT_NE(typed_answer("q_cancer", "his brother had cancer, not him"), Answer::yes);
}

// Told by whoever hears or sees it: another's intent to hurt himself, violence through a
// wall, wild mushrooms and the sickness after. Look-alikes: a pillow fight, bills that
// take one's breath away, mushrooms found and not eaten.
TEST(SeventyFourthRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("my son has locked himself in his room saying he's going to hurt "
                   "himself",
                   C::self_harm));
  EXPECT_TRUE(
      safety_fires("we had wild mushrooms we foraged on the walk and now we're both "
                   "throwing up",
                   C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("I can hear my neighbour beating his girlfriend again", C::abuse));
  EXPECT_FALSE(safety_fires("my son is hitting his sister with a pillow again lol", C::abuse));
  EXPECT_FALSE(safety_fires("I can't breathe when I see my bills this month", C::breathing));
  EXPECT_FALSE(safety_fires("found some mushrooms in the garden, are they safe to touch?",
                            C::overdose_poisoning));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::seventy_fourth_round_test
