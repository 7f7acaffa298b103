// Honest assessments (issue 10 §7): words instead of percentages with the score kept for
// review, a fired red flag's causes first, "why" only from what the person said, self-care
// only on the benign feature that defines it, and a safety net without the signs the
// person already has.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/reasoner.h"
#include "dialogs/render.h"
#include "tests/dialogs/test_knowledge.h"

namespace triagebot::dialogs {
namespace honest_assessment_test {
namespace {

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
const EngineOptions kOptions{"112"};

const KnowledgeData& kb() { return testing::builtin().data(); }
int finding(const char* id) { return kb().finding(id); }
int cause(const std::string& id) {
  for (size_t c = 0; c < kb().causes.size(); ++c) {
    if (kb().causes[c].id == id) return static_cast<int>(c);
  }
  ADD_FAILURE() << "no cause " << id;
  return 0;
}

Turn say(const Session& s, const std::string& text) {
  return step(testing::builtin(), kOptions, s, Input::typed(text), kNow);
}
Turn press(const Session& s, const std::string& id) {
  return step(testing::builtin(), kOptions, s, Input::pressed(id), kNow);
}

// Answers "No" (or the first choice) to everything until the assessment.
Turn answer_no_to_the_end(Turn t) {
  for (int i = 0; i < 25 && !t.assessment; ++i) {
    const Reply& q = t.replies.back();
    auto no = std::find_if(q.choices.begin(), q.choices.end(),
                           [](const Choice& c) { return c.label == "No"; });
    t = press(t.next, no != q.choices.end() ? no->id : q.choices.front().id);
  }
  EXPECT_TRUE(t.assessment);
  return t;
}

TEST(HonestAssessment, CausesAreWordsNotPercentagesAndTheScoreIsKeptForReview) {
  Turn t = answer_no_to_the_end(
      say(Session{},
          "My left calf goes numb every time I walk 300 metres and standing still sorts it"));
  const Assessment& a = *t.assessment;
  EXPECT_EQ(t.replies.back().text.find('%'), std::string::npos) << t.replies.back().text;
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].likelihood, "most_likely");
  EXPECT_NE(t.replies.back().text.find(": most likely."), std::string::npos);
  for (const auto& c : a.causes) {
    EXPECT_FALSE(c.likelihood_text.empty()) << c.id;
    EXPECT_GT(c.score, 0.0) << c.id;
  }
  nlohmann::json stored = a;
  EXPECT_TRUE(stored["causes"][0]["score"].is_number());
  EXPECT_EQ(stored["causes"][0]["likelihood"], "most_likely");
  auto back = assessment_from_json(stored);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->causes[0].likelihood_text, a.causes[0].likelihood_text);
}

TEST(HonestAssessment, AFiredRedFlagsCausesComeFirstAndAreNeverLessLikely) {
  Turn t = say(Session{}, "my leg went dead after sitting on it and now my face is drooping");
  ASSERT_TRUE(t.assessment);
  const Assessment& a = *t.assessment;
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].id, "stroke");
  EXPECT_EQ(a.causes[0].likelihood, "to_rule_out");
  for (const auto& c : a.causes) EXPECT_NE(c.likelihood, "most_likely") << c.id;
  const std::string& text = t.replies.back().text;
  // The flag's guidance leads, before any cause.
  EXPECT_LT(text.find("This could be a stroke"), text.find("Stroke or mini-stroke"));
}

TEST(HonestAssessment, WhyListsOnlyWhatThePersonSaidAndQuotesTheirWords) {
  Facts facts(kb());
  facts.set(finding("walking_brings_on"), true);
  facts.set(finding("standing_still_relief"), true);
  facts.set(finding("smoking"), true);  // true but never stated: inferred elsewhere
  std::map<int, std::string> said = {
      {finding("walking_brings_on"), "my calf goes numb when I walk"},
      {finding("standing_still_relief"), ""}};
  auto reasons = reasons_for(kb(), facts, cause("peripheral_artery_disease"), said);
  ASSERT_FALSE(reasons.empty());
  EXPECT_NE(std::find(reasons.begin(), reasons.end(), "\"my calf goes numb when I walk\""),
            reasons.end());
  for (const auto& r : reasons) {
    EXPECT_EQ(r.find(kb().findings[finding("smoking")].says_yes), std::string::npos) << r;
  }
  EXPECT_NE(std::find(reasons.begin(), reasons.end(),
                      kb().findings[finding("standing_still_relief")].says_yes),
            reasons.end());
}

