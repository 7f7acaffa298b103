// The eighty-sixth held-out round (a helper, brief only; its theme: structured and unusual
// formats, lists and timestamps, checklists, pasted clinic notes with abbreviations, people
// who question the question while answering it: 30 openings, 40 messages for the safety
// screen, 60 answers) and vignette set 87 (the same theme; docs/reading.md and
// docs/safety.md "Measured"). Each fix, tried on words other than the round's, with the
// look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::eighty_sixth_round_test {
namespace {

using C = SafetyCategory;

// A checklist's entries: a name, a colon or a dash, a bare no or a normal state; crosses
// for noes. Not a clause that ends in a comma and "no", nor an entry that says yes.
TEST(EightySixthRoundReading, ChecklistEntries) {
  EXPECT_EQ(typed_answer("q_fever", "temperature - N"), Answer::no);
  EXPECT_EQ(typed_answer("q_stroke", "face/speech/vision/arms: all fine"), Answer::no);
  EXPECT_EQ(typed_answer("q_bladder", "waterworks/bowels: normal"), Answer::no);
  EXPECT_EQ(typed_answer("q_stroke", "Speech: slurred since 10am"), Answer::yes);
  EXPECT_FALSE(states_finding("✘ weakness ✘ back pain", "weakness"));
  EXPECT_TRUE(states_finding("✓ weakness in the right foot", "weakness"));
  EXPECT_TRUE(states_finding("my left leg is numb, no", "one_leg"));
}

// Openings: a word that will not come, timestamped; a diary of a climbing weakness; "2 yrs
// ago:" dating what follows its colon; "the size of my hand" is no hand.
TEST(EightySixthRoundReading, ListsAndDiaries) {
  EXPECT_TRUE(stops_at_opening(
      "20:10 left leg heavy. 20:15 couldn't find the word for kettle. 20:30 words back, leg "
      "still numb"));
  EXPECT_TRUE(stops_at_opening(
      "Thu - soles tingly. Fri - tingly to the knees. today - cant get off the toilet without "
      "pulling on the sink, fingers numb. had a tummy bug last week"));
  EXPECT_FALSE(stops_at_opening(
      "- 3 yrs ago: right eye went blurry for a month, got better\n- now: numb patch on my "
      "left thigh, size of my hand, 2 weeks"));
  EXPECT_FALSE(
      states_finding("a numb patch on my thigh about the size of my hand", "hands_involved"));
}

// Answers: a last sentence that is a bare no, a "but yes" after a question back, the
// person's own "so no" on an ordinary question.
TEST(EightySixthRoundAnswers, AnswersAfterTheFrame) {
  EXPECT_EQ(typed_answer("q_inject", "rude question. no"), Answer::no);
  EXPECT_EQ(typed_answer("q_weak", "why do you ask? but yes, my foot slaps down"), Answer::yes);
  EXPECT_EQ(typed_answer("q_toxin", "only the glue sticks at nursery, so no"), Answer::no);
  EXPECT_EQ(typed_answer("q_stroke", "my face droops on the left. no"), Answer::yes);
}

// Abuse in a list, a threat pasted from a phone, a parent tied to a chair; a prescription's
// "OD" and a farm animal's bleeding are no crises.
TEST(EightySixthRoundSafety, ListsNotesAndLogs) {
  EXPECT_TRUE(safety_fires("- the marks on my neck are from my boyfriend", C::abuse));
  EXPECT_TRUE(safety_fires("him: go to the police and I'll break your other arm", C::abuse));
  EXPECT_TRUE(safety_fires("the home keeps dad strapped to his bed at night", C::abuse));
  EXPECT_FALSE(safety_fires("meds: amitriptyline 10mg OD, ramipril 5mg OD", C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("she took an od of her tablets last night", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("chest pain - no\nbleeding - no", C::chest_pain));
  EXPECT_FALSE(
      safety_fires("the cow is calving and bleeding everywhere, back soon", C::severe_bleeding));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::eighty_sixth_round_test
