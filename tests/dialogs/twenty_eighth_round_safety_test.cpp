// The twenty-eighth held-out round (60 safety lines from a helper who saw only the brief:
// second-language English, Jamaican patois, a footy club, a flatmate's note, a nosebleed
// on a blood thinner, a climbing numbness that reaches the breath) answered 33 of 40
// crises and fired 1 of 20 look-alikes on its first run (docs/safety.md "Measured").
// Each fix below is a sign of its kind, tried on words other than the round's, with the
// look-alike it must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"

namespace triagebot::dialogs::testing::twenty_eighth_round_safety_test {
namespace {

using C = SafetyCategory;

// The breastbone as "middle of breast", a pain that goes through to the back, minutes
// typed short; only with the chest named (under the ribs it is also gallstones).
TEST(TwentyEighthRound, ChestPainThatGoesThroughToTheBack) {
  EXPECT_TRUE(safety_fires("strong pain middle of breast, it goes through to the back, 30 minut",
                           C::chest_pain));
  EXPECT_FALSE(safety_fires("sore under my ribs after fatty food, it goes through to the back",
                            C::chest_pain));
}

// Breath getting hard with a voice going weak, or a numbness that climbed to the hands.
TEST(TwentyEighthRound, BreathFailingAsWeaknessClimbs) {
  EXPECT_TRUE(safety_fires("struggling to get a full breath and my voice is getting fainter",
                           C::breathing));
  EXPECT_TRUE(safety_fires(
      "numbness moved up from my knees to my hands since Monday and I can't get a deep breath",
      C::breathing));
  // A worry about what may come is a question, not a crisis.
  EXPECT_FALSE(
      safety_fires("if it spreads up to my hands would I struggle to breathe?", C::breathing));
}

// Someone down and not moving, told as a bystander tells it: flat on the pavement,
// someone already doing compressions, patois "drop dung ... nah answer".
TEST(TwentyEighthRound, DownAndNotMovingInABystandersWords) {
  EXPECT_TRUE(safety_fires("a lady is flat on the pavement outside the shop and not moving",
                           C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("my uncle went over at the wedding, a nurse is doing compressions, "
                   "he isnt moving",
                   C::collapse_unresponsive));
  EXPECT_TRUE(
      safety_fires("mi bredda drop dung a work and him nah answer", C::collapse_unresponsive));
  EXPECT_FALSE(
      safety_fires("lying flat on the floor helps my back, but my toes are not moving "
                   "as well as they did",
                   C::collapse_unresponsive));
}

// A bleed that goes on for an hour, that pressure does not stop, or on an anticoagulant;
// "blood thinners" alone is no bleeding.
TEST(TwentyEighthRound, ABleedThatGoesOnOrIsThinned) {
  EXPECT_TRUE(safety_fires("my nose has been bleeding for over an hour", C::severe_bleeding));
  EXPECT_TRUE(safety_fires("the cut keeps bleeding, pressure did nothing, I take rivaroxaban",
                           C::severe_bleeding));
  EXPECT_FALSE(
      safety_fires("could my blood thinners be why my feet are numb?", C::severe_bleeding));
}

// Empty packets of a medicine beside someone who only wants to sleep.
TEST(TwentyEighthRound, EmptyPacketsAndSleep) {
  EXPECT_TRUE(
      safety_fires("found empty boxes of her sertraline in the bin and she's really "
                   "drowsy",
                   C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("the paracetamol box is empty so I'll buy more tomorrow",
                            C::overdose_poisoning));
}

// A note left, with a goodbye or someone gone quiet.
TEST(TwentyEighthRound, ANoteLeftAndSomeoneGone) {
  EXPECT_TRUE(safety_fires("my son left a letter saying goodbye and he's not answering his phone",
                           C::self_harm));
  EXPECT_FALSE(
      safety_fires("left a note for the postman saying sorry for the late parcel", C::self_harm));
}

// A hospital drama on the telly is nobody's emergency.
TEST(TwentyEighthRound, ADramaOnTheTelly) {
  EXPECT_FALSE(
      safety_fires("binging holby and someone got stabbed in the car park, anyway my "
                   "leg is numb",
                   C::severe_bleeding));
  EXPECT_TRUE(safety_fires("I was watching telly and my husband collapsed, he won't wake up",
                           C::collapse_unresponsive));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::twenty_eighth_round_safety_test
