// The general rules the third held-out round led to (docs/reading.md "Measured" and "A
// relative's illness as the answer"; docs/safety.md "Measured"), each
// with the look-alike it must not catch: an answer's frame (a report of who said it, an
// echo of the question), a "well" that takes a no back, an elliptic no, carers without
// the answer, the shrug as tone, a relative's illness that is not the patient's, an
// amount of alcohol, and the safety screen's indirect crises.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "dialogs/engine.h"
#include "dialogs/engine_state.h"
#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::third_round_reading_test {
namespace {

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

Reading reading(const char* question, const std::string& text) {
  const KnowledgeData& k = builtin().data();
  return read_message(k, text, k.question(question), &spelling());
}

TEST(ThirdRoundReading, AReportOfWhoSaidItIsSkipped) {
  EXPECT_EQ(answer("q_stroke", "she says no"), Answer::no);
  EXPECT_EQ(answer("q_stroke", "I already told you no"), Answer::no);
  EXPECT_EQ(answer("q_fever", "my husband said yes"), Answer::yes);
  // The witness rule still reads what was reported.
  EXPECT_EQ(answer("q_stroke", "my wife says I'm slurring"), Answer::yes);
}

TEST(ThirdRoundReading, AShortEchoBeforeAYesOrNoIsSkipped) {
  EXPECT_EQ(answer("q_diabetes", "my husband? yes, he takes tablets for it"), Answer::yes);
  EXPECT_EQ(answer("q_smoking", "me? never"), Answer::no);
}

TEST(ThirdRoundReading, WellTakesANoBackOnlyIntoAPlainYes) {
  EXPECT_EQ(answer("q_smoking", "no... well i did for a bit at uni"), Answer::yes);
  EXPECT_EQ(answer("q_injury", "nah nothing like that, well, I did come off my bike on sunday"),
            Answer::yes);
  EXPECT_EQ(answer("q_smoking", "no, well I did not"), Answer::no);
  EXPECT_EQ(answer("q_fever", "now you mention it I was shivery last night"), Answer::yes);
}

TEST(ThirdRoundReading, AnElliptic_No_IsANoAndIHaveNotIsNotAYes) {
  EXPECT_EQ(answer("q_cancer", "my mum had ovarian cancer but i havent"), Answer::no);
  EXPECT_EQ(answer("q_bladder", "I haven't"), Answer::no);
  // "I have had to" is an auxiliary, not the "I have" that answers yes.
  EXPECT_NE(answer("q_stroke", "the numbness moved up and i have had to stop work"), Answer::yes);
}

TEST(ThirdRoundReading, ACarerWithoutTheAnswerIsUnsureNeverAHedgedYes) {
  EXPECT_EQ(answer("q_saddle", "id have to ask her, shes 82 and a bit deaf"), Answer::unsure);
  EXPECT_EQ(answer("q_back_pain", "he wont tell me if it hurts"), Answer::unsure);
  EXPECT_EQ(answer("q_saddle", "how would I know"), Answer::unsure);
}

TEST(ThirdRoundReading, AShrugBesideWordsIsToneAloneItIsDunno) {
  EXPECT_EQ(answer("q_worse", "same as yesterday tbh 🤷"), Answer::no);
  EXPECT_EQ(answer("q_hands", "🤷‍♂️"), Answer::unsure);
  EXPECT_EQ(answer("q_stroke", "🙅‍♀️"), Answer::no);
}

TEST(ThirdRoundReading, ABareBitIsAQualifiedYesButBitByBitIsNot) {
  EXPECT_EQ(answer("q_weak", "bit"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "lil bit"), Answer::yes);
  EXPECT_NE(answer("q_stroke", "bit by bit over 3 days"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "bit wobbly"), Answer::yes);
}

TEST(ThirdRoundReading, ARelativesIllnessBesideTheirOwnDenialIsNotThePatients) {
  EXPECT_EQ(answer("q_cancer", "no but my sister has leukaemia"), Answer::no);
  // A relative who noticed something in the patient is a witness, whatever the denial.
  EXPECT_EQ(answer("q_stroke", "no but my wife has noticed my face drooping"), Answer::yes);
  // Without a denial, a relative who has it is a carer's report (the safer reading).
  EXPECT_EQ(answer("q_cancer", "my dad has prostate cancer"), Answer::yes);
  // A carer's no to one question never hides what they report next, nor does an "I
  // haven't" about something else.
  const KnowledgeData& k = builtin().data();
  Reading carer = reading("q_bladder", "no. my dad has been slurring his words since lunch");
  EXPECT_TRUE(carer.findings.count(k.finding("speech_trouble")) &&
              carer.findings.at(k.finding("speech_trouble")))
      << "the carer's report of slurring is the patient's";
  Reading fall = read_message(k, "my dad had a fall this morning, I haven't called anyone yet",
                              nullptr, &spelling());
  EXPECT_TRUE(fall.findings.count(k.finding("back_injury")) &&
              fall.findings.at(k.finding("back_injury")))
      << "the fall is the patient's";
}

TEST(ThirdRoundReading, OnlyARelativesIllnessIsAskedAgainAboutThePerson) {
  Reading r = reading("q_cancer", "my dad had bowel cancer");
  EXPECT_EQ(r.answer, Answer::clarify);
  EXPECT_TRUE(r.about_someone_else);
  EXPECT_FALSE(r.findings.count(builtin().data().finding("cancer_history")));
  Reading plain = reading("q_cancer", "what do you mean");
  EXPECT_EQ(plain.answer, Answer::clarify);
  EXPECT_FALSE(plain.about_someone_else);
}

TEST(ThirdRoundReading, NumbersWithASlashAndNoProblemsNow) {
  EXPECT_EQ(answer("q_smoking", "10/day for 20yrs"), Answer::yes);
  EXPECT_EQ(answer("q_bladder", "had a catheter after my op in 2020 but no problems now"),
            Answer::no);
  EXPECT_EQ(answer("q_worse", "it started in my toes and now it's up to my ankle"), Answer::yes);
  // A problem that passed still happened: "no problems now" does not reach back.
  EXPECT_EQ(answer("q_bladder", "i couldnt pee, no problems now"), Answer::yes);
}

TEST(ThirdRoundReading, AnAmountOfAlcoholAnswersTheDrinkingQuestion) {
  EXPECT_EQ(answer("q_alcohol", "about 30 units a week tbh"), Answer::yes);
  EXPECT_EQ(answer("q_alcohol", "a few pints every night"), Answer::yes);
  EXPECT_EQ(answer("q_alcohol", "a bottle of wine a night"), Answer::yes);
  EXPECT_EQ(answer("q_alcohol", "1-2 beers on a sat"), Answer::no);
  EXPECT_EQ(answer("q_alcohol", "maybe 10 units a week"), Answer::no);
  // Drinks without a period say nothing of how often; an explicit answer stands.
  EXPECT_NE(answer("q_alcohol", "2 pints"), Answer::yes);
  EXPECT_EQ(answer("q_alcohol", "no, 20 units a week at most"), Answer::no);
  EXPECT_EQ(answer("q_alcohol", "what counts as 14 units a week"), Answer::clarify);
  Reading r = reading("q_alcohol", "a few pints every night");
  EXPECT_EQ(r.evidence[builtin().data().finding("alcohol_heavy")], "a few pints every night");
}

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

Turn say(const Session& s, const std::string& text) {
  return step(builtin(), server_options("112"), s, Input::typed(text), kNow);
}

std::string pending(const Turn& t) { return t.next.engine_state.pending; }

TEST(ThirdRoundReading, TheEngineAsksAboutThePersonThemselvesOnce) {
  Turn t = say(Session{}, "my back has been aching and my left leg is numb for 3 weeks");
  for (int i = 0; i < 20 && pending(t) != "q_cancer" && !t.assessment; ++i) t = say(t.next, "no");
  ASSERT_EQ(pending(t), "q_cancer");
  Turn again = say(t.next, "my dad had bowel cancer");
  ASSERT_EQ(pending(again), "q_cancer") << "a relative's illness is not an answer";
  ASSERT_FALSE(again.replies.empty());
  EXPECT_NE(again.replies.back().text.find("not anyone else"), std::string::npos)
      << again.replies.back().text;
  EXPECT_FALSE(again.assessment);
  Turn after = say(again.next, "no");
  EXPECT_NE(pending(after), "q_cancer");
  EXPECT_FALSE(after.assessment && !after.assessment->red_flags.empty());
}

bool fires(const std::string& text, SafetyCategory category) {
  for (auto c : screen_for_safety(text, &spelling()))
    if (c == category) return true;
  return false;
}

TEST(ThirdRoundReading, IndirectCrisesAreAnsweredAndTheirLookAlikesAreNot) {
  const std::vector<std::pair<std::string, SafetyCategory>> crises = {
      {"they would all be better off if i wasnt here", SafetyCategory::self_harm},
      {"i just want everything to stop", SafetyCategory::self_harm},
      {"there's a rope in the loft", SafetyCategory::self_harm},
      {"gave my things away and said goodbye to my brother", SafetyCategory::self_harm},
      {"a heavy pressure in the centre of my chest", SafetyCategory::chest_pain},
      {"mum collapsed and she isnt moving at all", SafetyCategory::collapse_unresponsive},
      {"it's gushing and won't stop", SafetyCategory::severe_bleeding},
  };
  for (const auto& [text, category] : crises) EXPECT_TRUE(fires(text, category)) << text;
  const std::vector<std::string> look_alikes = {
      "i want this numbness to stop",
      "tripped over a rope in the garage and hurt my foot",
      "used to run 10k but i cant do it anymore",
      "she hasnt moved her leg much since the fall",
      "my leg is not moving properly",
      "he isnt moving his foot much",
      "hes not moving his leg properly since the op",
      "better off if i wait till monday for the gp?",
  };
  for (const auto& text : look_alikes)
    EXPECT_TRUE(screen_for_safety(text, &spelling()).empty()) << text;
}

}  // namespace
}  // namespace triagebot::dialogs::testing::third_round_reading_test
