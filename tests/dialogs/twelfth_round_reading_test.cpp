// What a twelfth held-out round found (a helper's 120 answers and 40 safety lines written
// apart from the code: fat-finger typos and autocorrect, English from named first
// languages, health workers' jargon, emoji and capitals, formal letters from the very
// old, two questions answered at once; docs/reading.md "Measured"), and what it led to.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::twelfth_round_reading_test {
namespace {

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

// A note that points back and dates what it points to: "but that was ten years ago".
TEST(TwelfthRoundReading, ANoteThatPointsBackDatesWhatItPointsTo) {
  EXPECT_NE(answer("q_immune",
                   "The doctor gave me a short course of steroid tablets for my chest, but that "
                   "was ten years ago."),
            Answer::yes);
  EXPECT_EQ(answer("q_immune", "The doctor gave me a short course of steroid tablets last week"),
            Answer::yes);
}

// A health worker's words, and chemotherapy as the brief's weak immunity.
TEST(TwelfthRoundReading, ClinicalWordsAndChemotherapy) {
  EXPECT_EQ(answer("q_stroke",
                   "Nurse here - no facial asymmetry, no dysarthria, no visual loss, arms intact"),
            Answer::no);
  EXPECT_EQ(answer("q_inject", "Current IVDU, last used yesterday"), Answer::yes);
  EXPECT_NE(answer("q_inject", "Ex-IVDU, abstinent 6 years, on methadone"), Answer::yes);
  EXPECT_EQ(answer("q_immune", "im on chemo for breast cancer so i guess so"), Answer::yes);
  EXPECT_EQ(answer("q_immune", "Not immunosuppressed. Only inhaled beclometasone"), Answer::no);
  EXPECT_EQ(answer("q_fever", "temps normal but i'm soaking the sheets every night"), Answer::yes);
}

TEST(TwelfthRoundReading, SecondLanguageAndFormalWords) {
  EXPECT_EQ(answer("q_bladder", "Urine is coming slow slow from two days, before it was fine"),
            Answer::yes);
  EXPECT_EQ(answer("q_back_pain", "Back is paining since one week only"), Answer::yes);
  EXPECT_EQ(answer("q_breath",
                   "I find I must pause for breath after every few words, which is quite unlike "
                   "me."),
            Answer::yes);
  EXPECT_EQ(answer("q_stroke",
                   "no droop but ive been seeing two of everything since lunch, and its both legs "
                   "btw"),
            Answer::yes);
}

TEST(TwelfthRoundReading, CrisesAndLookAlikesOfTheRound) {
  EXPECT_TRUE(safety_fires("stung by a wasp n my throats swellin up cant swalow",
                           SafetyCategory::breathing));
  EXPECT_TRUE(
      safety_fires("numb feet AGAIN whatever, wont matter soon, dog's gone to my sister "
                   "and ive said my goodbyes",
                   SafetyCategory::self_harm));
  EXPECT_TRUE(
      safety_fires("I have no wish to go on. My affairs are in order and I intend to "
                   "join my late wife before long.",
                   SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("now he fell down in bathroom and not giving any answer",
                           SafetyCategory::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("theres blood pumpibg out of my foot and it wont stopp",
                           SafetyCategory::severe_bleeding));
  EXPECT_TRUE(
      safety_fires("I am afraid there is a great deal of blood", SafetyCategory::severe_bleeding));
  EXPECT_TRUE(safety_fires("think I've double-dosed my amitriptyline, heart racing",
                           SafetyCategory::overdose_poisoning));
  EXPECT_FALSE(safety_fires("My grandfather he die of heart attack long time ago",
                            SafetyCategory::chest_pain));
  EXPECT_FALSE(safety_fires("Paramedic - attended an overdose last night",
                            SafetyCategory::overdose_poisoning));
  EXPECT_FALSE(
      safety_fires("I am not, I hasten to add, in any way suicidal", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("My late husband took an overdose in 1974, God rest him",
                            SafetyCategory::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("my husband took an overdose an hour ago", SafetyCategory::overdose_poisoning));
}

// From the thirteenth round's openings: "what happens if" asks as "what if" does.
TEST(TwelfthRoundReading, WhatHappensIfAsksAsWhatIfDoes) {
  EXPECT_FALSE(
      states_finding("what happens if you cant feel down there? asking cos ive got "
                     "sciatica in my right leg",
                     "saddle_numbness"));
  EXPECT_TRUE(states_finding("what happens now? i cant feel down there", "saddle_numbness"));
}

// From a fifteenth round of safety lines (minimising, coded, bystanders, long messages,
// second languages, text-speak): contractions written out, the spread and sweat of chest
// pain, the means worked out, a child who swallowed an unknown number.
TEST(TwelfthRoundReading, CrisesOfTheFifteenthRound) {
  EXPECT_TRUE(safety_fires("Now he fell down in the garden and he does not answer me",
                           SafetyCategory::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("got this weird tight ches pain n my left arms all achy n heavy",
                           SafetyCategory::chest_pain));
  EXPECT_TRUE(
      safety_fires("I feel strong pressing in my breast, in the centre, going to left "
                   "shoulder, and I am sweating",
                   SafetyCategory::chest_pain));
  EXPECT_FALSE(safety_fires("sort of a tight band round my ribs, no rash",
                            SafetyCategory::chest_pain));  // a cord or MS band
  EXPECT_TRUE(safety_fires("I've been looking up how many of my amitriptyline it would take",
                           SafetyCategory::self_harm));
  EXPECT_TRUE(
      safety_fires("I've rehomed the dog with my sister and cleared the flat out so no "
                   "one has to go through my things after",
                   SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("The packet is half empty, I don't know how many she's swallowed",
                           SafetyCategory::overdose_poisoning));
  EXPECT_TRUE(safety_fires("it's filling my sock faster than I can mop it",
                           SafetyCategory::severe_bleeding));
  EXPECT_FALSE(
      safety_fires("My coach says I'm killing myself with the mileage", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("chest just sore frm bench press", SafetyCategory::chest_pain));
  EXPECT_FALSE(
      safety_fires("My sister collapsed from the heat during a marathon years ago and "
                   "she's absolutely fine now",
                   SafetyCategory::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("drinks keep going down the wrong way", SafetyCategory::breathing));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::twelfth_round_reading_test
