// The eighty-fourth held-out round (a helper, brief only; its theme: people in a state,
// angry and swearing, drunk or high or exhausted, in pain and terse, impatient, or hiding
// fear behind sarcasm and dark jokes: 30 openings, 40 messages for the safety screen, 60
// answers) and vignette set 85 (the same theme; docs/reading.md and docs/safety.md
// "Measured"). Each fix, tried on words other than the round's, with the look-alike it
// must leave alone.
#include <gtest/gtest.h>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::eighty_fourth_round_test {
namespace {

using C = SafetyCategory;

// Slurred speech told as "talking like I'm wasted"; a stroke joked about beside a
// year of diabetic feet, with the face and speech said to be fine.
TEST(EightyFourthRoundReading, SpeechToldAsDrunkenness) {
  EXPECT_TRUE(stops_at_opening(
      "not even drunk but my left arm went dead 30 mins ago and the missus says im talking like "
      "im hammered"));
  EXPECT_FALSE(stops_at_opening(
      "haha am i having a stroke or just getting old, numb toes both feet for two years, "
      "diabetic, face and speech fine"));
}

// Sarcasm taken back by a no; a flapping foot; an ice lolly of a foot; "wtf no"; rhetorical
// yeses; a figurative choke.
TEST(EightyFourthRoundAnswers, SarcasmAndSwearing) {
  EXPECT_EQ(typed_answer("q_weak", "oh yeah, running marathons. no."), Answer::no);
  EXPECT_EQ(typed_answer("q_weak", "oh yes, it gives way all the time"), Answer::yes);
  EXPECT_EQ(typed_answer("q_weak", "my foot flaps about when I walk now"), Answer::yes);
  EXPECT_EQ(typed_answer("q_cold", "like an ice lolly compared to the other"), Answer::yes);
  EXPECT_EQ(typed_answer("q_inject", "wtf no, I'm a retired teacher"), Answer::no);
  EXPECT_EQ(typed_answer("q_back_pain", "is the pope catholic. constantly."), Answer::yes);
  EXPECT_EQ(typed_answer("q_breath", "fine, the only thing I'm choking on is this questionnaire"),
            Answer::no);
  EXPECT_EQ(typed_answer("q_diet", "vegan? I'm eating a burger right now"), Answer::no);
}

// Self-harm and an overdose typed drunk; an accident and a question about a dose beside
// them.
TEST(EightyFourthRoundSafety, CrisesTypedDrunk) {
  EXPECT_TRUE(safety_fires("cut my arms again tonight so i could feel somthing", C::self_harm));
  EXPECT_TRUE(
      safety_fires("no idea how many of the diazepam she had with the gin", C::overdose_poisoning));
  EXPECT_FALSE(safety_fires("cut my leg again on the barbed wire, bled a bit", C::self_harm));
  EXPECT_FALSE(
      safety_fires("how many ibuprofen can I take in a day for my back", C::overdose_poisoning));
}

// From vignette set 85: "obviously not" is a no; "on sat" is Saturday (not "sat down"), so
// tingling that climbed since Saturday after flu is days old and urgent; chemotherapy's
// nerves "getting poisoned" is no poisoning.
TEST(EightyFourthRoundVignettes, TiredAndSarcasticPatients) {
  EXPECT_EQ(typed_answer("q_fever", "obviously not"), Answer::no);
  const KnowledgeData& k = builtin().data();
  EXPECT_EQ(
      read_message(k, "my toes went numb on sat, now its up to my shins", nullptr, &spelling())
          .duration_days,
      3.5);
  EXPECT_FALSE(read_message(k, "it came on sat down watching telly", nullptr, &spelling())
                   .duration_days.has_value());
  EXPECT_FALSE(safety_fires("on chemo, my nerves are getting poisoned by it apparently",
                            C::overdose_poisoning));
  EXPECT_TRUE(safety_fires("I think he was poisoned, he's vomiting and his nerves are shot",
                           C::overdose_poisoning));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::eighty_fourth_round_test
