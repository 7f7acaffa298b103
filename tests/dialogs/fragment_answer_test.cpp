// Replies that say nothing about the question asked are no answer (docs/reading.md,
// step 7): a fragment naming something else ("knee mostly", "it's crushing" to the
// stroke screen) is neither yes nor no, while a bare hedge, a condition or a fragment
// about the question still affirms. Also: a no taken back by a qualified yes after
// "but", and "I've been ..." is not the "I have" that answers yes.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "dialogs/engine.h"
#include "dialogs/engine_state.h"
#include "dialogs/parser.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fragment_answer_test {
namespace {

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

bool yes_or_no(Answer a) { return a == Answer::yes || a == Answer::no; }

TEST(FragmentAnswer, AFragmentAboutSomethingElseIsNoAnswer) {
  for (const char* text : {"it's crushing", "knee mostly", "thigh mostly", "mostly my calf",
                           "its burning", "kinda my shin"}) {
    EXPECT_FALSE(yes_or_no(answer("q_stroke", text))) << text;
  }
  EXPECT_FALSE(yes_or_no(answer("q_cold", "it's throbbing")));
}

TEST(FragmentAnswer, AFragmentAboutTheQuestionStillAffirms) {
  EXPECT_EQ(answer("q_stroke", "my arm mostly"), Answer::yes);
  EXPECT_EQ(answer("q_stroke", "face a bit"), Answer::yes);
  EXPECT_EQ(answer("q_stroke", "kind of, my left hand feels clumsy"), Answer::yes);
  EXPECT_EQ(answer("q_cold", "a bit bluish"), Answer::yes);
  EXPECT_EQ(answer("q_back_pain", "bit of an ache"), Answer::yes);
  EXPECT_EQ(answer("q_immune", "im on chemo"), Answer::yes);
  // An explicit yes answers whatever else the fragment names.
  EXPECT_EQ(answer("q_stroke", "a bit heavy yes"), Answer::yes);
}

TEST(FragmentAnswer, BareHedgesConditionsAndTimesStillAffirm) {
  for (const char* text : {"a bit", "kinda", "sometimes", "it does", "i think so"})
    EXPECT_EQ(answer("q_weak", text), Answer::yes) << text;
  EXPECT_EQ(answer("q_back_pain", "only when i press on it"), Answer::yes);
  EXPECT_EQ(answer("q_inject", "occasionally at weekends"), Answer::yes);
}

TEST(FragmentAnswer, ANoTakenBackByAQualifiedYesAfterBut) {
  EXPECT_EQ(answer("q_night", "not really but sometimes when i lie on my back"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "no but a bit"), Answer::yes);
  // What follows "but" speaks of something else: the no stands.
  EXPECT_EQ(answer("q_weak", "no but my back hurts a bit"), Answer::no);
  EXPECT_EQ(answer("q_weak", "no, but my back hurts"), Answer::no);
}

TEST(FragmentAnswer, IHaveBeenIsNotAYes) {
  EXPECT_NE(answer("q_bladder", "ive been drinking more water lately"), Answer::yes);
  EXPECT_NE(answer("q_bladder", "honestly ive been going to the toilet loads"), Answer::yes);
  EXPECT_EQ(answer("q_fever", "i have"), Answer::yes);
  EXPECT_EQ(answer("q_fever", "I have been shivery"), Answer::yes);
}

// In the interview: the stroke screen is asked again, plainer, and nothing is recorded.
TEST(FragmentAnswer, TheEngineAsksAgainAndRecordsNothing) {
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  const EngineOptions options = server_options("112");
  Turn first = step(builtin(), options, Session{},
                    Input::typed("my left leg has been numb for a week"), now);
  ASSERT_EQ(first.next.engine_state.pending, "q_stroke");
  for (const char* text : {"knee mostly", "it's crushing"}) {
    Turn t = step(builtin(), options, first.next, Input::typed(text), now);
    EngineState st = t.next.engine_state;
    EXPECT_EQ(st.pending, "q_stroke") << text;
    EXPECT_TRUE(st.plainer) << text;
    EXPECT_TRUE(t.next.red_flags.empty()) << text;
    for (const auto& [id, value] : st.findings) EXPECT_NE(id, "stroke_signs") << text;
  }
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fragment_answer_test
