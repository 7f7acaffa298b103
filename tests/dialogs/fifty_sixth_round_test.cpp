// The fifty-sixth held-out round (a helper, brief only; answers alone, 100 of them, most to
// the red-flag screens, each from a person of another country and trade) and vignette set
// 57 (docs/reading.md "Measured"). Each fix, tried on words other than the round's, with
// the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fifty_sixth_round_test {
namespace {

// Pads worn since Sunday, a towel on the car seat, nothing coming until the belly is
// pressed; a slip back to injecting; the toes at Easter and more now; a cortisone shot in
// the spine; the hall light put on to walk at night.
TEST(FiftySixthRoundReading, YesesInOtherWords) {
  EXPECT_EQ(typed_answer("q_bladder", "she says no but she's been wearing pads since Friday"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "I keep a towel on the car seat now, just in case"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "sat there ages and nothing came till I pressed on my belly"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "clean a year. well, a slip last weekend"), Answer::yes);
  EXPECT_EQ(typed_answer("q_worse", "in March it was just the toes, now it's past my ankles"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_procedure", "a cortisone shot in the spine ten days ago"), Answer::yes);
  EXPECT_EQ(typed_answer("q_balance", "I put the hall light on now to get to the bathroom"),
            Answer::yes);
  // Not "it was just the cold" nor "just the one leg".
  EXPECT_NE(typed_answer("q_worse", "no, I figured it was just the cold weather"), Answer::yes);
}

// Vignette set 57: "I was on the trampoline and came down flat on my back" had been read
// as a treatment once taken ("was on" steroids), so the fall, and the red flag, went
// unread; "me, no. My wife had breast cancer" is the patient's no.
TEST(FiftySixthRoundReading, WhereOneWasAndWhoseIllness) {
  EXPECT_TRUE(
      stops_at_opening("I was on the ladder and came down flat on my back, now both legs tingle"));
  EXPECT_TRUE(stops_at_opening("we were on the ice and I fell onto my back, both feet numb since"));
  EXPECT_FALSE(stops_at_opening(
      "I was on steroids years ago and fell on my back in 2009, numb toes for a month"));
  EXPECT_EQ(typed_answer("q_cancer", "me, no. my husband had bowel cancer, he's fine now"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_immune", "I was on prednisolone last year, not now"), Answer::no);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fifty_sixth_round_test
