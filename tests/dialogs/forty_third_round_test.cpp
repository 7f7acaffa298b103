// The forty-third held-out round (a helper, brief only: a Doric speaker, an Orthodox Jewish
// father, a Fijian rugby player, a Nepali security guard, a speech-to-text user, a person
// with aphasia, a Hinglish writer, a Hull trawlerman's widow and others): 20 safety lines,
// 30 first messages, 50 typed answers (docs/reading.md and docs/safety.md "Measured").
// Each fix, tried on words other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::forty_third_round_test {
namespace {

// Scots "ma" before a part of the body is "my", as "me" is ("ma back's sair"), and so is
// "me" before what is worn next to it; "sair" is sore, "heid" head. Not "my ma".
TEST(FortyThirdRoundOpenings, ScotsAndNorthernWords) {
  EXPECT_TRUE(stops_at_opening(
      "ma back has been sair for a fortnight, noo ma legs are numb, shivering an sweating aa "
      "nicht"));
  EXPECT_TRUE(stops_at_opening(
      "my back hurts since i moved the sofa, both feet tingle, and i had an accident in me pants "
      "today without knowing"));
  EXPECT_FALSE(stops_at_opening(
      "my ma says my back has been sore since i moved the sofa, both feet tingle a bit"));
}

// Water that will not come ("need to go but very little comes") beside back pain; a
// stomach bug, then feet, then arms too weak to get up or twist a lid.
TEST(FortyThirdRoundOpenings, RetentionAndWeaknessInOtherWords) {
  EXPECT_TRUE(stops_at_opening(
      "back pain for a week, left leg numb, and today i keep needing to pee but very little "
      "comes"));
  EXPECT_TRUE(stops_at_opening(
      "had a chest infection last week, since monday my feet tingle, yesterday i struggled "
      "getting up off the toilet and today i cannot twist the lid off a jar"));
  EXPECT_FALSE(stops_at_opening(
      "my toes tingle after long runs, and the jar lids in this house are always too tight"));
}

// "This week's been a total car crash" is a bad week, not an injury.
TEST(FortyThirdRoundOpenings, ACarCrashOfAWeek) {
  EXPECT_FALSE(stops_at_opening(
      "honestly today has been a car crash, and my right little toe has been numb since friday"));
  EXPECT_TRUE(stops_at_opening(
      "i was in a car crash last night and now my lower back hurts and both legs are numb"));
}

// A thing named and then pointed back at ("does that count?") is had; a term asked about
// ("what do you mean lowers my immunity?") is still asked again.
TEST(FortyThirdRoundReading, WhatCountsPointedBackAt) {
  EXPECT_EQ(
      typed_answer("q_immune", "i take prednisolone every day for my asthma, does that count?"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_immune", "what do you mean lowers my immunity?"), Answer::clarify);
  EXPECT_EQ(typed_answer("q_fever", "i had a cold last week, does that count?"), Answer::clarify);
}

// Dictation's "their" after "down" is a place; "clean" said of the kit tells of injecting;
// the baby's temperature is the baby's when the writer is fine; seeing double counts.
TEST(FortyThirdRoundReading, PlacesKitOtherPeopleAndDoubleVision) {
  EXPECT_EQ(typed_answer("q_saddle", "know feeling down their since lunch"), Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "now and then but always clean needles"), Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "no, been clean since 2019"), Answer::no);
  EXPECT_EQ(typed_answer("q_fever", "my son has a temperature, im fine"), Answer::no);
  EXPECT_EQ(typed_answer("q_fever", "my son says i have a temperature"), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "arms fine, but i saw double for a minute this morning"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "Na"), Answer::no);
  EXPECT_EQ(typed_answer("q_worse", "maybe a bit further up my shin than yesterday"), Answer::yes);
}

// From the open set's misreads (answers-open.jsonl), beside the round: a temperature read
// "half an hour ago" or with paracetamol "since"; places that climb day by day; a cancer
// "diagnosed" or watched; a spinal anaesthetic; puffed where the writer never used to
// be, not where they always have been.
TEST(FortyThirdRoundReading, OpenSetAnswers) {
  EXPECT_EQ(typed_answer("q_fever", "39.1 on the thermometer half an hour ago"), Answer::yes);
  EXPECT_EQ(typed_answer("q_fever", "102 last night, took ibuprofen since"), Answer::yes);
  EXPECT_EQ(typed_answer("q_worse",
                         "Sunday it was just my toes, Tuesday the ankles, today its past my knees"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_cancer", "breast, diagnosed last spring, on tablets for it"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_cancer", "no, never been diagnosed with anything"), Answer::no);
  EXPECT_EQ(typed_answer("q_procedure", "a spinal anaesthetic for my hip op last week"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_breath", "I get puffed on one flight now, never used to"), Answer::yes);
  EXPECT_EQ(typed_answer("q_breath",
                         "puffed on the stairs but I have had asthma for years, same as ever"),
            Answer::no);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::forty_third_round_test

namespace triagebot::dialogs::testing::forty_third_round_test {
namespace {

using C = SafetyCategory;

// Thrown, dragged or pushed somewhere by someone is a disclosure; pushed to see a doctor,
// pushed across a park in a wheelchair, thrown a ball or off a trampoline as kids is not.
TEST(FortyThirdRoundSafety, ThrownOrDraggedBySomeone) {
  EXPECT_TRUE(
      safety_fires("my gf shoved me against the fridge last night and my foot is numb", C::abuse));
  EXPECT_TRUE(safety_fires("he dragged me down the hall by my arm, she slap me too", C::abuse));
  EXPECT_FALSE(safety_fires("my wife pushed me to see a doctor about my numb feet", C::abuse));
  EXPECT_FALSE(
      safety_fires("my son pushed me across the park in my wheelchair, lovely day", C::abuse));
  EXPECT_FALSE(
      safety_fires("my brother threw me off the trampoline when we were kids lol", C::abuse));
}

// Abuse told without its name, which the learned backstop now scores (kModelCategories):
// made to kneel for hours, a passport kept, a pension taken with a threat.
TEST(FortyThirdRoundSafety, AbuseWithoutItsName) {
  EXPECT_TRUE(safety_fires(
      "my shins are numb because she makes me kneel on the bathroom floor for hours when i get "
      "something wrong, she is home at 5",
      C::abuse));
  EXPECT_TRUE(safety_fires(
      "my employer keeps my passport and hits me when i ask for a day off, my legs are numb from "
      "standing",
      C::abuse));
  EXPECT_FALSE(safety_fires(
      "my daughter keeps my passport in her safe for me because i lose things, my feet tingle",
      C::abuse));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::forty_third_round_test
