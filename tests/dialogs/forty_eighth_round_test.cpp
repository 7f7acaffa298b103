// The forty-eighth held-out round (a helper, brief only: a Tongan church elder, a prison
// inmate on a unit tablet, a Newfoundland fisher's widow, a homeless veteran, a Quebecois
// snowplough driver, a Kurdish barber and others): 40 safety lines, 30 first messages, 60
// typed answers; and vignette set 49 (docs/reading.md and docs/safety.md "Measured").
// Each fix, tried on words other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::forty_eighth_round_test {
namespace {

using C = SafetyCategory;

// A foot numb "and very cold" or whose colour is white; a back "on fire" with night
// sweats and needles used; a slip onto the bum with thin bones; legs that cannot walk
// now after two days of numbness; weakness reaching the hands today.
TEST(FortyEighthRoundOpenings, RedFlagsInOtherWords) {
  EXPECT_TRUE(stops_at_opening(
      "my left foot since this morning is numb and very cold, the other one is fine"));
  EXPECT_TRUE(stops_at_opening(
      "since an hour my right foot is numb and the colour is white, the other foot is normal"));
  EXPECT_TRUE(stops_at_opening(
      "my back has been on fire for a week and I sweat at night, now my right leg is numb"));
  EXPECT_TRUE(stops_at_opening(
      "my lower back is killing me and my left leg is numb. honestly i use, needles, most days"));
  EXPECT_TRUE(stops_at_opening(
      "I went down on my bum on the garden path yesterday, now both legs are tingling"));
  EXPECT_TRUE(
      stops_at_opening("both legs numb since the weekend and I cannot walk to the kitchen now"));
  EXPECT_TRUE(stops_at_opening(
      "after a cold my feet went numb. my legs are weak and today my hands are weak as well"));
}

// Their look-alikes: an icy path is no cold foot, a concert's "whole" act no spread, a
// story on TV no bladder trouble of one's own, insulin needles no drug use, legs
// crossed are not both legs.
TEST(FortyEighthRoundOpenings, LookAlikesLeftAlone) {
  EXPECT_FALSE(stops_at_opening(
      "slipped on an icy path on my way to work, landed on my hands, my right little toe has "
      "been a bit numb for a month since new shoes"));
  EXPECT_FALSE(stops_at_opening(
      "Watched a hospital show where a guy could not pee and was paralysed. Anyway my thing: a "
      "numb patch on my outer thigh since I started wearing a tool belt, peeing fine"));
  EXPECT_FALSE(stops_at_opening(
      "I use insulin needles twice a day, my feet have been tingly for two years, slowly"));
  EXPECT_FALSE(stops_at_opening(
      "Fell asleep in the cinema with my legs crossed and my left foot went dead, I could not "
      "walk for a minute, right as rain within five minutes"));
}

// Speech others cannot follow; wiping that feels like someone else's; no need to go all
// day; shaking under the covers with a number; a cancer site and a year with all clear
// since; a correction that takes the weakness back, not one that mends a detail.
TEST(FortyEighthRoundReading, AnswersInOtherWords) {
  EXPECT_EQ(
      typed_answer("q_stroke", "no, but my wife says I sound like I had a few and I am sober"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "no... when i wipe it feels like someone else's skin"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder",
                         "no problem there. mind you I have not gone since lunch and do not feel "
                         "the need"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_fever", "38.9 at midnight, shaking under the blankets"), Answer::yes);
  EXPECT_EQ(typed_answer("q_cancer", "bowel, 2012, all clear since"), Answer::yes);
  EXPECT_EQ(typed_answer("q_cancer", "no, but my mum had breast cancer"), Answer::no);
  EXPECT_EQ(typed_answer("q_weak", "yes weak - no sorry, just numb, I can climb stairs fine"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_position",
                         "yes, kneeling on my left leg - sorry, my left knee - for an hour"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_diabetes", "not that I know of, never tested"), Answer::unsure);
  EXPECT_EQ(typed_answer("q_cancer", "still doing tests on a lump, results next week"),
            Answer::unsure);
}

// The open set's red-flag answers read as no that meant yes (answers-open.jsonl), in other
// words: drugs only at parties, a spread told as "yesterday it was just ...", bluey toes,
// a leg heavier than usual, glasses that stopped working in one eye, a fuzzy bum cheek
// after "not numb exactly", no need to go since yesterday, a yes in Hindi.
TEST(FortyEighthRoundReading, OpenSetYesesInOtherWords) {
  EXPECT_EQ(typed_answer("q_inject", "nah only at parties, a couple of times a month"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "no needles, just nos at parties"), Answer::no);
  EXPECT_EQ(typed_answer("q_worse", "yesterday it was just her ankles, now her knees are numb"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_cold", "his toes look a bit bluey to me"), Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "the left is heavier than usual, aye"), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "his glasses stopped working in one eye this afternoon"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "not numb exactly, kinda tingly on one bum cheek"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "not been since yesterday and do not feel like I need to"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "haan, stairs are hard"), Answer::yes);
}

// Harm to a numb limb to feel it, harm that quiets the mind, the means arranged in few
// words. A paramedic's jobs and a screen's stranger are no crises.
TEST(FortyEighthRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(safety_fires("burnt my numb toes with a cigarette again to check they still feel",
                           C::self_harm));
  EXPECT_TRUE(safety_fires("I cut my legs on purpose tonight to feel something", C::self_harm));
  EXPECT_TRUE(safety_fires("when it gets bad I bash my thighs with a hammer", C::self_harm));
  EXPECT_TRUE(
      safety_fires("scratching till it bleeds is the only thing that makes the voices in my "
                   "head go quiet",
                   C::self_harm));
  EXPECT_TRUE(safety_fires("got a belt sorted for tonight, i cant do this", C::self_harm));
  EXPECT_TRUE(safety_fires("if the feeling never comes back im not sticking around", C::self_harm));
  EXPECT_TRUE(safety_fires("found my neighbour in the hall, he is not talking back at all",
                           C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("I burnt the toast this morning, my feet are still numb", C::self_harm));
  EXPECT_FALSE(
      safety_fires("two chest pain calls on my shift, now my own feet are numb", C::chest_pain));
  EXPECT_FALSE(safety_fires("a collapse on nights and a fall, my own knees ache from kneeling",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires(
      "on telly a man could not breathe after a car crash, can sciatica do that", C::breathing));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::forty_eighth_round_test
