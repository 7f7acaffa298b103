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

// Yeses of earlier rounds read as noes (answers-open): an inability after a denied other
// thing ("no pain, cannot stand long" is no list of denials), a question that expects a yes
// of everyone, and a tag that asks for agreement ("..., ok?" is no normal state). The
// look-alikes: a list closed by a normal state, and an inability that names no symptom.
TEST(EightiethRoundAnswers, YesesReadAsNoes) {
  EXPECT_EQ(typed_answer("q_weak", "ji, legs have no jaan, cannot stand long"), Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "no pain, cant walk far before they give"), Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "no weakness, cant complain"), Answer::no);
  EXPECT_EQ(typed_answer("q_back_pain", "doesn't everybody's back ache at my age?"), Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "only on weekends, ok? not like an addict"), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "face, speech, arms, all fine"), Answer::no);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::eightieth_round_test
