// What an eighth held-out round found missed (new chat-style messages written for a
// probe, none from the dev sets; docs/safety.md and docs/reading.md "Measured"): crises
// the safety screen did not answer, and stroke signs the reader did not see; each with
// the look-alike it must not catch.
#include <gtest/gtest.h>

#include <string>

#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::eighth_round_reading_test {
namespace {

TEST(EighthRoundReading, AWonkySmileJumbledWordsAndAHeavyArmAreStrokeSigns) {
  EXPECT_TRUE(
      states_finding("left leg numb. also my smile looks wonky in the mirror", "stroke_signs"));
  EXPECT_TRUE(states_finding("my wife says my mouth looks a bit wonky", "stroke_signs"));
  EXPECT_TRUE(states_finding("my husbands words are all jumbled and his left leg went numb",
                             "speech_trouble"));
  EXPECT_TRUE(states_finding("leg numb and my speach is slured", "speech_trouble"));
  // Said after "nope" to the stroke question: the "but" clause is read on its own.
  EXPECT_TRUE(states_finding("nope but my arm feels weird and heavy since earlier", "stroke_signs",
                             "q_stroke"));
  EXPECT_FALSE(states_finding("my handwriting is wonky since the numbness", "stroke_signs"));
  EXPECT_FALSE(states_finding("my legs feel heavy and numb", "stroke_signs"));
  EXPECT_FALSE(
      states_finding("the leaflet was all jumbled so I gave up reading it", "speech_trouble"));
}

TEST(EighthRoundReading, NotSeeingThePointInBeingHereIsACrisis) {
  EXPECT_TRUE(safety_fires("my legs are numb and tbh i dont see the point in being here anymore",
                           SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("I don't see the point of being alive", SafetyCategory::self_harm));
  EXPECT_FALSE(
      safety_fires("i dont see the point in seeing a doctor for this", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("is there a point in being here this early for the scan?",
                            SafetyCategory::self_harm));
}

TEST(EighthRoundReading, CuttingOnesOwnLegsIsSelfHarm) {
  EXPECT_TRUE(safety_fires("i keep cutting my legs so i dont know if the numbness is from that",
                           SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("been cutting my skin again", SafetyCategory::self_harm));
  EXPECT_FALSE(
      safety_fires("i was cutting the hedge and my legs went numb", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("cutting down on sugar for my legs", SafetyCategory::self_harm));
}

TEST(EighthRoundReading, ABreathHardToGetAfterANumbLegIsTheBreathing) {
  EXPECT_TRUE(safety_fires("both legs numb and weak and now im finding it hard to get my breath",
                           SafetyCategory::breathing));
  EXPECT_TRUE(safety_fires("legs gone numb and i cant catch my breath", SafetyCategory::breathing));
  EXPECT_FALSE(
      safety_fires("my leg is hard to move and my breath smells", SafetyCategory::breathing));
  EXPECT_FALSE(
      safety_fires("legs numb but no trouble getting my breath", SafetyCategory::breathing));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::eighth_round_reading_test
