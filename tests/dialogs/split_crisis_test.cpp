// A crisis spread over two messages (docs/safety.md "Messages split over several
// turns"): people on chat apps send half a sentence and then the rest ("my chest" ...
// "it's crushing"). Each pair goes through dialogs::step as the server runs it, with the
// session written to JSON text and read back between the two messages (a restart, or
// another server process, may take the second one), and with the server's spell checker
// and language identifier.
// Look-alike pairs must stay silent: two harmless messages never make a crisis.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "dialogs/engine.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/session.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing::split_crisis_test {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> safety_of(const std::string& first, const std::string& second,
                                   const Session& start) {
  Turn one = say_at(start, first);
  EXPECT_TRUE(one.safety.empty()) << "\"" << first << "\" alone is no crisis";
  return say_at(one.next, second).safety;
}

using Categories = std::vector<std::string>;

struct Pair {
  const char* first;
  const char* second;
  const char* category;
};

// The safety screen's categories, each split where people split them.
const Pair kSafetyPairs[] = {
    {"my chest", "it's crushing", "chest_pain"},
    {"there's a tight pain in my", "chest", "chest_pain"},
    {"I don't want to", "be here anymore", "self_harm"},
    {"honestly i just want to", "die", "self_harm"},
    {"ive written letters to the kids", "and sorted my will", "self_harm"},
    {"he's not", "breathing", "collapse_unresponsive"},
    {"i cant", "breathe properly", "breathing"},
    {"there's blood", "everywhere", "severe_bleeding"},
    {"i took", "30 paracetamol", "overdose_poisoning"},
};

TEST(SplitCrisis, EachSafetyCategoryIsReadAcrossTwoMessages) {
  for (const Session& start : {Session{}, mid_interview()}) {
    for (const auto& pair : kSafetyPairs) {
      Turn alone = say_at(start, pair.second);
      EXPECT_TRUE(alone.safety.empty()) << "\"" << pair.second << "\" alone is no crisis";
      EXPECT_EQ(safety_of(pair.first, pair.second, start), Categories{pair.category})
          << pair.first << " ... " << pair.second;
    }
  }
}

// The same answer as a crisis in one message sent at the same point: the reply, the kind
// line and the question asked again, the category in Turn::safety for the shell to store
// and count.
TEST(SplitCrisis, AnsweredExactlyLikeTheSameCrisisInOneMessage) {
  const Session after_first = say_at(mid_interview(), "I don't want to").next;
  Turn whole = say_at(after_first, "I don't want to be here anymore");
  Turn split = say_at(after_first, "be here anymore");
  ASSERT_EQ(split.safety, Categories{"self_harm"});
  EXPECT_EQ(split.safety, whole.safety);
  ASSERT_EQ(split.replies.size(), whole.replies.size());
  for (size_t i = 0; i < whole.replies.size(); ++i)
    EXPECT_EQ(split.replies[i].text, whole.replies[i].text) << i;
  EXPECT_TRUE(contains(split.replies[0].text, "0800 689 5652"));
  EXPECT_EQ(split.next.status, SessionStatus::active);
}

// The interview's red flags, when neither message names one alone.
TEST(SplitCrisis, RedFlagsOfTheInterviewAreReadAcrossTwoMessages) {
  const Pair pairs[] = {
      {"my foot is", "cold and white", "acute_limb_ischemia_signs"},
      {"my leg has gone", "white", "acute_limb_ischemia_signs"},
      {"his face", "is drooping", "stroke_signs"},
      {"my husband cant", "talk", "stroke_signs"},
      {"his arm", "has gone weak", "stroke_signs"},
      {"i cant", "pee", "cauda_equina_signs"},
      {"its gone numb round my", "bottom", "cauda_equina_signs"},
  };
  for (const Session& start : {Session{}, past_the_screens()}) {
    for (const auto& pair : pairs) {
      Turn alone = say_at(start, pair.second);
      EXPECT_FALSE(alone.assessment) << "\"" << pair.second << "\" alone is no red flag";
      Turn one = say_at(start, pair.first);
      ASSERT_FALSE(one.assessment) << pair.first;
      Turn two = say_at(one.next, pair.second);
      ASSERT_TRUE(two.assessment) << pair.first << " ... " << pair.second;
      EXPECT_EQ(two.assessment->triage, Triage::emergency);
      EXPECT_EQ(two.next.red_flags, std::vector<std::string>{pair.category})
          << pair.first << " ... " << pair.second;
      EXPECT_TRUE(contains(two.replies.back().text, "112"));
    }
  }
}

