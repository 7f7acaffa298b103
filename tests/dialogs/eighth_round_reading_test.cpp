// The safety screen's misses an eighth held-out round found (new chat-style messages
// written for a probe, none from the dev sets; docs/safety.md "Measured"): each with
// the look-alike it must not catch.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"

namespace triagebot::dialogs::testing::eighth_round_reading_test {
namespace {

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
