// The forty-fourth held-out round (a helper, brief only: a Black Country pensioner, a
// Cornish surfer, a Punjabi taxi driver, a night porter, a Singaporean writing Singlish, a
// 16-year-old footballer, a voice-typing user, a blind user, a woman of 82 with brittle
// bones and others): 20 safety lines, 30 first messages, 80 typed answers (docs/reading.md
// and docs/safety.md "Measured"). Each fix, tried on words other than the round's, with
// the look-alike it must leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::forty_fourth_round_test {
namespace {

using C = SafetyCategory;

// Nothing comes out on the toilet; sitting on someone else's bottom; landing on the back
// of the neck; an old woman down on her backside ("me backside").
TEST(FortyFourthRoundOpenings, RetentionSaddleAndFallsInOtherWords) {
  EXPECT_TRUE(stops_at_opening(
      "sciatica for a week, tried at the toilet and nothing come out, I try 20 minutes"));
  EXPECT_TRUE(stops_at_opening(
      "back sore since the weekend, both legs tingly, feels like sitting on someone elses "
      "bottom"));
  EXPECT_TRUE(stops_at_opening(
      "got taken out going for the ball, landed on the back of my neck, now both legs are fizzy"));
  EXPECT_TRUE(stops_at_opening(
      "I'm 79 with thin bones, went down on me backside in the garden and now me legs are numb"));
  EXPECT_FALSE(
      stops_at_opening("my toes tingle after a long shift, nothing else, peeing and pooing fine"));
}

// A writer's character is not the writer; a little one's temperature is the child's.
TEST(FortyFourthRoundReading, OtherPeopleNamedSo) {
  EXPECT_FALSE(stops_at_opening(
      "for my novel: my character falls down the stairs and cannot feel his legs, what happens "
      "next? my own legs are fine"));
  EXPECT_EQ(typed_answer("q_fever", "my little one has had a temperature since monday, not me"),
            Answer::no);
}

// Voice typing's "gone none and week"; "mushy" talking; a bladder not felt full; "nowt came
// out"; menopause flushes are no fever; a gastric sleeve lasts; insulin is no street drug.
TEST(FortyFourthRoundReading, AnswersInOtherWords) {
  EXPECT_EQ(typed_answer("q_stroke", "my right arm has gone none and week since lunch"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke",
                         "nah. mind, my sister reckons ive been talkin a bit mushy since tea"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "I do not feel when my bladder is full any more"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "nah, well, stood there ages this morning and nowt came out"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_fever", "always hot these days but its the menopause"), Answer::no);
  // A fever measured is never denied for the menopause beside it.
  EXPECT_NE(typed_answer("q_fever", "38.4 last night, and im going through the menopause"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_b12", "I had a gastric sleeve five years ago"), Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "only my insulin pen, if that counts"), Answer::no);
}

// From the open set's answers read as nothing: a mouth that felt thick, the telly gone
// double, halfway up the shins, three goes to get off the sofa, waking on the floor, a
// breath that cannot be taken full. Not halfway up the stairs.
TEST(FortyFourthRoundReading, OpenSetAnswers) {
  EXPECT_EQ(typed_answer("q_stroke", "my tongue felt thick and weird for a few minutes, fine now"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "dont think so, tho the tv went double for a second"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_worse", "last week my toes, now its halfway up my calves"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "took me four goes to get up from the chair"), Answer::yes);
  EXPECT_EQ(typed_answer("q_injury", "I woke up on the bathroom floor this morning, no idea how"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_breath", "my breath cannot take full since yesterday"), Answer::yes);
  EXPECT_NE(typed_answer("q_worse", "I had to stop halfway up the stairs for a rest"), Answer::yes);
}

// The dose on the packet is no overdose; twenty when it says eight still is.
TEST(FortyFourthRoundSafety, TheDoseOnThePacket) {
  EXPECT_FALSE(safety_fires(
      "overdid it digging the garden and took two ibuprofen like the box says, feet still tingle",
      C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("i took 20 paracetamol, the packet says 8 max", C::overdose_poisoning));
}

// What happens in a show being watched or a podcast being listened to is a story; a
// show being watched when the crisis came, or one the writer is in, is not.
TEST(FortyFourthRoundSafety, InTheShowBeingWatched) {
  EXPECT_FALSE(safety_fires(
      "in the film we are watching a man just collapsed and they are doing cpr, my foot tingles",
      C::collapse_unresponsive));
  EXPECT_FALSE(safety_fires(
      "a podcast about a woman who was found unresponsive in her flat, gave me chills. toes numb",
      C::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("we were watching the show and he just collapsed, not breathing",
                           C::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("im in the show tonight but my chest is crushing and my arm is numb",
                           C::chest_pain));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::forty_fourth_round_test
