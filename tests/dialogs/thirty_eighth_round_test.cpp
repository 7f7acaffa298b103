// The thirty-eighth held-out round (a helper, brief only: a Greek cafe owner, a Chinese
// graduate student, a German engineer, a Brazilian, a Vietnamese nail technician, a
// London cabbie, a Texan rancher, a Yorkshire nan, a retired sergeant, a yoga teacher, a
// gamer, someone rambling on painkillers, a support worker, a lawyer, a daughter abroad):
// 24 safety lines, 30 first messages, 60 typed answers (docs/reading.md and
// docs/safety.md "Measured"). Each fix, tried on words other than the round's, with the
// look-alike it must leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::thirty_eighth_round_test {
namespace {

using C = SafetyCategory;

// A cancer years ago "and I've had" a new back pain "for a couple of weeks": the "and"
// and a stretch up to now bring the clause back to now, however far the stretch is from
// the "and". Look-alike: a past stretch told of the past ("and was in plaster for weeks").
TEST(ThirtyEighthRoundOpenings, AnOldCancerAndANewBackPain) {
  EXPECT_TRUE(stops_at_opening(
      "I had breast cancer 3 years ago and I've had a new ache in my back for a couple of "
      "weeks"));
  EXPECT_TRUE(stops_at_opening(
      "prostate cancer five years back, all clear, and it has been a nagging pain in my lower "
      "back for about three weeks now"));
  EXPECT_FALSE(stops_at_opening(
      "I broke my ankle 10 years ago and was in plaster for weeks, now the top of that foot is "
      "a bit numb"));
}

// "me back", "me legs": "me" for "my" before a part of the body, not after a verb.
TEST(ThirtyEighthRoundOpenings, MeForMy) {
  EXPECT_TRUE(stops_at_opening(
      "went down on the ice yesterday, landed right on me back, and now me legs are numb"));
  EXPECT_TRUE(states_finding("me back's been killing me all week", "back_pain"));
  EXPECT_FALSE(states_finding("can you call me back tomorrow, my foot is numb", "back_pain"));
}

// A story told by the hour with its clock ("now at 14:00 he cannot weight bear"), and one
// told as "since Monday ... since yesterday ... today": the colon of a time ends no
// sentence, and "since" may open a day's clause.
TEST(ThirtyEighthRoundOpenings, StoriesWithClocksAndSinces) {
  EXPECT_TRUE(stops_at_opening(
      "Yesterday he was walking independently. This morning he needed 2 staff to stand and "
      "now at 14:00 he cannot weight bear at all, his legs give way."));
  EXPECT_TRUE(stops_at_opening(
      "Since Monday I notice tingling in both feet, which has since ascended to the knees. "
      "Since yesterday the legs are weak, and today my hands are weak when I grip a cup."));
  EXPECT_FALSE(stops_at_opening(
      "Since Monday my feet tingle. Since yesterday I have new shoes. Today I am at work."));
}

// What was read about a sign is not had; the patient's "I don't have" after a relative's.
TEST(ThirtyEighthRoundReading, ReadAboutOrSomeoneElses) {
  EXPECT_FALSE(stops_at_opening(
      "I read on the internet that saddle anaesthesia is a dangerous sign. What is the meaning? "
      "My outer thigh is numb since I wear tight jeans."));
  EXPECT_FALSE(stops_at_opening(
      "I read online that numbness round the back passage is an emergency, I don't have that. "
      "My outer thigh is numb since I wear tight jeans"));
  EXPECT_TRUE(stops_at_opening(
      "I read that numbness around the back passage is serious and I have had it since "
      "yesterday"));
  EXPECT_NE(typed_answer("q_cancer", "My mother has cancer. I don't have."), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke",
                         "my face is normal, but my words is coming strange since "
                         "the morning"),
            Answer::yes);
}

// Safety: nail polish remover drunk; "can't breathe from laughing"; a heart attack of
// 1994 with "chest pains an' all" told beside it.
TEST(ThirtyEighthRoundSafety, ARemoverLaughterAndAnAside) {
  EXPECT_TRUE(
      safety_fires("my son drank some nail polish remover, he is vomiting", C::overdose_poisoning));
  EXPECT_FALSE(
      safety_fires("i literally cant breathe from laughing at this, legs numb from "
                   "sitting",
                   C::breathing));
  EXPECT_FALSE(
      safety_fires("I had a heart attack in 1994, chest pains an' all, but I've been "
                   "fine since. It's just my feet tingling.",
                   C::chest_pain));
  EXPECT_TRUE(
      safety_fires("I had a heart attack in 1994. Now chest pains again, crushing", C::chest_pain));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::thirty_eighth_round_test
