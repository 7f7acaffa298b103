// A hedged denial ("not that I've noticed", "I don't believe so") to a red-flag question:
// asked once more in plainer words, as "not sure" is; given again, a no; and from then on
// this person's hedged denials are taken as no at once (docs/reading.md "Hedged
// denials"). Explicit uncertainty stays "not sure" however often it is said.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "dialogs/engine.h"
#include "dialogs/engine_state.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing::hedged_denial_test {
namespace {

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

Turn say(const Session& s, const std::string& text) {
  return step(builtin(), server_options("112"), s, Input::typed(text), kNow);
}

std::string pending(const Turn& t) { return t.next.engine_state.pending; }

bool plainer(const Turn& t) { return t.next.engine_state.plainer; }

// The value a finding has in the session, or -1 when unknown.
int fact(const Turn& t, const char* id) {
  for (const auto& [name, value] : t.next.engine_state.findings) {
    if (name == id) return value ? 1 : 0;
  }
  return -1;
}

bool unsure_screen(const Turn& t, const std::string& id) {
  for (const auto& s : t.next.engine_state.unsure_screens) {
    if (s == id) return true;
  }
  return false;
}

TEST(HedgedDenial, IsAskedAgainPlainerThenTakenAsNo) {
  Turn first = say(Session{}, "my left leg has been numb for a week");
  ASSERT_EQ(pending(first), "q_stroke");
  Turn again = say(first.next, "not that I've noticed");
  EXPECT_EQ(pending(again), "q_stroke") << "a hedge alone does not rule a stroke out";
  EXPECT_TRUE(plainer(again));
  Turn after = say(again.next, "I don't believe so");
  EXPECT_NE(pending(after), "q_stroke");
  EXPECT_EQ(fact(after, "stroke_signs"), 0);
  EXPECT_FALSE(unsure_screen(after, "q_stroke"));
  EXPECT_FALSE(after.assessment);
}

TEST(HedgedDenial, AfterOneRepeatedHedgeLaterHedgesAreNoAtOnce) {
  Turn t = say(Session{}, "my left leg has been numb for a week");
  t = say(t.next, "not that I've noticed");
  t = say(t.next, "not that I've noticed");
  ASSERT_EQ(pending(t), "q_saddle");
  Turn next = say(t.next, "don't think so");
  EXPECT_NE(pending(next), "q_saddle") << "the person's hedges were learnt to mean no";
  EXPECT_EQ(fact(next, "saddle_numbness"), 0);
}

TEST(HedgedDenial, ExplicitUncertaintyStaysUnsure) {
  Turn t = say(Session{}, "my left leg has been numb for a week");
  t = say(t.next, "not that I've noticed");
  t = say(t.next, "not that I've noticed");
  ASSERT_EQ(pending(t), "q_saddle");
  Turn again = say(t.next, "not sure, haven't checked");
  EXPECT_EQ(pending(again), "q_saddle");
  EXPECT_TRUE(plainer(again));
  Turn after = say(again.next, "dunno");
  EXPECT_TRUE(unsure_screen(after, "q_saddle"));
  EXPECT_EQ(fact(after, "saddle_numbness"), -1);
}

TEST(HedgedDenial, AHedgeThenNotSureIsStillNotSure) {
  Turn first = say(Session{}, "my left leg has been numb for a week");
  Turn again = say(first.next, "don't think so");
  ASSERT_EQ(pending(again), "q_stroke");
  Turn after = say(again.next, "honestly I'm not sure");
  EXPECT_TRUE(unsure_screen(after, "q_stroke"));
  EXPECT_EQ(fact(after, "stroke_signs"), -1);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::hedged_denial_test
