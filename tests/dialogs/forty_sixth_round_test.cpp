// The forty-sixth held-out round (a helper, brief only: a Hmong grandmother through her
// granddaughter, an Ulster Scots farmer, a retired judge, a Romanian care worker, a Kenyan
// marathoner, a stroke survivor's husband, an Essex hairdresser and others): 40 safety lines,
// 30 first messages, 60 typed answers (docs/reading.md and docs/safety.md "Measured").
// Each fix, tried on words other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::forty_sixth_round_test {
namespace {

using C = SafetyCategory;

// Half a smile; words come out as gibberish; pants messed unnoticed; a foot the colour of
// a candle and "cauld"; water going the wrong way with weakness after a tingle.
TEST(FortySixthRoundOpenings, RedFlagsInOtherWords) {
  EXPECT_TRUE(stops_at_opening("my dad's right leg is numb and only half his smile moves now"));
  EXPECT_TRUE(stops_at_opening(
      "my husband's foot is numb since his old stroke, but just now his words came out as "
      "gibberish for a few minutes"));
  EXPECT_TRUE(stops_at_opening(
      "back pain a week with pain down my left leg, and today I messed my pants without "
      "feeling it"));
  EXPECT_TRUE(
      stops_at_opening("my left foot went dead this morning and its cauld as a stane, sair too"));
  EXPECT_TRUE(stops_at_opening(
      "feet tingling since monday, today she cannot get up from the chair and her tea is going "
      "wrong way when she drinks"));
  EXPECT_FALSE(stops_at_opening("my feet go cold in winter and the toes tingle, otherwise fine"));
}

// A cheek that looks lower; a seat not felt under you; no need to go since yesterday; an
// old prostate's nights; short of puff lying flat; injecting in the groin; a lump found
// benign; a fall from a bike onto the knee is no back injury.
TEST(FortySixthRoundReading, AnswersInOtherWords) {
  EXPECT_EQ(typed_answer("q_stroke", "he says no but his cheek looks lower than this morning"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "on the bike seat i cannot feel it under me like before"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "I have not needed a wee since last night, odd"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder",
                         "up in the night for a wee but thats been going on since i turned 65"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_breath", "a bit short of puff lying flat last night"), Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "in my groin these days, arms are done"), Answer::yes);
  EXPECT_EQ(typed_answer("q_cancer", "a lump in my neck but the biopsy said benign"), Answer::no);
  EXPECT_FALSE(stops_at_opening(
      "came off my bike onto my knee last week, now the top of my foot is a bit numb, back fine"));
}

// Control beside a blow, a threat, fear or hunger is abuse; control for a kind reason is
// not. Made to kneel for hours. A judge's sentences, a parkrun's breath and a question the
// doctor asked are no crises.
TEST(FortySixthRoundSafety, ControlAndHarmAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("he took my phone and wont let me see my friends, im scared of him", C::abuse));
  EXPECT_TRUE(safety_fires(
      "my son takes my pension every week and says he'll put me in a home if i tell", C::abuse));
  EXPECT_TRUE(safety_fires("my boyfriend makes me kneel on the kitchen floor for hours", C::abuse));
  EXPECT_FALSE(safety_fires("my wife keeps the car keys since my stroke, fair enough", C::abuse));
  // Kept for the person's good, and a fear of something else.
  EXPECT_FALSE(safety_fires(
      "my wife keeps my tablets in a dosette box because I forget, I'm scared my feet are worse",
      C::abuse));
  EXPECT_FALSE(safety_fires(
      "the nurse keeps my medication in the locked cupboard, I am frightened of falling",
      C::abuse));
  EXPECT_FALSE(safety_fires(
      "as a magistrate I sentenced plenty of overdoses over the years, now my soles tingle",
      C::overdose_poisoning));
  EXPECT_FALSE(safety_fires(
      "ran my first 10k, totally out of breath at the finish but fine after a minute, toes numb",
      C::breathing));
  EXPECT_FALSE(
      safety_fires("mum fainted once years ago, only saying as the nurse asked about fainting, her "
                   "feet are numb",
                   C::collapse_unresponsive));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::forty_sixth_round_test

namespace triagebot::dialogs::testing::forty_sixth_round_test {
namespace {

// A question back with the answer alone after it is that answer ("why you ask this? no"),
// unless the reply states what is asked.
TEST(FortySixthRoundReading, TheAnswerAfterAQuestionBack) {
  EXPECT_EQ(typed_answer("q_immune", "what is this for? no"), Answer::no);
  EXPECT_EQ(typed_answer("q_fever", "why does it matter? yes"), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "my face droops on the left, is that it? no"), Answer::yes);
}

// Typed in another language, a question is asked once more and then taken as "not sure",
// never as yes or no: one who types rather than presses is not asked the same question
// forever (held-out vignette set 46: a French student typed "non" forty times).
TEST(FortySixthRoundInterview, AForeignReplyTwiceIsNotSure) {
  Turn opened = say_at(Session{}, "since 2 days i have ants in both feet and now also the fingers");
  const std::string first = question_asked(opened);
  ASSERT_FALSE(first.empty());
  Turn once = say_at(opened.next, "non");
  EXPECT_EQ(question_asked(once), first);
  Turn twice = say_at(once.next, "non");
  EXPECT_NE(question_asked(twice), first);
  EXPECT_FALSE(question_asked(twice).empty());
  const auto& unsure = twice.next.engine_state.unsure_screens;
  EXPECT_NE(std::find(unsure.begin(), unsure.end(), first), unsure.end());
}

}  // namespace
}  // namespace triagebot::dialogs::testing::forty_sixth_round_test

namespace triagebot::dialogs::testing::forty_sixth_round_test {
namespace {

// Held-out vignette set 47: sitting "with my legs folded under" is a posture, not legs
// that gave way ("my legs folded under me on the stairs" still are); a lump behind the
// left knee that tingles when pressed is a nerve lump.
TEST(FortySeventhVignettes, PostureAndALumpBehindTheKnee) {
  EXPECT_TRUE(
      states_finding("my legs folded under me on the stairs and now my feet are numb", "weakness"));
  EXPECT_FALSE(states_finding(
      "I sat on the floor for hours with my legs folded under, then my foot was numb", "weakness"));
  EXPECT_TRUE(states_finding("there is a small lump behind my left knee for a year", "nerve_lump"));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::forty_sixth_round_test
