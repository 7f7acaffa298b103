// The thirty-fourth held-out round (a helper, brief only: a lorry driver, a retired
// teacher, a gamer typing without punctuation, a drowsy person on night medicines, a
// worried daughter, a builder, a vicar, a nurse, a person with learning disabilities;
// Australian, South African, Indian and Jamaican English; French, German, Italian and
// Russian speakers writing English; dictation): 20 safety lines, 36 first messages and 50
// typed answers, the emergencies told without medical words (docs/safety.md and
// docs/reading.md "Measured"). Each fix, tried on words other than the round's, with the
// look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/answer_reader.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::thirty_fourth_round_test {
namespace {

using C = SafetyCategory;

// Stepping in front of a vehicle meant; Jamaican "nuh wan live". Look-alikes: a class
// walked in front of, a bus nearly walked into.
TEST(ThirtyFourthRound, AVehicleAndPatois) {
  EXPECT_TRUE(safety_fires("im gonna step in front of a train tonight", C::self_harm));
  EXPECT_TRUE(safety_fires("mi nuh wan live again", C::self_harm));
  EXPECT_FALSE(safety_fires("I have to walk in front of the class to present and my leg is numb",
                            C::self_harm));
  EXPECT_FALSE(safety_fires("nearly walked in front of a bus yesterday cos my foot went numb",
                            C::self_harm));
}

// Punctuation dictated as words ends a sentence: "full stop" and "new line" close the
// stretch told of the past before them. Look-alike: "stop" as a word.
TEST(ThirtyFourthRoundOpenings, PunctuationSpokenAsWords) {
  EXPECT_TRUE(stops_at_opening(
      "I had a fall years ago full stop since this morning my left arm is weak and my face "
      "droops"));
  EXPECT_TRUE(stops_at_opening(
      "I had a fall years ago new line since this morning my left arm is weak and my face "
      "droops"));
  EXPECT_FALSE(stops_at_opening(
      "quick question about my feet, they go numb at the bus stop when its cold, always have"));
}

// Emergencies told without medical words: a wee not felt, an accident in one's trousers,
// legs weaker each day and water that goes the wrong way, a foot that today cannot be
// lifted. Look-alikes: the same words with nothing new.
TEST(ThirtyFourthRoundOpenings, EmergenciesInPlainWords) {
  EXPECT_TRUE(stops_at_opening(
      "hurt my back lifting on monday, both legs numb now and I cannot feel myself pee"));
  EXPECT_TRUE(states_finding("had an accident in my trousers at work, did not know i needed to go",
                             "bladder_trouble"));
  EXPECT_TRUE(stops_at_opening(
      "since four days my feet tingle and each day the legs are more weak, and tea goes the "
      "wrong way when I drink"));
  EXPECT_TRUE(states_finding("left foot catching since monday and today I cannot lift it at all",
                             "worsening"));
  EXPECT_FALSE(stops_at_opening("bladder fine, no accidents, just numb toes for a few years"));
}

// Answers that mean yes without a yes word: an arm "floppy", the paper not felt.
// Look-alikes: each denied.
TEST(ThirtyFourthRoundReading, YesWithoutAYesWord) {
  EXPECT_EQ(typed_answer("q_stroke", "face is fine, but my left arm went all floppy"), Answer::yes);
  EXPECT_EQ(typed_answer("q_saddle", "when i wipe i dont really feel the paper"), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "no, face and arms are fine"), Answer::no);
  EXPECT_EQ(typed_answer("q_saddle", "no, I can feel the paper fine"), Answer::no);
}

// A no that turns to the thing asked in other words: a frozen step for the saddle, a
// bladder that will not go, a bat for a thunderclap ("not a headache as such, more like":
// the word was denied, not the thing), bracken for ticks. Look-alikes: what follows names
// something else, or is about someone else.
TEST(ThirtyFourthRoundReading, ANoThatTurnsToTheThingAsked) {
  EXPECT_EQ(
      typed_answer("q_saddle", "no pain, but the cheeks of my backside feel like ive sat on snow"),
      Answer::yes);
  EXPECT_EQ(typed_answer("q_bladder", "not been since last night, i try and nothing happens"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_headache", "not really a headache, more like being hit with a hammer"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_tick", "none that I saw, but I was clearing ferns all weekend"),
            Answer::yes);
  EXPECT_NE(typed_answer("q_headache", "not a headache, more like a dull ache in my neck"),
            Answer::yes);
  EXPECT_EQ(typed_answer("q_cancer", "no but my sister has leukaemia"), Answer::no);
  EXPECT_EQ(typed_answer("q_bladder", "no, that all works, it's my feet that are numb"),
            Answer::no);
}

// Cortisone taken every day lowers immunity as prednisolone does; a witness telling the
// patient "I wasn't making sense" is speech trouble. Look-alikes: a cortisone cream, and
// someone else talking nonsense.
TEST(ThirtyFourthRoundReading, CortisoneAndAWitnessToConfusedSpeech) {
  EXPECT_EQ(typed_answer("q_immune", "I take cortisone tablets for my lungs"), Answer::yes);
  EXPECT_EQ(typed_answer("q_stroke", "my husband says I was not making any sense at tea time"),
            Answer::yes);
  EXPECT_NE(typed_answer("q_immune", "a cortisone cream on my elbow, nothing else"), Answer::yes);
  EXPECT_FALSE(stops_at_opening("my foot is numb and the kids are talking nonsense again"));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::thirty_fourth_round_test
