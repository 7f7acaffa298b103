// The thirtieth held-out round (a helper, brief only: a scaffolder, a roofer, a lorry
// driver, a mountain biker, gym-goers, carers for a Scots grandmother and an Irish
// husband; Jamaican patois, Nigerian, Indian and Scots English): 60 safety lines, 48
// first messages and 150 typed answers (docs/safety.md and docs/reading.md "Measured").
// Each fix, tried on words other than the round's, with the look-alike it must leave
// alone.
#include <gtest/gtest.h>

#include "dialogs/answer_reader.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::thirtieth_round_test {
namespace {

using C = SafetyCategory;

// Self-harm told as a habit's means, in patois, or as a goodbye sent before silence.
TEST(ThirtiethRound, SelfHarmToldSideways) {
  EXPECT_TRUE(safety_fires("burnt myself with a cigarette after the row, again", C::self_harm));
  EXPECT_TRUE(safety_fires("mi waan dead, nuttin nah go right", C::self_harm));
  EXPECT_TRUE(safety_fires("honestly I'm tired of living like this", C::self_harm));
  EXPECT_TRUE(safety_fires("my sister posted goodbye on her story and isn't answering any of us",
                           C::self_harm));
  EXPECT_FALSE(
      safety_fires("cut myself with the bread knife making lunch, my toes are numb", C::self_harm));
  EXPECT_FALSE(
      safety_fires("said goodbye to my mum at the airport, now my legs are numb", C::self_harm));
}

// A stimulant taken at a party, and the heat and confusion after; a grandmother who fell
// and is "no wakin". Look-alikes: the signs asked about for an exam; a party and a fever.
TEST(ThirtiethRound, APartyDrugAndAFallToldInScots) {
  EXPECT_TRUE(
      safety_fires("my boyfriend dropped a pill at the rave and he's overheating and "
                   "talking gibberish",
                   C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("grandad's fell in the bathroom and he's no wakin up",
                           C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("revising for finals: what are the symptoms of a paracetamol overdose?",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("went to a party last night and now I'm burning up with flu",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("he's no waking me up at 6 any more, the baby sleeps through",
                            C::collapse_unresponsive));
}

// First messages: soiling told as "messing myself"; a foot that slaps and then the other
// drags "too"; legs that "went from under him"; a back hit in a crash off a bike.
TEST(ThirtiethRoundOpenings, EmergenciesAndTheirLookAlikes) {
  EXPECT_TRUE(stops_at_opening(
      "back killing me since Monday and today I keep messing myself, both legs numb"));
  EXPECT_TRUE(stops_at_opening(
      "his legs went from under him this afternoon and he's numb from the waist down"));
  EXPECT_TRUE(stops_at_opening(
      "came off the bike and hit a tree with my lower back an hour ago, both legs tingling"));
  EXPECT_FALSE(stops_at_opening(
      "tripped on a rock on the trail last year, fine now, just my toes go numb in cold"));
  EXPECT_FALSE(stops_at_opening("hit the gym hard with my back day, now my calf is numb"));
}

// Answers: a roll call of denials, and one with a yes in it.
TEST(ThirtiethRoundReading, ARollCallOfAnswers) {
  EXPECT_EQ(typed_answer("q_fever", "fever no. chills no. sweats no."), Answer::no);
  EXPECT_EQ(typed_answer("q_stroke", "face no, arm no, speech no"), Answer::no);
  EXPECT_EQ(typed_answer("q_fever", "fever no. chills yes."), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "face fine. arm fine. speech fine."), Answer::no);
}

// A transplant keeps someone immunosuppressed whenever it was; steroids long stopped do
// not. Steroids injected at the gym are injecting.
TEST(ThirtiethRoundReading, LastingStatesAndGymInjections) {
  EXPECT_EQ(typed_answer("q_immune", "kidney transplant back in 2009"), Answer::yes);
  EXPECT_EQ(typed_answer("q_immune", "was on steroids years ago, not now"), Answer::no);
  EXPECT_EQ(typed_answer("q_inject", "just the test cycle, I jab myself twice a week"),
            Answer::yes);
  EXPECT_NE(typed_answer("q_inject", "I inject insulin, that's all"), Answer::yes);
}

// A diagnosis guessed at and asked of the bot is feared, not had ("do you think it's
// cancer?"); a symptom or a red flag asked about that way still counts.
TEST(ThirtiethRoundReading, AGuessAskedOfTheBotTellsNoHistory) {
  EXPECT_EQ(typed_answer("q_cancer", "me? no. do you reckon it's cancer?"), Answer::no);
  EXPECT_FALSE(states_finding("back pain and a lump on my side, do you think it's cancer?",
                              "cancer_history"));
  EXPECT_TRUE(states_finding("had bowel cancer in 2019, could it be back?", "cancer_history"));
  EXPECT_TRUE(stops_at_opening("do you think I'm having a mini stroke? my face feels weird"));
  EXPECT_TRUE(stops_at_opening("could it be that my face is drooping? it feels odd"));
}

// A habit told, then the recent past denied, to a question about something recent; a
// recent fall told after the denial is still a fall.
TEST(ThirtiethRoundReading, AHabitThenTheRecentPastDenied) {
  EXPECT_EQ(typed_answer("q_injury", "I'm a jockey, I come off all the time, nothing lately tho"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_injury", "not in the last few months, but I slipped on ice yesterday"),
            Answer::yes);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::thirtieth_round_test
