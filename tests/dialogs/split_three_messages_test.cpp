// A crisis or a red flag typed in three pieces ("I want" ... "to end" ... "it all", "his
// face" ... "is" ... "drooping"; docs/safety.md "Messages split over several turns"),
// each piece sent within a few minutes of the one before. Every triple here is checked to
// be a real three-message split: no piece alone, and no two neighbouring pieces, say it.
// Look-alike triples must stay silent. Each message goes through dialogs::step as the
// server runs it, the session written to JSON text and read back in between.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "dialogs/engine.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/session.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/stored_state.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing::split_three_messages_test {
namespace {

using std::chrono::seconds;
using Time = std::chrono::system_clock::time_point;
using Strings = std::vector<std::string>;

const Time kFirst = kFirstMessageAt;

struct Triple {
  const char* first;
  const char* second;
  const char* third;
  const char* found;  // a safety category or a red flag; "" for a look-alike
};

std::string whole(const Triple& t) { return std::string(t.first) + " " + t.second + " " + t.third; }

// The turns of the three messages, 20 and 50 seconds apart.
std::vector<Turn> sent(const Session& start, const Triple& t) {
  std::vector<Turn> turns;
  turns.push_back(say_at(start, t.first, kFirst));
  turns.push_back(say_at(turns.back().next, t.second, kFirst + seconds(20)));
  turns.push_back(say_at(turns.back().next, t.third, kFirst + seconds(70)));
  return turns;
}

Strings two_message_safety(const Session& start, const char* a, const char* b) {
  return say_at(say_at(start, a).next, b).safety;
}

const Triple kSafetyTriples[] = {
    {"i dont want", "to be", "here anymore", "self_harm"},
    {"my chest", "its", "crushing", "chest_pain"},
    {"i took", "30", "paracetamol", "overdose_poisoning"},
};

TEST(SplitThreeMessages, ACrisisInThreePiecesIsAnswered) {
  for (const Session& start : {Session{}, mid_interview()}) {
    for (const auto& t : kSafetyTriples) {
      // A real three-message split: one message with all of it is a crisis, no piece
      // and no two neighbouring pieces are.
      ASSERT_EQ(say_at(start, whole(t)).safety, Strings{t.found}) << whole(t);
      for (const char* piece : {t.first, t.second, t.third})
        ASSERT_TRUE(say_at(start, piece).safety.empty()) << piece;
      ASSERT_TRUE(two_message_safety(start, t.second, t.third).empty()) << whole(t);
      auto turns = sent(start, t);
      EXPECT_TRUE(turns[0].safety.empty()) << whole(t);
      EXPECT_TRUE(turns[1].safety.empty()) << whole(t);
      EXPECT_EQ(turns[2].safety, Strings{t.found}) << whole(t);
      EXPECT_EQ(turns[2].next.status, SessionStatus::active) << whole(t);
    }
  }
}

// The brief's examples, where the last two pieces may already say it: answered all the
// same, and neither earlier piece is.
TEST(SplitThreeMessages, TheExamplesPeopleGaveAreAnswered) {
  const Triple triples[] = {
      {"I want", "to end", "it all", "self_harm"},
      {"i want", "to kill", "myself", "self_harm"},
  };
  for (const Session& start : {Session{}, mid_interview()}) {
    for (const auto& t : triples) {
      auto turns = sent(start, t);
      EXPECT_TRUE(turns[0].safety.empty()) << whole(t);
      EXPECT_TRUE(turns[1].safety.empty()) << whole(t);
      EXPECT_EQ(turns[2].safety, Strings{t.found}) << whole(t);
    }
  }
}

// Answered exactly as the same crisis in one message sent at that point.
TEST(SplitThreeMessages, AnsweredLikeTheSameCrisisInOneMessage) {
  const Session start = mid_interview();
  Turn one = say_at(start, "I want");
  Turn two = say_at(one.next, "to end", kFirst + seconds(20));
  Turn split = say_at(two.next, "it all", kFirst + seconds(40));
  Turn in_one = say_at(two.next, "I want to end it all", kFirst + seconds(40));
  ASSERT_EQ(split.safety, Strings{"self_harm"});
  ASSERT_EQ(split.replies.size(), in_one.replies.size());
  for (size_t i = 0; i < split.replies.size(); ++i)
    EXPECT_EQ(split.replies[i].text, in_one.replies[i].text) << i;
  EXPECT_NE(split.replies[0].text.find("0800 689 5652"), std::string::npos);
  // Answered once: the next message reads nothing of these.
  EXPECT_TRUE(split.next.engine_state.previous_words.empty());
  EXPECT_TRUE(say_at(split.next, "it all", kFirst + seconds(60)).safety.empty());
}

const Triple kRedFlagTriples[] = {
    {"his face", "is", "drooping", "stroke_signs"},
    {"my foot", "has gone", "cold and white", "acute_limb_ischemia_signs"},
    {"its gone numb", "round my", "bottom", "cauda_equina_signs"},
};

TEST(SplitThreeMessages, ARedFlagInThreePiecesEndsTheInterview) {
  for (const Session& start : {Session{}, past_the_screens()}) {
    for (const auto& t : kRedFlagTriples) {
      Turn in_one = say_at(start, whole(t));
      ASSERT_EQ(in_one.next.red_flags, Strings{t.found}) << whole(t);
      for (const char* piece : {t.first, t.second, t.third})
        ASSERT_FALSE(say_at(start, piece).assessment) << piece;
      ASSERT_FALSE(say_at(say_at(start, t.second).next, t.third).assessment) << whole(t);
      auto turns = sent(start, t);
      ASSERT_FALSE(turns[0].assessment) << whole(t);
      ASSERT_FALSE(turns[1].assessment) << whole(t);
      ASSERT_TRUE(turns[2].assessment) << whole(t);
      EXPECT_EQ(turns[2].assessment->triage, Triage::emergency);
      EXPECT_EQ(turns[2].next.red_flags, Strings{t.found}) << whole(t);
      EXPECT_NE(turns[2].replies.back().text.find("112"), std::string::npos);
    }
  }
}

TEST(SplitThreeMessages, LookAlikesInThreePiecesStaySilent) {
  const Triple triples[] = {
      {"my chest", "of drawers", "fell on my foot", ""},
      {"I could", "kill", "for a coffee", ""},
      {"i want", "to end", "this numbness once and for all", ""},
      {"my chest", "is fine", "its my leg thats crushing", ""},
      {"my blood", "test", "results were bad", ""},
      {"i took", "my tablets", "this morning as usual", ""},
  };
  for (const Session& start : {Session{}, mid_interview()}) {
    for (const auto& t : triples) {
      ASSERT_TRUE(say_at(start, whole(t)).safety.empty()) << whole(t);
      for (const auto& turn : sent(start, t)) EXPECT_TRUE(turn.safety.empty()) << whole(t);
    }
  }
}

// Three pieces only add to two: what the last two pieces say is answered whatever the
// first said, as it was before the first was kept. A denial that reads as covering the
// whole join ("im not ok i want to die" puts "not" three words before "i want") must not
// silence a crisis or a red flag that the last two pieces state; when in doubt it fires,
// so "I don't" ... "want to" ... "die" is answered as "want to" ... "die" is.
TEST(SplitThreeMessages, AFirstPieceNeverSilencesTheLastTwo) {
  const Triple crises[] = {
      {"im not ok", "i want", "to die", "self_harm"},
      {"I don't", "want to", "die", "self_harm"},
  };
  for (const Session& start : {Session{}, mid_interview()}) {
    for (const auto& t : crises) {
      ASSERT_EQ(two_message_safety(start, t.second, t.third), Strings{t.found}) << whole(t);
      EXPECT_EQ(sent(start, t)[2].safety, Strings{t.found}) << whole(t);
    }
  }
  const Triple flags[] = {
      {"its not great", "his face", "is drooping", "stroke_signs"},
      {"no", "his face", "is drooping", "stroke_signs"},
  };
  for (const Session& start : {Session{}, past_the_screens()}) {
    for (const auto& t : flags) {
      auto turns = sent(start, t);
      ASSERT_FALSE(turns[1].assessment) << whole(t);
      EXPECT_EQ(turns[2].next.red_flags, Strings{t.found}) << whole(t);
    }
  }
}

TEST(SplitThreeMessages, DenialsInThreePiecesRaiseNoRedFlag) {
  const Triple triples[] = {
      {"his face", "is", "fine, no drooping", ""},
      {"my foot", "isnt", "cold", ""},
      {"my foot is", "not", "cold or white", ""},
  };
  for (const Session& start : {Session{}, past_the_screens()}) {
    for (const auto& t : triples) {
      for (const auto& turn : sent(start, t)) EXPECT_TRUE(turn.next.red_flags.empty()) << whole(t);
    }
  }
}

// Each piece must follow the one before within the bound: a third piece sent long after
// the second, or a second long after the first, does not complete the thought.
TEST(SplitThreeMessages, EachPieceMustFollowTheLastClosely) {
  const Triple& t = kSafetyTriples[0];
  Turn one = say_at(Session{}, t.first, kFirst);
  Turn two = say_at(one.next, t.second, kFirst + seconds(60));
  EXPECT_TRUE(say_at(two.next, t.third, kFirst + seconds(60 + 86400)).safety.empty());
  Turn late_two = say_at(one.next, t.second, kFirst + seconds(86400));
  EXPECT_TRUE(say_at(late_two.next, t.third, kFirst + seconds(86400 + 20)).safety.empty());
}

// The words reach back two messages, no further: a fourth message is read with the two
// before it only.
TEST(SplitThreeMessages, AFourthMessageDoesNotReachTheFirst) {
  Turn one = say_at(Session{}, "my chest");
  Turn two = say_at(one.next, "its");
  Turn three = say_at(two.next, "really");
  ASSERT_TRUE(three.safety.empty());
  EXPECT_TRUE(say_at(three.next, "crushing").safety.empty());
  // The same three last pieces reach: "its" ... "really" ... "crushing" is no crisis
  // without the chest, and "my chest" ... "really" ... "crushing" is one.
  Turn again = say_at(say_at(say_at(Session{}, "my chest").next, "really").next, "crushing");
  EXPECT_EQ(again.safety, Strings{"chest_pain"});
}

// A message of several clauses starts a new clause: only its last clause is kept, and
// nothing before it is read on.
TEST(SplitThreeMessages, OnlyTheLastClauseIsKept) {
  Turn one = say_at(Session{}, "my chest");
  Turn two = say_at(one.next, "sorry. its");
  EXPECT_TRUE(say_at(two.next, "crushing").safety.empty());
}

// The pieces before share the one bound of 8 words: the middle message's own first, then
// the last of the first message's.
TEST(SplitThreeMessages, AtMostEightWordsAreKeptInAll) {
  // (Not "... and now my chest": the learned backstop answers that at once, as chest pain.)
  Turn one = say_at(Session{}, "we were out walking the dog and then my chest");
  EXPECT_EQ(one.next.engine_state.previous_words, "out walking the dog and then my chest");
  Turn two = say_at(one.next, "its");
  EXPECT_EQ(two.next.engine_state.previous_words, "its");
  EXPECT_EQ(two.next.engine_state.earlier_words, "walking the dog and then my chest");
  EXPECT_EQ(say_at(two.next, "crushing").safety, Strings{"chest_pain"});
  Turn long_two = say_at(one.next, "and it has been like this since about lunch");
  EXPECT_TRUE(long_two.next.engine_state.earlier_words.empty());
  // A stored session is not trusted to hold what this build wrote.
  Session damaged = with_stored_state(two.next, [](nlohmann::json& s) {
    s["earlier_words"] = std::string(5000, 'a') + " my chest";
  });
  EXPECT_EQ(say_at(damaged, "crushing").safety, Strings{"chest_pain"});
  damaged = with_stored_state(two.next, [](nlohmann::json& s) { s["earlier_words"] = 42; });
  EXPECT_TRUE(say_at(damaged, "crushing").safety.empty());
}

// Whatever cleared the words between two messages clears them between three: a command,
// a button, a bare answer.
TEST(SplitThreeMessages, ACommandAButtonOrABareAnswerInBetweenEndsTheJoin) {
  for (const char* between : {"/help", "/restart", "no", "not sure"}) {
    Turn one = say_at(mid_interview(), "my chest");
    Turn two = say_at(one.next, "its");
    Turn mid = say_at(two.next, between);
    EXPECT_TRUE(mid.next.engine_state.previous_words.empty()) << between;
    EXPECT_TRUE(mid.next.engine_state.earlier_words.empty()) << between;
    EXPECT_TRUE(say_at(mid.next, "crushing").safety.empty()) << between;
  }
  Turn one = say_at(Session{}, "my chest");
  Turn two = say_at(one.next, "its");
  const Reply* q = nullptr;
  for (const auto& r : two.replies)
    if (!r.choices.empty()) q = &r;
  ASSERT_TRUE(q);
  Turn pressed = press_at(two.next, q->choices[0].id);
  EXPECT_TRUE(pressed.next.engine_state.earlier_words.empty());
  EXPECT_TRUE(say_at(pressed.next, "crushing").safety.empty());
  Turn forget = say_at(two.next, "/forget");
  EXPECT_TRUE(say_at(forget.next, "crushing").safety.empty());
}

}  // namespace
}  // namespace triagebot::dialogs::testing::split_three_messages_test
