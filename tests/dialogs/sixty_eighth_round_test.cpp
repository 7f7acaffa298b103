// The sixty-eighth held-out round (a helper, brief only; its theme: people away from home
// or on the move, many writing English as a second language: 30 openings, 40 messages for
// the safety screen, 60 answers) and vignette set 69 (the same theme; docs/reading.md and
// docs/safety.md "Measured"). Each fix, tried on words other than the round's, with the
// look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::sixty_eighth_round_test {
namespace {

using C = SafetyCategory;

// Cauda equina told in second-language English ("no feeling in the intimate area", "the
// pee will not come"); a car that "hit me" before weak legs. Look-alikes: a stranger on a
// screen who "could not walk"; a leg folded under one while asleep.
TEST(SixtyEighthRoundReading, OpeningsAwayFromHome) {
  EXPECT_TRUE(stops_at_opening(
      "cleaning lady at the hostel, my back pain 1 week, since this morning no feeling in the "
      "intimate area and the pee will not come"));
  EXPECT_TRUE(stops_at_opening("a guy hit me with his car and now my legs are weak"));
  EXPECT_FALSE(stops_at_opening(
      "watching a series on the ferry, some guy got shot and could not walk. my foot is numb "
      "from the bench"));
  EXPECT_FALSE(stops_at_opening(
      "I fell asleep with my leg folded under me and it was numb for a few minutes, fine now"));
}

// A mouth corner that will not move; "pipi in the bed"; an epidural at a birth dated last
// week; pain "right down to my toes"; resin and epoxy at work; a doubt said first. And
// the noes: pain that stays in the buttock, acid tablets "now and then", sugar "all normal".
TEST(SixtyEighthRoundAnswers, TypedAwayFromHome) {
  EXPECT_EQ(typed_answer("q_stroke", "the corner of my mouth won't move when I try to whistle"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "woke up and had done pipi in the bed, never before"),
            Answer::yes);
  EXPECT_EQ(
      typed_answer("q_procedure", "they gave me an epidural when my daughter was born last week"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_shooting", "the pain runs from my hip right down to my toes"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_sitting", "on the coach I could not stay in my seat for long"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_rash", "there are little bubbles on the skin in a strip"), Answer::yes);
  EXPECT_EQ(typed_answer("q_toxin", "I work with epoxy and acetone every day"), Answer::yes);
  EXPECT_EQ(typed_answer("q_pregnant", "not sure, I'm on the pill but I missed a few"),
            Answer::unsure);
  EXPECT_EQ(typed_answer("q_pregnant", "no, I'm on the pill"), Answer::no);
  EXPECT_EQ(typed_answer("q_shooting", "it stays in my buttock, doesn't go anywhere"), Answer::no);
  EXPECT_EQ(typed_answer("q_b12", "I take something for heartburn now and then, not every day"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_diabetes", "had bloods at the GP last month, all normal"), Answer::no);
}

// Methanol in home-made spirits; tablets counted since yesterday; a child's face held
// under water; food withheld as a punishment. Look-alikes: a breath-holding game, a fast
// before an operation, eyes blurred by tears, a pharmacy's supply.
TEST(SixtyEighthRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(safety_fires(
      "we had homemade moonshine at the wedding, now I can't see properly and my head is pounding",
      C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("took paracetamol for my tooth, about 18 tablets since yesterday",
                           C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("the swim coach pushed her face under the water until she panicked", C::abuse));
  EXPECT_TRUE(safety_fires("my stepdad won't let me eat if I talk back to him", C::abuse));
  EXPECT_FALSE(safety_fires(
      "we play a game at the pool where we hold our heads under the water, leg went numb after",
      C::abuse));
  EXPECT_FALSE(
      safety_fires("the surgeon won't let me eat before the operation tomorrow", C::abuse));
  EXPECT_FALSE(safety_fires(
      "drank cheap vodka at the party, my eyes were blurry from crying at the speeches",
      C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("got 20 tablets from the pharmacy since last week for my leg",
                            C::overdose_poisoning));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::sixty_eighth_round_test
