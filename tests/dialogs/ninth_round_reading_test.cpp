// What the eighth held-out probe left for the next round, and the general rules it led
// to (docs/reading.md "Measured"): a no that turns and then states the red flag in other
// words, an episode that has passed, emergencies opened in words the knowledge base
// lacked, and long-standing things read as new; each with the look-alike it must not
// catch. Single replies are judged by how the reader takes them; openings by what the
// interview's first step makes of them (dialogs::step, as the server runs it).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "dialogs/engine.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::ninth_round_reading_test {
namespace {

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

// The red flag the interview's first step stops for, or "" when it asks on.
std::string first_step_red_flag(const std::string& opening) {
  Turn t = say_at(Session{}, opening);
  if (!t.assessment || t.assessment->triage != Triage::emergency) return "";
  return t.assessment->red_flags.empty() ? "?" : t.assessment->red_flags.front();
}

TEST(NinthRoundReading, ANoThatTurnsToTheSymptomInOtherWordsIsYes) {
  EXPECT_EQ(answer("q_cold", "not cold, tho it looks a bit bluish"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "not weak no. well stairs are harder than last week"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "no, just numb, tho i keep catching my toe on the carpet"),
            Answer::yes);
  EXPECT_EQ(answer("q_weak", "no weakness as such, my foot just slaps down when i walk"),
            Answer::yes);
  EXPECT_EQ(
      answer("q_bladder", "not rlly, just have to strain a lot to get it going since tuesday"),
      Answer::yes);
  EXPECT_EQ(answer("q_bladder", "no accidents, but i havent been able to go since this morning"),
            Answer::yes);
  EXPECT_EQ(answer("q_bladder", "no leaks. i dont feel when i need to go tho"), Answer::yes);
  EXPECT_EQ(answer("q_saddle", "no not numb there, just feels odd when i wipe"), Answer::yes);
  EXPECT_EQ(answer("q_saddle", "no, though my bits feel kind of tingly"), Answer::yes);
  EXPECT_EQ(answer("q_stroke",
                   "not that i know of. my hand went weird and clumsy for a bit earlier though"),
            Answer::yes);
  EXPECT_EQ(answer("q_breath", "not really, just a bit tight in the chest when i lie down"),
            Answer::yes);
  EXPECT_EQ(answer("q_fever", "not that i measured. felt boiling hot then freezing"), Answer::yes);
  EXPECT_EQ(answer("q_injury", "no, well i slipped on the ice and landed on my back on sunday"),
            Answer::yes);
  EXPECT_EQ(answer("q_injury", "no fall. got rear ended in the car last week though"), Answer::yes);
}

TEST(NinthRoundReading, ANoThatNamesOnlyWhatThereIsStaysNo) {
  EXPECT_EQ(answer("q_weak", "she says no, just heavy"), Answer::no);  // heaviness is not weakness
  EXPECT_EQ(answer("q_weak", "not weak, just numb and tingly"), Answer::no);
  EXPECT_EQ(answer("q_weak", "no, stairs are fine"), Answer::no);
  EXPECT_EQ(answer("q_fever", "no, just a bit of a cold"), Answer::no);
  EXPECT_EQ(answer("q_bladder", "no, just the usual getting up once at night"), Answer::no);
  EXPECT_EQ(answer("q_breath", "no, only out of puff on the stairs like always"), Answer::no);
  EXPECT_EQ(answer("q_cold", "no, its warm and pink"), Answer::no);
  EXPECT_EQ(answer("q_cold", "no, the bruise is a bit purple from when i knocked it"), Answer::no);
  EXPECT_EQ(answer("q_weak", "i can stand on my tiptoes fine"), Answer::no);
}

TEST(NinthRoundReading, AnEpisodeThatPassedIsYesToAScreenForSomethingNew) {
  EXPECT_EQ(answer("q_stroke", "nothing like that now, it was yesterday for 10 min"), Answer::yes);
  EXPECT_EQ(answer("q_stroke", "not now. it happened this morning for a few minutes"), Answer::yes);
  EXPECT_EQ(answer("q_fever", "no, not now, had one yesterday"), Answer::yes);
  EXPECT_EQ(answer("q_stroke", "no, fine now"), Answer::no);
  EXPECT_EQ(answer("q_stroke", "no not now, had a stroke 5 years ago"), Answer::no);
  EXPECT_EQ(answer("q_stroke", "no, not now, and it wasnt yesterday either"), Answer::no);
}

TEST(NinthRoundReading, EmergenciesOpenedInEverydayWordsStopTheInterview) {
  EXPECT_EQ(first_step_red_flag("my left foot suddenly went numb an hour ago and its gone a funny "
                                "grey colour and freezing compared to the other one"),
            "acute_limb_ischemia_signs");
  EXPECT_EQ(first_step_red_flag(
                "dads right leg all of a sudden is really painful and numb and looks kind of "
                "marbled purple"),
            "acute_limb_ischemia_signs");
  EXPECT_EQ(first_step_red_flag("numb legs and i cant walk at all"),
            "rapidly_progressive_weakness");
  // Both legs weak since this morning: new weakness over hours.
  EXPECT_EQ(first_step_red_flag("since this morning my legs keep giving way and both are numb"),
            "rapidly_progressive_weakness");
  EXPECT_EQ(first_step_red_flag("my leg went numb yesterday for about 10 mins along with my arm, "
                                "its fine now"),
            "stroke_signs");
  EXPECT_EQ(first_step_red_flag("both my legs are weak and numb and my breathing feels shallow"),
            "ascending_weakness");
  EXPECT_EQ(first_step_red_flag("my legs feel like jelly and i keep falling over since yesterday"),
            "ascending_weakness");
  EXPECT_EQ(first_step_red_flag(
                "got rear ended at the lights on tuesday, neck is stiff and my legs feel numb"),
            "spinal_trauma");
}

TEST(NinthRoundReading, LookAlikesOfThoseEmergenciesAskOn) {
  // One leg after sitting cross-legged: a pressed nerve, asked about, not an emergency.
  EXPECT_EQ(first_step_red_flag("sat with my legs crossed most of a long flight yesterday, now "
                                "my right foot slaps when i walk"),
            "");
  EXPECT_EQ(first_step_red_flag("my mum was paralysed from the waist down before she died, im "
                                "scared because my foot is numb"),
            "");
  EXPECT_EQ(first_step_red_flag("my leg feels a bit heavy going up stairs"), "");
  EXPECT_FALSE(states_finding("my leg feels a bit heavy going up stairs", "worsening"));
  EXPECT_FALSE(states_finding("leg numb, been shaky, hot and cold", "limb_cold_pale"));
  EXPECT_FALSE(states_finding("my husband is gasping for air and has gone a funny grey colour",
                              "limb_cold_pale"));
}

TEST(NinthRoundReading, WordsThatMeanSomethingElseStateNothing) {
  EXPECT_FALSE(states_finding("ive had a weak bladder since my kids", "weakness"));
  EXPECT_FALSE(states_finding("my stream has been weak for years", "weakness"));
  EXPECT_FALSE(states_finding("my immune system is weak and my leg is numb", "weakness"));
  EXPECT_TRUE(states_finding("weak ankle on the left since tuesday", "weakness"));
  EXPECT_TRUE(states_finding("weak bladder for years but now my leg is weak too", "weakness"));
}

TEST(NinthRoundReading, LongStandingIsNoToAScreenForSomethingNew) {
  EXPECT_EQ(answer("q_bladder", "ive had a weak bladder since my kids"), Answer::no);
  EXPECT_EQ(answer("q_bladder", "weak bladder since my kids but now i cant go at all"),
            Answer::yes);
  EXPECT_EQ(answer("q_cold", "my feet are always cold lol, nothing new"), Answer::no);
  EXPECT_EQ(answer("q_cold", "my feet are always cold, but the left one has gone white today"),
            Answer::yes);
}

// What a second probe of the round, written apart from the reader (answers-extra.jsonl's
// last 150 lines, openings-extra.jsonl, safety-utterances-extra.jsonl's last 60), led to.
TEST(NinthRoundReading, AListClosedByANormalStateDeniesEveryItem) {
  EXPECT_EQ(answer("q_stroke", "Nope. Face, speech, eyes, arms all normal."), Answer::no);
  EXPECT_FALSE(
      states_finding("gp checked my back and bladder, all fine, numb toes", "bladder_trouble"));
  EXPECT_TRUE(states_finding("my speech is slurred, my face is fine", "speech_trouble"));
  EXPECT_TRUE(states_finding("leg numb and weak, all fine otherwise", "weakness"));
  EXPECT_TRUE(states_finding("went numb along with my arm, its fine now", "stroke_signs"));
}

TEST(NinthRoundReading, WhetherSomethingHappenedAskedInsideAStatementStatesNothing) {
  EXPECT_FALSE(states_finding("how would i even know if my face drooped", "stroke_signs"));
  EXPECT_FALSE(states_finding("not sure whether my speech is off", "speech_trouble"));
  EXPECT_EQ(answer("q_stroke",
                   "idk how would i even know if my face drooped, i live on my own "
                   "and havent looked in a mirror today"),
            Answer::unsure);
  EXPECT_TRUE(states_finding("i dont know if its related but my face drooped this morning",
                             "stroke_signs"));
}

TEST(NinthRoundReading, AnActuallyOrEvenAfterANegatorOnlyStressesIt) {
  EXPECT_EQ(answer("q_bladder", "havent actually been for a wee since last night now u mention it"),
            Answer::yes);
  EXPECT_TRUE(states_finding("i cant even walk to the loo", "weakness"));
  EXPECT_EQ(answer("q_injury", "i didnt actually fall"), Answer::no);
}

TEST(NinthRoundReading, TwoTemperaturesAtTwoTimesGiveTheHigher) {
  EXPECT_EQ(answer("q_fever", "38 yesterday, 37.2 today after paracetamol"), Answer::yes);
  EXPECT_NE(answer("q_fever", "37.2 then 36.9"), Answer::yes);
}

TEST(NinthRoundReading, SomeoneElsesEventBesideTheirOwnSymptomIsNotTheirs) {
  EXPECT_EQ(first_step_red_flag(
                "neighbour fell off a ladder yesterday and now im paranoid about my own numb toes"),
            "");
  EXPECT_EQ(first_step_red_flag("my neighbour fell off a ladder and now her legs are numb"),
            "spinal_trauma");
  EXPECT_EQ(first_step_red_flag("nearly wet myself laughing watching my husband try to walk after "
                                "his leg fell asleep"),
            "");
  EXPECT_EQ(first_step_red_flag("cold feet my whole life, toes go white then red in winter then "
                                "back to normal"),
            "");
}

TEST(NinthRoundReading, CrisesSaidInTheSecondProbesWords) {
  EXPECT_TRUE(safety_fires("my son keeps saying hes going to end it and wont talk to anyone",
                           SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("wife is wheezing really bad and her inhaler isnt doing anything",
                           SafetyCategory::breathing));
  EXPECT_TRUE(safety_fires("took way more of my gabapentin than i should, like the whole strip",
                           SafetyCategory::overdose_poisoning));
  EXPECT_TRUE(safety_fires("cut my leg on a sheet of glass and its pumping out, wont stop",
                           SafetyCategory::severe_bleeding));
  EXPECT_FALSE(safety_fires("the dog nearly gave me a heart attack jumping on my numb foot",
                            SafetyCategory::chest_pain));
  EXPECT_FALSE(safety_fires("I collapsed on the sofa after work, knackered",
                            SafetyCategory::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("think i poisoned myself with my own cooking last night haha",
                            SafetyCategory::overdose_poisoning));
}

// What a third probe of the round, 30 whole conversations written apart from the reader
// (vignettes-extra-hard.jsonl h44-h73), led to.
TEST(NinthRoundReading, WhatFollowsTheLastButIsTheConclusion) {
  EXPECT_EQ(answer("q_weak", "legs feel a bit heavy but i can walk"), Answer::no);
  EXPECT_EQ(answer("q_weak", "i can walk but it gives way on the stairs"), Answer::yes);
  EXPECT_EQ(answer("q_worse", "on and off for years but worse since the weekend"), Answer::yes);
}

TEST(NinthRoundReading, WalkingThatEasesItIsNoToWalkingBringingItOn) {
  EXPECT_EQ(answer("q_walking", "walking about makes it go away after a min"), Answer::no);
  EXPECT_EQ(answer("q_walking", "yes after about 200 yards i have to stop"), Answer::yes);
  EXPECT_EQ(answer("q_walking", "after 10 minutes walking it comes on"), Answer::yes);
}

TEST(NinthRoundReading, APronounBeforeItsTimeReachesBack) {
  EXPECT_EQ(answer("q_bladder",
                   "I get up twice in the night to pass water, but I have done that "
                   "for years. Nothing new."),
            Answer::no);
  // "this back pain" names something else: the retention stays new.
  EXPECT_EQ(answer("q_bladder", "I cant pee, and Ive had this back pain for years"), Answer::yes);
}

TEST(NinthRoundReading, ACarersWordsForToesThatWillNotMove) {
  EXPECT_EQ(
      first_step_red_flag("mums foot went numb an hour ago and she cant really move her toes"),
      "acute_limb_ischemia_signs");
  EXPECT_TRUE(
      states_finding("when i sit crosslegged in assembly my legs go numb", "position_trigger"));
  EXPECT_FALSE(
      states_finding("i can barely walk for like a minute after, then its fine", "weakness"));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::ninth_round_reading_test
