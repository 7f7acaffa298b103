// What a seventeenth held-out round found (a helper's 50 safety lines written apart from
// the code: parents of small children, pregnant women and new mothers, the very old
// writing formally, the drunk, euphemisms for dying, carers' numbers and jargon, a crisis
// at the end of a long message; docs/safety.md), and an eighteenth round's safety lines,
// and the rules they led to, each with the look-alike it must not catch.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::seventeenth_round_reading_test {
namespace {

using C = SafetyCategory;

// A small child with medicine or a poison in the mouth; someone else's opioids; pupils
// named before their size. Not a tablet put away, a child beside the word "tablets".
TEST(SeventeenthRoundSafety, ChildrenWithMedicineAndPoisons) {
  EXPECT_TRUE(safety_fires("found my 2 year old with my iron tablets, the lid was off",
                           C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("my toddler bit into one of the dishwasher tablets, his mouth is all "
                   "foamy",
                   C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("had most of a bottl of vodka n took 4 of my nans oxys", C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("She's very drowsy, pupils pinpoint, RR 8", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("I put my tablets away in the cupboard", C::overdose_poisoning));
}

// A child choking now, a carer's signs of failing breath, a throat "swelin" after a sting;
// not a choke that is over.
TEST(SeventeenthRoundSafety, BreathFailingInOtherWords) {
  EXPECT_TRUE(
      safety_fires("my 2 year old is choking on a grape, he can't cough or make any "
                   "noise",
                   C::breathing));
  EXPECT_TRUE(
      safety_fires("using his neck muscles to breathe and can only get 2 words out", C::breathing));
  EXPECT_TRUE(safety_fires("got stung by a wasp n now my throat is swelin up", C::breathing));
  EXPECT_FALSE(safety_fires("my baby was choking on a grape but I got it out and he is fine now",
                            C::breathing));
}

// Chest pain on one side of the chest, five words from the pain.
TEST(SeventeenthRoundSafety, PainOnTheSideOfTheChest) {
  EXPECT_TRUE(
      safety_fires("I've got a sharp stabbing pain on the right side of my chest every "
                   "time I breathe in",
                   C::chest_pain));
}

// Euphemisms and means, and preparations said in passing; not a hosepipe to wash the car,
// courage to see the GP, the last day at work.
TEST(SeventeenthRoundSafety, EuphemismsMeansAndPreparations) {
  EXPECT_TRUE(safety_fires("I'm ready to cash in my chips for good", C::self_harm));
  EXPECT_TRUE(safety_fires("I have been putting my sleeping tablets by in a jar", C::self_harm));
  EXPECT_TRUE(
      safety_fires("Margaret passed two years ago... I think it is time I went to join "
                   "her",
                   C::self_harm));
  EXPECT_TRUE(safety_fires("I've made up my mind Sunday is going to be my last day", C::self_harm));
  EXPECT_TRUE(
      safety_fires("ready to switch off the lights, I've given the dog to my brother and "
                   "cleared out my flat this week",
                   C::self_harm));
  EXPECT_FALSE(safety_fires("I've got the hosepipe out to wash the car", C::self_harm));
  EXPECT_FALSE(safety_fires("I worked up the courage to ask my GP about my legs", C::self_harm));
  EXPECT_FALSE(
      safety_fires("my last day at work is friday, made up my mind to retire", C::self_harm));
}

// An eighteenth round (40 lines: accidents at work, sport and outdoors, people who know
// their own emergencies, veterans and hostels, two languages, polite messages that bury
// the emergency, what a bystander sees and hears): what it led to, with look-alikes.
TEST(EighteenthRoundSafety, PeopleWhoKnowTheirOwnEmergencies) {
  EXPECT_TRUE(
      safety_fires("Had 3 sprays of the GTN over 15 minutes and it's not easing", C::chest_pain));
  EXPECT_FALSE(safety_fires("my hayfever nasal spray is not working this year", C::chest_pain));
  EXPECT_TRUE(
      safety_fires("I'm on warfarin, been pressing on it 20 minutes and it's still "
                   "pouring through the tea towel",
                   C::severe_bleeding));
  EXPECT_TRUE(safety_fires("there's bright red blood coming out of his thigh in spurts",
                           C::severe_bleeding));
  EXPECT_TRUE(safety_fires("swallowed a mouthful of degreaser at work", C::overdose_poisoning));
}

TEST(EighteenthRoundSafety, WhatABystanderSeesAndHears) {
  EXPECT_TRUE(safety_fires("now she's on the grass mumbling nonsense and won't open her eyes",
                           C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("his eyes are half open but he's not looking at me when I say his "
                   "name",
                   C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("he won't open his eyes in the morning till he has coffee lol",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("the kids are talking nonsense again", C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("did first aid at work today, spent hours doing CPR on a dummy that "
                   "had collapsed",
                   C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("Nothing urgent at all, no chest pain or trouble breathing", C::breathing));
}

TEST(EighteenthRoundSafety, ABurdenAGunAndAnotherLanguage) {
  EXPECT_TRUE(safety_fires("I've decided tonight is the night I stop being a burden to everyone",
                           C::self_harm));
  EXPECT_TRUE(safety_fires("ab jeene ka mann nahi karta, sab khatam karna hai", C::self_harm));
  EXPECT_TRUE(
      safety_fires("shotgun's in the cabinet and I keep thinking it'd be easier for "
                   "everyone if I used it on myself",
                   C::self_harm));
  EXPECT_FALSE(
      safety_fires("it would be easier for everyone if I got a lift to the GP", C::self_harm));
  EXPECT_FALSE(safety_fires("tonight is the night of the big match", C::self_harm));
}

// The round's 40 first messages: two emergencies were missed. "when I was cooking" told
// what the person was doing two hours ago, and was read as a time of life gone by ("when
// I was 15"), which silenced the whole message; "pain in the low back" was no back pain.
TEST(SeventeenthRoundOpenings, WhatThePersonWasDoingIsNotTheirPast) {
  EXPECT_TRUE(
      stops_at_opening("Two hours ago when I was cooking the food suddenly my left leg "
                       "it starts to hurt very much and is numb, the foot is very pale "
                       "and cold like ice"));
  EXPECT_FALSE(
      stops_at_opening("when I was 15 my left foot went pale and cold like ice for a "
                       "while"));
  EXPECT_TRUE(
      states_finding("left leg went numb out of nowhere about 40 mins ago when i was "
                     "making a brew",
                     "onset_sudden"));
}

// The safety screen asks the same: a crisis that began "when I was walking the dog" is now.
TEST(SeventeenthRoundSafety, WhatThePersonWasDoingIsNotTheirPast) {
  EXPECT_TRUE(safety_fires("when I was walking the dog my chest started crushing", C::chest_pain));
  EXPECT_FALSE(safety_fires("when I was 15 I collapsed at school", C::collapse_unresponsive));
}

TEST(SeventeenthRoundOpenings, TheLowBackIsTheBack) {
  EXPECT_TRUE(
      stops_at_opening("I take methotrexate and prednisone. Since four days I have a lot "
                       "of pain in the low back, day and night, and a little fever. "
                       "Yesterday my left leg start to be numb with tingling."));
  EXPECT_EQ(typed_answer("q_back_pain", "yes, low back"), Answer::yes);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::seventeenth_round_reading_test
