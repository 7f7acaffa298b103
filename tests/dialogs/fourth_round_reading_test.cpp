// The general rules the fourth held-out round led to (docs/reading.md "Measured";
// docs/safety.md "Measured"), each with the look-alike it must not catch: clinicians'
// shorthand, L / R as sides, 2/52 and 3/7 as durations, "non smoker", questions back to
// the bot, "as I said" as a frame, and the safety screen's shorthand and third-person
// crises.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fourth_round_reading_test {
namespace {

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

Reading opening(const std::string& text) {
  return read_message(builtin().data(), text, nullptr, &spelling());
}

bool states(const Reading& r, const char* finding) {
  auto it = r.findings.find(builtin().data().finding(finding));
  return it != r.findings.end() && it->second;
}

TEST(FourthRoundReading, ShorthandIsNotSpellCorrectedIntoASymptom) {
  // "SLR" was "slur", a stroke sign.
  Reading r = opening("2/52 LBP, paraesthesia L lateral calf. SLR +ve L");
  EXPECT_TRUE(r.red_flags.empty());
  EXPECT_FALSE(states(r, "speech_trouble"));
  EXPECT_TRUE(states(r, "back_pain"));
  EXPECT_TRUE(states(r, "side_left"));
  EXPECT_EQ(answer("q_fever", "apyrexial"), Answer::no);
  EXPECT_EQ(answer("q_back_pain", "LBP radiating to L buttock"), Answer::yes);
}

TEST(FourthRoundReading, ALoneLOrRNamesASideOnlyBesideASideWord) {
  EXPECT_TRUE(states(opening("L leg"), "side_left"));
  EXPECT_TRUE(states(opening("numb R foot"), "side_right"));
  EXPECT_FALSE(states(opening("u r worse than my doctor"), "side_right"));
}

TEST(FourthRoundReading, WeeksAndDaysAsFractions) {
  EXPECT_EQ(opening("numb for 2/52").duration_days, 14.0);
  EXPECT_EQ(opening("numb for 3/7").duration_days, 3.0);
  // Power out of five and dates are no durations.
  EXPECT_NE(opening("power 5/5 throughout").duration_days, 5.0);
}

TEST(FourthRoundReading, NonBeforeSmokingOrDiabetesDenies) {
  EXPECT_EQ(answer("q_smoking", "non smoker"), Answer::no);
  EXPECT_EQ(answer("q_diabetes", "non-diabetic"), Answer::no);
  // Italian "non lo so" is still not knowing.
  EXPECT_EQ(answer("q_cold", "non lo so"), Answer::unsure);
}

TEST(FourthRoundReading, AQuestionBackIsAskedAgain) {
  EXPECT_EQ(answer("q_hands", "does tingling count?"), Answer::clarify);
  EXPECT_EQ(answer("q_bladder", "what has my bladder got to do with my leg"), Answer::clarify);
  EXPECT_EQ(answer("q_stroke", "as I said, no"), Answer::no);
  EXPECT_EQ(answer("q_back_pain", "like i said yes my lower back"), Answer::yes);
}

TEST(FourthRoundReading, TheColdAndWorseScreensHearTheirOwnNoWords) {
  EXPECT_EQ(answer("q_cold", "both feet warm and well perfused"), Answer::no);
  EXPECT_EQ(answer("q_cold", "the left one is colder yes"), Answer::yes);
  EXPECT_EQ(answer("q_worse", "on and off for yrs, no different now"), Answer::no);
}

TEST(FourthRoundReading, TheSafetyScreenReadsShorthandAndThirdPersons) {
  EXPECT_TRUE(safety_fires("my son says he wants to die", SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("?OD, empty packets of co-codamol next to him",
                           SafetyCategory::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("resp distress, can only speak in single words", SafetyCategory::breathing));
  EXPECT_FALSE(
      safety_fires("hx of overdose in 2015, well since", SafetyCategory::overdose_poisoning));
  EXPECT_FALSE(safety_fires("she wants to dye her hair", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("it feels odd on the left", SafetyCategory::overdose_poisoning));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fourth_round_reading_test
