// The forty-second held-out round (a helper, brief only: a Chinese grandmother through her
// grandson, a man on haemodialysis, a woman 34 weeks pregnant, a choir singer, a Geordie
// bus driver, a hospice volunteer, a literal-minded autistic adult, a thriller writer, a
// night-shift baker and others): 20 safety lines, 30 first messages, 50 typed answers
// (docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words other than the
// round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::forty_second_round_test {
namespace {

using C = SafetyCategory;

// A fever told as "hot then cold" or "temps been up", beside back pain: an infection near
// the spine. Words "mixed up" beside a numb leg and hand; breath a singer cannot get.
TEST(FortySecondRoundOpenings, FeverSpeechAndBreathInOtherWords) {
  EXPECT_TRUE(stops_at_opening(
      "bad back pain since monday and at night i go hot then cold, now my right leg is numb"));
  EXPECT_TRUE(stops_at_opening(
      "the nurse said my temps been up this week, my lower back really hurts and my legs tingle"));
  EXPECT_TRUE(stops_at_opening(
      "my right leg went numb at lunch and my daughter says im mixing my words up"));
  EXPECT_TRUE(stops_at_opening(
      "legs weak for two days and tonight i could not get the breath to finish a song"));
  EXPECT_FALSE(stops_at_opening(
      "my back aches after gardening and my left foot tingles, no fever, words are fine"));
}

// A denied list after a colon ("I am not experiencing: face drooping, ...") is denied; a
// colon after words that deny nothing, or a clause of its own after it, is not.
TEST(FortySecondRoundOpenings, ADeniedListAfterAColon) {
  EXPECT_FALSE(stops_at_opening(
      "I have not noticed: slurred speech, a drooping face, bladder trouble. My right shin has "
      "been numb for two months."));
  EXPECT_FALSE(stops_at_opening(
      "none of these: face drooping, slurred speech. just a numb little toe for a week"));
  EXPECT_TRUE(stops_at_opening("no worries: my face is drooping since an hour"));
  EXPECT_TRUE(
      stops_at_opening("I have not been well: my bladder has stopped working since this morning"));
  EXPECT_TRUE(stops_at_opening("no symptoms: face drooping since an hour"));
}

// A learner's "not can" is "cannot"; "only little drops come" is trouble passing urine.
TEST(FortySecondRoundReading, NotCanAndDrops) {
  EXPECT_EQ(typed_answer("q_bladder", "I am not can pee since last night"), Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "since morning only a few drops, it burns"), Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "not can say, never checked"), Answer::unsure);
}

// Safety: out of puff after a few words with the inhaler not touching it; not planning to
// be around, nothing mattering; someone kept locked in. Not a trip, not a cat.
TEST(FortySecondRoundSafety, PuffPlansAndLockedIn) {
  EXPECT_TRUE(safety_fires("i run out of puff after two words and the inhaler isnt touching it",
                           C::breathing));
  EXPECT_TRUE(safety_fires(
      "numb legs, whatever. not planning on being here after the weekend so doesnt really matter",
      C::self_harm));
  EXPECT_TRUE(safety_fires("his wife keeps him locked in the back bedroom and he is scared of her",
                           C::abuse));
  EXPECT_FALSE(safety_fires(
      "not planning on being here for the appointment as im away with work, doesnt matter",
      C::self_harm));
  EXPECT_FALSE(safety_fires("mum keeps the cat locked in the kitchen at night", C::abuse));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::forty_second_round_test
