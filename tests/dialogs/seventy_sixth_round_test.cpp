// The seventy-sixth held-out round (a helper, brief only; its theme: English woven with
// other languages and cultures: Pidgin, Taglish, Hinglish, Singlish, patois, religious
// idioms, relatives translating: 30 openings, 40 messages for the safety screen, 60
// answers) and vignette set 77 (the same theme; docs/reading.md and docs/safety.md
// "Measured"). Each fix, tried on words other than the round's, with the look-alike it must
// leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::seventy_sixth_round_test {
namespace {

using C = SafetyCategory;

// Cauda equina in Nigerian Pidgin ("i no feel am", "i never piss since morning"). Look-alike:
// both feet cold in the office's air conditioning, in patois.
TEST(SeventySixthRoundReading, WovenOpenings) {
  EXPECT_TRUE(stops_at_opening(
      "abeg my back don dey pain since friday, now when i wipe my bottom i no feel am and i never "
      "piss since morning"));
  EXPECT_FALSE(stops_at_opening(
      "both mi foot dem cold when di AC on but warm at home, same colour, tingly fi months"));
}

// From vignette set 77: Trinidadian "mih" and "cyah" ("I cyah stand up ... mih right foot
// dragging" was read as a list denied by "without"); a foreign word that the dictionary
// offered a knowledge-base word for, far off ("phiap" as "aphasia"), stays as typed; the
// bottom of a foot is no saddle.
TEST(SeventySixthRoundReading, VignetteSetSeventySeven) {
  EXPECT_TRUE(stops_at_opening(
      "since this morning mih legs feel heavy and now I cyah stand up without holding the wall, "
      "mih right foot dragging"));
  EXPECT_FALSE(stops_at_opening(
      "I sat with my legs folded for an hour at the temple, stood up and my leg was asleep, it "
      "passed in minutes, phiap"));
  EXPECT_FALSE(stops_at_opening(
      "5 months a lump behind my knee and the bottom of my foot is numb when I press it"));
  EXPECT_EQ(typed_answer("q_stroke", "hapana, face poa, speech poa"), Answer::no);
  EXPECT_EQ(typed_answer("q_weak", "leai, I can stand on my tiptoes and my heels on both sides"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_bladder", "ledu"), Answer::no);
  EXPECT_EQ(typed_answer("q_breath", "mai ka"), Answer::no);
}

// Yes and no in the words of other languages and cultures.
TEST(SeventySixthRoundAnswers, WovenAnswers) {
  EXPECT_EQ(typed_answer("q_saddle", "oo po, like sitting on a cushion that isn't there"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_breath", "yes o, the food dey hook my throat when I swallow"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_worse", "it climbs higher every day, today it's past the knee"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_fever", "koi bukhar nahi, checked it today"), Answer::no);
  EXPECT_EQ(typed_answer("q_lifting", "nothing heavy, I only lift paper at work"), Answer::no);
  EXPECT_EQ(typed_answer("q_alcohol", "I've never touched alcohol in my life"), Answer::no);
}

// A child's airway in Pidgin; abuse that goes on. Look-alikes: abuse long left behind,
// spice and a run for the bus that take one's breath.
TEST(SeventySixthRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("my baby swallowed a coin, e no fit breathe and im face dey change "
                   "colour",
                   C::breathing));
  EXPECT_TRUE(safety_fires("my ex used to hit me and he still turns up at my door", C::abuse));
  EXPECT_FALSE(safety_fires("my ex used to hit me but that was years ago, I left", C::abuse));
  EXPECT_FALSE(safety_fires("this curry is so spicy I can't breathe lol", C::breathing));
  EXPECT_FALSE(safety_fires("ran for the bus, out of breath but ok na after", C::breathing));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::seventy_sixth_round_test
