// The thirty-sixth held-out round (a helper, brief only: a Polish warehouse worker, a
// Nigerian auntie, an Indian software engineer, a teenager texting, a home-care worker's
// shift notes, a site foreman, a retired engineer writing numbered lists, someone who
// jokes it away, someone in capitals, a spouse writing for a partner, an Australian
// farmer, a gym coach, someone using the wrong medical words): 24 safety lines, 30 first
// messages, 60 typed answers; and the thirty-fifth round's misses, told through images
// (docs/reading.md "Measured"). Each fix, tried on words other than the rounds', with the
// look-alike it must leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/parser.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::thirty_sixth_round_test {
namespace {

std::optional<double> duration_of(const std::string& opening) {
  return read_message(builtin().data(), opening, nullptr, &spelling()).duration_days;
}

// A sign told as a picture: two of everything "stacked on top of each other", a seat that
// feels "like sitting on nowt", a foot "the colour of a candle", a man who "runs out of
// air", "I was talking nonsense". Look-alikes: the same words about something else.
TEST(ThirtySixthRoundOpenings, SignsToldAsImages) {
  EXPECT_TRUE(stops_at_opening(
      "my husband says I keep seeing the telly twice, one on top of each other, and my right "
      "leg went numb an hour ago"));
  EXPECT_TRUE(stops_at_opening(
      "back's been agony for three days and on the tractor it's like sitting on nowt, I "
      "cannot feel the seat"));
  EXPECT_TRUE(stops_at_opening(
      "my foot has gone the colour of a candle and cold as a fish since this morning"));
  EXPECT_TRUE(stops_at_opening(
      "his legs have gone weak since yesterday and now he runs out of air after a few words"));
  EXPECT_TRUE(stops_at_opening(
      "yesterday my arm went weak for an hour and my wife says I was talking nonsense"));
  EXPECT_FALSE(stops_at_opening(
      "the boxes were stacked on top of each other and one fell on my foot, now it's numb"));
  EXPECT_FALSE(stops_at_opening("my feet are always cold as a fish, have been for years"));
  EXPECT_FALSE(
      stops_at_opening("the tyre ran out of air and I had to push the car, now my legs are numb"));
  EXPECT_FALSE(
      stops_at_opening("the kids are talking nonsense again and my leg is numb since the weekend"));
}

// Street words and farm words: "banging gear" is injecting, "rigors" a fever, a back "in
// bits" or "crook" hurts. Look-alikes: a gear stick, rigorous exercise, feeling crook.
TEST(ThirtySixthRoundReading, StreetAndFarmWords) {
  EXPECT_TRUE(stops_at_opening(
      "back is in bits in one spot and I've had the rigors all night, I've been banging gear"));
  EXPECT_EQ(typed_answer("q_fever", "had the rigors last night"), Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "still banging gear most days"), Answer::yes);
  EXPECT_EQ(typed_answer("q_back_pain", "only the usual crook back, but yeah real bad this week"),
            Answer::yes);
  EXPECT_FALSE(
      states_finding("banged my knee on the gear stick, now the shin is numb", "injects_drugs"));
  EXPECT_FALSE(states_finding("after rigorous exercise my legs went numb", "fever"));
  EXPECT_FALSE(states_finding("got back from the doctor feeling crook, legs numb", "back_pain"));
}

// Learners' English: "from 5 days" is for five days, "since morning" today, "I not feel
// the paper when I clean" is saddle numbness ("clean" as a verb denies nothing, as "been
// clean 10 years" does), "hard to make pee, I must push" is trouble passing urine.
TEST(ThirtySixthRoundReading, LearnersEnglish) {
  EXPECT_EQ(duration_of("from 5 days I have big pain in lower back"), 5.0);
  EXPECT_EQ(duration_of("since morning my right leg is giving way"), 0.3);
  EXPECT_EQ(duration_of("my right leg is weak since the morning"), 0.3);
  EXPECT_FALSE(duration_of("a little weary from the sleepless nights, nothing more"));
  // "but an hour ago": a conjunction before "an" opens the time, as "about" does; "a
  // bottle a day" is still a rate.
  EXPECT_NEAR(duration_of("my back aches but an hour ago my foot went numb").value_or(0), 1.0 / 24,
              1e-9);
  EXPECT_FALSE(duration_of("a bottle a day of wine and my feet are numb"));
  EXPECT_FALSE(duration_of("I've had 28 tablets from the chemist this month").has_value() &&
               *duration_of("I've had 28 tablets from the chemist this month") > 1);
  EXPECT_TRUE(stops_at_opening(
      "today when I go to toilet I not feel the paper when I clean, and my back is very pain"));
  EXPECT_TRUE(states_finding("is hard to make pee, I must push long time", "bladder_trouble"));
  EXPECT_EQ(typed_answer("q_inject", "clean 10 years"), Answer::no);
  EXPECT_FALSE(states_finding("it's hard to say, I pee a lot anyway", "bladder_trouble"));
  EXPECT_FALSE(
      states_finding("I feel fine when I clean the house but my feet are numb", "saddle_numbness"));
}

