// What a nineteenth held-out round's typed answers and conversations found (helpers wrote
// them from the clinical brief alone: the very old writing formally, Scots, Jamaican and
// Nigerian English, deaf users writing in BSL-influenced grammar, farmers, night staff;
// docs/reading.md "Measured"), and the rules they led to, each with its look-alike. The
// round's crisis lines led to the screen's second stage (signs_that_add_up_test.cpp).
#include <gtest/gtest.h>

#include "dialogs/answer_reader.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::nineteenth_round_reading_test {
namespace {

// "Back pain no.": the negative after the words it denies, as BSL grammar puts it, and
// as a list of symptoms ticked off does. Not "pain no better", where "no" qualifies.
TEST(NineteenthRoundReading, ANoAfterTheWordsItDenies) {
  EXPECT_EQ(typed_answer("q_back_pain", "Back pain no."), Answer::no);
  EXPECT_FALSE(states_finding("Back pain no.", "back_pain"));
  EXPECT_EQ(typed_answer("q_injury", "Fall no. Accident no. Only knee operation."), Answer::no);
  EXPECT_TRUE(states_finding("back pain no better since Monday", "back_pain"));
}

// Scots: "cannae", "nuthin", and "ah" for "I" before a verb ("ah leak a wee bit when ah
// cough" is the leak the bladder question does not ask about); "ah ok" is a sigh.
TEST(NineteenthRoundReading, ScotsWords) {
  EXPECT_TRUE(states_finding("aye cannae feel when I need to go any more, since Sunday",
                             "bladder_trouble", "q_bladder"));
  EXPECT_EQ(typed_answer("q_bladder",
                         "Ah leak a wee bit when ah cough or laugh, but that's been years since "
                         "the weans. Nuthin new."),
            Answer::no);
  EXPECT_EQ(typed_answer("q_weak", "ah ok, no"), Answer::no);
}

// First messages whose emergency was in words the knowledge base lacked: a mouth's
// corner sitting lower, a foot the colour of candle wax or ash and cold as water, a fall
// by missing the chair on thin bones, a plasma cell disease. "the other leg is warm" and
// "her toes" on one foot are no second leg.
TEST(NineteenthRoundOpenings, EmergenciesInTheirOwnWords) {
  EXPECT_TRUE(
      stops_at_opening("my left leg went numb half an hour ago and the left corner of my "
                       "mouth is sitting lower than the right"));
  EXPECT_TRUE(
      stops_at_opening("left leg numb out of nowhere an hour ago, the foot is the colour "
                       "of candle wax and cold as the trough water"));
  EXPECT_TRUE(
      stops_at_opening("since this afternoon her right leg is numb, it turned like ash "
                       "colour and cold like fridge water, the other leg is warm"));
  EXPECT_TRUE(
      stops_at_opening("I have thin bones and missed the chair on Tuesday, my back has "
                       "hurt since and today both legs are numb"));
  EXPECT_TRUE(
      stops_at_opening("I am treated for a plasma cell disease, my back is very painful "
                       "and both legs are numb since yesterday"));
  EXPECT_FALSE(states_finding("the other leg is warm", "both_legs"));
  EXPECT_TRUE(states_finding("she can barely wiggle her toes on that foot", "weakness"));
}

// "my back has never troubled me": a "never" a word or two after what it denies (as
// "Before never." and "Back operation never." in BSL grammar); not "a flu that never
// quite goes away", which is still there.
TEST(NineteenthRoundReading, ANeverAfterTheWordsItDenies) {
  EXPECT_EQ(typed_answer("q_back_pain",
                         "I am fortunate that my back has never troubled me, in "
                         "spite of sixty years of gardening."),
            Answer::no);
  EXPECT_EQ(typed_answer("q_prior", "Before never. Eyes fine."), Answer::no);
  EXPECT_TRUE(states_finding("Felt run-down and achy, like a flu that never quite goes away",
                             "recent_infection", "q_infection"));
}

// Yes in other words: not making it to the toilet in time, hauling oneself up the stairs,
// a jolt down to the ankle.
TEST(NineteenthRoundReading, YesInOtherWords) {
  EXPECT_EQ(typed_answer("q_bladder",
                         "twice today I didn't make it to the toilet in time, never "
                         "happened to me before"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_weak",
                         "about three days now, I've had to haul myself up the stairs "
                         "on the banister"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_shooting",
                         "twice today, like a jolt from my bum right down to my "
                         "ankle"),
            Answer::yes);
}

// A twenty-third round's first messages (docs/reading.md "Measured"): a smile that goes up
// on one side only, wiping "through a thick glove", wetting the bed unknowing, "feel
// nothing there", a foot "slapping the floor", legs "going from under me", numbness that
// "has reached the thighs", a cancer "in his bones now". And a normal state inside a
// phrase's gap denies it: "everything down below feels normal when I wipe".
TEST(TwentyThirdRoundOpenings, EmergenciesInTheirOwnWords) {
  EXPECT_TRUE(
      stops_at_opening("half hour back her left leg is sleeping and when she smile only "
                       "right side of mouth is going up, left side is hanging like wax"));
  EXPECT_TRUE(
      stops_at_opening("back pain since Monday, this morning wiping felt like doing it "
                       "through a thick glove"));
  EXPECT_TRUE(
      stops_at_opening("strong pain in the low back since 5 days, this night I make pee "
                       "in the bed without to know"));
  EXPECT_TRUE(
      stops_at_opening("his feet are numb and weak since Sunday and now it has reached "
                       "the thighs, he is failing to climb the stairs"));
  EXPECT_TRUE(
      stops_at_opening("Grandad's prostate thing came back and it's in his bones now, "
                       "he has back pain and can't feel his legs properly"));
  EXPECT_FALSE(
      stops_at_opening("Sciatica down the right leg for ten days, everything down below "
                       "feels normal when I wipe, no numbness in the groin."));
}
// A twenty-fourth round's conversations: "not strong pain" is mild pain, not weak legs;
// filler ("an' that are all") does not use up the window in which "normal" denies; "all
// is as it should be - nothing of that kind" is a no.
// The twenty-sixth round's openings (48; 15 of 24 emergencies stopped at once on the
// first run, 2 look-alikes stopped): a bladder "bursting" that "can't go", wet without
// feeling it, a bottom "like made of wood", a foot "like marble", "paler" and "cooler"
// than the other, landing flat on one's back, a boulder in the back, a prostate's hormone
// jab. Not "testicular cancer" as numbness down below.
TEST(TwentySixthRoundOpenings, EmergenciesInTheirOwnWords) {
  EXPECT_TRUE(
      stops_at_opening("sciatica down the left leg, went for a slash at 10 and nothing "
                       "came, still bursting now and can't go"));
  EXPECT_TRUE(
      stops_at_opening("strong pain in low back and both legs, my trousers was wet and "
                       "I did not feel it, my bottom feel like made of wood"));
  EXPECT_TRUE(
      stops_at_opening("twenty minutes ago my right calf went agony and now the foot is "
                       "numb and looks like marble, cold as a stone"));
  EXPECT_TRUE(
      stops_at_opening("at 14:10 my left foot became numb. The skin is a paler colour "
                       "than the right foot and cooler when I touch it"));
  EXPECT_TRUE(
      stops_at_opening("slid on scree and took a boulder square in the lower back, now "
                       "my left leg is tingly"));
  EXPECT_TRUE(
      stops_at_opening("on the hormone jab for my prostate, new ache low in my back "
                       "worse at night and my feet are going numb"));
  EXPECT_FALSE(
      stops_at_opening("Had testicular cancer at 25, cured. No back or neck pain "
                       "whatsoever. Numb patch on my outer right thigh."));
  EXPECT_FALSE(stops_at_opening("my feet go numb on the cold marble floor at work"));
}

TEST(TwentyFourthRoundReading, NoesInOtherWords) {
  EXPECT_FALSE(states_finding("Yes, lower back is stiff many years, but not strong pain.",
                              "weakness", "q_back_pain"));
  EXPECT_EQ(typed_answer("q_bladder", "Waterworks an' that are all normal."), Answer::no);
  EXPECT_EQ(typed_answer("q_saddle", "All is as it should be there - nothing of that kind."),
            Answer::no);
  EXPECT_TRUE(states_finding("my legs are not strong any more", "weakness"));
}

// The twenty-seventh round's answers: a "no" to the face then a yes to the arm on the
// same side; Nigerian Pidgin's "no get power" and "dey weak"; a bladder that will not
// empty told as trying with little coming out; a "no" closing "Hands no problem" and
// Pidgin's "Back pain no dey" (there is none), but not "no dey go away" (it does not go).
TEST(TwentySeventhRoundReading, AnswersInTheirOwnWords) {
  EXPECT_EQ(typed_answer("q_stroke",
                         "the face no, but the arm is also little bit sleeping, same side "
                         "like the leg"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "I fit waka but my legs no get power like before, e dey weak"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "I keep trying but nothing much comes"), Answer::yes);
  EXPECT_EQ(typed_answer("q_hands", "Hands no problem"), Answer::no);
  EXPECT_EQ(typed_answer("q_back_pain", "Back pain no dey"), Answer::no);
  EXPECT_NE(typed_answer("q_back_pain", "Back pain no dey go away"), Answer::no);
}

// The twenty-eighth round's first messages that did not stop at once: a wipe where "I not
// feel the paper" and "come only little bit" (cauda equina); "no gonna lie i inject" (a
// promise of honesty, no denial) with a back that has "been murder"; a "middle back"
// very painful after a transplant; an osteoporotic fall that "sat down rather hard"; a
// car "T-boned"; a back that "started aching" with cancer. Look-alikes: a baby "sitting
// on my bladder", and a calf cold only when walking, gone at rest (claudication).
TEST(TwentyEighthRoundOpenings, EmergenciesInTheirOwnWords) {
  EXPECT_TRUE(stops_at_opening(
      "back hurts since a week, when I wipe I not feel the paper and pee come only little"));
  EXPECT_TRUE(stops_at_opening("not gonna lie I inject, my back is murder and I have a fever"));
  EXPECT_TRUE(stops_at_opening(
      "I take prednisone for my lungs, my middle back is very painful and I have a temperature"));
  EXPECT_TRUE(
      stops_at_opening("I have osteoporosis and sat down very hard on the step, both legs numb"));
  EXPECT_TRUE(stops_at_opening("got t-boned at the lights, now both legs tingling on and off"));
  EXPECT_TRUE(stops_at_opening(
      "I have breast cancer and my back started aching last week, now my feet are numb"));
  EXPECT_FALSE(stops_at_opening(
      "32 weeks pregnant, the baby is sitting on my bladder, and my outer thigh is numb"));
  EXPECT_FALSE(stops_at_opening(
      "my right calf goes cold and numb when I walk uphill and is fine after I stop for a bit"));
  // Insulin injected is no drug use: with a back ache it had called a spinal infection.
  EXPECT_FALSE(stops_at_opening(
      "type 1 diabetic, I inject insulin 4 times a day, my back aches and both feet are numb"));
  EXPECT_TRUE(stops_at_opening("i inject heroin, back is agony and legs numb"));
}

// Its answers: a temperature told with when and how it went since; a pain made light of
// ("only a dull ache") to the back pain question, not to what kind of pain; rigors and
// sheets sweated through; "heavier than normal" compares (no denial) while "no worse than
// normal" is normal; a mouth or lips on one side are no leg.
TEST(TwentyEighthRoundReading, AnswersInTheirOwnWords) {
  EXPECT_EQ(typed_answer("q_fever", "39.1 on the ear thermometer an hour ago"), Answer::yes);
  EXPECT_EQ(typed_answer("q_fever", "ran 102 last night, it's down to 99 now with the Tylenol"),
            Answer::yes);
  EXPECT_NE(typed_answer("q_fever", "36.9 an hour ago"), Answer::yes);
  EXPECT_EQ(typed_answer("q_back_pain", "only a dull ache low down"), Answer::yes);
  EXPECT_NE(typed_answer("q_shooting", "only a dull ache"), Answer::yes);
  EXPECT_EQ(typed_answer("q_fever", "teeth chattering all night"), Answer::yes);
  EXPECT_EQ(typed_answer("q_breath", "asthmatic but its no worse than normal"), Answer::no);
  EXPECT_NE(typed_answer("q_weak", "heavier than normal on the left"), Answer::no);
  EXPECT_TRUE(states_finding("my lips feel numb on one side", "stroke_signs"));
  EXPECT_FALSE(states_finding("my lips feel numb on one side", "one_leg"));
  EXPECT_EQ(typed_answer("q_injury", "she was found on the floor this morning"), Answer::yes);
  EXPECT_EQ(typed_answer("q_injury", "I missed the bottom step and jarred my back"), Answer::yes);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::nineteenth_round_reading_test
