// The twenty-fifth held-out round (60 safety lines in voices not met before: very old
// people, voice-to-text, second-language word order, veterans, fishermen, truckers,
// gamers, clinicians' shorthand, Filipino, Indian, Irish and Welsh English) missed 11 of
// 42 crises and fired 9 of 18 look-alikes on its first run (docs/safety.md "Measured").
// Each fix is general and has its look-alike beside it; the twenty-sixth round's follow.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"

namespace triagebot::dialogs::testing::twenty_fifth_and_sixth_round_reading_test {
namespace {

using C = SafetyCategory;

// Over, told after it: a later clause that says it stopped, healed or was cleared sets
// the emergency aside; not one that is itself now, and a poisoning only when someone who
// knows cleared it (feeling fine is how a paracetamol overdose starts).
TEST(TwentyFifthRound, AnEmergencyToldOverSinceIsSetAside) {
  EXPECT_FALSE(
      safety_fires("the cut on my shin bled loads last night but A&E glued it and it's stopped now",
                   C::severe_bleeding));
  EXPECT_FALSE(safety_fires("shouted myself breathless on the touchline, fine now, but my calf",
                            C::breathing));
  EXPECT_FALSE(
      safety_fires("my little one licked a dishwasher tablet on Tuesday, poison centre said "
                   "she'd be fine and she's been totally normal since",
                   C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("my aunt was brought to A&E for fainting, she is discharged and okay",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires(
      "man next to me fainted earlier but the nurses sorted him and he's sat up drinking tea now",
      C::collapse_unresponsive));
  // Still an emergency: bleeding now, not over; tablets taken and feeling fine.
  EXPECT_TRUE(safety_fires("my shin is bleeding loads, it's not stopped now", C::severe_bleeding));
  EXPECT_TRUE(safety_fires("the cut is pouring blood now, but the nurse said it'll be fine",
                           C::severe_bleeding));
  EXPECT_TRUE(
      safety_fires("took 30 paracetamol an hour ago but I feel fine now", C::overdose_poisoning));
}

// A year gone by and "last week" date a clause; a supposition opened with "if ... ever".
TEST(TwentyFifthRound, AYearGoneByAndAnIfEverAreNotNow) {
  EXPECT_FALSE(safety_fires("when my brother overdosed in 2019 his legs went numb too",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("my nan collapsed last week", C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires(
      "if the chest pain my doctor warned me about ever comes on, do I ring 999 first?",
      C::chest_pain));
  EXPECT_TRUE(safety_fires("if this chest pain gets any worse should I ring 999", C::chest_pain));
  EXPECT_TRUE(safety_fires("he collapsed 20 minutes ago", C::collapse_unresponsive));
}

// Words typed one to a sentence are one clause; an answer between them keeps them apart.
TEST(TwentyFifthRound, WordsTypedOneToASentenceAreReadTogether) {
  EXPECT_TRUE(safety_fires("cant. get. air.", C::breathing));
  EXPECT_TRUE(safety_fires("cant. breathe. proper.", C::breathing));
  EXPECT_FALSE(safety_fires("chest pain? no. sweating? no. only foot.", C::chest_pain));
}

// Voices met for the first time.
TEST(TwentyFifthRound, NewVoicesOfTheSameEmergencies) {
  EXPECT_TRUE(safety_fires("central crushing CP radiating L arm, diaphoretic", C::chest_pain));
  EXPECT_FALSE(safety_fires("my son has CP and his legs are tight and sore", C::chest_pain));
  EXPECT_TRUE(safety_fires("skipper's heaving for air, inhaler's done nowt", C::breathing));
  EXPECT_TRUE(safety_fires("Breathing very difficult is for me now, air not coming enough in",
                           C::breathing));
  EXPECT_TRUE(
      safety_fires("cnt get brethh properly feels like im drownin on dry land", C::breathing));
  EXPECT_FALSE(safety_fires("I feel like I'm drowning in paperwork", C::breathing));
  EXPECT_TRUE(safety_fires("hes on the floor jerking and foaming", C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("he's breathing but no response when I shout at him", C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("I past out leaflets at church all morning", C::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("rope's already up", C::self_harm));
  EXPECT_FALSE(safety_fires("the climbing rope's already up on the wall", C::self_harm));
  EXPECT_TRUE(safety_fires("pistol's cleaned and on the table, tonight's the night", C::self_harm));
  EXPECT_FALSE(safety_fires("did a suicide prevention course at work today", C::self_harm));
  EXPECT_TRUE(safety_fires(
      "cab's been smelling of exhaust all night, head's pounding and I keep losing track",
      C::overdose_poisoning));
  EXPECT_TRUE(safety_fires(
      "could not remember if I had had my morphine so I took them again, ever so drowsy",
      C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("I take my tablets three times a day and they make me drowsy",
                            C::overdose_poisoning));
}

// The twenty-sixth round (builders, new mothers, hill walkers, autistic and dyslexic
// writers, Australian, American, Ghanaian, Polish, Romanian and Arabic speakers, a
// crisis in a P.S.) missed 6 of 40 crises and fired 7 of 20 look-alikes on its first run.
TEST(TwentySixthRound, CrisesToldPlainlyOrAtTheEnd) {
  EXPECT_TRUE(safety_fires("cnt gt air in, panting but im jst sittng on th sofa", C::breathing));
  EXPECT_TRUE(safety_fires(
      "I am currently unable to inhale fully. Each breath stops about halfway.", C::breathing));
  EXPECT_TRUE(safety_fires("I have decided that I will stop being alive on Friday.", C::self_harm));
  EXPECT_TRUE(safety_fires(
      "P.S. no need to book me anything for next month, I won't be around by then.", C::self_harm));
  EXPECT_TRUE(safety_fires(
      "Left the car with a note on the dashboard. Walking out to the edge now.", C::self_harm));
  EXPECT_TRUE(
      safety_fires("I've started hurting myself again with a blade and the cuts are getting deeper",
                   C::self_harm));
  EXPECT_FALSE(safety_fires("the plumber won't be around by then, can you book me for Monday",
                            C::self_harm));
}

TEST(TwentySixthRound, JobsLaughterAndEventsClearedSinceAreNotNow) {
  EXPECT_FALSE(safety_fires("did my first real CPR today on a man who'd collapsed, he survived",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("Lifeguard, I drag blokes out who can't breathe every other week",
                            C::breathing));
  EXPECT_FALSE(safety_fires("I count out overdose-risk meds all day as a pharmacist",
                            C::overdose_poisoning));
  EXPECT_FALSE(
      safety_fires("Had some chest tightness on the stairs last Tuesday, EKG and troponin "
                   "were normal and it hasn't come back",
                   C::chest_pain));
  EXPECT_FALSE(safety_fires("couldn't breathe by the last set of squats, all fine after a sit down",
                            C::breathing));
  EXPECT_FALSE(
      safety_fires("Laughed so hard at the school panto I couldn't breathe", C::breathing));
  // Still now: the tightness is today, and nobody has cleared it.
  EXPECT_TRUE(
      safety_fires("chest tightness on the stairs this morning and it hasn't gone", C::chest_pain));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::twenty_fifth_and_sixth_round_reading_test
