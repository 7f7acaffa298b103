// The general rules the fifth held-out round led to (docs/reading.md "Measured";
// docs/safety.md "Measured"), each with the look-alike it must not catch: double
// negatives, a weekday as now, a note that points back, questions back that state
// nothing, sarcasm, a closing yes or no, sides compared, the present over the past, and
// the safety screen's oblique crises.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fifth_round_reading_test {
namespace {

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

Reading reply(const char* question, const std::string& text) {
  return read_message(builtin().data(), text, builtin().data().question(question), &spelling());
}

Reading opening(const std::string& text) {
  return read_message(builtin().data(), text, nullptr, &spelling());
}

bool states(const Reading& r, const char* finding) {
  auto it = r.findings.find(builtin().data().finding(finding));
  return it != r.findings.end() && it->second;
}

TEST(FifthRoundReading, ADenialOfADenialAffirms) {
  EXPECT_EQ(answer("q_bladder", "I can't say I haven't had a couple of accidents this week"),
            Answer::yes);
  EXPECT_EQ(answer("q_cold", "I wouldn't say it's not cold"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "I wouldn't say I can't lift it"), Answer::no);
  // A frame with no inner denial is still uncertainty, or a carer without the answer.
  EXPECT_EQ(answer("q_bladder", "I couldn't say"), Answer::unsure);
  EXPECT_EQ(answer("q_saddle", "she wouldn't say"), Answer::unsure);
}

TEST(FifthRoundReading, ARecentWeekdayIsNowAfterADenial) {
  EXPECT_TRUE(states(opening("not anymore, I had a leak on Monday"), "bladder_trouble"));
  EXPECT_EQ(answer("q_bladder", "not anymore, I had a leak on Monday but it's been fine since"),
            Answer::yes);
  // An old event after a denial stays old.
  EXPECT_EQ(answer("q_bladder", "not anymore, I had a catheter years ago"), Answer::no);
}

TEST(FifthRoundReading, ANoteThatPointsBackTimesTheWordsBeforeIt) {
  EXPECT_EQ(answer("q_breath", "I get puffed on the hill but that has been so for years"),
            Answer::no);
  // A long note about something else does not reach back over a new symptom.
  EXPECT_EQ(answer("q_breath", "I get short of breath on the hill, my back has been bad for years"),
            Answer::yes);
}

TEST(FifthRoundReading, AQuestionBackStatesNothingItAsksAbout) {
  Reading r = reply("q_saddle", "what's the saddle area?? like on a bike?");
  EXPECT_EQ(r.answer, Answer::clarify);
  EXPECT_FALSE(states(r, "saddle_numbness"));
  EXPECT_FALSE(states(reply("q_weak", "what do you mean by weakness?"), "weakness"));
  // A symptom stated after the question back is still stated.
  EXPECT_TRUE(states(reply("q_weak", "what do you mean by weakness? my leg is weak"), "weakness"));
}

TEST(FifthRoundReading, SarcasmIsNotAYes) {
  EXPECT_EQ(answer("q_stroke", "yeah right, my face is fine, it's my leg I'm here about"),
            Answer::no);
  EXPECT_EQ(answer("q_inject", "lol as if"), Answer::no);
  // "yeah, right leg" names a side: still a yes; "as if" inside a sentence is no denial.
  EXPECT_EQ(answer("q_cold", "yeah the right one is cold"), Answer::yes);
  EXPECT_NE(answer("q_weak", "it feels as if my leg is weak"), Answer::no);
}

TEST(FifthRoundReading, AShortReplyEndingInItsOnlyYesOrNo) {
  EXPECT_EQ(answer("q_inject", "bro what 💀 no"), Answer::no);
  EXPECT_EQ(answer("q_worse", "slowly yes"), Answer::yes);
  // A reply with two answer words is left to the other rules ("yes" first is a yes).
  EXPECT_EQ(answer("q_weak", "yes it is, no doubt"), Answer::yes);
}

TEST(FifthRoundReading, WhichSideIsWorseSaysTheThingIsThere) {
  EXPECT_EQ(answer("q_weak", "both, left worse"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "both but R worse"), Answer::yes);
  // Where, not whether: a body part named, or a question not about the leg.
  EXPECT_NE(answer("q_stroke", "mostly the left leg"), Answer::yes);
  EXPECT_NE(answer("q_stroke", "both but L worse"), Answer::yes);
}

TEST(FifthRoundReading, ThePresentOutranksThePast) {
  EXPECT_EQ(answer("q_worse", "on and off for years"), Answer::no);
  EXPECT_EQ(answer("q_worse", "on and off for years but worse since the weekend"), Answer::yes);
  // Both in the same old clause: never a no (asked again).
  EXPECT_NE(answer("q_worse", "worse for years"), Answer::no);
}

TEST(FifthRoundReading, ExaminationScoresAndPlainStrength) {
  EXPECT_EQ(answer("q_weak", "power 5/5 throughout"), Answer::no);
  EXPECT_EQ(answer("q_weak", "strength is 5/5 in both legs"), Answer::no);
  EXPECT_EQ(answer("q_weak", "leg is not strong, when I go on the stair it fold"), Answer::yes);
}

TEST(FifthRoundReading, ObliqueCrisesAndTheirLookAlikes) {
  EXPECT_TRUE(safety_fires("better I am dead, nobody need me", SafetyCategory::self_harm));
  EXPECT_TRUE(
      safety_fires("I will not be a burden to anyone much longer", SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("everyone would be better off", SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("gave my cat to my sister, I won't be needing anything anymore",
                           SafetyCategory::self_harm));
  EXPECT_TRUE(
      safety_fires("this is my last message, tell my wife I love her", SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("I just want it all to be over for good", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("it gets better if I move it, otherwise it goes dead",
                            SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("nobody needs me at work till monday", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("this is my last message today", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("gave my dog to my neighbour for the week", SafetyCategory::self_harm));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fifth_round_reading_test
