// The forty-first held-out round (a helper, brief only: a Jamaican grandmother, a Filipino
// seafarer, a plumber, a vicar, a terse man with prostate cancer, a primary teacher, a
// Cornish fisherman, a French chef, a young mum on a night feed and others): 20 safety
// lines, 30 first messages, 50 typed answers (docs/reading.md and docs/safety.md
// "Measured"). Each fix, tried on words other than the round's, with the look-alike it must
// leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::forty_first_round_test {
namespace {

using C = SafetyCategory;

// Abuse told without its name: a threat for seeking care, marks "not from a fall", someone
// locked in a room, a secret a child is told to keep. A surprise kept, a fall that made the
// bruises and a door locked at night are none.
TEST(FortyFirstRoundSafety, AbuseWithoutItsName) {
  EXPECT_TRUE(safety_fires("if i tell anyone she said shell do worse next time", C::abuse));
  EXPECT_TRUE(safety_fires("these marks are not from a fall, he pushed me", C::abuse));
  EXPECT_TRUE(
      safety_fires("my daughter in law locks gran in her room when she goes out", C::abuse));
  EXPECT_TRUE(safety_fires("he told me i cant tell my mum, he comes to my room when shes at work",
                           C::abuse));
  EXPECT_FALSE(
      safety_fires("she says i cant tell anyone about the surprise party for dad", C::abuse));
  EXPECT_FALSE(safety_fires("she thinks the team will do worse next time, anyway my legs are numb",
                            C::abuse));
  EXPECT_FALSE(
      safety_fires("the bruises are from a fall last week, my legs are numb since", C::abuse));
  EXPECT_FALSE(
      safety_fires("the carer locks the front door at night so mum doesnt wander", C::abuse));
}

// A lethal amount asked beside despair, a blade pressed harder where the leg is numb, and
// a neighbour heard calling for help who has gone quiet behind her door; not a coffee
// counted, a shaving nick or a children's game.
TEST(FortyFirstRoundSafety, DosesBladesAndSilence) {
  EXPECT_TRUE(safety_fires("how many of the pregabalin would be too many, i cant go on like this",
                           C::self_harm));
  EXPECT_TRUE(
      safety_fires("the numbness helps, i can dig the razor deeper into my arm", C::self_harm));
  EXPECT_TRUE(
      safety_fires("old man next door was calling for help this morning, now nothing, he isnt "
                   "answering the door",
                   C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("pushing harder on the glass door and my hand went numb", C::self_harm));
  EXPECT_FALSE(safety_fires("how many coffees is too many? im so tired of everything at work lol",
                            C::self_harm));
  EXPECT_FALSE(
      safety_fires("shaving my legs with a new razor, pressed a bit harder on my shin and "
                   "cant feel the nick because of the numbness",
                   C::self_harm));
  EXPECT_FALSE(
      safety_fires("the kids were screaming for help in their game and now its gone quiet, "
                   "they wont answer the door of the den",
                   C::collapse_unresponsive));
}

// Stroke in a seafarer's and a patois speaker's words: lips "not same both side", talking
// "slow", an arm numb "and also", a mouth "twis up".
TEST(FortyFirstRoundOpenings, StrokeInOtherWords) {
  EXPECT_TRUE(stops_at_opening(
      "my right leg went numb at dinner and also my right arm, my wife say my lips not same "
      "both side"));
  EXPECT_TRUE(stops_at_opening("since noon my left leg numb, my talking is slow, son noticed"));
  EXPECT_TRUE(stops_at_opening("granpa leg numb from mawnin an him mout twis up when him talk"));
  EXPECT_FALSE(stops_at_opening(
      "my left leg has been numb for three weeks when I sit, and my talking is fine"));
}

// A fall on the back told as "landing heavily on" it; cancer as clinicians write it
// ("prostate ca"); a foot drop that spread to both legs in days.
TEST(FortyFirstRoundOpenings, InjuryCancerShorthandAndSpreadingFootDrop) {
  EXPECT_TRUE(stops_at_opening(
      "tripped on the garden step last night landing heavily on my lower back, now both legs "
      "tingle"));
  EXPECT_TRUE(stops_at_opening("breast ca 2019. new back pain 2 weeks, legs numb today."));
  EXPECT_TRUE(stops_at_opening(
      "my right foot started slapping on the floor on wednesday, today the left ones doing it "
      "too and my legs are weak"));
  EXPECT_FALSE(stops_at_opening(
      "landed a new job in a warehouse, my back is stiff and my left foot tingles after shifts"));
}

// A term asked about for someone else is not had ("a parent asked me what X means"); one
// the person says they know, or wonders about beside their own, still is.
TEST(FortyFirstRoundOpenings, ATermAskedAboutIsNotHad) {
  EXPECT_FALSE(stops_at_opening(
      "a student asked me what saddle anaesthesia actually means, no idea! my own toes are a "
      "bit numb after football"));
  EXPECT_TRUE(stops_at_opening("I know what saddle numbness means and I have it since today"));
  EXPECT_TRUE(stops_at_opening(
      "I was wondering what saddle numbness means, my bum feels numb since this morning"));
}

// Answers: "like wiping someone else's bum" is numbness there, after a "no" that turns to
// it; "talking is slow" is speech trouble; a leg named alone answers nothing of the arm.
TEST(FortyFirstRoundReading, AnswersInPlainWords) {
  EXPECT_EQ(typed_answer("q_saddle",
                         "nah, only odd thing is wiping feels like wiping someone elses bottom"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "he says my talking is slow today"), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "mostly the left leg"), Answer::none);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::forty_first_round_test
