// The sixty-second held-out round (a helper, brief only; its theme: older people and people
// with long-term conditions, whose old symptoms hide what is new, and who minimise: 30
// openings, 40 messages for the safety screen, 60 answers) and vignette set 63 (the same
// theme; docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words other than
// the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::sixty_second_round_test {
namespace {

using C = SafetyCategory;

// What is new beside what was always there: "nothing new for me, but" an arm gone dead;
// speech "like he'd had a drink"; no water passed "since last night" after years of a slow
// stream; stairs "harder every day"; a fall "landed on my back in the road" (not "back in"
// the past); an old palsy "no different today".
TEST(SixtySecondRoundOpenings, WhatIsNewBesideWhatWasAlways) {
  EXPECT_TRUE(stops_at_opening(
      "I've had MS for years so tingling is nothing new, but half an hour ago my right arm went "
      "dead and my right leg too"));
  EXPECT_TRUE(stops_at_opening(
      "Dad had a stroke in 2018, his left leg is always weak, but tonight he's talking like he's "
      "had a drink and his words are all mushed together"));
  EXPECT_TRUE(stops_at_opening(
      "my stream has been slow for years but I haven't passed a drop since this morning, my back "
      "went lifting the mower and my right leg is numb"));
  EXPECT_TRUE(stops_at_opening(
      "had a stomach bug last week, since monday the stairs are harder every day and my legs "
      "feel like cotton wool from the feet up to the knees now"));
  EXPECT_TRUE(stops_at_opening(
      "tripped over the dog and landed on my back in the kitchen, now both legs are tingling"));
  EXPECT_EQ(typed_answer("q_stroke", "one eye droops since a palsy in 2015, no different today"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_stroke", "my husband says I keep saying kettle when I mean phone"),
            Answer::yes);
  // "Nothing new" beside the past is no denial of a clause dated now.
  EXPECT_EQ(
      typed_answer("q_stroke",
                   "had a stroke in 2019, nothing new since, but today my words are a bit off"),
      Answer::yes);
  EXPECT_NE(typed_answer("q_stroke",
                         "had a mini stroke in 2019, no different today, though my "
                         "hand felt funny this morning"),
            Answer::no);
  // Alone, "no different today" tells that a red flag goes on.
  EXPECT_EQ(typed_answer("q_bladder", "still can't pee properly, no change today"), Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "still can't feel my bum, no different today"), Answer::yes);
}

// Old and unchanged is no; the distribution of claudication is no saddle; a thing gone is
// gone; tamoxifen is no immune treatment.
TEST(SixtySecondRoundReading, OldAndUnchanged) {
  EXPECT_EQ(typed_answer("q_breath",
                         "breathless on hills but I've had asthma for years, no different today"),
            Answer::no);
  EXPECT_FALSE(stops_at_opening(
      "when he walks to the shop both legs go numb from his bum down and he has to sit, fine "
      "after a rest, a couple of years now"));
  EXPECT_EQ(typed_answer("q_immune", "I'm on letrozole after breast cancer, no steroids"),
            Answer::no);
  EXPECT_EQ(
      typed_answer("q_bladder", "loose since the antibiotics but I get to the toilet in time"),
      Answer::no);
  EXPECT_EQ(typed_answer("q_alcohol", "a small sherry at Easter, that's my lot"), Answer::no);
  EXPECT_TRUE(
      states_finding("for 4 days my feet are buzzing, now it's going up to my knees", "worsening"));
}

// Means told from a wheelchair or by refusing food; insulin given twice; paracetamol every
// couple of hours; staff who pinch. Look-alikes: a wigwam that collapsed, mince pies.
TEST(SixtySecondRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("I keep thinking of driving my scooter off the end of the pier", C::self_harm));
  EXPECT_TRUE(safety_fires("I've stopped eating and drinking so I can go sooner", C::self_harm));
  EXPECT_TRUE(
      safety_fires("I did my lantus twice tonight by mistake, feel shaky", C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("2 paracetamol every couple of hours since Friday for my hip",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("the carers at the home slap me when I'm slow", C::abuse));
  EXPECT_FALSE(safety_fires("the bean canes collapsed in the storm so I was out in the rain",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("overdosed on mince pies at the party lol", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("the nurse pushed me in a wheelchair and said the drip would hurt me",
                            C::abuse));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::sixty_second_round_test
