// What a tenth held-out round found (a helper's 160 answers and 50 safety lines written
// apart from the code, in the styles the earlier rounds cover least: the very old and
// their carers, literal writers who define the question back, the angry, regional
// English, medicine names for answers; docs/reading.md "Measured"), and the general rules
// it led to, each with the look-alike it must not catch.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/engine.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::tenth_round_reading_test {
namespace {

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

TEST(TenthRoundReading, WhoIsWritingFramesTheAnswerAndIsNoIAmYes) {
  EXPECT_EQ(answer("q_stroke",
                   "I am 91 and my granddaughter is typing this for me. No dear, my "
                   "face and speech are just as they always were."),
            Answer::no);
  EXPECT_NE(answer("q_bladder",
                   "I'm 91, I've been up twice a night to pee for 20 years, nothing "
                   "new"),
            Answer::yes);
  EXPECT_EQ(answer("q_bladder", "I'm 91, and yes I wet myself this morning"), Answer::yes);
}

TEST(TenthRoundReading, IHaveBeforeAThingOfItsOwnIsNoYes) {
  // Not a yes; since the sixty-second round a no ("no different today" after years).
  EXPECT_EQ(answer("q_breath",
                   "puffed on the stairs but I've had COPD for years, no different "
                   "today"),
            Answer::no);
  EXPECT_EQ(answer("q_weak", "how long will this take, I have to pick up my kids at 3"),
            Answer::none);
  EXPECT_EQ(answer("q_injury", "I have, a couple of times"), Answer::yes);
  EXPECT_EQ(answer("q_fever", "I have had a bit"), Answer::yes);
}

TEST(TenthRoundReading, AQuestionBackBesideAnAnswerIsTheAnswer) {
  EXPECT_EQ(answer("q_breath", "nope. why do you ask? 🤔"), Answer::no);
  EXPECT_EQ(answer("q_cold", "WHY does that matter. it's numb, not cold, not blue"), Answer::no);
  EXPECT_EQ(answer("q_cold", "why do you ask?"), Answer::clarify);
  EXPECT_EQ(answer("q_saddle", "yes? what does saddle area mean"), Answer::clarify);
}

TEST(TenthRoundReading, AYesWordOfTheDistantPastIsNoNewEvent) {
  EXPECT_NE(answer("q_injury", "Define recently. I fell off a horse in 1987. Nothing since."),
            Answer::yes);
  EXPECT_EQ(answer("q_injury", "fell off a horse on saturday"), Answer::yes);
}

TEST(TenthRoundReading, SinceLongAgoIsLongStanding) {
  EXPECT_EQ(answer("q_bladder",
                   "bit of leaking when i cough but ive had that since my 3rd baby 15 yrs ago"),
            Answer::no);
  EXPECT_EQ(answer("q_bladder", "started leaking since my fall 3 days ago"), Answer::yes);
}

TEST(TenthRoundReading, MedicineNamesAndEverydayWordsAnswer) {
  EXPECT_EQ(answer("q_immune", "humira injections for crohns"), Answer::yes);
  EXPECT_EQ(answer("q_inject", "I skin pop sometimes"), Answer::yes);
  EXPECT_EQ(answer("q_diabetes", "jardiance and gliclazide"), Answer::yes);
  EXPECT_EQ(answer("q_walking", "two lampposts and then my calf goes"), Answer::yes);
  EXPECT_EQ(answer("q_worse", "had it 6 years, it's slowly crept up my shins over that time"),
            Answer::yes);
  EXPECT_EQ(answer("q_back_pain", "bad back since the 80s, no worse than usual"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "strong as ever 💪"), Answer::no);
  EXPECT_EQ(answer("q_bladder", "ffs no. can we get on with it"), Answer::no);
  EXPECT_TRUE(states_finding("on tamoxifen since my op", "cancer_history"));
}

// Someone collapsing on television is still answered: "I was watching telly and he
// collapsed" must never be read as a programme (docs/safety.md).
TEST(TenthRoundReading, CrisesInTheRoundsWordsAndAFaintLongAgo) {
  EXPECT_TRUE(safety_fires("feels like someone's standing on my ribs in the middle",
                           SafetyCategory::chest_pain));
  EXPECT_TRUE(safety_fires("Gran is gasping and can't get her words out between breaths",
                           SafetyCategory::breathing));
  EXPECT_TRUE(safety_fires("found nan on the floor, she's breathing but i can't rouse her",
                           SafetyCategory::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("took way too many oxys, feel real weird", SafetyCategory::overdose_poisoning));
  EXPECT_FALSE(safety_fires("fainted once at school in 1962 when I saw a needle",
                            SafetyCategory::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("he collapsed at school today", SafetyCategory::collapse_unresponsive));
}

// From the round's 30 whole conversations (vignettes-extra-hard.jsonl h74-h103).
TEST(TenthRoundReading, ThePersonsWordsForWhatIsNormalAndWhatIsDenied) {
  EXPECT_EQ(answer("q_stroke", "No. Face and speech in perfect working order."), Answer::no);
  EXPECT_EQ(answer("q_weak",
                   "They go heavy after a few hundred yards and I have to sit. Otherwise "
                   "not weak."),
            Answer::no);
  EXPECT_EQ(answer("q_weak", "legs feel weird and heavy but i can still walk"), Answer::no);
  EXPECT_EQ(answer("q_weak",
                   "Numbness only. Define 'weakness' please. If you mean can I lift it "
                   "and stand on it, yes I can."),
            Answer::no);
  EXPECT_EQ(answer("q_weak", "not weak but it gives way on the stairs"), Answer::yes);
}

TEST(TenthRoundReading, BothToAQuestionOfTwoThingsIsYes) {
  EXPECT_EQ(answer("q_worse", "Both. Obviously."), Answer::yes);
  // To a question that names a side, "both" answers another question.
  EXPECT_NE(answer("q_stroke", "both"), Answer::yes);
}

TEST(TenthRoundReading, AStiffBackAndALumpThatTinglesWhenTapped) {
  EXPECT_EQ(answer("q_back_pain", "Back's been stiff for thirty years. Nothing new."), Answer::yes);
  EXPECT_TRUE(states_finding(
      "a lump on the back of my thigh, when I tap it I get tingling down my leg", "nerve_lump"));
  EXPECT_TRUE(states_finding("the numb area is larger than it was in March", "worsening"));
  EXPECT_EQ(answer("q_worse", "Slowly. I can walk less far than last summer."), Answer::yes);
}

// From the round's third probe (answers-extra.jsonl's last 150 lines, vignettes-extra-hard
// h104-h123): phone typing, stories, parents, minimisers, symbols.
TEST(TenthRoundReading, ParentsAndMinimisersInTheirOwnWords) {
  EXPECT_EQ(answer("q_saddle",
                   "my son's 12 and he says his bum feels 'fuzzy' when he sits on the "
                   "toilet"),
            Answer::yes);
  EXPECT_EQ(answer("q_weak", "its probably nothing but my flip flop keeps falling off that foot"),
            Answer::yes);
  EXPECT_EQ(answer("q_weak",
                   "my daughter (6) keeps falling over since yesterday and wont walk up "
                   "the stairs"),
            Answer::yes);
  EXPECT_EQ(answer("q_breath",
                   "my son says his throat feels funny when he swallows his food, "
                   "started today"),
            Answer::yes);
  EXPECT_EQ(answer("q_injury",
                   "its probably nothing but I did slip on the ice and land on my bum "
                   "a few days ago"),
            Answer::yes);
  EXPECT_EQ(answer("q_fever", "my son's forehead felt really hot last night, gave him calpol"),
            Answer::yes);
  EXPECT_EQ(answer("q_worse", "worst it's been, can barely feel the floor now"), Answer::yes);
  EXPECT_EQ(answer("q_back_pain", "lumbar is screaming"), Answer::yes);
}

// From the round's probe of first messages (openings-extra.jsonl's last 79 lines).
TEST(TenthRoundReading, AQuestionThatSupposesStatesNothing) {
  for (const char* text :
       {"If someone's leg suddenly went numb and cold, would that count as an emergency?",
        "What should I do if my numb feet ever start getting weaker?",
        "is it true that if ur bum goes numb with back pain thats an emergency??",
        "Hypothetically, if I came off my bike, how would I know whether I'd hurt my spine?",
        "In case I will have fever and back pain one day, when I must go to the hospital?"}) {
    EXPECT_FALSE(stops_at_opening(text)) << text;
  }
  // Dated, it happened: "is it bad if I can't pee since yesterday?".
  EXPECT_TRUE(states_finding("is it bad if I cant pee since yesterday?", "bladder_trouble"));
}

TEST(TenthRoundReading, WhatFollowsAColonTellsMoreOfTheSentenceBefore) {
  EXPECT_FALSE(
      states_finding("My grandad had a stroke last year: his face drooped and his speech went "
                     "slurred, it was awful.",
                     "stroke_signs"));
  EXPECT_TRUE(
      states_finding("My grandad had a stroke last year: now my face is drooping", "stroke_signs"));
}

TEST(TenthRoundReading, EmergenciesOfTheOpeningsProbeInTheirWords) {
  EXPECT_TRUE(states_finding("her talking has gone all garbled and she can't find her words",
                             "speech_trouble"));
  EXPECT_TRUE(states_finding("the vision in my right eye just went, like a curtain coming down",
                             "vision_loss"));
  EXPECT_TRUE(states_finding("I have not been able to pass water since yesterday morning",
                             "bladder_trouble"));
  EXPECT_TRUE(
      states_finding("the foot feels like a block of ice and looks bluish", "limb_cold_pale"));
  EXPECT_TRUE(
      states_finding("Fell about 2 m off a ladder this afternoon onto my back", "back_injury"));
  EXPECT_TRUE(states_finding("I shoot up, back's been agony for a week", "back_pain"));
  EXPECT_FALSE(states_finding("My bladder and bowels are completely normal", "bladder_trouble"));
  EXPECT_TRUE(
      safety_fires("husband has just drunk from a lemonade bottle that had white spirit in it",
                   SafetyCategory::overdose_poisoning));
  EXPECT_FALSE(safety_fires("I'm breathless with excitement about seeing the specialist",
                            SafetyCategory::breathing));
  EXPECT_FALSE(safety_fires("I'm a nurse, I deal with overdoses and cardiac arrests all day long",
                            SafetyCategory::overdose_poisoning));
}

// From the round's last probe (carers of people who cannot say, fragments typed in
// distress, euphemisms, other words for yes and no; answers-extra.jsonl's last 118 lines,
// vignettes-extra-hard h124-h138).
TEST(TenthRoundReading, FragmentsEuphemismsAndOtherWordsForYesAndNo) {
  EXPECT_EQ(answer("q_stroke", "words. wrong. cant. say"), Answer::yes);
  EXPECT_EQ(answer("q_bladder", "cant. wee. since brekkie"), Answer::yes);
  EXPECT_EQ(answer("q_stroke", "left arm"), Answer::yes);
  EXPECT_EQ(answer("q_back_pain", "neck"), Answer::yes);
  EXPECT_NE(answer("q_stroke", "his face"), Answer::yes);  // may go on in the next message
  EXPECT_EQ(answer("q_saddle", "my bits feel dead"), Answer::yes);
  EXPECT_EQ(answer("q_bladder", "waterworks gone funny, i sit there and nothing comes"),
            Answer::yes);
  EXPECT_EQ(answer("q_bladder",
                   "had an accident with number twos this morning and didnt even feel it coming"),
            Answer::yes);
  EXPECT_EQ(answer("q_injury", "went down on my backside on the ice tuesday"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "very much so, ive tripped twice on the rug today"), Answer::yes);
  EXPECT_EQ(answer("q_fever", "hardly"), Answer::no);
  EXPECT_EQ(answer("q_breath", "hardly, only when i ran for the bus"), Answer::no);
  EXPECT_EQ(answer("q_weak", "not weak no, just wobbly in the dark"), Answer::no);
  EXPECT_EQ(
      answer("q_bladder", "hardly an issue, ive had a weak stream for years with my prostate"),
      Answer::no);
  EXPECT_EQ(answer("q_cold",
                   "not that i havent noticed it, its gone whiter than the other since "
                   "lunch"),
            Answer::yes);
  EXPECT_FALSE(
      states_finding("my brain's gone numb and so has my backside after three hours on "
                     "these plastic chairs",
                     "back_injury"));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::tenth_round_reading_test
