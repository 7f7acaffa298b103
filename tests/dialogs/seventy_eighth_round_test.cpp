// The seventy-eighth held-out round (a helper, brief only; its theme: people who minimise
// ("probably nothing", "don't want to fuss") and people who catastrophise normal things: 30
// openings, 40 messages for the safety screen, 60 answers) and vignette set 79 (the same
// theme; docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words other
// than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::seventy_eighth_round_test {
namespace {

using C = SafetyCategory;

// Emergencies wrapped in "it's nothing": a mouth's corner that dropped, a back "worse" after
// cancer with both legs numb. Look-alike: "I can feel everything down below" is no saddle
// numbness.
TEST(SeventyEighthRoundReading, MinimisedOpenings) {
  EXPECT_TRUE(stops_at_opening(
      "dad says it's nothing but the left corner of his mouth dropped an hour ago and his arm is "
      "numb"));
  EXPECT_TRUE(stops_at_opening(
      "had breast cancer two years ago, back's been worse this month and now both legs are numb"));
  EXPECT_FALSE(stops_at_opening(
      "sciatica down my right leg after gardening, I can feel everything down below, peeing fine"));
}

// A foot drop made light of; a pain that "never gets anywhere near the knee" (its "never"
// belongs to the no, which no longer turns into a yes).
TEST(SeventyEighthRoundAnswers, MinimisedAnswers) {
  EXPECT_EQ(typed_answer("q_weak",
                         "nothing dramatic, my foot catches on the carpet and I have to flick it "
                         "forward"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_shooting", "stays in my bum, never gets anywhere near the knee"),
            Answer::no);
  // The review: the walking and outer-thigh questions' new yes words are narrow enough that
  // "the length of the park fine" and "not above the knee" stay noes.
  EXPECT_EQ(typed_answer("q_walking", "I can walk the length of the park fine"), Answer::no);
  EXPECT_EQ(typed_answer("q_outer_thigh", "no, it's below the knee, not above the knee"),
            Answer::no);
}

// Strangling by a partner, screenwash swallowed, an inhaler in vain. Look-alikes: a worry
// about the dose, a bruised chest, a yawn, a cut that stopped, a long course of a medicine.
TEST(SeventyEighthRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("he put his hands round my neck last night and I passed out for a "
                   "second",
                   C::abuse));
  EXPECT_TRUE(safety_fires("my son drank some screenwash from the shed, just a swig",
                           C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("took 12 puffs of my inhaler and it's not helping it, wheezing and "
                   "tight",
                   C::breathing));
  EXPECT_FALSE(
      safety_fires("I don't want to accidentally overdose on my painkillers, how many can I take?",
                   C::self_harm));
  EXPECT_FALSE(safety_fires("whacked my chest on the car door, sore when I press the bruise",
                            C::chest_pain));
  EXPECT_FALSE(safety_fires("when I yawn I can't get a full breath sometimes", C::breathing));
  EXPECT_FALSE(safety_fires("cut my thumb on a tin, bled a lot, pressed on it and it stopped",
                            C::severe_bleeding));
  EXPECT_FALSE(
      safety_fires("been on a low dose antibiotic every night for six months for my bladder",
                   C::overdose_poisoning));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::seventy_eighth_round_test
