// The fortieth held-out round (a helper, brief only: a Hong Kong Cantonese speaker, a
// Somali mother, a Pakistani uncle in Bradford, an Italian nonna through her grandson, a
// Mexican construction worker, a Sri Lankan nurse, a Welsh farmer, a Glaswegian in London,
// a deaf-blind writer, a cyclist, a pilot, a care-home manager, a man who writes only in
// questions, a woman who apologises, a very old man writing formally): 20 safety lines, 30
// first messages, 50 typed answers (docs/reading.md and docs/safety.md "Measured"). Each
// fix, tried on words other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fortieth_round_test {
namespace {

using C = SafetyCategory;

// "She keeps saying the wrong words" beside a leg gone like cotton wool is a stroke; a
// sign someone "keeps reading about" is not had.
TEST(FortiethRoundOpenings, WrongWordsAndReadingAbout) {
  EXPECT_TRUE(stops_at_opening(
      "my grandad's left leg went like cotton wool an hour ago and he keeps saying the wrong "
      "words, he asked for his shoes when he meant his glasses"));
  EXPECT_FALSE(stops_at_opening(
      "Keep reading about cauda equina and numbness in the saddle area, what does that feel "
      "like? My right calf is numb with sciatica for two weeks, improving."));
}

// Answers: a diabetes told as "sugar patient since 2009" (a diagnosis of years ago is
// still had), "tidy down there" is normal, slow water passing with pushing, a foot "like
// stone", legs "like water", a numb hand to the stroke screen.
TEST(FortiethRoundReading, AnswersInPlainWords) {
  EXPECT_EQ(typed_answer("q_diabetes", "Sugar patient since 2009, on metformin"), Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "Tidy down there, no bother"), Answer::no);
  EXPECT_EQ(typed_answer("q_bladder",
                         "passing water is slow since two days, I push and only "
                         "small small comes"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_cold", "right foot like stone. cold. left warm."), Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "he has to hold the wall to walk, his legs are like water"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "my face no problem, but the left hand is numb"), Answer::yes);
}

// "overdose of coffee" is a manner of speaking, as "overdosed on coffee" was.
TEST(FortiethRoundSafety, AnOverdoseOfCoffee) {
  EXPECT_FALSE(safety_fires("I take overdose of coffee today haha 5 cups", C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("I take overdose of my tablets today, 30 of them", C::overdose_poisoning));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fortieth_round_test
