// The fifty-second held-out round (a helper, brief only: a foster parent, a retired ballet
// dancer, a person on dialysis, a church organist, a taxidermist, a crossword setter, a
// stand-up comedian, a Kazakh engineer and others): 40 safety lines, 30 first messages, 60
// typed answers; and vignette set 53 (docs/reading.md and docs/safety.md "Measured").
// Each fix, tried on words other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fifty_second_round_test {
namespace {

using C = SafetyCategory;

// Breath short just talking after a flu and weak legs; a foot drop worse "by this
// evening"; a fever told as "shaking with 38.9" beside back pain; a new ache "low in my
// back" with a prostate treated and a PSA creeping up.
TEST(FiftySecondRoundOpenings, RedFlagsInOtherWords) {
  EXPECT_TRUE(stops_at_opening(
      "had a chest bug a fortnight ago, my feet went numb on Tuesday, now my legs are weak and "
      "I'm puffed just talking"));
  EXPECT_TRUE(stops_at_opening(
      "since this morning my left foot slaps when I walk and by this afternoon it catches on "
      "every step"));
  EXPECT_TRUE(stops_at_opening(
      "my back between the shoulders is killing me, I was shaking with 39 in the night, now my "
      "legs are numb"));
  EXPECT_TRUE(stops_at_opening(
      "both feet numb since the weekend and a new ache low in my back. My prostate was treated "
      "five years ago and the PSA is going up again."));
}

// A pet's legs, a book's heroine, stage fright's jelly and a back that "has no pain" are
// no red flags.
TEST(FiftySecondRoundOpenings, LookAlikesLeftAlone) {
  EXPECT_FALSE(stops_at_opening(
      "My spaniel's back legs went wobbly and he's dragging a paw, booked in with the vet. "
      "Meanwhile my own toes tingle a little at night."));
  EXPECT_FALSE(stops_at_opening(
      "Reading a novel where the hero's face droops and now I'm spooked. Both my feet tingle "
      "after long shifts and it's gone by bedtime."));
  EXPECT_FALSE(stops_at_opening(
      "legs like jelly before I even went on stage, stage fright. Separately, the outside of my "
      "right thigh has been numb for three weeks."));
  EXPECT_FALSE(stops_at_opening(
      "I had breast cancer in 2016. My back has no pain at all. Both feet a bit tingly for two "
      "months since the new tablets."));
}

// A hand that cannot do the buttons since breakfast; a leg told as "fridge vs radiator";
// a son who had to carry one to bed; wiping "through a glove. is that what you mean"; a
// back that hurt before a diagnosis and is fine now.
TEST(FiftySecondRoundReading, AnswersInOtherWords) {
  EXPECT_EQ(
      typed_answer("q_stroke", "Dad can't do up his buttons since lunch, never a problem before"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_cold", "compared with the other it's fridge vs oven"), Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "my husband had to carry me up to bed"), Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle",
                         "feels odd when I wipe, like through a glove. is that what you mean"),
            Answer::yes);
  EXPECT_EQ(
      typed_answer("q_back_pain",
                   "No back pain. It hurt before my diagnosis but it has been fine for a year."),
      Answer::no);
}

// An artery's spurts, a period that floods a pad every half hour, a throat grabbed, breath
// lost at rest after a flight. A fox poisoned by a neighbour and a trainer's leg day are no
// crises.
TEST(FiftySecondRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("cut my leg on the glass and it's pumping with my pulse", C::severe_bleeding));
  EXPECT_TRUE(safety_fires("soaking a pad every half hour and passing clots like lemons",
                           C::severe_bleeding));
  EXPECT_TRUE(safety_fires("my boyfriend grabbed me by the throat again last night", C::abuse));
  EXPECT_TRUE(safety_fires("calf swollen since the flight and now I'm puffing just sitting in bed",
                           C::breathing));
  EXPECT_FALSE(safety_fires("the rats in the barn were poisoned by the council, my feet are numb",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("my coach abuses me on leg day lol, thighs feel odd", C::abuse));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fifty_second_round_test
