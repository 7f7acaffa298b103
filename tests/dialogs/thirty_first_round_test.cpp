// The thirty-first held-out round (a helper, brief only: teenagers, carers and spouses,
// Polish, Arabic and Indian English, voice-to-text, a nurse, shift workers): 60 safety
// lines, 48 first messages and 150 typed answers (docs/safety.md and docs/reading.md
// "Measured"). Each fix, tried on words other than the round's, with the look-alike it
// must leave alone.
#include <gtest/gtest.h>

#include "dialogs/answer_reader.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::thirty_first_round_test {
namespace {

using C = SafetyCategory;

// A carbon monoxide alarm sounding, with or without the sickness it brings; a low
// battery's beep, a test or a new alarm is not one.
TEST(ThirtyFirstRound, ACarbonMonoxideAlarmSounding) {
  EXPECT_TRUE(safety_fires("the carbon monoxide detector went off and the kids are drowsy",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("we all feel dizzy, gas fire's on and now the co alarm is screaming",
                           C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("the co alarm keeps beeping, I think the battery is low",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("landlord fitted a carbon monoxide alarm today, my feet are numb",
                            C::overdose_poisoning));
}

// Blood brought up by the cupful, however many words describe it; the means of
// self-harm taken up again. A skater's blades are not a blade.
TEST(ThirtyFirstRound, BloodByTheCupfulAndABladeAgain) {
  EXPECT_TRUE(
      safety_fires("threw up a mouthful of dark sticky red blood just now", C::severe_bleeding));
  EXPECT_TRUE(safety_fires("I've got the blade out again tonight", C::self_harm));
  EXPECT_FALSE(safety_fires("got my blades out again, ice rink tomorrow", C::self_harm));
  EXPECT_FALSE(safety_fires("had a load of blood tests done, all normal", C::severe_bleeding));
}

// A threat quoted from someone else is aimed at them, not at the writer; one turned on
// the writer still counts.
TEST(ThirtyFirstRound, HarmAimedAtSomeoneElse) {
  EXPECT_FALSE(safety_fires("my sister said she'd murder you if you keep asking me stuff haha",
                            C::self_harm));
  EXPECT_TRUE(safety_fires("I want to kill myself", C::self_harm));
}

// First messages: legs that fold so the person crawls; long steroids, back pain and
// shivers; a back operation, a temperature and the leg numb again.
TEST(ThirtyFirstRoundOpenings, EmergenciesAndTheirLookAlikes) {
  EXPECT_TRUE(stops_at_opening(
      "since lunch both legs have got so weak I had to crawl up the stairs to bed"));
  EXPECT_TRUE(stops_at_opening(
      "had a laminectomy last month, running a temp 38.9 today, back worse and my foot is numb"));
  EXPECT_TRUE(stops_at_opening(
      "on prednisolone for my arthritis, pain in the middle of the back for a week and shivering"));
  EXPECT_FALSE(stops_at_opening(
      "had a discectomy two years ago, all healed, now just my little toe tingles sometimes"));
  EXPECT_FALSE(stops_at_opening(
      "sorry my english, pain in middle of breast when I breathe in deep, legs numb some days"));
}

// An effect's trigger named and then said to do nothing is the effect denied; "my back
// pain doesn't change" still states the back pain.
TEST(ThirtyFirstRoundReading, ATriggerThatMakesNoDifference) {
  EXPECT_EQ(typed_answer("q_cough", "sneezing has no effect on it at all"), Answer::no);
  EXPECT_EQ(typed_answer("q_stand_still", "stand still? does nothing for me"), Answer::no);
  EXPECT_EQ(typed_answer("q_sit_bend", "bending forward doesn't make any difference"), Answer::no);
  EXPECT_EQ(typed_answer("q_cough", "yes coughing makes it shoot down my leg"), Answer::yes);
  EXPECT_FALSE(states_finding("coughing makes no difference to it", "cough_worse"));
  EXPECT_TRUE(states_finding("my back pain doesn't change when I sit", "back_pain"));
}

// An inability told with "not been able to": the symptom, as "cannot" is.
TEST(ThirtyFirstRoundReading, NotBeenAbleToIsCannot) {
  EXPECT_EQ(typed_answer("q_bladder", "he hasn't been able to pee since last night"), Answer::yes);
  EXPECT_TRUE(
      states_finding("she's not able to feel the toilet paper when she wipes", "saddle_numbness"));
  EXPECT_NE(typed_answer("q_bladder", "I've not been able to get an appointment, peeing is fine"),
            Answer::yes);
}

// The part echoed as a question and called normal; a guess asked back, and nothing
// else; a spouse's habit after the patient's own no.
TEST(ThirtyFirstRoundReading, EchoesGuessesAndSomeoneElsesHabit) {
  EXPECT_EQ(typed_answer("q_back_pain", "my neck? fine. just the feet"), Answer::no);
  EXPECT_EQ(typed_answer("q_back_pain", "could it be a trapped nerve?"), Answer::clarify);
  EXPECT_EQ(typed_answer("q_smoking", "nope, but my wife smokes like a chimney"), Answer::no);
  EXPECT_EQ(typed_answer("q_smoking", "yes, and my wife smokes too"), Answer::yes);
}

// A new medicine months before the illness is what the question asks; a sugar test
// that was fine is no diabetes; an amount "most nights" is counted.
TEST(ThirtyFirstRoundReading, TheMonthsBeforeASugarTestAndMostNights) {
  EXPECT_EQ(typed_answer("q_medicine", "started amitriptyline about 3 months ago"), Answer::yes);
  EXPECT_EQ(typed_answer("q_diabetes", "nurse checked my blood sugar in march, said it's normal"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_alcohol", "3 or 4 cans most nights"), Answer::yes);
  EXPECT_EQ(typed_answer("q_alcohol", "a small glass most evenings"), Answer::no);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::thirty_first_round_test
