// The general rules the sixth held-out round (whole conversations) led to
// (docs/reading.md "Measured" and "Late answers"; docs/safety.md "Measured"), each with
// the look-alike it must not catch: a late answer to the question before, "actually"
// inside a clause, "as I said at the start", a month ago to a question about the last
// weeks, a stroke a clinician suspects, a clinician's hedge reported, and hopelessness
// dropped mid-interview. The conversations go through
// dialogs::step as the server runs them (tests/dialogs/server_steps.h), and are judged
// by the replies, the red flags and the assessment only.
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

namespace triagebot::dialogs::testing::sixth_round_reading_test {
namespace {

using std::chrono::minutes;

Answer answer(const char* question, const std::string& text) {
  return typed_answer(question, text);
}

// Whether the turn's question has a "No" button.
bool has_no(const Turn& t) {
  for (const auto& r : t.replies)
    for (const auto& c : r.choices)
      if (c.id == question_asked(t) + ":no") return true;
  return false;
}

// Messages ten minutes apart, so no red flag is read across two of them (the split
// message join); each answer is judged alone.
SentAt minute(int n) { return kFirstMessageAt + minutes(10 * n); }

// Opens with `opening` and presses "No" to every question until `question` is asked;
// `clock` counts the messages sent.
Turn until_asked(const std::string& opening, const std::string& question, int& clock) {
  Turn t = say_at(Session{}, opening, minute(clock++));
  for (int i = 0; i < 20 && !question_asked(t).empty() && question_asked(t) != question; ++i)
    t = press_at(t.next, question_asked(t) + ":no", minute(clock++));
  return t;
}

const char* kOpening = "my left leg has been numb and tingly since yesterday";

TEST(SixthRoundReading, ALateYesToTheQuestionBeforeIsTaken) {
  // The injury screen pressed "No"; the next question is answered, then the injury one
  // again: "for the last one yes, he fell last week". A fall told to the injury screen is
  // spinal trauma (an everyday fall mentioned elsewhere is not).
  int clock = 0;
  Turn t = until_asked(kOpening, "q_injury", clock);
  ASSERT_EQ(question_asked(t), "q_injury");
  t = press_at(t.next, "q_injury:no", minute(clock++));
  ASSERT_FALSE(question_asked(t).empty());
  const std::string next = question_asked(t);
  t = say_at(t.next, "no. sorry to go back, for the last one yes, he fell last week",
             minute(clock++));
  ASSERT_TRUE(t.assessment) << "asked " << question_asked(t) << " after " << next;
  EXPECT_EQ(t.assessment->triage, Triage::emergency);
  EXPECT_EQ(t.next.red_flags, std::vector<std::string>{"spinal_trauma"});
}

TEST(SixthRoundReading, ACorrectionOfTheQuestionBeforeIsNoAnswerToThisOne) {
  // "no" to the weakness question, then "actually yes it gives way sometimes" to the
  // next one: the weakness is taken (late news counts), and the pending question is
  // asked again, not answered yes (it is the injury screen here, where a yes is spinal
  // trauma).
  int clock = 0;
  Turn t = until_asked("my left leg has been numb for 3 weeks", "q_weak", clock);
  ASSERT_EQ(question_asked(t), "q_weak");
  t = say_at(t.next, "no", minute(clock++));
  const std::string next = question_asked(t);
  ASSERT_FALSE(next.empty());
  t = say_at(t.next, "actually yes it gives way sometimes", minute(clock++));
  EXPECT_TRUE(t.next.red_flags.empty());
  EXPECT_FALSE(t.assessment);
  EXPECT_EQ(question_asked(t), next);
  // Told again, plainly, it is an answer.
  t = say_at(t.next, "no", minute(clock++));
  EXPECT_NE(question_asked(t), next);
}

TEST(SixthRoundReading, TheWordsBeforeTheTurnBackAnswerThePendingQuestion) {
  EXPECT_EQ(answer("q_bladder",
                   "no to that. and sorry, for the one before, no numbness down there either"),
            Answer::no);
  EXPECT_EQ(answer("q_fever", "no. sorry to go back, for the last one yes, he fell last week"),
            Answer::no);
  EXPECT_EQ(answer("q_cold", "no. also the last one, bladder is fine"), Answer::no);
  // Only about the question before: no answer to this one (asked again).
  EXPECT_EQ(answer("q_fever", "for the last one, yes"), Answer::none);
  // "the one before" compared, not pointed back to, and a thing called the last one.
  EXPECT_EQ(answer("q_worse", "yes, worse than the one before"), Answer::yes);
  EXPECT_EQ(answer("q_medicine", "yes, the last one the GP gave me"), Answer::yes);
}

TEST(SixthRoundReading, ALateNoClosesAnUnsureScreen) {
  // The bladder screen left unsure twice floors the triage at urgent, and the assessment
  // says why; told late that the bladder is fine, that floor and its note are gone.
  int clock = 0;
  Turn t = until_asked("my left leg has been numb for about three weeks", "q_bladder", clock);
  ASSERT_EQ(question_asked(t), "q_bladder");
  t = say_at(t.next, "not sure", minute(clock++));
  ASSERT_EQ(question_asked(t), "q_bladder");  // asked again, plainer
  t = say_at(t.next, "not sure", minute(clock++));
  ASSERT_FALSE(question_asked(t).empty());
  ASSERT_NE(question_asked(t), "q_bladder");
  Turn late = say_at(t.next, "no. also the last one, bladder is fine", minute(clock++));
  Turn kept = say_at(t.next, "no", minute(clock++));
  // Play both on to the end, "No" pressed and "45" typed to the age, and compare.
  auto finish = [&](Turn turn) {
    for (int i = 0; i < 25 && !turn.assessment; ++i) {
      turn = !has_no(turn) ? say_at(turn.next, "45", minute(clock++))
                           : press_at(turn.next, question_asked(turn) + ":no", minute(clock++));
    }
    return turn;
  };
  Turn with_late = finish(late), without = finish(kept);
  ASSERT_TRUE(with_late.assessment) << with_late.replies.back().text;
  ASSERT_TRUE(without.assessment) << without.replies.back().text;
  const std::string note = builtin().data().text("unsure_floor_note");
  EXPECT_NE(without.replies.back().text.find(note), std::string::npos);
  EXPECT_EQ(with_late.replies.back().text.find(note), std::string::npos);
  EXPECT_NE(with_late.assessment->triage, Triage::emergency);
}

TEST(SixthRoundReading, ActuallyCorrectsOnlyAtAClauseStart) {
  EXPECT_EQ(answer("q_injury", "no I didn't actually fall"), Answer::no);
  EXPECT_EQ(answer("q_injury", "I haven't actually had a fall"), Answer::no);
  // A correction at a clause's start, or after a yes or no, still takes the no back.
  EXPECT_EQ(answer("q_injury", "no actually yes, I fell off a ladder"), Answer::yes);
  EXPECT_EQ(answer("q_injury", "no. actually, I did fall on Monday"), Answer::yes);
}

TEST(SixthRoundReading, WhenItWasSaidIsPartOfTheFrame) {
  EXPECT_EQ(answer("q_saddle", "as I said at the start, no"), Answer::no);
  EXPECT_EQ(answer("q_diabetes", "like I told you before, yes"), Answer::yes);
}

TEST(SixthRoundReading, AMonthAgoIsInsideTheLastSixWeeks) {
  EXPECT_EQ(answer("q_infection", "had covid about a month ago"), Answer::yes);
  EXPECT_EQ(answer("q_infection", "had flu a month ago"), Answer::yes);
  // Further back than the question asks is still a no.
  EXPECT_EQ(answer("q_infection", "had covid a year ago"), Answer::no);
  EXPECT_EQ(answer("q_infection", "had covid months ago"), Answer::no);
}

TEST(SixthRoundReading, AStrokeAClinicianSuspectsIsARedFlagWhenMentionedInPassing) {
  for (const char* opening :
       {"the GP said it might be a stroke but I feel ok now, my leg is still a bit numb",
        "the paramedic thinks I had a mini stroke, my left leg went numb for an hour",
        "I think I'm having a stroke, my leg is numb"}) {
    Turn t = say_at(Session{}, opening);
    ASSERT_TRUE(t.assessment) << opening;
    EXPECT_EQ(t.next.red_flags, std::vector<std::string>{"stroke_signs"}) << opening;
  }
  int clock = 0;
  Turn t = until_asked("my left leg has been numb for 2 days", "q_saddle", clock);
  ASSERT_EQ(question_asked(t), "q_saddle");
  t = say_at(t.next, "no. the GP said it might be a mini stroke but I feel fine", minute(clock++));
  ASSERT_TRUE(t.assessment);
  EXPECT_EQ(t.next.red_flags, std::vector<std::string>{"stroke_signs"});
  // Ruled out, long past, a relative's, a question, or an idiom: the interview goes on.
  for (const char* opening : {"the GP said it's not a stroke, my feet have been numb for months",
                              "had a stroke in 2019, now both feet numb for months",
                              "my mum had a stroke, now my feet are numb for months",
                              "my feet have been numb for months, could this be a stroke?",
                              "my feet have been numb for months, it was a stroke of luck I saw "
                              "the GP"}) {
    Turn quiet = say_at(Session{}, opening);
    EXPECT_FALSE(quiet.assessment) << opening;
  }
}

TEST(SixthRoundReading, AClinicianHedgeIsReportedNotThePersonsOwn) {
  EXPECT_EQ(answer("q_saddle", "no, the GP said it might be a trapped nerve"), Answer::no);
  EXPECT_EQ(answer("q_fever", "no. my doctor thinks it could be a virus"), Answer::no);
  // The person's own uncertainty, before or without the report, stays.
  EXPECT_EQ(answer("q_saddle", "not sure, the GP said it might be a trapped nerve"),
            Answer::unsure);
  EXPECT_EQ(answer("q_fever", "maybe, the GP said it might be flu"), Answer::unsure);
}

TEST(SixthRoundReading, HopelessnessMidInterviewIsAnsweredAndTheInterviewGoesOn) {
  EXPECT_TRUE(safety_fires("honestly I don't see the point anymore", SafetyCategory::self_harm));
  EXPECT_TRUE(safety_fires("i just dont see the point in living", SafetyCategory::self_harm));
  // The point of one thing is not the point of living.
  for (const char* text :
       {"I don't see the point of these questions", "I don't see the point in physio anymore",
        "I don't see the point, my GP knows"})
    EXPECT_FALSE(safety_fires(text, SafetyCategory::self_harm)) << text;

  int clock = 0;
  Turn t = until_asked(kOpening, "q_cold", clock);
  ASSERT_EQ(question_asked(t), "q_cold");
  t = say_at(t.next, "no. honestly I don't see the point anymore", minute(clock++));
  EXPECT_EQ(t.safety, std::vector<std::string>{"self_harm"});
  std::string all;
  for (const auto& r : t.replies) all += r.text + "\n";
  EXPECT_NE(all.find("0800 689 5652"), std::string::npos) << all;
  EXPECT_FALSE(t.assessment);
  EXPECT_FALSE(question_asked(t).empty()) << "the interview goes on when the person wants: " << all;
}

}  // namespace
}  // namespace triagebot::dialogs::testing::sixth_round_reading_test
