// What a fourteenth held-out round found (a helper's 150 answers written apart from the
// code to be hard the way chat is hard: a story before the answer, a yes or no taken back,
// timing, a carer who disagrees with the patient, two-part questions answered in halves,
// texting, the symptom's word used in another sense; docs/reading.md "Measured"), and the
// rules it led to, each with the look-alike it must not catch.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/parser.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::fourteenth_round_reading_test {
namespace {

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

// A last sentence that opens "So yes" concludes, whatever short tail follows.
TEST(FourteenthRoundReading, ALastSentenceOpeningSoYesConcludes) {
  EXPECT_EQ(answer("q_injury",
                   "We had my grandson's party on Saturday with a bouncy castle and like an idiot "
                   "I had a go, bounced off the side and landed flat on my back on the patio. So "
                   "yes, I guess that counts."),
            Answer::yes);
  EXPECT_EQ(answer("q_stroke",
                   "when I tried to tell him I was fine it all came out jumbled for a minute or "
                   "two. It's back to normal now. So yes I suppose."),
            Answer::yes);
}

// "always dry before this started" says what is new, not that it is long-standing.
TEST(FourteenthRoundReading, AlwaysSoBeforeMakesWhatFollowsNew) {
  EXPECT_EQ(answer("q_bladder",
                   "Mum says no, but she's had a wet pad twice today and she was always dry "
                   "before this started."),
            Answer::yes);
  EXPECT_NE(answer("q_bladder", "she has always had a weak bladder, wet pads for years"),
            Answer::yes);
}

// The second half of a two-part question answered after a "but".
TEST(FourteenthRoundReading, TheOtherHalfOfATwoPartQuestion) {
  EXPECT_EQ(
      answer("q_breath", "Breathing's ok, but food keeps sticking, it won't go down properly."),
      Answer::yes);
  EXPECT_EQ(answer("q_breath",
                   "No trouble swallowing, but I'm out of breath just sitting here talking to "
                   "you."),
            Answer::yes);
  // Out of breath after running is no sign in an opening (as an answer to the breathing
  // question it is still read as yes, the safer reading).
  EXPECT_FALSE(
      states_finding("i was so out of breath after chasing the bus haha", "breathing_trouble"));
  EXPECT_EQ(answer("q_injury",
                   "No fall, but someone went into the back of my car on Friday and my neck's "
                   "been sore since."),
            Answer::yes);
}

TEST(FourteenthRoundReading, TextedAndCarersWords) {
  EXPECT_EQ(answer("q_bladder", "cnt pee since 2day"), Answer::yes);
  EXPECT_EQ(answer("q_back_pain", "bit achy ye, low down"), Answer::yes);
  EXPECT_EQ(answer("q_saddle",
                   "He says he can't feel anything when he sits on the toilet seat, like his "
                   "backside has gone to sleep."),
            Answer::yes);
}

}  // namespace
}  // namespace triagebot::dialogs::testing::fourteenth_round_reading_test
