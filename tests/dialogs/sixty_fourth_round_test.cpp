// The sixty-fourth held-out round (a helper, brief only; its theme: young adults, athletes,
// gig and shift workers, new and expecting parents, who write in slang and joke before they
// answer: 30 openings, 40 messages for the safety screen, 60 answers) and vignette set 65
// (the same theme; docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words
// other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::sixty_fourth_round_test {
namespace {

using C = SafetyCategory;

// A stunt "landed right on my neck"; a fall "down the whole flight of stairs"; a hand that
// "not listen to me" and a cup that fell, over now; drugs "only on weekends"; nothing coming
// out; a thermometer that "said 38.6". Look-alikes: a dead leg from sitting that gave way
// and was fine in minutes; a kart crash in a game; free throws getting worse are no worse numbness.
TEST(SixtyFourthRoundReading, SlangAndStunts) {
  EXPECT_TRUE(stops_at_opening(
      "tried a flip off the trampoline and landed right on my neck, now my arms and legs are "
      "tingly"));
  EXPECT_TRUE(stops_at_opening(
      "fell down the whole flight of stairs at uni and landed on my lower back, left leg numb "
      "since"));
  EXPECT_EQ(
      typed_answer("q_stroke", "this morning 10 minute my left hand not listen to me, now ok"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "only on weekends, I'm not an addict"), Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "trying to go since lunch and nothing is coming out"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_fever", "borrowed my flatmate's thermometer, it said 38.9"),
            Answer::yes);
  EXPECT_FALSE(stops_at_opening(
      "knelt on the floor playing fifa for 3 hours, stood up and my right leg just folded, legs "
      "gave way, dead numb for 5 mins then totally fine"));
  EXPECT_EQ(typed_answer("q_injury", "no, only a kart crash in the game last night lol"),
            Answer::no);
  EXPECT_FALSE(states_finding("my free throws are getting worse", "worsening"));
  // Left at first, mended after: a turn ("tho") that speaks of the finding's other meaning;
  // a word of the question echoed back first.
  EXPECT_EQ(typed_answer("q_worse", "nah same since friday, my free throws are getting worse tho"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_weak", "weak? only my patience on this shift lol. legs work fine"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_weak", "weak? my leg gives way on the stairs"), Answer::yes);
}

// A drink spiked; look-alikes: a pumped chest after chest day, a dive in the box, an exam's
// treatment line.
TEST(SixtyFourthRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("think someone spiked my drink, i can barely stand", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("chest is so pumped after the gym lol", C::chest_pain));
  EXPECT_FALSE(safety_fires("their winger collapsed in the box again, diving cheat",
                            C::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("our player collapsed at training and isn't breathing",
                           C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("revising the paracetamol overdose treatment line for my OSCE",
                            C::overdose_poisoning));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::sixty_fourth_round_test
