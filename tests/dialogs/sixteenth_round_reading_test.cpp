// What a sixteenth held-out round found (a helper's 60 safety lines and 150 answers
// written apart from the code: teenagers' slang, one-word messages, dark humour, a crisis
// asked as a question of fact, a crisis after "no but", bystanders at work and in public,
// signs told without the condition's name, five Englishes and dictation;
// docs/reading.md "Measured", docs/safety.md), and the rules it led to, each with the
// look-alike it must not catch.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::sixteenth_round_reading_test {
namespace {

using C = SafetyCategory;

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

// A number of tablets "had", the whole pack without the medicine named beside it, and
// someone else's controlled medicine; not a supply, a treatment's length, or a box of
// chocolates.
TEST(SixteenthRoundSafety, AnOverdoseToldAsHadOrAsTheWholePack) {
  EXPECT_TRUE(safety_fires("is it bad if ive had 16 co-codamol since lunch? leg still kills",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("had about a dozen tramadol on top of a bottle of wine tonight",
                           C::overdose_poisoning));
  EXPECT_TRUE(
      safety_fires("how long does paracetamol take to wreck your liver, asking bc i took "
                   "the whole box about an hour ago",
                   C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("ngl took like 6 of my mums pregabalin to see if itd help my legs",
                           C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("his blister pack is empty and he's really sleepy with tiny pupils",
                           C::overdose_poisoning));
  EXPECT_FALSE(
      safety_fires("I've had 28 tablets from the chemist this month", C::overdose_poisoning));
  EXPECT_FALSE(
      safety_fires("had 15 years on metformin and my feet are numb", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("I took the whole box of chocolates lol", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("I took one of my mum's tramadol for the pain", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("my blister pack is empty, need a refill", C::overdose_poisoning));
}

// The means asked about, a train named as "the next one", a rope with an apostrophe, and
// two goodbyes in one message.
TEST(SixteenthRoundSafety, SelfHarmAskedAsAFactOrToldByABystander) {
  EXPECT_TRUE(safety_fires(
      "how many of my amitriptyline would it take to not wake up in the morning", C::self_harm));
  EXPECT_TRUE(
      safety_fires("the lad across from me keeps saying he's going to jump in front of "
                   "the next one",
                   C::self_harm));
  EXPECT_TRUE(
      safety_fires("won't need you to fix the leg after all lol. rope's already up in "
                   "the garage",
                   C::self_harm));
  EXPECT_TRUE(
      safety_fires("gave the dog to my sister today and cancelled physio, I won't be "
                   "needing either after Sunday",
                   C::self_harm));
  EXPECT_FALSE(safety_fires("how many paracetamol does it take to help a headache", C::self_harm));
  EXPECT_FALSE(safety_fires("a deer jumped in front of the car and I swerved", C::self_harm));
  EXPECT_FALSE(safety_fires("gave the dog to my sister for the week while I'm away", C::self_harm));
}

// A collapse seen at work or in public, a fit told by what it looks like, a snore from
// someone who cannot be roused; not a job, a nap on the couch, a story being written.
TEST(SixteenthRoundSafety, ACollapseToldByWhatABystanderSees) {
  EXPECT_TRUE(
      safety_fires("someone's just come off the treadmill and hit the floor at the gym, "
                   "he isn't moving and staff are shouting at him",
                   C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("Mrs B is slumped in her chair, I can't rouse her and she's making a "
                   "snoring noise",
                   C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("my wife stopped mid-sentence, went stiff and now she's jerking all "
                   "over and won't answer me",
                   C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("he stops breathing when he's snoring, the sleep clinic says apnoea",
                            C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("I'm an EMT so my whole day is people who've collapsed",
                            C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("mate I passed out on the couch after the footy and woke up with me "
                   "leg dead",
                   C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("for my creative writing coursework my character's leg goes numb "
                   "right before she collapses",
                   C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("I called the surgery and they won't answer me", C::collapse_unresponsive));
}

// Chest pain spreading down the arm to the jaw (with "chest" misheard as "chess"), a
// sting and then a swelling face, a wound that keeps squirting.
TEST(SixteenthRoundSafety, SpreadSwellingAndBloodWithoutTheirNames) {
  EXPECT_TRUE(
      safety_fires("I got a real bad pain in my chess and it's going down my left arm "
                   "and into my jaw",
                   C::chest_pain));
  EXPECT_FALSE(safety_fires("I love chess but my knee pain stops me sitting long", C::chest_pain));
  EXPECT_TRUE(
      safety_fires("the young lad's after getting stung by a wasp and his face is "
                   "swelling up and he's wheezing something awful",
                   C::breathing));
  EXPECT_TRUE(
      safety_fires("i scratched my leg ulcer and now it's squirting red everywhere and "
                   "won't stop",
                   C::severe_bleeding));
  EXPECT_TRUE(
      safety_fires("knife slipped chopping onions and my thumb's still squirting after "
                   "15 mins",
                   C::severe_bleeding));
  EXPECT_FALSE(safety_fires("the pipe burst and water is gushing everywhere", C::severe_bleeding));
}

// A physical emergency is now: a collapse a week or a month ago, well since, is history.
TEST(SixteenthRoundSafety, AWeekOrAMonthAgoIsPast) {
  EXPECT_FALSE(safety_fires("a member collapsed on the rower last month, he's fully recovered",
                            C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("i had chest pain 2 weeks ago and now it's back and crushing", C::chest_pain));
}

// A temperature read off a thermometer or a watch answers the fever question.
TEST(SixteenthRoundReading, ATemperatureWithWhereItWasRead) {
  EXPECT_EQ(answer("q_fever", "38.4 on the thermometer this morning"), Answer::yes);
  EXPECT_EQ(answer("q_fever", "the app on my watch says 38.6"), Answer::yes);
  EXPECT_NE(answer("q_fever", "the app on my watch says 36.8"), Answer::yes);
}

// The question's own signs in other words: a dark eye, breathlessness, spreading to the
// knees, a spinal jab, nitrous, kneeling; and "grand", a man, same colour as denials.
TEST(SixteenthRoundReading, TheQuestionsSignsInOtherWords) {
  EXPECT_EQ(answer("q_stroke", "speech is fine but my left eye went black for a min yesterday"),
            Answer::yes);
  EXPECT_EQ(answer("q_breath", "slight breathlessness is there when talking since morning itself"),
            Answer::yes);
  EXPECT_EQ(answer("q_worse", "its gone from my toes to my knees since Sunday"), Answer::yes);
  EXPECT_EQ(answer("q_procedure", "had a steroid jab in my spine last Tuesday"), Answer::yes);
  EXPECT_EQ(answer("q_b12", "do nos balloons most weekends"), Answer::yes);
  EXPECT_EQ(answer("q_local_injury", "knelt for hours laying a patio"), Answer::yes);
  EXPECT_EQ(answer("q_inject", "my son injects, yeah, been using again since march"), Answer::yes);
  EXPECT_EQ(answer("q_back_pain", "back's grand, it's just the legs"), Answer::no);
  EXPECT_EQ(answer("q_pregnant", "im a bloke mate"), Answer::no);
  EXPECT_EQ(answer("q_cough", "coughing makes no diff"), Answer::no);
  EXPECT_EQ(answer("q_diabetes", "GP checked my sugar last month and said it's normal"),
            Answer::no);
}

// The round's 48 first messages: one stroke was missed (speech "coming out jumbled", and
// one side's leg and hand numb together) and two look-alikes stopped the interview (a
// question about cauda equina from someone who "can feel everything down there", and a
// pregnant woman who leaks "a little when I sneeze").
TEST(SixteenthRoundOpenings, OneSidesLegAndArmAndJumbledTalking) {
  EXPECT_TRUE(
      stops_at_opening("my father aged 68 is having sudden numbness in right leg and "
                       "right hand since half an hour"));
  EXPECT_TRUE(stops_at_opening("his talking is coming out jumbled"));
  EXPECT_TRUE(stops_at_opening("my left arm and leg went numb and weak 20 minutes ago"));
  EXPECT_FALSE(stops_at_opening("I went to the gym and my left arm and leg ache"));
  EXPECT_EQ(answer("q_stroke", "mostly the left leg"), Answer::none);
}

TEST(SixteenthRoundOpenings, FeelingEverythingAndASneezeAreNoRedFlags) {
  EXPECT_FALSE(
      stops_at_opening("Should I worry about cauda equina? Got sciatica down my left leg "
                       "for 3 weeks, but I can wee fine and can feel everything down "
                       "there."));
  EXPECT_TRUE(stops_at_opening("I can't feel everything down there since this morning"));
  EXPECT_FALSE(
      stops_at_opening("32 weeks pregnant, I leak a little when I sneeze and the outside "
                       "of my right thigh has gone numb and burny. No back pain."));
  EXPECT_TRUE(
      stops_at_opening("I leak a little when I sneeze and now I cant tell when I need to "
                       "go"));
}

// The brief's urgent artery disease: pain at rest eased by hanging the foot out of bed, a
// sore that will not heal, black toes (a floor of urgent, limb_threat). Not an ulcer of
// the mouth or stomach.
TEST(SixteenthRoundConversations, RestPainOrASoreThatWillNotHealIsUrgent) {
  EXPECT_TRUE(
      states_finding("right foot numb and burns at night, have to hang it out of bed. sore "
                     "on big toe wont heal",
                     "limb_threat"));
  EXPECT_TRUE(states_finding("two of my toes have gone black", "limb_threat"));
  EXPECT_FALSE(states_finding("I get mouth ulcers when I'm run down", "limb_threat"));
  const Turn t = say_at(Session{}, "my foot has a sore that wont heal and it hurts at rest");
  EXPECT_FALSE(t.assessment && t.assessment->triage == Triage::emergency);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::sixteenth_round_reading_test