// A "but yes" after a no about something else turns the answer when its clause names the
// thing asked in the person's words ("like electric it go down to my calf"); water that
// "goes the wrong way" is trouble swallowing after "I am fine".
TEST(ThirtySixthRoundReading, AYesAfterANoAboutSomethingElse) {
  EXPECT_EQ(
      typed_answer("q_shooting", "not much pain in the back, but yes it goes down to my calf"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_shooting", "no, it doesn't go down to my calf"), Answer::no);
  EXPECT_EQ(typed_answer("q_breath", "I am fine, only water is going the wrong way when I drink"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "no leaks, but I haven't managed a wee since last night"),
            Answer::yes);
}

// A day of the week is itself, not "yesterday": the dictionary knows days only with their
// capital and offered "yesterday", which the knowledge base uses, for "tuesday". So a story
// told Monday, Tuesday, Wednesday kept its order only with capitals, and "since tuesday"
// was one day.
TEST(ThirtySixthRoundReading, ADayOfTheWeekIsNotYesterday) {
  EXPECT_EQ(duration_of("numb since tuesday"), 3.5);
  EXPECT_EQ(duration_of("took a spill on the porch steps tuesday and now both legs are numb"), 3.5);
  EXPECT_TRUE(stops_at_opening(
      "monday my legs went tingly, tuesday I struggled on the stairs, wednesday my hands went "
      "fuzzy, and today I can barely stand"));
  // A weekday places an event lately, as "yesterday" did: a TIA of last Tuesday is a yes.
  EXPECT_EQ(typed_answer("q_stroke",
                         "Last Tuesday my right arm went numb and I couldn't get my words out "
                         "for ten minutes, then it all came back. Nothing since."),
            Answer::yes);
}

// A year long gone, said alone, is the past as "in 1987" is: a numbered list of an old
// accident and "nothing since" is a no. So is an epidural of 1998 with "nothing in my
// back since then". Look-alike: an accident of a year not long gone stays a yes.
TEST(ThirtySixthRoundReading, AYearLongGoneAlone) {
  EXPECT_EQ(typed_answer("q_injury",
                         "1. Car accident 1987, whiplash, fully resolved.\n2. No falls since."),
            Answer::no);
  EXPECT_EQ(typed_answer("q_procedure",
                         "Epidural was for my last baby in 1998. Nothing in my back since then."),
            Answer::no);
  EXPECT_EQ(typed_answer("q_injury", "car accident last night, whiplash"), Answer::yes);
}

// A sign named in advice passed on ("my physio told me if I get saddle numbness I should
// rush to A&E") or asked about ("what exactly is saddle area?") is not had. Look-alikes:
// a symptom told with "if" and nothing to do, the sign had after the advice, a question
// about what the person has.
TEST(ThirtySixthRoundOpenings, ASignInAdviceOrAskedAboutIsNotHad) {
  EXPECT_FALSE(stops_at_opening(
      "my physio told me if I get numbness in my saddle area I should rush to A&E. My left leg "
      "has sciatica down to the calf"));
  EXPECT_FALSE(stops_at_opening("What exactly is saddle area? My left calf is numb since a month"));
  EXPECT_FALSE(stops_at_opening("what does saddle numbness mean? my left calf is numb"));
  EXPECT_TRUE(states_finding("my dad says if he walks 50 yards his legs go numb and weak",
                             "walking_brings_on"));
  EXPECT_TRUE(stops_at_opening(
      "my wife said if I can't feel the paper when I wipe I should get checked, and I can't "
      "feel it since this morning"));
  EXPECT_TRUE(
      stops_at_opening("what is this numbness between my legs? started today with back pain"));
  EXPECT_TRUE(
      stops_at_opening("what does saddle numbness mean? my bum has gone numb since last night"));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::thirty_sixth_round_test
