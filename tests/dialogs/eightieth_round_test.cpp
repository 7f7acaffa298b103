// The eightieth held-out round (a helper, brief only; its theme: medical and body words used
// loosely or wrongly, and answers relayed from a GP, a pharmacist, 111 or a partner: 30
// openings, 40 messages for the safety screen, 60 answers) and vignette set 81 (the same
// theme; docs/reading.md and docs/safety.md "Measured"), with the leftovers of earlier rounds
// mended beside them. Each fix, tried on words other than the round's, with the look-alike it
// must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::eightieth_round_test {
namespace {

using C = SafetyCategory;

// Emergencies told in loose words: half of what the eyes see gone (a field lost, with one
// side numb), a spread told as "toes, and now my legs" or "now the whole leg". Look-alikes:
// a faint that everyone calls a "mini stroke", a pinched nerve in the groin, eyes blurred
// by the optician's drops.
TEST(EightiethRoundReading, LooseWordsInOpenings) {
  EXPECT_TRUE(stops_at_opening(
      "reading the paper and suddenly the left half of the page wasnt there, and my left arm "
      "feels numb"));
  EXPECT_TRUE(stops_at_opening(
      "had flu a fortnight ago, then my toes went numb and now my legs are so weak i cant "
      "climb the stairs"));
  EXPECT_TRUE(stops_at_opening(
      "left foot slapping down since tuesday, today my whole leg keeps giving way, no pain"));
  EXPECT_FALSE(stops_at_opening(
      "what everyone calls my mini stroke last year was just a faint, now the outside of my "
      "thigh is numb"));
  EXPECT_FALSE(stops_at_opening(
      "GP says it's a trapped nerve in my groin, numb patch on the outside of my thigh for a "
      "month, no weakness, peeing fine"));
  EXPECT_FALSE(stops_at_opening(
      "eye drops at the optician so it's all blurry, but my feet have been numb in a sock "
      "pattern for a year, I'm diabetic"));
  EXPECT_TRUE(
      stops_at_opening("the GP said I had a mini stroke last month and now my left leg "
                       "is numb"));
}

// Answers in loose words: a wetsuit bottom that cannot feel the seat, the lurgy, "high
// blood" and its tablets, a stomach mostly taken away; "textbook" said of a back; an echo of
// the question and a "never" after a wish; a "though" about the writer's father.
TEST(EightiethRoundAnswers, LooseWordsInAnswers) {
  EXPECT_EQ(typed_answer("q_saddle", "my bum feels numb, I can't feel the loo seat"), Answer::yes);
  EXPECT_EQ(typed_answer("q_infection", "had a chesty cold a fortnight back"), Answer::yes);
  EXPECT_EQ(typed_answer("q_vascular", "they have me on ramipril"), Answer::yes);
  EXPECT_EQ(typed_answer("q_b12", "they took most of my stomach away for my weight, a sleeve"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_back_pain",
                         "the chiropractor says my back is textbook, it doesnt hurt at all"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_cancer", "cancer? thank god, never"), Answer::no);
  EXPECT_EQ(typed_answer("q_smoking", "never have, my husband smokes 20 a day though"), Answer::no);
}

// A fright told as a heart attack one had; the real thing beside it.
TEST(EightiethRoundSafety, HeartAttackAsAFright) {
  EXPECT_FALSE(
      safety_fires("had a right heart attack when I opened the gas bill lol", C::chest_pain));
  EXPECT_TRUE(
      safety_fires("I think I'm having a heart attack, crushing pain in my chest", C::chest_pain));
}

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

// From vignette set 81 (the same theme): "cant feel" after "just" names numbness, not
// weakness; "fell asleep" is no fall; a "mini stroke thing" that is what a mother calls a
// faint; "on my feet all day" is standing, not both feet; "been about a year" is how long;
// "a touch of sugar" is diabetes.
TEST(EightiethRoundVignettes, LooseWordsAnswered) {
  EXPECT_EQ(typed_answer("q_weak", "no, just cant feel the pavement under me"), Answer::no);
  EXPECT_EQ(typed_answer("q_weak", "no, just have to drag it a bit"), Answer::yes);
  EXPECT_EQ(typed_answer("q_injury", "no, my foot just fell asleep on the train"), Answer::no);
  EXPECT_EQ(typed_answer("q_injury", "yes, I fell over on the ice last week"), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke",
                         "no, face and speech fine, the mini stroke thing is what my dad calls the "
                         "faint I had as a kid"),
            Answer::no);
  EXPECT_FALSE(states_finding("I'm a postman so on my feet all day", "both_legs", nullptr));
  EXPECT_TRUE(states_finding("my feet are numb", "both_legs", nullptr));
  EXPECT_TRUE(states_finding("got a touch of sugar, on tablets", "diabetes", nullptr));
  const KnowledgeData& k = builtin().data();
  EXPECT_EQ(
      read_message(k, "both feet numb, been about a year", nullptr, &spelling()).duration_days,
      365.0);
  EXPECT_FALSE(read_message(k, "been on metformin 5 years", nullptr, &spelling()).duration_days);
}

// Yeses of earlier rounds left unread: a prostate taken out "fi dat" (the cancer), a foot
// scuffed through the toe of a slipper, testosterone from "the lads at the gym".
TEST(EightiethRoundAnswers, LeftoverYeses) {
  EXPECT_EQ(typed_answer("q_cancer", "cancer? they took my prostate out for that in 2015"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "she keeps scuffing her left foot on the rug"), Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "only a test cycle, the lads do the jabs"), Answer::yes);
  EXPECT_EQ(typed_answer("q_injury", "no, never slid or fell"), Answer::no);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::eightieth_round_test
