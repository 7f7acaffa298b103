// The sixtieth held-out round (a helper, brief only; its theme: messages typed in a hurry
// on a phone, and replies that answer only by telling what happened: 30 openings, 40
// messages for the safety screen, 60 answers) and vignette set 61 (docs/reading.md and
// docs/safety.md "Measured"). Each fix, tried on words other than the round's, with the
// look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::sixtieth_round_test {
namespace {

using C = SafetyCategory;

// A mouth "dropping won side" (dictated) and words "coming out wrong"; "seeing 2 of
// everything"; hands "going weak too" the day after feet; a mug that slips out of a hand.
TEST(SixtiethRoundOpenings, RedFlagsInOtherWords) {
  EXPECT_TRUE(stops_at_opening(
      "dad 71 at dinner his face is dropping one side and his words are coming out wrong"));
  EXPECT_TRUE(
      stops_at_opening("been seeing two of everything for half an hour and my right leg is numb"));
  EXPECT_TRUE(stops_at_opening(
      "flu 10 days ago, feet tingly since sat, today i cant get up off the couch w/o help and my "
      "fingers r going weak too"));
  EXPECT_EQ(typed_answer("q_stroke", "the cup keeps slipping out of my hand since lunch"),
            Answer::yes);
}

// Someone on a screen; a training drill after a mock crash; a story being written.
TEST(SixtiethRoundOpenings, LookAlikesLeftAlone) {
  EXPECT_FALSE(stops_at_opening(
      "watching a medical show and somebody's leg went white with no pulse, scary. mine is just "
      "pins and needles after kneeling, gone now"));
  EXPECT_FALSE(stops_at_opening(
      "paramedic student, we did a spinal board drill after a mock crash today. my own thing is "
      "a numb patch on my outer thigh from my kit belt"));
  EXPECT_FALSE(stops_at_opening(
      "writing a story where the hero crashes her car and can't feel her legs. separately my "
      "toes tingle when I sit cross-legged"));
  // A real crash is still one.
  EXPECT_TRUE(stops_at_opening("we had a car crash an hour ago and now I can't feel my legs"));
}

// What happened, told instead of yes or no: sheets wet on waking, a purply grey foot, a son
// who hauls one off the sofa, a relapse and shared works; a long walk "no bother"; not yet
// brave enough to check.
TEST(SixtiethRoundReading, AnswersToldAsWhatHappened) {
  EXPECT_EQ(typed_answer("q_bladder", "woke up and the sheets were wet, first time ever"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_cold", "it's gone purply, the other one is normal"), Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "my husband had to haul me off the chair, legs wouldn't push"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "clean for a year but slipped last week, shared needles"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "walked 5 miles yesterday no bother, it's only numb"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_saddle", "not been brave enough to check yet"), Answer::unsure);
  EXPECT_EQ(typed_answer("q_smoking", "never touched them"), Answer::no);
}

// A child left alone for days with no food; look-alikes: a car's suicide doors, a lab's
// overdose levels, a cat's demands at dawn.
TEST(SixtiethRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(safety_fires("im 12 and my dad's been gone 3 days, no food in the house", C::abuse));
  EXPECT_TRUE(safety_fires(
      "mum's been gone 5 nights and theres no food left, im minding my brother", C::abuse));
  EXPECT_FALSE(safety_fires("my uncle restores cars with suicide doors, I help him on weekends",
                            C::self_harm));
  EXPECT_FALSE(safety_fires("I work in a tox lab measuring overdose levels in blood samples",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("our dog attacks me every morning for his walk lol", C::abuse));
}

// Vignette set 61, carers and indirect answers: an eye trouble "two summers ago"; the
// patient's brother's fall, told by the carer; "the Saturday market" is a habit, not a day
// the numbness began; "very slowly over 2 years" is worse, not worse quickly; a party
// "Saturday night ... since then" is over.
TEST(SixtiethRoundReading, CarersAndIndirectAnswers) {
  EXPECT_EQ(typed_answer("q_stroke",
                         "not now. three winters ago my left eye went blurry, it "
                         "cleared up, face and speech fine"),
            Answer::no);
  EXPECT_FALSE(stops_at_opening(
      "I care for Mrs Jones, 84, diabetic, her feet numb for a year. Her son fell off a ladder "
      "last week and is in hospital, she is upset"));
  EXPECT_TRUE(stops_at_opening(
      "I care for Mrs Jones, 84. She fell off the ladder yesterday and landed on her back, now "
      "both her legs are numb"));
  EXPECT_FALSE(stops_at_opening(
      "both legs heavy and numb when walking for a couple of years, she does the Sunday market "
      "and is fine leaning on her trolley"));
  EXPECT_EQ(typed_answer("q_worse", "very slowly over 3 years"), Answer::yes);
  EXPECT_FALSE(
      safety_fires("Friday night he passed out drunk at a party, since then his foot "
                   "slaps when he walks",
                   C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("im gonna faint any second, everything is spinning", C::collapse_unresponsive));
}

// Left by the fifty-eighth round: a game's wizard "hit by a paralysis spell", told before
// one's own numb foot; a character in a game is nobody, but the patient after "anyway" is.
TEST(SixtiethRoundOpenings, AGamesCharacterIsNobody) {
  EXPECT_FALSE(stops_at_opening(
      "our campaign's wizard got hit by a paralysis spell tonight so 'can't move his legs' is "
      "all we talk about. irl my foot went numb sitting cross-legged, fine after a minute"));
  EXPECT_TRUE(stops_at_opening(
      "my character in the game is paralysed lol, anyway my legs are numb since this morning "
      "and I cant stand up"));
}

// Left by the fifty-eighth round: a face lopsided "since a Bell's palsy in the 90s" (a
// decade is the distant past), and a new droop still a yes.
TEST(SixtiethRoundReading, ADecadeIsThePast) {
  EXPECT_EQ(typed_answer("q_stroke", "my smile has been crooked since a Bell's palsy in the 80s"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_stroke",
                         "had Bell's palsy in the nineties but this morning my face "
                         "dropped on the other side"),
            Answer::yes);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::sixtieth_round_test
