// The thirty-seventh held-out round (a helper, brief only: a Welsh grandmother, an Irish
// builder, a Jamaican-born bus driver, a Filipino nurse, a Ghanaian student, an American
// trucker, a South African farmer, a Caribbean pastor, a Spanish speaker, a deaf writer,
// a writer with dyslexia, a mum typing one-handed, a catastrophiser, a stoic, one long
// sentence without stops): 24 safety lines, 30 first messages, 60 typed answers
// (docs/reading.md and docs/safety.md "Measured"). Each fix, tried on words other than
// the round's, with the look-alike it must leave alone.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::thirty_seventh_round_test {
namespace {

using C = SafetyCategory;

// Words spelt as heard, where the dictionary's first guess is another word ("nite" ->
// "tine", "mor" -> "rom", "sinse" -> "sines", "draging" -> "grading").
TEST(ThirtySeventhRoundOpenings, WordsSpeltAsHeard) {
  EXPECT_TRUE(stops_at_opening(
      "my left leg is numm and the foot is draging mor and mor sinse last nite, now it gives "
      "way"));
  EXPECT_EQ(typed_answer("q_inject", "not eny mor, well onley at the wekend now"), Answer::yes);
  EXPECT_EQ(typed_answer("q_injury", "fell off my bike when I was a kid, but nuttin recent"),
            Answer::no);
  // Spelt as heard in a crisis: "its pumpin blud, towl is soked thru".
  EXPECT_TRUE(safety_fires("cut my leg on the strimmer and the towel is soked thru already",
                           C::severe_bleeding));
}

// A back that "has been at me" with a cancer treated years ago; "What means ...?" asks
// what a word means; "she says I'll have a stroke watching the match" is a joke.
TEST(ThirtySeventhRoundOpenings, OldCancerAndNewBackPainButNotAJoke) {
  EXPECT_TRUE(stops_at_opening(
      "my back's been at me for three weeks, worse at night. I had breast cancer 5 years ago, "
      "they said they got it all"));
  EXPECT_FALSE(stops_at_opening(
      "What means when the doctor asks about numbness in the saddle? My feet tingle at night "
      "since months."));
  EXPECT_FALSE(stops_at_opening(
      "the wife says I'll have a stroke watching the rugby. Real question: my left foot goes "
      "pins and needles kneeling, gone after a few minutes"));
  EXPECT_TRUE(stops_at_opening("my wife says I'm having a stroke, my face has dropped"));
}

// Answers: a column is the spine to a Spanish speaker, a lip that feels fat is the face,
// "not cold, freezing" and gone "kinda grey" is a cold limb, a cancer feared is not had.
TEST(ThirtySeventhRoundReading, AnswersInOtherWords) {
  EXPECT_EQ(typed_answer("q_procedure",
                         "No operation. Only the doctor put an injection in my column last week"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "the left side of my lip feels fat since this morning"),
            Answer::yes);
  EXPECT_EQ(
      typed_answer("q_cold", "not cold, freezing, and it's gone kinda grey next to the other"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_cancer", "no but my dad did and im scared, does numbness mean cancer?"),
            Answer::no);
  EXPECT_FALSE(states_finding("he mumbles in his sleep and his feet are numb", "speech_trouble"));
}

// Patois without the article: "dis traffic a go give mi heart attack one day".
TEST(ThirtySeventhRoundSafety, AFrightWithoutTheArticle) {
  EXPECT_FALSE(
      safety_fires("this queue will give me heart attack one day, my foot is numb", C::chest_pain));
  EXPECT_TRUE(safety_fires("mi have heart attack now, chest a crush mi", C::chest_pain));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::thirty_seventh_round_test
