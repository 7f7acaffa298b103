// The thirty-ninth held-out round (a helper, brief only: a Russian-speaking grandmother, a
// Korean office worker, an Arabic-speaking taxi driver, a Turkish shop owner, a Kiwi
// shearer, a Canadian hockey dad, a Cornish fisherman, a hospice volunteer, a waitress
// from Georgia, a retired nun, a lecturer, a bodybuilder, a pregnant woman, a man of
// fragments, a grandson typing for his grandfather): 20 safety lines, 32 first messages,
// 50 typed answers, the emergencies told in passing, by someone else, or with the history
// in another sentence (docs/reading.md and docs/safety.md "Measured"). Each fix, tried on
// words other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::thirty_ninth_round_test {
namespace {

using C = SafetyCategory;

// Emergencies told in everyday words: a hand that dropped the spoon with a leg gone like
// cotton wool, a bladder "barely peed ... nothing really comes out" after a lift, a check
// "into the boards" then tingling hands, a back "giving me proper gyp" after a cancer.
TEST(ThirtyNinthRoundOpenings, EmergenciesInEverydayWords) {
  EXPECT_TRUE(stops_at_opening(
      "today at lunch my right leg went like cotton wool and my right hand dropped the cup"));
  EXPECT_TRUE(stops_at_opening(
      "hurt my back lifting yesterday, both legs numb to the calves and I've barely peed since "
      "breakfast, nothing really comes out"));
  EXPECT_TRUE(stops_at_opening(
      "got checked into the boards hard on saturday, neck sore, today my hands and legs are "
      "tingly"));
  EXPECT_TRUE(stops_at_opening(
      "had bowel cancer two years back. my back's been giving me gyp this last month, worse at "
      "night"));
  EXPECT_FALSE(stops_at_opening("my granddaughter dropped the cup and my feet are numb for years"));
}

// Advice with what to do before the "if" ("told me to seek emergency help if I ever
// developed saddle anaesthesia"), and "Why the saddle, specifically?", are not had.
TEST(ThirtyNinthRoundOpenings, AdviceAndAWordAskedAbout) {
  EXPECT_FALSE(stops_at_opening(
      "My physio told me to seek emergency help if I ever developed saddle anaesthesia. I have "
      "sciatica in my left calf for two months. Why the saddle, specifically?"));
  EXPECT_TRUE(stops_at_opening(
      "My physio told me to seek emergency help if I ever developed saddle anaesthesia, and "
      "since this morning I can't feel the paper when I wipe"));
}

// Answers: a hand weak this morning to the stroke screen, breath short lying down, thrown
// back first into a winch, a facet joint injection, toes that hit the floor, no feeling
// where one sits; a list of places denied after a comma.
TEST(ThirtyNinthRoundReading, AnswersInEverydayWords) {
  EXPECT_EQ(typed_answer("q_stroke",
                         "No, face is ok. Only my right hand went weak this morning "
                         "and I dropped the cup"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_breath",
                         "breathing is a little short when I lie flat, I sleep "
                         "sitting up now"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_injury", "a wave threw me back first into the winch on tuesday"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_procedure", "I had a facet joint injection on the 3rd"), Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "the left foot does not lift, the toes hit the floor"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "I have no feeling where one sits"), Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle",
                         "I have no numbness in the groin, between the legs or around the back "
                         "passage."),
            Answer::no);
  EXPECT_EQ(typed_answer("q_saddle", "no numbness in my legs, the groin is numb though"),
            Answer::yes);
}

// Safety: a workout that takes the breath ("couldnt breathe after the squat sets lmao").
TEST(ThirtyNinthRoundSafety, AWorkoutThatTakesTheBreath) {
  EXPECT_FALSE(safety_fires(
      "leg day killed me lol im literally dead \xF0\x9F\x92\x80 couldnt breathe after the squat "
      "sets lmao, back to normal after a minute",
      C::breathing));
  EXPECT_TRUE(safety_fires("couldnt breathe after the tablets, lips going blue", C::breathing));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::thirty_ninth_round_test