TEST(HonestAssessment, EveryReasonGivenIsSomethingThePersonStated) {
  Turn t = answer_no_to_the_end(say(Session{}, "my left leg is numb, I'm 45"));
  // As stored: the quotes by finding id.
  const auto said = session_to_json(t.next)["engine_state"]["said"];
  EXPECT_TRUE(said.contains("one_leg"));
  EXPECT_FALSE(said.contains("both_legs"));  // false only because "left leg" was said
  EXPECT_FALSE(said.contains("age_60_69"));  // false only because "45" was said
  std::vector<std::string> stated;
  for (auto it = said.begin(); it != said.end(); ++it) {
    const FindingDef& f = kb().findings[kb().finding(it.key())];
    stated.insert(stated.end(), {f.says_yes, f.says_no, "\"" + it->get<std::string>() + "\""});
  }
  for (const auto& c : t.assessment->causes) {
    for (const auto& why : c.why)
      EXPECT_NE(std::find(stated.begin(), stated.end(), why), stated.end()) << why;
  }
}

// One sentence that states several findings is one reason, not the same quote repeated.
TEST(HonestAssessment, AReasonIsNeverRepeated) {
  Turn t = say(Session{},
               "I have bad back pain and my legs are numb. Since this morning I can't feel the "
               "paper when I wipe and I wet myself");
  ASSERT_TRUE(t.assessment);
  for (const auto& c : t.assessment->causes) {
    for (size_t i = 0; i < c.why.size(); ++i) {
      for (size_t j = i + 1; j < c.why.size(); ++j) EXPECT_NE(c.why[i], c.why[j]) << c.id;
    }
  }
}

TEST(HonestAssessment, SelfCareOnlyWhenTheDefiningBenignFeatureWasConfirmed) {
  Facts facts(kb());
  facts.set(finding("position_trigger"), true);
  std::vector<double> post(kb().causes.size(), 0.0);
  post[cause("positional_compression")] = 1.0;
  EXPECT_EQ(decide_triage(kb(), facts, post).level, Triage::routine);  // recovery unknown
  facts.set(finding("resolved_quickly"), true);
  EXPECT_EQ(decide_triage(kb(), facts, post).level, Triage::self_care);
}

TEST(HonestAssessment, ASelfCareLeaderHasItsDefiningFeatureAskedBeforeConcluding) {
  Turn t = say(Session{}, "my foot went numb after sitting cross-legged on the floor, I'm 30");
  bool asked = false;
  for (int i = 0; i < 25 && !t.assessment; ++i) {
    const Reply& q = t.replies.back();
    bool resolved = q.choices.front().id.starts_with("q_resolved:");
    asked = asked || resolved;
    auto no = std::find_if(q.choices.begin(), q.choices.end(),
                           [](const Choice& c) { return c.label == "No"; });
    t = press(t.next, resolved                ? q.choices.front().id  // "Yes": it cleared
                      : no != q.choices.end() ? no->id
                                              : q.choices[q.choices.size() - 2].id);
  }
  ASSERT_TRUE(t.assessment);
  EXPECT_TRUE(asked);
  EXPECT_EQ(t.assessment->causes.front().id, "positional_compression");
  EXPECT_EQ(t.assessment->triage, Triage::self_care);
}

TEST(HonestAssessment, SafetyNetLeavesOutASignThePersonAlreadyHas) {
  Facts facts(kb());
  Assessment a;
  a.triage = Triage::routine;
  std::string without = render_assessment(kb(), kOptions, a, {}, facts);
  EXPECT_NE(without.find("the leg turns cold, pale or blue"), std::string::npos);
  EXPECT_NE(without.find("your legs become weak"), std::string::npos);
  facts.set(finding("limb_cold_pale"), true);
  facts.set(finding("weakness"), true);
  std::string with = render_assessment(kb(), kOptions, a, {}, facts);
  EXPECT_EQ(with.find("the leg turns cold, pale or blue"), std::string::npos);
  EXPECT_EQ(with.find("your legs become weak"), std::string::npos);
  EXPECT_NE(with.find("the weakness spreads or gets worse"), std::string::npos);
  EXPECT_NE(with.find("112"), std::string::npos);
}

}  // namespace
}  // namespace honest_assessment_test
}  // namespace triagebot::dialogs
