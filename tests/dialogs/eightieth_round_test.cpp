// The eightieth held-out round (a helper, brief only; its theme: medical and body words used
// loosely or wrongly, and answers relayed from a GP, a pharmacist, 111 or a partner: 30
// openings, 40 messages for the safety screen, 60 answers) and vignette set 81 (the same
// theme; docs/reading.md and docs/safety.md "Measured"), with the leftovers of earlier rounds
// mended beside them. Each fix, tried on words other than the round's, with the look-alike it
// must leave alone.
#include <gtest/gtest.h>

#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::eightieth_round_test {
namespace {

// A no whose "only ..." names one of the question's own no words stays a no: a blood
// donor's needles are not a drug user's. A turn that names a yes word still turns.
TEST(EightiethRoundAnswers, AnOnlyThatNamesANoWordStaysNo) {
  EXPECT_EQ(typed_answer("q_inject", "never have, only needles at blood donor clinic"), Answer::no);
  EXPECT_EQ(typed_answer("q_inject", "no, just the flu jab every autumn at the chemist"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_inject", "not really, only at weekends with my mates"), Answer::yes);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::eightieth_round_test
