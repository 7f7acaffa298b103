// The safety screen's second stage (dialogs/safety_signs.h): an emergency told through
// its signs, each in words of its own and often in different clauses, fires when a sign
// of every kind is there; one sign alone, or signs denied, asked about or long past, do
// not. Written after a nineteenth held-out round missed 31 of 42 crises on its first run
// (docs/safety.md).
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"

namespace triagebot::dialogs::testing::signs_that_add_up_test {
namespace {

using C = SafetyCategory;

// A place, a feeling and an alarm feature or a recent onset; ribs only with an alarm
// feature (a shingles band or a spinal cord's hug is felt there too).
TEST(SignsThatAddUp, ChestPainToldThroughItsSigns) {
  EXPECT_TRUE(
      safety_fires("theres a vice round my ribcage, and i am sweating buckets", C::chest_pain));
  EXPECT_TRUE(safety_fires("he keeps holding his chest, sweat pouring off him", C::chest_pain));
  EXPECT_TRUE(safety_fires("ache behind my boobs, 9/10, started 20 mins ago", C::chest_pain));
  EXPECT_TRUE(
      safety_fires("a stabbing pressure under my ribs and my heart is going like the "
                   "clappers",
                   C::chest_pain));
  EXPECT_FALSE(safety_fires("a burning band round my ribs since yesterday, came on suddenly",
                            C::chest_pain));
  EXPECT_FALSE(safety_fires("my ribs are sore from coughing", C::chest_pain));
  EXPECT_FALSE(
      safety_fires("no tightness in my chest, no sweating, just the numb foot", C::chest_pain));
  EXPECT_FALSE(safety_fires("chest pain? no. sweating? no. only foot.", C::chest_pain));
}

// Breath with a sign of how bad; not air alone, nor drowning in work.
TEST(SignsThatAddUp, BreathFailingToldThroughItsSigns) {
  EXPECT_TRUE(
      safety_fires("gasping, with a rattly noise, and she can't lie back down", C::breathing));
  EXPECT_TRUE(safety_fires("a wasp got me and my tongue feels thick, im wheezy", C::breathing));
  EXPECT_TRUE(safety_fires("i need air after every two words", C::breathing));
  EXPECT_TRUE(safety_fires("breathing through a straw, lips look grey", C::breathing));
  EXPECT_FALSE(safety_fires("drowning in paperwork and my foot is numb", C::breathing));
  EXPECT_FALSE(safety_fires("went out for some fresh air and my leg tingled", C::breathing));
  EXPECT_FALSE(
      safety_fires("what should I do if the numbness ever reaches my chest or I can't "
                   "breathe?",
                   C::breathing));
}

// Gone down and not answering, or tried and not answering; not a phone unanswered.
TEST(SignsThatAddUp, ACollapseABystanderTells) {
  EXPECT_TRUE(safety_fires("grandad went down like a sack of potatoes, cant get a word out of him",
                           C::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("there was a thud upstairs, I keep calling her name, no answer",
                           C::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("he's on the kitchen floor, out cold", C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("fell on the ice last week, rang the surgery, no answer",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("I keep calling her name but the cat never comes, my foot is numb",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("spent my shift doing CPR on a collapsed patient, now my knee is numb",
                            C::collapse_unresponsive));
}

// A flow with how much or how long; not water, not a bleed that stopped.
TEST(SignsThatAddUp, HeavyBleedingToldThroughItsSigns) {
  EXPECT_TRUE(safety_fires("it's gushing and the towel is soaked already", C::severe_bleeding));
  EXPECT_TRUE(
      safety_fires("my nose has been pouring for 40 minutes and I have nearly filled a bowl",
                   C::severe_bleeding));
  EXPECT_TRUE(
      safety_fires("gave birth last week, a gush came out, soaked a pad, clots like "
                   "plums",
                   C::severe_bleeding));
  EXPECT_FALSE(safety_fires("the pipe burst and water is gushing everywhere", C::severe_bleeding));
  EXPECT_FALSE(safety_fires("walked home in the pouring rain for 45 minutes, feet numb",
                            C::severe_bleeding));
  EXPECT_FALSE(
      safety_fires("small nosebleed this morning, stopped after 10 minutes", C::severe_bleeding));
}

// A whole supply taken; a poison with a sign it went in; a heater and everyone unwell.
// Not a side effect, not a blocked drain.
TEST(SignsThatAddUp, PoisoningToldThroughItsSigns) {
  EXPECT_TRUE(safety_fires("she left a note: took everything in the drawer. it was her sertraline",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("the baby had a laundry pod in his mouth and he's drooling",
                           C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("we all have pounding heads since the boiler came on and the dog "
                   "won't get up",
                   C::overdose_poisoning));
  EXPECT_FALSE(
      safety_fires("I took my gabapentin and now I feel dizzy and sick", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("the boiler broke and my feet are freezing", C::overdose_poisoning));
}

// A means at hand with a time or a leave-taking; not a rope for work, nor a fall.
TEST(SignsThatAddUp, AMeansAndATime) {
  EXPECT_TRUE(
      safety_fires("the rifle is loaded on the kitchen table. tonight's the night", C::self_harm));
  EXPECT_TRUE(
      safety_fires("I have been saving my tablets aside and now have enough", C::self_harm));
  EXPECT_TRUE(safety_fires("wont need my legs after I jump off the bridge later", C::self_harm));
  EXPECT_FALSE(safety_fires("fell off the roof last week, my leg is numb and tonight it's worse",
                            C::self_harm));
  EXPECT_FALSE(safety_fires("I use a tow rope on the farm tonight", C::self_harm));
  EXPECT_TRUE(safety_fires("tonight I go home to Him by my own hand", C::self_harm));
}

// What a twentieth round brought (its first run missed 11 of 42 crises with the second
// stage, 12 without): bleeding inside, a week's patches at once, fresh cuts with a wish
// to disappear, a flow that "won't stop"; and the look-alikes it fired on.
TEST(SignsThatAddUp, TheTwentiethRoundsSigns) {
  EXPECT_TRUE(safety_fires("sick that looks like coffee grounds, I nearly passed out standing",
                           C::severe_bleeding));
  EXPECT_TRUE(safety_fires("cut on his arm, it won't stop pouring", C::severe_bleeding));
  EXPECT_TRUE(safety_fires("she has put all her patches on at once and is very drowsy",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("my son's arms have fresh cuts and he says he wants to disappear",
                           C::self_harm));
  EXPECT_TRUE(
      safety_fires("a tight band across the middle of me going up into my neck, feel "
                   "sick",
                   C::chest_pain));
  EXPECT_FALSE(
      safety_fires("spilled the coffee grounds and felt dizzy from the smell", C::severe_bleeding));
  EXPECT_FALSE(
      safety_fires("got winded at rugby, couldn't get my breath for a few seconds then "
                   "fine",
                   C::breathing));
  EXPECT_FALSE(safety_fires("my cat collapsed last night and the vet kept her in",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("I spend my shifts kneeling over people who've collapsed",
                            C::collapse_unresponsive));
}

// Rounds 21 and 22 (their first runs: docs/safety.md "The learned backstop"): the signs
// and first-stage phrases their misses led to, and the look-alikes they fired on.
TEST(SignsThatAddUp, TheTwentyFirstAndSecondRoundsSigns) {
  EXPECT_TRUE(
      safety_fires("an iron band tightening round my ribs, sweat pouring off me and I "
                   "feel sick",
                   C::chest_pain));
  EXPECT_TRUE(
      safety_fires("Gerald has an ache between the nipples like a fist squeezing and "
                   "looks grey",
                   C::chest_pain));
  EXPECT_TRUE(
      safety_fires("she is sucking in under her ribs and her nostrils are flaring", C::breathing));
  EXPECT_TRUE(
      safety_fires("he had the car engine running in the garage with the door shut, "
                   "now a bad headache",
                   C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("the toddler found my tablets and chewed a whole strip, now floppy",
                           C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("three patches on now and my pupils are very small", C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("there's a dark red puddle under my wheelchair that keeps getting "
                   "bigger",
                   C::severe_bleeding));
  EXPECT_TRUE(safety_fires("I took a razor to my wrists an hour ago", C::self_harm));
  EXPECT_TRUE(
      safety_fires("every night I stand at the edge of the roof, tonight maybe I don't "
                   "come down",
                   C::self_harm));
  EXPECT_FALSE(
      safety_fires("You asked if I have chest pain. I do not have chest pain.", C::chest_pain));
  EXPECT_FALSE(
      safety_fires("My doctor told me if I get chest pain with the new tablets I must "
                   "call",
                   C::chest_pain));
  EXPECT_FALSE(
      safety_fires("what should I do if my leg swells or I get short of breath on the "
                   "plane?",
                   C::breathing));
  EXPECT_FALSE(
      safety_fires("my cow collapsed yesterday but she is standing now", C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("I am an ICU nurse, every day I see overdoses", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("blew up 40 balloons and I'm out of breath lol", C::breathing));
  EXPECT_FALSE(safety_fires("my mammy passed with a heart attack years back", C::chest_pain));
}

// Round 24 (its first run: rules 24 of 42, with the backstop 31): a poet's fist round
// the ribs with a cold wire down the left arm, Geordie, a father's heart pain, a fall in
// the pub with typos, a wife who slid sideways and "never even opened her eyes", "took the
// lot", fat burners "instead of 1", "gushing ... going dizzy", a sheet torn into strips,
// tablets in a jar "enough now". And a time in a clause of its own dates the one before.
TEST(SignsThatAddUp, TheTwentyFourthRoundsSigns) {
  EXPECT_TRUE(
      safety_fires("a fist has closed around my ribs and sends a cold wire down my left "
                   "arm",
                   C::chest_pain));
  EXPECT_TRUE(safety_fires("me chest's killin us, man", C::chest_pain));
  EXPECT_TRUE(safety_fires("he has the pain of the heart since twenty minutes, white and sweating",
                           C::chest_pain));
  EXPECT_TRUE(safety_fires("mate jus hit the floorr at the pub, shook him n nothin",
                           C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("she slid sideways on the settee, I gave her a shake and she never "
                   "opened her eyes",
                   C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("saved up my tramadol for 2 weeks and took the lot", C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("took 4 fat burner caps instead of 1 and my heart is hammering",
                           C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("it's gushing from under my kneecap and I'm going dizzy", C::severe_bleeding));
  EXPECT_TRUE(safety_fires("I've ripped my sheet into strips and tied them. Tell the kids im sorry",
                           C::self_harm));
  EXPECT_TRUE(
      safety_fires("putting my sleeping tablets in a jar instead of taking them, there "
                   "are enough now",
                   C::self_harm));
  EXPECT_FALSE(
      safety_fires("I also fainted once giving blood, years ago", C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("I fainted once giving blood, years ago", C::severe_bleeding));
  EXPECT_FALSE(safety_fires("twelve hours yesterday at a delivery with blood everywhere",
                            C::severe_bleeding));
  EXPECT_FALSE(safety_fires("I've stopped answering my friends since the leg went",
                            C::collapse_unresponsive));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::signs_that_add_up_test
