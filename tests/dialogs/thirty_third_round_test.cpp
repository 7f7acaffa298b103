// The thirty-third held-out round (a helper, brief only: teenagers and students, a
// night-shift security guard, a pharmacist, a dyslexic writer, autocorrect and dictation
// slips, all capitals, sarcasm, anxious run-on messages, partners writing for someone;
// Scottish, Irish, Nigerian and Ghanaian English; Polish, Arabic, Spanish, Vietnamese and
// Turkish speakers writing English): 40 safety lines, 30 first messages and 90 typed
// answers (docs/safety.md and docs/reading.md "Measured"). Each fix, tried on words other
// than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/answer_reader.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::thirty_third_round_test {
namespace {

using C = SafetyCategory;

// Scots spellings and a dropped "g" in the screen's words ("thinkin aboot endin it aw").
// Look-alikes: "aw" as a sigh, a leg "goin" numb.
TEST(ThirtyThirdRound, ScotsAndDroppedGsInACrisis) {
  EXPECT_TRUE(safety_fires("been thinkin aboot endin it aw", C::self_harm));
  EXPECT_TRUE(safety_fires("am goin to end it all tonight", C::self_harm));
  EXPECT_TRUE(safety_fires("thinkin about endin my life", C::self_harm));
  EXPECT_FALSE(safety_fires("aw naw, my leg's goin numb again", C::self_harm));
  EXPECT_FALSE(safety_fires("my foot's goin numb again, thinkin it's the chair", C::self_harm));
  EXPECT_FALSE(safety_fires("thinkin aboot endin my shift early, legs are numb", C::self_harm));
}

// Look-alikes the round's look-alikes showed: fainting from laughter, a stifling job,
// being cross with oneself. Each beside the crisis said in the same words.
TEST(ThirtyThirdRound, LaughterAStiflingJobAndAnnoyanceAreNoCrisis) {
  EXPECT_FALSE(safety_fires("i passed out laughing at my mates video, foot went numb after",
                            C::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("he passed out and isn't waking up", C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("I literally can't breathe in this job lol, thigh numb under my belt",
                            C::breathing));
  EXPECT_TRUE(safety_fires("I can't breathe and my lips are going blue", C::breathing));
  EXPECT_FALSE(
      safety_fires("I could kill myself for forgetting my GP appointment again", C::self_harm));
  EXPECT_TRUE(safety_fires("I could kill myself for being such a burden", C::self_harm));
  EXPECT_TRUE(safety_fires("honestly I could kill myself, no point anymore", C::self_harm));
}

// A stretch up to now after an "and" ends a stretch told of the past: the back pain of
// the last two weeks is today's, not the cancer's year. Look-alike: the same shape with
// nothing of a red flag after it.
TEST(ThirtyThirdRoundOpenings, AStretchUpToNowAfterAPastOne) {
  EXPECT_TRUE(
      stops_at_opening("I had breast cancer four years ago and for about two weeks I have had "
                       "pain in the middle of my back and both legs are numb and wobbly"));
  EXPECT_TRUE(states_finding("had a disc op years ago and for a few days my back has been agony",
                             "back_pain"));
  EXPECT_FALSE(
      stops_at_opening("had a fall four years ago and for about two weeks my feet have "
                       "been tingly, no back pain, walking fine"));
  // Without the "and ... for" the past stretch still holds what it names.
  EXPECT_FALSE(states_finding("I had back pain four years ago after a fall", "back_pain"));
}

// Bladder or bowel control told as the toilet ("cannot control the toilet", "I make in my
// pants"). Look-alike: control kept.
TEST(ThirtyThirdRoundOpenings, TheToiletOutOfControl) {
  EXPECT_TRUE(stops_at_opening(
      "I have very bad back pain one week, now both my legs are numb and I cannot control "
      "the toilet"));
  EXPECT_TRUE(states_finding("back hurts and yesterday I make in my pants", "bladder_trouble"));
  EXPECT_FALSE(
      states_finding("my legs are numb but I can control the toilet fine", "bladder_trouble"));
}

// "Nothing different" denies as "nothing new" does: asthma that is as it always was.
// Look-alike: asthma worse today.
TEST(ThirtyThirdRoundReading, NothingDifferentIsNothingNew) {
  EXPECT_EQ(typed_answer("q_breath",
                         "I have asthma but it's well controlled, nothing different "
                         "today"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_breath", "my asthma's much worse today, can't catch my breath"),
            Answer::yes);
}

// Weight lost on purpose is no yes to "lost weight without trying?" (left from this
// round, mended later). Look-alikes: not on purpose, no dieting.
TEST(ThirtyThirdRoundReading, WeightLostOnPurposeIsNotWithoutTrying) {
  EXPECT_EQ(
      typed_answer("q_weight_loss", "yes a stone, but deliberately, I joined weight watchers"),
      Answer::no);
  EXPECT_EQ(typed_answer("q_weight_loss", "I have lost weight, but that was intentional"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_weight_loss", "lost weight but not on purpose"), Answer::yes);
  EXPECT_EQ(typed_answer("q_weight_loss", "ive lost weight and i havent been dieting"),
            Answer::yes);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::thirty_third_round_test
