// The eighty-eighth held-out round (a helper, brief only; its theme: health beliefs, faith
// and traditional medicine: 30 openings, 40 messages for the safety screen, 60 answers)
// and vignette set 89 (the same theme; docs/reading.md and docs/safety.md "Measured"). Each
// fix, tried on words other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::eighty_eighth_round_test {
namespace {

using C = SafetyCategory;

// Cauda equina told beside a healer's massage; a stroke's lean to one side blamed on a bad
// wind. Look-alike: a leg folded under and "floppy" that came back.
TEST(EightyEighthRoundReading, BeliefsAroundEmergencies) {
  EXPECT_TRUE(stops_at_opening(
      "after the massage my back is worse, pain down both legs and my private parts are numb "
      "and I did not urinate since this morning"));
  EXPECT_TRUE(stops_at_opening(
      "grandma suddenly cannot feel her right leg and she leans to one side when she walks, "
      "started 20 minutes ago"));
  EXPECT_FALSE(stops_at_opening(
      "knelt for an hour at prayers, my leg was numb and floppy when I stood, fine in two "
      "minutes"));
}

// Answers in faith's words; a usual headache of a fast; a mouth that pulls to one side.
TEST(EightyEighthRoundAnswers, FaithsWords) {
  EXPECT_EQ(typed_answer("q_inject", "astaghfirullah, never"), Answer::no);
  EXPECT_EQ(typed_answer("q_alcohol", "I'm Muslim, I don't touch it"), Answer::no);
  EXPECT_EQ(typed_answer("q_headache", "no thunderclap, only my usual headache when fasting"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_stroke", "my wife says my mouth pulls to the right"), Answer::yes);
  EXPECT_EQ(typed_answer("q_diabetes", "only God knows, never been tested"), Answer::unsure);
}

// Remedies that poison, a child shut away for a spirit; a healer's bad blood and a leg gone
// floppy from sitting are no crises.
TEST(EightyEighthRoundSafety, RemediesAndSpirits) {
  EXPECT_TRUE(safety_fires("gave him the aconite tea extra strong and now he keeps vomiting",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("my toddler licked the balm off the jar and is very drowsy now",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("they locked my sister in the cellar to drive out the demon", C::abuse));
  EXPECT_FALSE(safety_fires("I rub camphor balm on my knees every night", C::overdose_poisoning));
  EXPECT_FALSE(
      safety_fires("the healer wants to let the bad blood out with a pin", C::severe_bleeding));
  EXPECT_FALSE(safety_fires("my leg went numb and floppy after kneeling, nearly went over",
                            C::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("he collapsed on the floor and went floppy, not waking",
                           C::collapse_unresponsive));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::eighty_eighth_round_test
