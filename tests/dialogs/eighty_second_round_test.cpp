// The eighty-second held-out round (a helper, brief only; its theme: phones that change what
// people meant, autocorrect slips and "*word" corrections, answers that answer more or other
// than was asked, and carers relaying for people with memory trouble: 30 openings, 40
// messages for the safety screen, 60 answers) and vignette set 83 (the same theme;
// docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words other than the
// round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "dialogs/star_corrections.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::eighty_second_round_test {
namespace {

using C = SafetyCategory;

// "*word" replaces the nearest earlier word at most two edits from it; emphasis and a
// correction with nothing to correct stay words.
TEST(EightySecondRoundStarCorrections, TheNearestWordWithinTwoEditsIsReplaced) {
  EXPECT_EQ(apply_star_corrections("cant per at all since this morning *pee"),
            "cant pee at all since this morning ");
  EXPECT_EQ(apply_star_corrections("feet tingle and number *tingly *numb"),
            "feet tingly and numb  ");
  EXPECT_FALSE(apply_star_corrections("my legs are *really* weak").has_value());
  EXPECT_EQ(apply_star_corrections("my legs are weak *sorry"), "my legs are weak sorry");
  EXPECT_FALSE(apply_star_corrections("no asterisk here").has_value());
  EXPECT_FALSE(apply_star_corrections("").has_value());
  EXPECT_EQ(apply_star_corrections("*"), std::nullopt);
  // Past eight corrections the rest are dropped unread, so a flood of asterisks costs a
  // bounded amount of work.
  std::string flood = "my leg is nunb";
  for (int i = 0; i < 2000; ++i) flood += " *numb";
  const auto corrected = apply_star_corrections(flood);
  ASSERT_TRUE(corrected.has_value());
  EXPECT_EQ(corrected->substr(0, 13), "my leg is num");
}

// Openings the keyboard changed: "went number", a "fave" dropping, a "per" corrected after,
// and a mother whose cancer is her own history in a carer's words. Look-alikes: a real
// number, a real ladder, a grandfather's stroke told as his story, a watch "bleeding" at
// its wearer until corrected.
TEST(EightySecondRoundReading, SlipsInOpenings) {
  EXPECT_TRUE(stops_at_opening(
      "right arm went number 10 mins ago and my fave looks droopy on the right when i smile"));
  EXPECT_TRUE(stops_at_opening(
      "sciatica down both legs since monday and since this morning i cant per at all *pee"));
  EXPECT_TRUE(stops_at_opening(
      "Dad had prostate cancer 8 years ago, he says he's cured. Now he has new pain in his back "
      "and his legs are weak and numb."));
  EXPECT_FALSE(stops_at_opening(
      "my left foot goes numb after I stand on the ladder painting for an hour, then it's fine"));
  EXPECT_FALSE(stops_at_opening("my feet are numb, I'm number 12 on the waiting list"));
  EXPECT_TRUE(stops_at_opening(
      "Dad had a stroke last year: his face drooped. Now my own right arm is numb since an "
      "hour"));
}

// Answers: a saddle that "couldn't feel the flannel", a late answer to the question
// before ("about the peeing thing before - actually yes").
TEST(EightySecondRoundAnswers, SlipsAndAnswersToOtherQuestions) {
  EXPECT_EQ(typed_answer("q_saddle", "she said she couldn't feel the towel between her legs"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_fever",
                         "no temperature. but about the walking thing before - actually yes, it "
                         "gives way"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_breath", "tea goes down the wrong whey and i choke"), Answer::yes);
}

// A leg rubbed because it has gone to sleep is no one being roused; a person rubbed and
// shaken who does not wake is a collapse. "Overdose by 6 months" is a check overdue.
TEST(EightySecondRoundSafety, RubbedLegsAndOverdueChecks) {
  EXPECT_FALSE(
      safety_fires("he keeps rubbing his left foot, says it went to sleep and wont wake up",
                   C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("rubbing her and calling her name, she wont wake up", C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("my eye test is overdose by 3 months", C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("she took an overdose of her sleeping tablets", C::overdose_poisoning));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::eighty_second_round_test
