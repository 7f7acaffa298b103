// The sixty-sixth held-out round (a helper, brief only; its theme: rural and manual-trade
// workers and people far from help, terse or rambling, in regional English: 30 openings, 40
// messages for the safety screen, 60 answers) and vignette set 67 (the same theme;
// docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words other than the
// round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::sixty_sixth_round_test {
namespace {

using C = SafetyCategory;

// A stroke told in Scots inside a long message about old numbness; a fall "land flat on me
// back"; a mouth that lets water pour out of one side; a foot that flops; not feeling the
// water when washing. Look-alikes: a dog's back legs before "While I'm here"; a mine's
// "fall of ground"; bladder cancer named as a diagnosis.
TEST(SixtySixthRoundReading, RegionalAndRambling) {
  EXPECT_TRUE(stops_at_opening(
      "legs have aye been numb at the end of a shift, nothing new. But an hour ago my right hand "
      "wouldnae hold the cup and my mouth's gone squint"));
  EXPECT_TRUE(
      stops_at_opening("fell off the hay trailer and land flat on me back, both foot numb now"));
  EXPECT_EQ(typed_answer("q_stroke", "since lunch the tea is pouring from one side of my mouth"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "caught my toe on every step, the foot just flops"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "washing after the toilet I am not feeling the water there"),
            Answer::yes);
  EXPECT_FALSE(stops_at_opening(
      "our sheepdog's back legs went from under him yesterday, the vet has him. While I'm here, "
      "pins and needles in both feet for a year"));
  EXPECT_FALSE(stops_at_opening(
      "there was a fall of ground on the day shift, nobody hurt. my own thing is a numb patch on "
      "my outer thigh from the tool belt"));
  EXPECT_FALSE(stops_at_opening(
      "on chemo for bladder cancer, both feet numb and tingly over the last few weeks"));
}

// A poison kept back "if this leg becomes useless"; blood that "nah stoppin". Look-alikes:
// chest waders, a seizure "in March", livestock in the crush, a market that collapsed.
TEST(SixtySixthRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(safety_fires("I have kept the weedkiller aside, if the leg goes I will drink it",
                           C::self_harm));
  EXPECT_TRUE(safety_fires("chopped me shin wid de machete, blood runnin an it nah stoppin",
                           C::severe_bleeding));
  EXPECT_FALSE(safety_fires("numb patch on my thigh from the chest waders belt", C::chest_pain));
  EXPECT_FALSE(safety_fires("they upped my epilim in March after I had a seizure at work",
                            C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("lamb prices have collapsed this year, my back's in bits from the shearing",
                   C::collapse_unresponsive));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::sixty_sixth_round_test
