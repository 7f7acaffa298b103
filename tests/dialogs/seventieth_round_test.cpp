// The seventieth held-out round (a helper, brief only; its theme: messages written at night
// and by people living with a long-term condition or disability, where the old sits beside
// the new: 30 openings, 40 messages for the safety screen, 60 answers) and vignette set 71
// (the same theme; docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words
// other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::seventieth_round_test {
namespace {

using C = SafetyCategory;

// Something new dated now beside an old numbness: a short spell after "for ages", a stroke
// "about 20 minutes ago" after feet numb "for years". Look-alikes: numbness "permanent"
// since an old operation, a stoma bag that leaked, a stranger in a drama watched in bed.
TEST(SeventiethRoundReading, TheNewBesideTheOld) {
  EXPECT_TRUE(stops_at_opening(
      "my gran has had numb feet for ages and for about ten minutes she couldn't find her words "
      "and her arm went floppy, she's fine again now"));
  EXPECT_TRUE(stops_at_opening(
      "my husband has had numb feet for years. about 20 minutes ago his left arm and leg went "
      "numb and he's slurring"));
  EXPECT_FALSE(stops_at_opening(
      "had a hip operation in 2015 and was left with permanent numbness on my outer thigh, same "
      "since. new thing is a tingly big toe"));
  EXPECT_FALSE(stops_at_opening(
      "emptied my stoma bag and it leaked everywhere, then my foot went numb sitting on the edge "
      "of the bath"));
  EXPECT_FALSE(stops_at_opening(
      "watching medical dramas in bed, in one the guy's legs went numb and he couldn't walk. mine "
      "just tingle in the cold"));
}

// A birth with a grown child is the past, one two weeks ago is not;
// dialysis needles are no street drugs; "nothing sudden" and steroids stopped are noes;
// stairs on one's bottom is weakness.
TEST(SeventiethRoundAnswers, OldAndNew) {
  EXPECT_EQ(typed_answer("q_procedure", "the epidural was with my daughter and she's at uni now"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_procedure", "had an epidural with my son two weeks ago"), Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "no street drugs, just the dialysis needles in my fistula"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_immune", "came off the steroids three years ago, only vitamins now"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_headache",
                         "it built up over the afternoon like my usual ones, nothing "
                         "sudden"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_saddle", "I couldn't tell if I'd wiped or not, no feeling"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "I have to go up the stairs on my bum now"), Answer::yes);
  EXPECT_EQ(typed_answer("q_neck_shock", "looking down at the sink I get a buzz down my spine"),
            Answer::yes);
}

// The review of the session's rules: a cleft ("it's my dad who ...") is no longer read as
// someone else (only its "it is" is no yes lead), and a stranger is someone else only
// after a word of watching a screen. A carer's cleft is about the patient, and so is a
// spectator's stranger at a match in front of them: reading either as someone else missed
// their emergencies.
TEST(SeventiethRoundReading, CarersAndSpectatorsStayPatients) {
  EXPECT_TRUE(
      stops_at_opening("it's my dad who can't feel his legs and hasn't peed since yesterday"));
  EXPECT_TRUE(
      stops_at_opening("watching my son's rugby, a boy got tackled and cant feel his legs now"));
}

// A small child into a blister pack of gabapentin. Look-alikes: self-harm long ago and
// recovered from, a feeding mother's engorged breasts, a seizure "in the summer".
TEST(SeventiethRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("my 3 year old got into my blister pack of gabapentin and now he's wobbly",
                   C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("I cut myself at uni 15 years ago, I'm in a much better place now",
                            C::self_harm));
  EXPECT_FALSE(
      safety_fires("my boobs are rock hard and sore, she's feeding less, classic "
                   "engorgement",
                   C::chest_pain));
  EXPECT_FALSE(safety_fires(
      "my dad's warfarin dose was changed in the summer after a seizure, now his toes tingle",
      C::collapse_unresponsive));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::seventieth_round_test
