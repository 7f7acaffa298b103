// The fifty-eighth held-out round (a helper, brief only: 30 openings, 40 messages for the
// safety screen, 60 answers) and vignette set 59 (docs/reading.md "Measured"), with what
// earlier rounds had left. Each fix, tried on words other than the round's, with the
// look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fifty_eighth_round_test {
namespace {

using C = SafetyCategory;

// Whether `text`, typed to `question_id`, names a red flag in so many words.
bool names_a_red_flag(const char* question_id, const std::string& text) {
  const KnowledgeData& k = builtin().data();
  return !read_message(k, text, k.question(question_id), &spelling()).red_flags.empty();
}

// Left by rounds 52 and 54: a day-by-day diary whose last day "still needed" help, a
// sitting on the loo "for ages" since Tuesday, injecting told as "using, needles" or
// after "not proud of it".
TEST(FiftyEighthRoundReading, WhatEarlierRoundsLeft) {
  EXPECT_TRUE(stops_at_opening(
      "flu last week. Friday my feet tingled, Saturday I walked to the shop slowly, Sunday I "
      "stopped twice on the stairs, today I used the banister and still needed my son to pull "
      "me up. fingers tingle now too"));
  EXPECT_EQ(
      typed_answer("q_bladder", "since Monday I sit on the toilet for ages and it barely comes"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "no, I've had a slow stream for ages, my prostate"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_inject", "yeah, not proud of it, been using needles since spring"),
            Answer::yes);
  EXPECT_TRUE(stops_at_opening(
      "back killing me 5 days and both legs going numb. honestly I've been using, needles, "
      "since summer"));
  EXPECT_FALSE(stops_at_opening(
      "both feet numb for months, I'm diabetic so I use needles for my insulin every day"));
}

// Left by vignette set 55: a carer's husband "is the one who chokes on drinks ... this is
// about me"; a foot a little cooler "like this for months, nothing new today"; a lifelong
// night-time pee "nothing new".
TEST(FiftyEighthRoundReading, WhatSetFiftyFiveLeft) {
  EXPECT_FALSE(stops_at_opening(
      "My wife has MS, she's the one who chokes on her tea, but this is about me: a numb "
      "strip down my right shin for a month"));
  EXPECT_TRUE(stops_at_opening(
      "My wife has MS, she's the one who chokes on her tea. My legs went weak this morning "
      "and now I choke on drinks too"));
  EXPECT_EQ(typed_answer("q_cold",
                         "maybe a touch cooler than the other, it's been like that for "
                         "months, nothing new today"),
            Answer::no);
  EXPECT_EQ(
      typed_answer("q_cold", "it's been like that for months but today it went white and icy"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "up twice a night for years, nothing new"), Answer::no);
}

// A taxi that knocked a rider off and "i land on my back"; a car hit from behind, the head
// thrown forward and back. Look-alikes: a list of what is absent after one "no" or under
// "NOT:", a TV script's character, "no, my legs are strong" (a bare no, then a clause).
TEST(FiftyEighthRoundOpenings, RedFlagsAndLookAlikes) {
  EXPECT_TRUE(stops_at_opening(
      "a van knock me off my motorbike this morning, i land on my back, now both legs tingle"));
  EXPECT_TRUE(stops_at_opening(
      "a lorry hit our car from behind yesterday, my head went forward and back, now my "
      "hands and both feet are tingling"));
  EXPECT_FALSE(stops_at_opening(
      "numb toes both feet for a year. no face droop, slurred speech, bladder issues, "
      "weakness or back pain"));
  EXPECT_FALSE(stops_at_opening(
      "Diabetic, tingly soles for 2 years. Negatives: chest pain, face droop, weakness, "
      "bladder trouble."));
  EXPECT_FALSE(stops_at_opening(
      "I edit a medical drama and this week's scene has a man whose legs give way. Me: pins "
      "and needles in my right foot when I cross my legs"));
  EXPECT_TRUE(states_finding("no, my legs are strong but they're numb", "both_legs"));
  EXPECT_TRUE(states_finding("no fever, but my back is killing me", "back_pain"));
}

// A part of the screen said yes to after another said no; a leg like meat from the
// freezer; half the bottom not there on the toilet; an exclamation or a charm before the no;
// a yes that only says someone looked; a pregnancy bump's stiff back; hormone injections
// from the urologist; "a little over the years".
TEST(FiftyEighthRoundReading, AnswersInOtherWords) {
  EXPECT_EQ(typed_answer("q_stroke", "speech no, fine. but the arm yes, the left one since 9"),
            Answer::yes);
  EXPECT_EQ(
      typed_answer("q_cold", "the right one is fine, this one is like meat out of the freezer"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "now you say it, half my bum isn't there on the toilet"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "Goodness me, no. Never touched drugs"), Answer::no);
  EXPECT_EQ(typed_answer("q_fever", "knock on wood, no"), Answer::no);
  EXPECT_EQ(typed_answer("q_cold", "yes I looked, both are just as warm and the same colour"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_cold", "yes, the numb one is cold and white"), Answer::yes);
  EXPECT_EQ(
      typed_answer("q_cancer", "no, but he gets an injection from the urologist every 3 months"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_worse", "a little over the years, slowly"), Answer::yes);
  EXPECT_TRUE(states_finding("dropping things and I can't do up my buttons", "hands_clumsy"));
}

// Not sure, in other words: what cannot be said or tested. A plain no followed by a doubt
// about something else. A stroke said only in jest is no red flag; "No, not me." then what
// happened to someone named.
TEST(FiftyEighthRoundReading, DoubtsAndOthersApart) {
  EXPECT_EQ(
      typed_answer("q_weak", "the pain's too bad to stand on it, so I can't say if it's weak"),
      Answer::unsure);
  EXPECT_EQ(typed_answer("q_weak", "can't test it, it's in a boot after the fracture"),
            Answer::unsure);
  EXPECT_EQ(typed_answer("q_fever", "no, maybe a bit run down"), Answer::no);
  EXPECT_EQ(typed_answer("q_fever", "no, maybe a temperature last night"), Answer::unsure);
  EXPECT_FALSE(names_a_red_flag("q_stroke", "no, my brother said it's a stroke to wind me up"));
  EXPECT_TRUE(names_a_red_flag("q_stroke", "the paramedic said it's a stroke"));
  EXPECT_EQ(typed_answer("q_injury", "No, not me. Priya fell down the stairs on Sunday"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_injury", "No, not me. My wife fell off a ladder, I was fine"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_injury", "no not me. well I did fall off the ladder yesterday"),
            Answer::yes);
}

// Paracetamol taken twice over in two medicines; stopping mid-sentence for air; the world
// going grey, about to faint. Look-alikes: two medicines read about, not taken; a
// great-grandmother's overdose in the family papers; a breath taken to find one's place.
TEST(FiftyEighthRoundSafety, CrisesAndLookAlikes) {
  EXPECT_TRUE(safety_fires(
      "taking lemsip and co-codamol all week, just noticed they both have paracetamol in",
      C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("I have to stop in the middle of a sentence to get my breath back",
                           C::breathing));
  EXPECT_TRUE(safety_fires("it's all going black and far away, I think I faint soon",
                           C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("the leaflet says both have paracetamol so I take one or the other",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("in our family tree my great uncle took an overdose in 1950",
                            C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("I stopped in the middle of a sentence because I forgot the word",
                            C::breathing));
}

// The round's new words read back against plain sentences: each was narrowed where it
// caught one of these.
TEST(FiftyEighthRoundReview, NewWordsStayNarrow) {
  // A doubt after "no" about the screen's own sign stays a doubt.
  EXPECT_EQ(typed_answer("q_cold", "no, maybe a bit paler"), Answer::unsure);
  EXPECT_EQ(typed_answer("q_stroke", "no, maybe a bit blurry"), Answer::unsure);
  // "knocked me off my feet" is an illness; pain that "hits from the back of my thigh" is
  // no blow; moving the head is no whiplash; "at the scene where I crashed" is no plot.
  EXPECT_FALSE(stops_at_opening("this flu has knocked me off my feet and now both my legs tingle"));
  EXPECT_FALSE(stops_at_opening(
      "shooting pain hits me from the back of my thigh down to my foot, numb toes"));
  EXPECT_FALSE(
      states_finding("when I bend my head forward and back my fingers tingle", "back_injury"));
  EXPECT_TRUE(stops_at_opening(
      "the paramedics came to the scene where I crashed my bike, now both legs are numb and my "
      "back hurts"));
  EXPECT_TRUE(states_finding("its just slowly creeping up my legs", "onset_gradual"));
  // "not joking" is no joke; a family history is no reason to set an overdose aside.
  EXPECT_TRUE(names_a_red_flag("q_stroke", "he said its a stroke and hes not joking"));
  EXPECT_TRUE(
      safety_fires("I have a family history of depression and I took an overdose an hour ago",
                   C::overdose_poisoning));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fifty_eighth_round_test
