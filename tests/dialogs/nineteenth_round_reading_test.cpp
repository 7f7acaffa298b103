// What a nineteenth held-out round's typed answers and conversations found (helpers wrote
// them from the clinical brief alone: the very old writing formally, Scots, Jamaican and
// Nigerian English, deaf users writing in BSL-influenced grammar, farmers, night staff;
// docs/reading.md "Measured"), and the rules they led to, each with its look-alike. The
// round's crisis lines led to the screen's second stage (signs_that_add_up_test.cpp).
#include <gtest/gtest.h>

#include "dialogs/answer_reader.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::nineteenth_round_reading_test {
namespace {

// "Back pain no.": the negative after the words it denies, as BSL grammar puts it, and
// as a list of symptoms ticked off does. Not "pain no better", where "no" qualifies.
TEST(NineteenthRoundReading, ANoAfterTheWordsItDenies) {
  EXPECT_EQ(typed_answer("q_back_pain", "Back pain no."), Answer::no);
  EXPECT_FALSE(states_finding("Back pain no.", "back_pain"));
  EXPECT_EQ(typed_answer("q_injury", "Fall no. Accident no. Only knee operation."), Answer::no);
  EXPECT_TRUE(states_finding("back pain no better since Monday", "back_pain"));
}

// Scots: "cannae", "nuthin", and "ah" for "I" before a verb ("ah leak a wee bit when ah
// cough" is the leak the bladder question does not ask about); "ah ok" is a sigh.
TEST(NineteenthRoundReading, ScotsWords) {
  EXPECT_TRUE(states_finding("aye cannae feel when I need to go any more, since Sunday",
                             "bladder_trouble", "q_bladder"));
  EXPECT_EQ(typed_answer("q_bladder",
                         "Ah leak a wee bit when ah cough or laugh, but that's been years since "
                         "the weans. Nuthin new."),
            Answer::no);
  EXPECT_EQ(typed_answer("q_weak", "ah ok, no"), Answer::no);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::nineteenth_round_reading_test
