// Red-flag closure (issue 10 §1, docs/interview.md): rule states, the deciding question
// asked before any assessment, the plainer re-ask, and escalation to the flag's own
// level when the deciding finding stays "not sure".
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "dialogs/engine.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/red_flag_closure.h"
#include "tests/dialogs/test_knowledge.h"

namespace triagebot::dialogs {
namespace red_flag_closure_test {
namespace {

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
const EngineOptions kOptions{"112"};

const KnowledgeData& kb() { return testing::builtin().data(); }
int finding(const char* id) { return kb().finding(id); }

Turn say(const Session& s, const std::string& text) {
  return step(testing::builtin(), kOptions, s, Input::typed(text), kNow);
}
Turn press(const Session& s, const std::string& id) {
  return step(testing::builtin(), kOptions, s, Input::pressed(id), kNow);
}

std::string pending_of(const Turn& t) { return t.next.engine_state.pending; }

// Presses "No", or for a choice question its last real choice (the slowest onset, the
// longest duration: a calm, consistent story), until `question` is pending or the
// interview ends.
Turn answer_no_until(Turn t, const std::string& question) {
  for (int i = 0; i < 25 && !t.assessment && pending_of(t) != question; ++i) {
    const Reply& q = t.replies.back();
    EXPECT_GE(q.choices.size(), 2u);
    auto no = std::find_if(q.choices.begin(), q.choices.end(),
                           [](const Choice& c) { return c.label == "No"; });
    t = press(t.next, no != q.choices.end() ? no->id : q.choices[q.choices.size() - 2].id);
  }
  return t;
}

Condition weak_worse_both() {
  return Condition{{finding("weakness"), finding("worsening"), finding("both_legs")}, {}, {}, {}};
}

TEST(RuleState, FiredRuledOutOpenAndIdle) {
  Condition rule = weak_worse_both();
  Facts facts(kb());
  EXPECT_EQ(rule_state(rule, facts), RuleState::idle);
  facts.set(finding("weakness"), true);
  EXPECT_EQ(rule_state(rule, facts), RuleState::open);
  facts.set(finding("both_legs"), true);
  facts.set(finding("worsening"), true);
  EXPECT_EQ(rule_state(rule, facts), RuleState::fired);
  facts.set(finding("worsening"), false);
  EXPECT_EQ(rule_state(rule, facts), RuleState::ruled_out);
}

TEST(RuleState, AnyRuledOutOnlyWhenEveryMemberIsFalse) {
  Condition rule{{finding("back_pain")}, {finding("fever"), finding("injects_drugs")}, {}, {}};
  Facts facts(kb());
  facts.set(finding("back_pain"), true);
  facts.set(finding("fever"), false);
  EXPECT_EQ(rule_state(rule, facts), RuleState::open);
  EXPECT_EQ(deciding_findings(rule, facts), std::vector<int>{finding("injects_drugs")});
  facts.set(finding("injects_drugs"), false);
  EXPECT_EQ(rule_state(rule, facts), RuleState::ruled_out);
}

TEST(RedFlagClosure, AsksTheFindingThatDecidesAPartlyMetRuleMostUrgentFlagFirst) {
  Facts facts(kb());
  facts.set(finding("weakness"), true);
  facts.set(finding("both_legs"), true);
  // Weakness in both legs partly meets cauda equina (with back pain) and ascending
  // weakness (getting worse): cauda's screen comes first in brief §4's order.
  ClosureStep step = close_red_flags(kb(), facts, posterior(kb(), facts), {});
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->finding, finding("back_pain"));
  EXPECT_EQ(kb().red_flags[step.flag].id, "cauda_equina_signs");
  facts.set(finding("back_pain"), false);
  step = close_red_flags(kb(), facts, posterior(kb(), facts), {});
  ASSERT_TRUE(step.question);
  EXPECT_EQ(step.question->finding, finding("worsening"));
  EXPECT_EQ(kb().red_flags[step.flag].id, "ascending_weakness");
  EXPECT_TRUE(step.escalate.empty());
}

TEST(RedFlagClosure, FindingStillUnsureAfterTheReAskEscalatesItsFlag) {
  Facts facts(kb());
  facts.set(finding("cancer_history"), true);
  ClosureStep step = close_red_flags(kb(), facts, posterior(kb(), facts), {"q_back_pain"});
  EXPECT_FALSE(step.question && step.flag >= 0 &&
               kb().red_flags[step.flag].id == "cancer_back_pain_neuro");
  ASSERT_FALSE(step.escalate.empty());
  EXPECT_EQ(kb().red_flags[step.escalate[0]].id, "cancer_back_pain_neuro");
}

// The example of issue 10: weakness in both legs; the interview may not conclude
// without asking whether it is getting worse, however sure the cause model is.
TEST(EngineClosure, SpreadingWeaknessIsAskedBeforeAnyAssessmentAndFires) {
  Turn t = say(Session{}, "both my legs are weak and tingly since the flu");
  t = answer_no_until(t, "q_worse");
  ASSERT_FALSE(t.assessment) << "concluded without asking whether it is getting worse";
  ASSERT_EQ(pending_of(t), "q_worse");
  EXPECT_EQ(t.next.engine_state.pending_for, "ascending_weakness");
  Turn fired = press(t.next, "q_worse:yes");
  ASSERT_TRUE(fired.assessment);
  EXPECT_EQ(fired.assessment->triage, Triage::emergency);
  EXPECT_EQ(fired.next.red_flags.front(), "ascending_weakness");
  EXPECT_EQ(fired.assessment->causes.front().id, "guillain_barre_syndrome");
}

TEST(EngineClosure, UnsureOnAClosingQuestionIsReAskedPlainerThenTakesThatFlagsLevel) {
  Turn t = answer_no_until(say(Session{}, "both my legs are weak and tingly"), "q_worse");
  ASSERT_EQ(pending_of(t), "q_worse");
  Turn again = press(t.next, "q_worse:unsure");
  ASSERT_FALSE(again.assessment);
  EXPECT_EQ(pending_of(again), "q_worse");
  EXPECT_NE(again.replies.back().text, t.replies.back().text);  // plainer words
  Turn end = say(again.next, "I really don't know");
  ASSERT_TRUE(end.assessment);
  EXPECT_EQ(end.assessment->triage, Triage::emergency);  // the flag's level, not `urgent`
  const auto& flags = end.assessment->red_flags;
  EXPECT_NE(std::find(flags.begin(), flags.end(), "ascending_weakness"), flags.end());
  EXPECT_NE(end.replies.back().text.find("weren't sure"), std::string::npos);
  EXPECT_NE(end.replies.back().text.find("Guillain"), std::string::npos);  // its guidance
}

TEST(EngineClosure, AnsweredNoTheRuleIsRuledOutAndTheInterviewGoesOn) {
  Turn t = answer_no_until(say(Session{}, "both my legs are weak and tingly"), "q_worse");
  Turn next = press(t.next, "q_worse:no");
  EXPECT_TRUE(next.next.red_flags.empty());
  EXPECT_NE(pending_of(next), "q_worse");
}

TEST(EngineClosure, ScreenLeftUnsureWithoutTheRestOfARuleFloorsUrgentOnly) {
  // Stroke's face/arm/speech screen is a rule of its own: nothing else of it can be met,
  // so "not sure" twice is brief §5.4's floor (at least urgent), not an emergency.
  Turn t = say(Session{}, "my left foot has been numb for a few months");
  ASSERT_EQ(pending_of(t), "q_stroke");
  Turn end = answer_no_until(say(press(t.next, "q_stroke:unsure").next, "no idea"), "");
  ASSERT_TRUE(end.assessment);
  EXPECT_TRUE(end.next.red_flags.empty());
  EXPECT_EQ(end.assessment->triage, Triage::urgent);
}

TEST(EngineClosure, ColourLeftUnsureAfterSuddenNumbnessOfOneLegIsLimbIschaemia) {
  // Brief §3: sudden numbness of one leg with a cold, pale foot is limb ischaemia; "not
  // sure" about the colour twice, with the rest met, takes that flag's emergency.
  Turn t = answer_no_until(say(Session{}, "my right leg suddenly went numb an hour ago"), "q_cold");
  ASSERT_EQ(pending_of(t), "q_cold");
  Turn again = press(t.next, "q_cold:unsure");
  ASSERT_EQ(pending_of(again), "q_cold");
  Turn end = press(again.next, "q_cold:unsure");
  ASSERT_TRUE(end.assessment);
  EXPECT_EQ(end.assessment->triage, Triage::emergency);
  EXPECT_EQ(end.next.red_flags, std::vector<std::string>{"acute_limb_ischemia_signs"});
  EXPECT_EQ(end.assessment->causes.front().id, "acute_limb_ischemia");
}

TEST(EngineClosure, EveryAnswerNotSureStillConcludesWithinTheHardLimit) {
  // Each red-flag question is asked twice; the budget of 18 (re-asks included) holds
  // and the interview concludes at a level that reflects the doubt.
  for (const char* opening : {"my legs are numb", "my back hurts and both legs feel weak",
                              "my left foot suddenly went numb"}) {
    Turn t = say(Session{}, opening);
    int questions = 0;
    for (int i = 0; i < 40 && !t.assessment; ++i) {
      const Reply& q = t.replies.back();
      ASSERT_FALSE(q.choices.empty()) << opening;
      ++questions;
      t = press(t.next, q.choices.back().id);  // "Not sure"
    }
    ASSERT_TRUE(t.assessment) << opening;
    EXPECT_LE(questions, 18) << opening;
    EXPECT_NE(t.assessment->triage, Triage::routine) << opening;
    EXPECT_NE(t.assessment->triage, Triage::self_care) << opening;
  }
}

}  // namespace
}  // namespace red_flag_closure_test
}  // namespace triagebot::dialogs
