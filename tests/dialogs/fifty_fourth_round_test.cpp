// The fifty-fourth held-out round (a helper, brief only; its theme: a red flag told as a
// change in an everyday task, as a number, or as an afterthought; a Swiss watchmaker, a
// Czech glassblower, a Slovak nanny, an aerial acrobat's partner, a wind-turbine technician
// and others): 40 safety lines, 30 first messages, 60 typed answers; and vignette set 55
// (docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words other than the
// round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fifty_fourth_round_test {
namespace {

using C = SafetyCategory;

// A hand that keeps missing and talk "like after two glasses of wine"; half the cup not
// there; bath water not felt under one's bottom; a person carried to the toilet who cannot
// take their own weight any more; a back slammed in a fall from a ladder.
TEST(FiftyFourthRoundOpenings, RedFlagsInOtherWords) {
  EXPECT_TRUE(stops_at_opening(
      "my left leg went numb at lunch and my son says I talk like after two glasses of wine"));
  EXPECT_TRUE(stops_at_opening(
      "pouring tea just now the left side of the cup just wasn't there, and my left leg is numb"));
  EXPECT_TRUE(stops_at_opening(
      "back sore since I lifted the sofa, both legs tingly, and in the shower I could feel the "
      "water on my legs but not under my bottom"));
  EXPECT_TRUE(stops_at_opening(
      "his legs went numb on Saturday and today I had to carry him to bed, he can't take his "
      "own weight any more"));
  EXPECT_TRUE(stops_at_opening(
      "slipped on the loft ladder this morning and slammed my back on the landing, now both "
      "feet are tingling"));
}

// A dog's legs told before "As for me"; a laugh that nearly wet oneself, said to a mate; a
// figure of speech is no speech trouble.
TEST(FiftyFourthRoundOpenings, LookAlikesLeftAlone) {
  EXPECT_FALSE(stops_at_opening(
      "our collie can't manage the stairs any more, poor lad. As for me, my right foot goes "
      "dead when I kneel to brush him, fine a minute later"));
  EXPECT_FALSE(stops_at_opening(
      "Mate I nearly wet myself laughing when my brother fell off the climbing wall (he's "
      "fine). Me: numb patch on my outer thigh for a fortnight"));
  EXPECT_EQ(typed_answer("q_stroke", "no, the stroke thing was just a figure of speech"),
            Answer::no);
}

// Dropping the fork since breakfast; no feeling of needing to go, so going by the clock; a
// leg lifted into the car by hand; wiping as if with a glove on.
TEST(FiftyFourthRoundReading, AnswersInOtherWords) {
  EXPECT_EQ(typed_answer("q_stroke", "no but I keep dropping my fork since lunch, odd"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "not really, I just don't get the feeling I need to go"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "I manage, but I've started lifting my leg into the car"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "when I wipe it's like I'm doing it with a glove on"),
            Answer::yes);
  // A hedge beside a word a stroke phrase does not own: not on the stroke question's topic.
  EXPECT_NE(typed_answer("q_stroke", "mostly the left leg"), Answer::yes);
}

// A hot spoon on a numb leg every night; how easy it would be from a bridge; an inhaler
// that is not touching it; a frame taken away and a crawl to the toilet. A footballer who
// went down "like he'd been shot" is no bleeding.
TEST(FiftyFourthRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("I hold a hot spoon on my numb calf every night, it's the only thing "
                   "that feels like anything",
                   C::self_harm));
  EXPECT_TRUE(safety_fires("standing on the bridge thinking how easy it would be", C::self_harm));
  EXPECT_TRUE(safety_fires("used my inhaler 10 times and it's not touching it", C::breathing));
  EXPECT_TRUE(
      safety_fires("she hides my zimmer when I complain. I had to crawl to the kitchen", C::abuse));
  EXPECT_FALSE(safety_fires("their striker went down like he'd been shot, my foot is tingly",
                            C::severe_bleeding));
}

// A review of the session's new words: each too wide as first written.
TEST(FiftyFourthRoundReview, NewWordsStayNarrow) {
  EXPECT_FALSE(safety_fires("I wonder how easy it would be to get a GP appointment", C::self_harm));
  EXPECT_FALSE(safety_fires("used my inhaler 2 times today, legs tingly", C::breathing));
  EXPECT_TRUE(
      safety_fires("it looks like he's been shot, there's blood everywhere", C::severe_bleeding));
  EXPECT_TRUE(safety_fires("as a first aider I found him collapsed on the floor",
                           C::collapse_unresponsive));
  EXPECT_NE(typed_answer("q_bladder", "I don't get the feeling it's anything serious"),
            Answer::yes);
  EXPECT_NE(typed_answer("q_fever", "no, shaking with laughter at my own feet"), Answer::yes);
  // Breath and the saddle read only where they belong: stairs are no swallowing, a glove
  // worn is no wiping.
  EXPECT_FALSE(stops_at_opening("my left foot is numb and it's hard to get down the stairs"));
  EXPECT_FALSE(stops_at_opening(
      "I was wearing a glove when I cut my finger last week, and now my left foot is numb"));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fifty_fourth_round_test
