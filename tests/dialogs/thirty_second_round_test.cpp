// The thirty-second held-out round (a helper, brief only: a farmer, a chef, a delivery
// driver, a new mother, a care-home carer, older people unused to texting; Hindi, Urdu,
// Tagalog, Portuguese, Romanian and Chinese speakers writing English; Welsh, Geordie,
// Kiwi, Caribbean and Southern US speech): 40 safety lines, 32 first messages and 100
// typed answers (docs/safety.md and docs/reading.md "Measured"). Each fix, tried on words
// other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/answer_reader.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::thirty_second_round_test {
namespace {

using C = SafetyCategory;

// A gun looked at too often; Southern US "cain't" for "can't". Look-alikes: a job's
// collapses, a blood test's plaster.
TEST(ThirtySecondRound, AGunLookedAtAndBreathInSouthernSpeech) {
  EXPECT_TRUE(safety_fires("keep staring at my rifle lately, what's the use", C::self_harm));
  EXPECT_TRUE(safety_fires("cain't get my breath at all, lips going blue", C::breathing));
  EXPECT_FALSE(
      safety_fires("looking at a rifle for deer season, legs numb in the hide", C::self_harm));
  EXPECT_FALSE(safety_fires("my son's a nurse, he sees people collapse every week at the hospital",
                            C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("had bloods taken and it bled through the tiny plaster", C::severe_bleeding));
  EXPECT_TRUE(
      safety_fires("the cut is bleeding through the plaster and won't stop", C::severe_bleeding));
}

// The backstop leaves a limb "gone dead" alone when nothing of self-harm is said.
TEST(ThirtySecondRound, ALimbGoneDeadIsNoSelfHarm) {
  EXPECT_FALSE(safety_fires("my foot's gone dead again after kneeling at mass, comes back after",
                            C::self_harm));
  EXPECT_TRUE(safety_fires("feel dead inside, no point living", C::self_harm));
}

// First messages: weakness told as "without power" or "could not rise", a numbness "now
// ... up to the knees" after a flu; legs worse than this morning; steroids, pain in the
// "middle of back" and a fever; a back that "start hurt" with a cancer.
TEST(ThirtySecondRoundOpenings, EmergenciesAndTheirLookAlikes) {
  EXPECT_TRUE(stops_at_opening(
      "two weeks after a chest infection my toes tingled, now it is up to the knees, my legs "
      "are without power and my fingers tingle"));
  EXPECT_TRUE(stops_at_opening(
      "since yesterday both legs numb, could not rise from my chair, worse than this morning"));
  EXPECT_TRUE(stops_at_opening(
      "on steroid tablets for 2 years, severe pain middle of back since Monday, fever and "
      "shivering, legs numb"));
  EXPECT_FALSE(stops_at_opening("both feet numb up to the knees for years, diabetic, no weakness"));
}

// Answers: walking that makes no difference; chills told as teeth banging together; a
// bladder that will not empty; "nowt wrong"; a question back; an age past pregnancy.
TEST(ThirtySecondRoundReading, AnswersInTheirOwnWords) {
  EXPECT_EQ(typed_answer("q_walking", "its the same whether I am walking or sitting"), Answer::no);
  EXPECT_EQ(typed_answer("q_fever", "no temp but my teeth were banging together all night"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "stood at the toilet since lunch and nothing comes out"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_back_pain", "nowt wrong with my back"), Answer::no);
  EXPECT_EQ(typed_answer("q_rash", "is this about the chickenpox I had as a kid?"),
            Answer::clarify);
  EXPECT_EQ(typed_answer("q_pregnant", "at 61? those days are long gone love"), Answer::no);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::thirty_second_round_test
