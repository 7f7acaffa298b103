// The fifty-eighth held-out round (a helper, brief only: 30 openings, 40 messages for the
// safety screen, 60 answers) and vignette set 59 (docs/reading.md "Measured"), with what
// earlier rounds had left. Each fix, tried on words other than the round's, with the
// look-alike it must leave alone.
#include <gtest/gtest.h>

#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fifty_eighth_round_test {
namespace {

// Left by rounds 52 and 54: a day-by-day diary whose last day "still needed" help, a
// sitting on the loo "for ages" since Tuesday, injecting told as "using, needles" or
// after "not proud of it".
TEST(FiftyEighthRoundReading, WhatEarlierRoundsLeft) {
  EXPECT_TRUE(stops_at_opening(
      "flu last week. Friday my feet tingled, Saturday I walked to the shop slowly, Sunday I "
      "stopped twice on the stairs, today I used the banister and still needed my son to pull "
      "me up. fingers tingle now too"));
  EXPECT_EQ(
      typed_answer("q_bladder", "since Monday I sit on the toilet for ages and it barely comes"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "no, I've had a slow stream for ages, my prostate"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_inject", "yeah, not proud of it, been using needles since spring"),
            Answer::yes);
  EXPECT_TRUE(stops_at_opening(
      "back killing me 5 days and both legs going numb. honestly I've been using, needles, "
      "since summer"));
  EXPECT_FALSE(stops_at_opening(
      "both feet numb for months, I'm diabetic so I use needles for my insulin every day"));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fifty_eighth_round_test
