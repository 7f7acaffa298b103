// The seventy-second held-out round (a helper, brief only; its theme: sport, fitness and
// young people in current slang, with parents and coaches writing for them: 30 openings,
// 40 messages for the safety screen, 60 answers) and vignette set 73 (the same theme;
// docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words other than the
// round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::seventy_second_round_test {
namespace {

using C = SafetyCategory;

// Double vision told as "seeing two balls"; a fall "slammed flat on my back". Look-alikes:
// "choked out" sparring, legs numb "from my bum down" when walking.
TEST(SeventySecondRoundReading, SportOpenings) {
  EXPECT_TRUE(stops_at_opening(
      "72, back at bowls after my hip op, for a few minutes I was seeing two balls and my right "
      "arm went numb, fine now"));
  EXPECT_TRUE(
      stops_at_opening("came off my bike and slammed flat on my back, now both legs are tingling"));
  EXPECT_FALSE(stops_at_opening(
      "got choked out sparring last week, fine after. now a numb patch on my outer thigh"));
  EXPECT_FALSE(stops_at_opening(
      "both my legs from my bum down go numb after ten minutes walking and I have to sit"));
}

// Yeses told through the sport and noes in its slang.
TEST(SeventySecondRoundAnswers, SportAndSlang) {
  EXPECT_EQ(typed_answer("q_saddle",
                         "on the bike saddle it feels like sitting on nothing, all "
                         "numb in between"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_shooting", "it zaps from my bum right down to my ankle when I bend"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_lifting", "it started on my last rep, felt a pop in my back"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_cold", "it looks like a ghost next to the other one"), Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "I PR'd my deadlift today so strength is not the issue"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_pregnant", "no chance, I'm on the implant"), Answer::no);
  EXPECT_EQ(typed_answer("q_alcohol", "straight edge since school, never touched it"), Answer::no);
}

// A fat burner's heat, insulin with no food after, a goodbye posted before silence, a
// bridge chosen. Look-alikes: a laughing collapse at the finish, chocolate "overdosed" on,
// gasping after intervals and "chatting fine now", a game that leaves one "tilted".
TEST(SeventySecondRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(safety_fires("been on dnp for a week and I'm burning up and my heart is racing",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("did my insulin then forgot to eat, now I'm shaky and sweating",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires(
      "he messaged the group 'sorry for everything, look after my kids' and his phone is off",
      C::self_harm));
  EXPECT_TRUE(safety_fires("I've figured out which bridge I'm going to use", C::self_harm));
  EXPECT_FALSE(safety_fires("she collapsed at the finish line laughing with her mates",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("overdosed on chocolate over christmas lol", C::overdose_poisoning));
  EXPECT_FALSE(
      safety_fires("after the intervals I was gasping but I'm chatting fine now", C::breathing));
  EXPECT_FALSE(safety_fires("i literally can't breathe i'm so tilted at this game", C::breathing));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::seventy_second_round_test
