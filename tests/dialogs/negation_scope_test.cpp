// A negator spent on a state word ("not ok", "not fine", "not good") denies that word,
// not a crisis said after it: "im not ok i want to die" typed without a comma put "not"
// within the three words NegEx looks back over, and the wish went unanswered
// (docs/safety.md "Look-alikes"). A denial of the crisis itself still holds.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialogs/safety_screen.h"

namespace triagebot::dialogs::testing::negation_scope_test {
namespace {

using Categories = std::vector<SafetyCategory>;

TEST(NegationScope, NotOkBeforeACrisisDoesNotDenyIt) {
  for (const char* text : {"im not ok i want to die", "honestly im not okay i want to die",
                           "not fine at all i just want to die", "im not good i wish i was dead",
                           "not well i want to die"}) {
    EXPECT_EQ(screen_for_safety(text, nullptr), Categories{SafetyCategory::self_harm}) << text;
  }
}

TEST(NegationScope, ADenialOfTheCrisisItselfStillHolds) {
  for (const char* text :
       {"im not ok but i dont want to die", "i dont want to die", "im fine i dont want to die",
        "not ok with this numbness", "im not suicidal", "not good news about my chest x ray",
        "not great, no chest pain though"}) {
    EXPECT_TRUE(screen_for_safety(text, nullptr).empty()) << text;
  }
}

}  // namespace
}  // namespace triagebot::dialogs::testing::negation_scope_test
