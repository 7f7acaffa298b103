// The twenty-ninth held-out round (helpers, brief only: night-shift carers, a lorry
// driver, a festival-goer, gym-goers, voice dictation; Romanian, Vietnamese, Somali,
// Portuguese, Turkish and Hindi speakers; Welsh, Geordie, Scouse, South African and
// Indian English): 60 safety lines, 48 first messages and 150 typed answers
// (docs/safety.md and docs/reading.md "Measured"). Each fix, tried on words other than
// the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/answer_reader.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::twenty_ninth_round_test {
namespace {

using C = SafetyCategory;

// A knife in the chest on every breath (a clot in the lung after a flight); someone
// slumped over the wheel who gives nothing back to banging on the window; a letter under
// the pillow and "they will not have to worry for me".
TEST(TwentyNinthRound, CrisesToldThroughWhatIsSeen) {
  EXPECT_TRUE(
      safety_fires("my chest feels like a knife every breath since this morning", C::chest_pain));
  EXPECT_TRUE(safety_fires("a man is slumped over the counter, we knocked on the glass, nothing",
                           C::collapse_unresponsive));
  EXPECT_TRUE(safety_fires(
      "I wrote a letter to my sister, soon she will not have to worry about me", C::self_harm));
  EXPECT_FALSE(
      safety_fires("slumped over my desk all day, my feet are numb", C::collapse_unresponsive));
}

// A story read aloud, a nurse's shift of overdose patients, "bleeding" as a curse.
TEST(TwentyNinthRound, StoriesWorkAndCurses) {
  EXPECT_FALSE(
      safety_fires("reading a bedtime story about a dragon bleeding everywhere, my leg went "
                   "numb on the floor",
                   C::severe_bleeding));
  EXPECT_FALSE(safety_fires("paramedic here, four overdose patients on my shift, now my feet ache",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("this bleeding tingling won't stop in my toes", C::severe_bleeding));
  EXPECT_TRUE(safety_fires("my shin is bleeding and it won't stop", C::severe_bleeding));
}

// First messages: a hand that "won't grip" with a leg gone numb on the same side; "cannot
// make the pee"; a foot dragging "more more" each day; "dropped flat on my back". Look-
// alikes: a lip droopy after the dentist, short of breath on the stairs from being unfit,
// a foot white after an ice bath that "pinked straight back up".
TEST(TwentyNinthRoundOpenings, EmergenciesAndTheirLookAlikes) {
  EXPECT_TRUE(stops_at_opening("left leg went numb suddenly and my left hand won't grip the cup"));
  EXPECT_TRUE(stops_at_opening("back pain five days, today I cannot make the pee at all"));
  EXPECT_TRUE(
      stops_at_opening("my right foot drags, every day more more, today I cannot lift the foot"));
  EXPECT_TRUE(stops_at_opening("got dropped flat on my back at a gig, now both legs tingly"));
  EXPECT_FALSE(stops_at_opening(
      "the dentist numbed me for a filling and my lip is still droopy, anyway my toes tingle"));
  EXPECT_FALSE(stops_at_opening(
      "out of breath on the stairs cos I'm unfit, and my calf goes numb when I walk uphill"));
  EXPECT_FALSE(stops_at_opening(
      "did a cold plunge at the gym, my right foot went white and numb, it pinked back up after"));
  // With a sudden or recent onset said, a white numb foot still stops, passed or not: the
  // rule for a sudden cold leg keeps no exception.
  EXPECT_TRUE(stops_at_opening(
      "cold plunge this morning, my right foot went white and numb, it pinked back up after"));
}

// A red flag's own phrase inside words that mean something else: a walking distance, the
// gym's jelly legs. Said plainly, each still stops.
TEST(TwentyNinthRoundOpenings, ARedFlagPhraseWithAnotherMeaning) {
  EXPECT_FALSE(stops_at_opening(
      "I can't walk any more than 200 yards before my calves go numb, then I rest and it goes"));
  EXPECT_FALSE(stops_at_opening("legs like jelly after leg day, and my outer thigh is numb"));
  EXPECT_TRUE(stops_at_opening("since this morning my legs are weak and I can't walk any more"));
  EXPECT_TRUE(stops_at_opening("my legs feel like jelly and are getting weaker by the hour"));
}

// Answers: "needed two of us and the stand aid" is weakness told by a carer.
TEST(TwentyNinthRoundReading, WeaknessToldByACarer) {
  EXPECT_EQ(typed_answer("q_weak", "she needed two carers to stand her tonight, normally one"),
            Answer::yes);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::twenty_ninth_round_test
