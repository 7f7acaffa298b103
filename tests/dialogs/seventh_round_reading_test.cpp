// The general rules the seventh held-out round led to (docs/reading.md "Measured",
// docs/safety.md "Measured"): writers on voice-to-text and phone keyboards ("know" for
// no, "weak" for week, "goin"), texting shorthand and emoji, answers by a choice's place,
// the question quoted back, apologies for the wait, understatement, someone else's
// history and hypotheticals, and crises in the same styles; each with the look-alike it
// must not catch. Conversations go through dialogs::step as the server runs them
// (tests/dialogs/server_steps.h) and are judged by the replies, red flags and
// assessment; single replies by how the reader takes them.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "dialogs/engine.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/dialogs/typed_answer.h"

namespace triagebot::dialogs::testing::seventh_round_reading_test {
namespace {

using std::chrono::minutes;

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

// Messages ten minutes apart, so no red flag is read across two of them.
SentAt minute(int n) { return kFirstMessageAt + minutes(10 * n); }

// Opens with `opening` and presses "No" to every question until `question` is asked.
Turn until_asked(const std::string& opening, const std::string& question, int& clock) {
  Turn t = say_at(Session{}, opening, minute(clock++));
  for (int i = 0; i < 25 && !question_asked(t).empty() && question_asked(t) != question; ++i) {
    bool yes_no = false;
    for (const auto& r : t.replies)
      for (const auto& c : r.choices) yes_no = yes_no || c.id == question_asked(t) + ":no";
    t = yes_no ? press_at(t.next, question_asked(t) + ":no", minute(clock++))
               : press_at(t.next, t.replies.back().choices.front().id, minute(clock++));
  }
  return t;
}

TEST(SeventhRoundReading, ADroppedGIsNotAnotherWord) {
  // "goin" was spelt into "groin": numbness in the saddle area, a cauda equina sign.
  Turn t = say_at(Session{}, "my feet r tingly n its goin up my legs");
  EXPECT_FALSE(t.assessment);
  EXPECT_TRUE(t.next.red_flags.empty());
  EXPECT_FALSE(states_finding("my feet r tingly n its goin up my legs", "saddle_numbness"));
  // "stayin" was "statin", a cholesterol medicine.
  EXPECT_FALSE(states_finding("stayin alive, stayin alive", "vascular_risk"));
  // A misspelt groin whose stem is no word stays the groin.
  EXPECT_TRUE(states_finding("I can't feel my gorin", "saddle_numbness"));
}

TEST(SeventhRoundReading, DictatedKnowIsNo) {
  EXPECT_EQ(answer("q_bladder", "know problems with that"), Answer::no);
  EXPECT_EQ(answer("q_weak", "know"), Answer::no);
  EXPECT_EQ(answer("q_weak", "know its fine now"), Answer::no);
  // The verb before what is known stays a verb.
  EXPECT_NE(answer("q_weak", "know what I mean? it gives way"), Answer::no);
}

TEST(SeventhRoundReading, AWeakAfterANumberIsAWeek) {
  const char* opening =
      "when I walk about 200 yards my left calf goes numb and I have to stop, its been like "
      "this for about 6 weak";
  EXPECT_FALSE(states_finding(opening, "weakness"));
  EXPECT_EQ(answer("q_back_pain", "yes my lower back has been sore for about a weak"), Answer::yes);
  // Weak legs stay weak.
  EXPECT_TRUE(states_finding("my left leg is weak and numb", "weakness"));
  EXPECT_TRUE(states_finding("my leg has been weak for 2 weeks", "weakness"));
  // A number counting limbs: weak is weak (the lead's probe after the round).
  EXPECT_TRUE(states_finding("i have one weak leg and it feels numb", "weakness"));
  EXPECT_EQ(answer("q_weak", "two weak legs"), Answer::yes);
  EXPECT_EQ(answer("q_weak", "one weak leg"), Answer::yes);
}

TEST(SeventhRoundReading, ChecksAndCrossesAreYesAndNo) {
  EXPECT_EQ(answer("q_injury", "✅"), Answer::yes);
  EXPECT_EQ(answer("q_diabetes", "✔️ type 2"), Answer::yes);
  EXPECT_EQ(answer("q_fever", "❌"), Answer::no);
}

TEST(SeventhRoundReading, AnEyeTroubleLastYrIsNoStrokeNow) {
  Turn t = say_at(Session{},
                  "my left leg n foot have been tingly since tues. last yr my eye went blurry n "
                  "sore for a couple wks");
  EXPECT_FALSE(t.assessment);
  EXPECT_TRUE(t.next.red_flags.empty());
}

TEST(SeventhRoundReading, CantSayIHaveIsNo) {
  EXPECT_EQ(answer("q_injury", "cant say i have"), Answer::no);
  EXPECT_EQ(answer("q_prior", "can't say I have"), Answer::no);
  EXPECT_EQ(answer("q_bladder", "I can't say I've noticed"), Answer::no);
  // Without a subject and auxiliary it is still uncertainty; with an inner negator, a yes.
  EXPECT_EQ(answer("q_bladder", "I can't say"), Answer::unsure);
  EXPECT_EQ(answer("q_bladder", "I can't say I haven't had a couple of accidents"), Answer::yes);
}

TEST(SeventhRoundReading, AnApologyForTheWaitFramesTheAnswer) {
  EXPECT_EQ(answer("q_bladder", "sorry for the delay, no"), Answer::no);
  EXPECT_EQ(answer("q_fever", "sorry for the late reply, no"), Answer::no);
  EXPECT_EQ(answer("q_saddle", "sorry was making a cuppa. no"), Answer::no);
  EXPECT_EQ(answer("q_saddle", "sorry was at work, yes a bit numb when I wipe"), Answer::yes);
  // "sorry" before a yes or no, a mark or "I meant" still corrects.
  EXPECT_EQ(answer("q_cold", "yes - sorry, no, i misread"), Answer::no);
  EXPECT_EQ(answer("q_weak", "yes sorry I meant no, its not weak"), Answer::no);
  EXPECT_EQ(answer("q_stroke", "no, sorry, yes my face did droop for a bit"), Answer::yes);
}

TEST(SeventhRoundReading, AYesOrNoClosingAfterButIsTheAnswer) {
  EXPECT_EQ(answer("q_stroke", "my dad had a stroke last year but no"), Answer::no);
  EXPECT_EQ(answer("q_stroke", "my mum had a stroke in 2019 but no, nothing like that for me"),
            Answer::no);
  EXPECT_EQ(answer("q_weak", "they feel heavy but no"), Answer::no);
  // "no" as a determiner after "but" answers nothing.
  EXPECT_NE(answer("q_saddle", "I had an MRI but no results yet"), Answer::no);
}

TEST(SeventhRoundReading, AClinicianRulingTheRedFlagOutIsNo) {
  EXPECT_EQ(answer("q_stroke", "the GP said it's not a stroke"), Answer::no);
  // Suspected, it is the red flag.
  Turn t = say_at(Session{}, "the GP said it might be a stroke, my leg is numb");
  ASSERT_TRUE(t.assessment);
  EXPECT_EQ(t.next.red_flags, std::vector<std::string>{"stroke_signs"});
}

TEST(SeventhRoundReading, TheQuestionQuotedBackIsNotTheAnswer) {
  EXPECT_EQ(answer("q_cold", "cold, pale or blue? no none of those"), Answer::no);
  EXPECT_EQ(answer("q_stand_still", "standing still for a minute or two? no that doesnt help"),
            Answer::no);
  EXPECT_EQ(answer("q_weak", "gives way? yes a few times"), Answer::yes);
  // Quoted, then told: the words after the answer still count.
  EXPECT_EQ(answer("q_weak", "gives way? no, but my foot drags"), Answer::yes);
}

TEST(SeventhRoundReading, AConditionAskedAboutStatesNothing) {
  EXPECT_EQ(answer("q_bladder", "would it be bad if I couldn't pee?"), Answer::clarify);
  EXPECT_EQ(answer("q_stroke", "what if my face starts drooping?"), Answer::clarify);
  // As an opening it raises no red flag: the bladder screen is asked as for anyone.
  int clock = 0;
  Turn t = until_asked(
      "would it be bad if i couldnt pee? asking coz my mate said. anyway the outside of my "
      "right thigh has been numb for 3 weeks and my back aches",
      "q_bladder", clock);
  EXPECT_FALSE(t.assessment);
  EXPECT_EQ(question_asked(t), "q_bladder");
  // Told before the question, it is told.
  EXPECT_EQ(answer("q_bladder", "i cant pee, would it be bad if i waited till monday?"),
            Answer::yes);
  // So is what the question dates: it happened (the lead's probe after the round).
  EXPECT_EQ(answer("q_injury", "would it matter if i fell yesterday?"), Answer::yes);
  EXPECT_EQ(answer("q_bladder", "what if i wet myself this morning?"), Answer::yes);
}

TEST(SeventhRoundReading, SomeoneElsesEventDisownedIsNotThePatients) {
  EXPECT_EQ(answer("q_injury", "my son fell off his bike yesterday, not me"), Answer::no);
  EXPECT_EQ(answer("q_saddle", "my wife had numbness down there after giving birth, not me"),
            Answer::no);
  EXPECT_EQ(answer("q_bladder", "my brother had cauda equina and couldnt pee, im fine"),
            Answer::no);
  EXPECT_EQ(answer("q_bladder", "no, my aunt has MS and she has bladder problems but I dont"),
            Answer::no);
  // Not disowned, a carer's report is the patient's.
  EXPECT_EQ(answer("q_injury", "my dad fell down the stairs yesterday"), Answer::yes);
  EXPECT_EQ(answer("q_bladder", "my dad has trouble peeing but I don't know why"), Answer::yes);
  EXPECT_EQ(answer("q_stroke", "my wife has noticed my face drooping"), Answer::yes);
  // A closing "I'm fine" sets the patient apart only from what the message does not date:
  // after a dated event it is the carer speaking of themselves, and the patient's red
  // flag must not be read as a no (the lead's probe after the round).
  EXPECT_EQ(answer("q_injury", "my dad had a fall yesterday, I'm fine"), Answer::yes);
  EXPECT_EQ(answer("q_bladder", "mum had an accident last night, im ok"), Answer::yes);
  EXPECT_EQ(answer("q_stroke", "my husband had a stroke last year, I'm fine though"), Answer::no);
}

// Numbness named before "when I wipe" is numbness between the legs, as after it was
// ("wipe ... numb*"): not understood before, and "but no" after it then read as a no.
TEST(SeventhRoundReading, NumbWhenIWipeIsSaddleNumbness) {
  EXPECT_EQ(answer("q_saddle", "numb when i wipe"), Answer::yes);
  EXPECT_EQ(answer("q_saddle", "its numb when i wipe, but no"), Answer::yes);
  EXPECT_EQ(answer("q_saddle", "bit tingly when I wipe"), Answer::yes);
  EXPECT_TRUE(states_finding("my legs are numb and its numb when i wipe too", "saddle_numbness"));
  EXPECT_EQ(answer("q_saddle", "like sitting on a bike seat numb"), Answer::yes);
}

// Straining to pass urine, and not feeling it pass, are trouble passing urine: "no
// accidents, but i have to strain to go" read as a no (the lead's probe after the round).
TEST(SeventhRoundReading, StrainingToPeeIsBladderTrouble) {
  EXPECT_EQ(answer("q_bladder", "no accidents, but i have to strain to go"), Answer::yes);
  EXPECT_EQ(answer("q_bladder", "straining to pee since friday"), Answer::yes);
  EXPECT_EQ(answer("q_bladder", "i cant feel myself peeing anymore"), Answer::yes);
  EXPECT_EQ(answer("q_bladder", "no probs"), Answer::no);
}

// Openings that carry an emergency in words the knowledge base lacked (the lead's probes
// after the round): each was read as nothing and the interview went on to "urgent".
TEST(SeventhRoundReading, EmergenciesInPlainWordsAreReadAtTheOpening) {
  EXPECT_TRUE(
      states_finding("cant feel my bum or my bits when i sit on the loo", "saddle_numbness"));
  EXPECT_TRUE(
      states_finding("my husband 68 his right leg went numb an hour ago and now his mouth is "
                     "drooping",
                     "stroke_signs"));
  EXPECT_TRUE(
      states_finding("back pain for a week and now i havent been able to wee since this morning",
                     "bladder_trouble"));
  EXPECT_EQ(answer("q_bladder", "havent been able to pee since this morning even tho i need to"),
            Answer::yes);
  // Not every "bits" or "mouth": a look-alike each.
  EXPECT_FALSE(states_finding("bits of my leg are numb", "saddle_numbness"));
  EXPECT_FALSE(states_finding("my mouth is dry from the tablets", "stroke_signs"));
}

// Whether the turn says it did not understand the reply (and notes "not sure").
bool not_understood(const Turn& t) {
  const std::string& text = builtin().data().text("not_understood");
  return std::any_of(t.replies.begin(), t.replies.end(),
                     [&](const Reply& r) { return r.text.find(text) != std::string::npos; });
}

TEST(SeventhRoundReading, AChoiceNamedByItsPlace) {
  int clock = 0;
  Turn t = until_asked("numb toes for a few weeks", "q_side", clock);
  ASSERT_EQ(question_asked(t), "q_side");
  for (const char* place : {"2", "the second one", "first", "option 3"}) {
    Turn next = say_at(t.next, place, minute(clock++));
    EXPECT_FALSE(not_understood(next)) << place;
  }
  // "Right leg only" (the second button) leads where "2" does.
  Turn pressed = press_at(t.next, t.replies.back().choices[1].id, minute(clock++));
  Turn typed = say_at(t.next, "2", minute(clock++));
  EXPECT_EQ(question_asked(typed), question_asked(pressed));
  // Not a place, or two of them: not understood.
  EXPECT_TRUE(not_understood(say_at(t.next, "2 weeks", minute(clock++))));
  EXPECT_TRUE(not_understood(say_at(t.next, "1 or 2", minute(clock++))));
}

TEST(SeventhRoundReading, CrisesInTheseStylesAreAnswered) {
  EXPECT_TRUE(safety_fires("sometimes I am thinking to finish my life", SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("my father he fall down and now he is not waking up",
                           SafetyCategory::collapse_unresponsive));
  EXPECT_TRUE(safety_fires("shes not waking up", SafetyCategory::collapse_unresponsive));
  // A condition asked about, someone's faint last summer, and the patient's own nights
  // are no emergency; a crisis told before the condition still is.
  EXPECT_FALSE(safety_fires("would it be bad if I had chest pain too? I dont, just asking",
                            SafetyCategory::chest_pain));
  EXPECT_TRUE(safety_fires("my chest is crushing, would it be bad if I waited an hour?",
                           SafetyCategory::chest_pain));
  EXPECT_TRUE(safety_fires("would it be bad if I waited, my chest is crushing",
                           SafetyCategory::chest_pain));
  EXPECT_FALSE(safety_fires("my dad passed out from the heat last summer but hes fine",
                            SafetyCategory::collapse_unresponsive));
  EXPECT_FALSE(safety_fires("I'm not waking up at night with it any more",
                            SafetyCategory::collapse_unresponsive));
  // Self-harm said as a condition still gets the kind answer.
  EXPECT_TRUE(safety_fires("what if I just end it all", SafetyCategory::self_harm));
  // The lead's probes after the round: a pain that is there, asked about, or brought to
  // now, is told; so is self-harm in the past tense of a condition.
  EXPECT_TRUE(safety_fires("what if this chest pain is a heart attack? it's crushing",
                           SafetyCategory::chest_pain));
  EXPECT_TRUE(safety_fires("what if I have chest pain right now", SafetyCategory::chest_pain));
  EXPECT_TRUE(safety_fires("what if I just ended it all?", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("what if i get chest pain later, should i call someone?",
                            SafetyCategory::chest_pain));
  // Preparations and the burden said plainly (the lead's probes after the round), and
  // the look-alikes beside them.
  EXPECT_TRUE(safety_fires("i have a plan and the pills are ready", SafetyCategory::self_harm));
  EXPECT_TRUE(
      safety_fires("ive written letters to my kids just in case", SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("everyone would be better without me", SafetyCategory::self_harm));
  EXPECT_FALSE(
      safety_fires("my tablets are ready to collect from the pharmacy", SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("the physio gave me a plan and my meds are ready at boots",
                            SafetyCategory::self_harm));
  EXPECT_FALSE(safety_fires("i wrote a letter to my GP just in case", SafetyCategory::self_harm));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::seventh_round_reading_test
