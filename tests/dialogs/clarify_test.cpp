// The engine's side of the answer reader (issue 10 §3): a request to explain the question
// gets it again in plainer words and is not taken as an answer; typed answers are read
// with the real spell checker the engine is given.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "dialogs/engine.h"
#include "dialogs/engine_state.h"
#include "dialogs/knowledge_data.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs {
namespace clarify_test {
namespace {

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

EngineOptions options() {
  EngineOptions o{"112"};
  o.spelling = &testing::spelling();
  return o;
}

Turn say(const Session& s, const std::string& text) {
  return step(testing::builtin(), options(), s, Input::typed(text), kNow);
}

std::string pending_id(const Turn& t) {
  for (auto r = t.replies.rbegin(); r != t.replies.rend(); ++r) {
    if (!r->choices.empty()) return r->choices[0].id.substr(0, r->choices[0].id.find(':'));
  }
  return "";
}

TEST(Clarify, ExplainsTheQuestionInPlainerWordsAndKeepsItPending) {
  Turn first = say(Session{}, "my left leg has been numb for a week");
  std::string asked = pending_id(first);
  const QuestionDef* q = testing::builtin().data().question(asked);
  ASSERT_NE(q, nullptr);
  ASSERT_FALSE(q->plainer.empty()) << asked << " has no plainer wording to explain with";
  Turn again = say(first.next, "what do you mean?");
  EXPECT_FALSE(again.assessment);
  EXPECT_EQ(pending_id(again), asked);
  ASSERT_FALSE(again.replies.empty());
  // The plainer words, introduced as the same question put another way; not the re-ask's
  // "I'm asking again", since nothing was answered yet.
  const std::string& text = again.replies.back().text;
  EXPECT_NE(text.find(q->plainer), std::string::npos) << text;
  EXPECT_EQ(text.find("asking again"), std::string::npos) << text;
  // The answer that follows is read as the answer to the same question.
  Turn next = say(again.next, "nope");
  EXPECT_NE(pending_id(next), asked);
}

TEST(Clarify, ImFineToTheStrokeScreenIsNoAndRaisesNoFlag) {
  Turn first = say(Session{}, "my left leg has been numb for a week");
  ASSERT_EQ(pending_id(first), "q_stroke");
  Turn t = say(first.next, "im fine thanks");
  EXPECT_FALSE(t.assessment) << "\"im fine thanks\" was read as a stroke sign";
  EXPECT_NE(pending_id(t), "q_stroke");
}

// The value a finding has in the session, or -1 when unknown.
int fact(const Turn& t, const char* id) {
  EngineState st = t.next.engine_state;
  for (const auto& [name, value] : st.findings) {
    if (name == id) return value ? 1 : 0;
  }
  return -1;
}

TEST(Laterality, TheOtherLegTooInALaterMessageMakesItBothLegs) {
  Turn first = say(Session{}, "my left leg has been numb for a week");
  ASSERT_EQ(fact(first, "one_leg"), 1);
  Turn t = say(first.next, "no, but now the other leg is going numb too");
  EXPECT_EQ(fact(t, "both_legs"), 1);
  EXPECT_EQ(fact(t, "one_leg"), 0);
}

}  // namespace
}  // namespace clarify_test
}  // namespace triagebot::dialogs