// The brief's own examples of the interview's kind: the second message names the red
// flag alone, and the facts of the first stay in the session; kept here so the join
// never stands in the way.
TEST(SplitCrisis, RedFlagsNamedInTheSecondMessageStillInterrupt) {
  const Pair pairs[] = {
      {"i cant feel my legs", "and i cant pee since this morning", "cauda_equina_signs"},
      {"he's really confused", "and his face is drooping on one side", "stroke_signs"},
  };
  for (const auto& pair : pairs) {
    Turn two = say_at(say_at(mid_interview(), pair.first).next, pair.second);
    ASSERT_TRUE(two.assessment) << pair.first;
    EXPECT_EQ(two.next.red_flags, std::vector<std::string>{pair.category});
  }
}

TEST(SplitCrisis, TwoHarmlessMessagesStaySilent) {
  const Pair pairs[] = {
      {"my chest is fine", "crushing pain in my leg", ""},
      {"my chest is fine", "the leg is crushing me with pain", ""},
      {"my chest", "the leg is crushing me", ""},
      {"no", "point going on about it, the pain comes and goes", ""},
      {"I don't want to", "go to the doctor for nothing", ""},
      {"I don't want to", "die", ""},
      {"chest of", "drawers fell on my foot", ""},
      {"my blood", "test results were bad", ""},
      {"i took", "my tablets this morning as usual", ""},
  };
  for (const Session& start : {Session{}, mid_interview()}) {
    for (const auto& pair : pairs) {
      Turn two = say_at(say_at(start, pair.first).next, pair.second);
      EXPECT_TRUE(two.safety.empty()) << pair.first << " ... " << pair.second;
    }
  }
}

// The interview's join takes only findings neither message stated: a denial holds, and
// a finding already answered is not read again.
TEST(SplitCrisis, TheInterviewJoinKeepsDenialsAndAnswers) {
  const Pair pairs[] = {
      {"my foot is", "not cold or white at all", ""},
      {"my foot", "isn't cold", ""},
      {"my face", "is fine, no drooping", ""},
      {"im numb around", "my knee", ""},
  };
  for (const auto& pair : pairs) {
    for (const Session& start : {Session{}, past_the_screens()}) {
      Turn two = say_at(say_at(start, pair.first).next, pair.second);
      EXPECT_TRUE(two.next.red_flags.empty()) << pair.first << " ... " << pair.second;
    }
  }
}

// A word that denies anywhere in the join keeps it from being read on, on either side of
// the split, even where the reader's own scopes would not take it as a denial ("no idea
// why", "not sure", "no doubt" negate nothing for the reader). The engine tells this from
// the words it has cut already (join_denies_anything), as cutting the join would.
TEST(SplitCrisis, ADenyingWordOnEitherSideKeepsTheJoinUnread) {
  const Pair pairs[] = {
      {"no idea why my foot has gone", "cold and white", ""},
      {"not sure why my foot is", "cold and white", ""},
      {"my foot has gone", "cold and white, no doubt", ""},
      {"my foot has gone", "cold and white. not sure why", ""},
  };
  for (const auto& pair : pairs) {
    for (const Session& start : {Session{}, past_the_screens()}) {
      Turn two = say_at(say_at(start, pair.first).next, pair.second);
      EXPECT_TRUE(two.next.red_flags.empty()) << pair.first << " ... " << pair.second;
    }
  }
}

