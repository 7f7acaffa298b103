// The fiftieth held-out round (a helper, brief only: a Filipino worker in Dubai, a chess
// club treasurer, a long-covid diarist, a Chilean miner, a lighthouse keeper, a Finnish
// sauna owner, a bullet-point writer and others): 40 safety lines, 30 first messages, 60
// typed answers; and vignette set 51 (docs/reading.md and docs/safety.md "Measured").
// Each fix, tried on words other than the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"

namespace triagebot::dialogs::testing::fiftieth_round_test {
namespace {

using C = SafetyCategory;

// A mouth going sideways and a hand that cannot hold a cup; the words on a page doubled;
// sips that make one splutter after tingling feet; one foot, then both; steps gone down on
// one's back; a back "murdering" with fever; a back worse after an injection.
TEST(FiftiethRoundOpenings, RedFlagsInOtherWords) {
  EXPECT_TRUE(stops_at_opening(
      "my uncle's left leg went numb at dinner and his mouth is going sideways when he talks"));
  EXPECT_TRUE(
      stops_at_opening("my right leg went numb at work and now my right hand cannot hold the cup"));
  EXPECT_TRUE(stops_at_opening(
      "reading the paper an hour ago the lines were doubled for ten minutes and my left leg went "
      "numb"));
  EXPECT_TRUE(stops_at_opening(
      "after a cold my feet went tingly, my legs feel heavy and now tea makes me cough and "
      "splutter"));
  EXPECT_TRUE(stops_at_opening(
      "4 days ago my left foot started slapping the floor. Now both feet drag and I fell on the "
      "stairs today"));
  EXPECT_TRUE(stops_at_opening(
      "went down about ten steps on my back at the station yesterday, now both legs tingle"));
  EXPECT_TRUE(stops_at_opening(
      "back's been murdering me all week, shivering at night, 38.4 this morning, now my right "
      "calf is numb"));
  EXPECT_TRUE(stops_at_opening(
      "I had an epidural in my back last week and the back is now worse than before, both legs "
      "numb"));
}

// A plot on a screen is nobody's symptom, to the end of its sentence or a turn back to
// oneself; medicine taken for months and "now both feet" is no spread.
TEST(FiftiethRoundOpenings, LookAlikesLeftAlone) {
  EXPECT_FALSE(stops_at_opening(
      "watched a film where the nonna's face drooped and she slurred, scary. my foot goes to "
      "sleep when I sit cross-legged, fine after a minute"));
  EXPECT_FALSE(stops_at_opening(
      "on tablets for my chest for 2 months, now both feet tingle a bit in the evenings"));
}

// A crisis answered alongside its red flag: a leg that gave way day by day, told from the
// floor, carries its duration into the interview (engine: apply_reading).
TEST(FiftiethRoundOpenings, ACrisisMessageStillCountsItsDuration) {
  const Turn t = say_at(Session{},
                        "my right leg: tuesday it was floppy, wednesday tripping on the stairs, "
                        "today it folded in the kitchen and I'm sat on the kitchen floor typing "
                        "this, can't get back up");
  ASSERT_TRUE(t.assessment.has_value());
  EXPECT_EQ(t.assessment->triage, Triage::emergency);
}

// A height weighed up, letters for after one is gone, a heater on all night, heartburn
// gone into the left arm, a partner who locks the door and says it is deserved. A game's
// losses, a first-aider's work and the news are no crises.
TEST(FiftiethRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(
      safety_fires("I keep thinking about how high my balcony is, 9th floor", C::self_harm));
  EXPECT_TRUE(safety_fires("wrote notes to my family for after I'm gone", C::self_harm));
  EXPECT_TRUE(safety_fires("the gas fire was on all night and we both woke up with splitting heads",
                           C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("probably indigestion but it went into my left arm an hour ago", C::chest_pain));
  EXPECT_TRUE(
      safety_fires("my husband locks the bathroom door so I cant get to the toilet", C::abuse));
  EXPECT_TRUE(safety_fires("my wife told me I deserve it when she hit me", C::abuse));
  EXPECT_TRUE(safety_fires("he collapsed at his desk and the first aider is doing CPR on him",
                           C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("left the electric heater on all night, my toes are still numb",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("we bled points all season, my knees ache now", C::severe_bleeding));
  EXPECT_FALSE(safety_fires("as the office first aider I do CPR when someone collapses",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("the paper said a cyclist collapsed at the race, my toes tingle",
                            C::collapse_unresponsive));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fiftieth_round_test