// "can" or "could" kept before a message that opens with "not" read as one word,
// "cannot": an inability, no denial, so that join is read on.
TEST(SplitCrisis, CanThenNotAcrossTheSplitIsNoDenial) {
  for (const Session& start : {Session{}, past_the_screens()}) {
    Turn two = say_at(say_at(start, "my foot can").next, "not move and its cold and white");
    EXPECT_FALSE(two.next.red_flags.empty());
  }
}

// "No" to a red-flag screen is a finished answer, whatever comes next.
TEST(SplitCrisis, ANoToARedFlagQuestionIsNotReadOnIntoTheNextMessage) {
  Session s = mid_interview();
  Turn no = say_at(s, "no");
  EXPECT_TRUE(no.next.engine_state.previous_words.empty());
  Turn next = say_at(no.next, "point going on about it really");
  EXPECT_TRUE(next.safety.empty());
}

TEST(SplitCrisis, AButtonOrACommandInBetweenEndsTheJoin) {
  Turn first = say_at(Session{}, "my chest");
  ASSERT_FALSE(first.replies.empty());
  const Reply* q = nullptr;
  for (const auto& r : first.replies)
    if (!r.choices.empty()) q = &r;
  ASSERT_TRUE(q);
  Turn pressed = press_at(first.next, q->choices[0].id);
  EXPECT_TRUE(say_at(pressed.next, "it's crushing").safety.empty());
  for (const char* command : {"/help", "/restart", "/forget"}) {
    Turn cmd = say_at(first.next, command);
    EXPECT_TRUE(cmd.next.engine_state.previous_words.empty()) << command;
    EXPECT_TRUE(say_at(cmd.next, "it's crushing").safety.empty()) << command;
  }
}

// A third message reaches back to the first only through small function words: a word
// of content in the middle message ("hang") ends the join (split_three_messages_test.cpp
// has the triples that do join).
TEST(SplitCrisis, AMiddleMessageWithAWordOfContentEndsTheJoin) {
  Turn first = say_at(Session{}, "my chest");
  EXPECT_EQ(first.next.engine_state.previous_words, "my chest");
  Turn second = say_at(first.next, "hang on");
  EXPECT_EQ(second.next.engine_state.previous_words, "hang on");
  EXPECT_TRUE(say_at(second.next, "it's crushing").safety.empty());
}

// A crisis answered for the first message is not answered again for the second.
TEST(SplitCrisis, ACrisisAlreadyAnsweredIsNotAnsweredTwice) {
  Turn first = say_at(mid_interview(), "my chest hurts");
  ASSERT_EQ(first.safety, Categories{"chest_pain"});
  EXPECT_TRUE(first.next.engine_state.previous_words.empty());
  EXPECT_TRUE(say_at(first.next, "it's crushing").safety.empty());
}

// Only the last few words of the last clause are kept, folded as the screen reads them.
// (A message ending "... worse and now my Chest" is answered at once now: the learned
// backstop reads "now my chest" after "worse" as possible chest pain. The joined reading
// of "my chest" ... "it's crushing" is EachSafetyCategoryIsReadAcrossTwoMessages.)
TEST(SplitCrisis, OnlyTheLastWordsOfTheLastClauseAreKept) {
  Turn t = say_at(Session{},
                  "My left leg has been numb for three weeks. Today it's worse and now my Knee");
  EXPECT_EQ(t.next.engine_state.previous_words, "today its worse and now my knee");
  Turn long_clause =
      say_at(t.next, "the numbness goes from my knee all the way down to my big toe at night");
  EXPECT_EQ(long_clause.next.engine_state.previous_words, "way down to my big toe at night");
}

}  // namespace
}  // namespace triagebot::dialogs::testing::split_crisis_test
