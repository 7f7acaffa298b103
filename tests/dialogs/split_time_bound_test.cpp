// Messages split over several turns are read together only when they were sent close
// together (docs/safety.md "Messages split over several turns"): someone finishing a
// sentence sends the rest within seconds or a few minutes, while words left from a
// message sent yesterday belong to another thought. Each message goes through
// dialogs::step as the server runs it, the session written to JSON text and read back in
// between, with the time the server received it.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "dialogs/engine.h"
#include "dialogs/session.h"
#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/stored_state.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing::split_time_bound_test {
namespace {

using std::chrono::seconds;
using Time = std::chrono::system_clock::time_point;
using Categories = std::vector<std::string>;

const Time kFirst = kFirstMessageAt;
// The bound docs/safety.md names: five minutes between one message and the next.
const seconds kBound = std::chrono::minutes(5);

struct Pair {
  const char* first;
  const char* second;
  const char* found;  // a safety category or a red flag
};

const Pair kSafetyPairs[] = {
    {"my chest", "it's crushing", "chest_pain"},
    {"I don't want to", "be here anymore", "self_harm"},
    {"i took", "30 paracetamol", "overdose_poisoning"},
};

const Pair kRedFlagPairs[] = {
    {"my foot is", "cold and white", "acute_limb_ischemia_signs"},
    {"his face", "is drooping", "stroke_signs"},
};

Categories safety_after(const Session& start, const Pair& pair, Time second_at) {
  Turn one = say_at(start, pair.first, kFirst);
  EXPECT_TRUE(one.safety.empty()) << pair.first;
  return say_at(one.next, pair.second, second_at).safety;
}

std::vector<std::string> red_flags_after(const Session& start, const Pair& pair, Time second_at) {
  Turn one = say_at(start, pair.first, kFirst);
  EXPECT_FALSE(one.assessment) << pair.first;
  return say_at(one.next, pair.second, second_at).next.red_flags;
}

TEST(SplitTimeBound, MessagesSentCloseTogetherAreStillReadTogether) {
  for (const Session& start : {Session{}, mid_interview()}) {
    for (auto gap : {seconds(0), seconds(20), kBound}) {
      for (const auto& pair : kSafetyPairs)
        EXPECT_EQ(safety_after(start, pair, kFirst + gap), Categories{pair.found})
            << pair.first << " ... " << gap.count() << " s ... " << pair.second;
      for (const auto& pair : kRedFlagPairs)
        EXPECT_EQ(red_flags_after(start, pair, kFirst + gap), std::vector<std::string>{pair.found})
            << pair.first << " ... " << gap.count() << " s ... " << pair.second;
    }
  }
}

TEST(SplitTimeBound, TheSameMessagesFarApartAreNotJoined) {
  for (const Session& start : {Session{}, mid_interview()}) {
    for (auto gap : {kBound + seconds(1), seconds(3600), seconds(86400)}) {
      for (const auto& pair : kSafetyPairs)
        EXPECT_TRUE(safety_after(start, pair, kFirst + gap).empty())
            << pair.first << " ... " << gap.count() << " s ... " << pair.second;
      for (const auto& pair : kRedFlagPairs)
        EXPECT_TRUE(red_flags_after(start, pair, kFirst + gap).empty())
            << pair.first << " ... " << gap.count() << " s ... " << pair.second;
    }
  }
}

// Two server processes' clocks may differ a little, so a second message may carry a time
// just before the first one's; that is still close together. A time far before it is not.
TEST(SplitTimeBound, ASecondMessageStampedSlightlyEarlierIsStillClose) {
  const Pair& pair = kSafetyPairs[0];
  EXPECT_EQ(safety_after(Session{}, pair, kFirst - seconds(5)), Categories{pair.found});
  EXPECT_TRUE(safety_after(Session{}, pair, kFirst - seconds(86400)).empty());
}

// The time is kept with the words, and only while there are words.
TEST(SplitTimeBound, TheTimeIsStoredWithTheWords) {
  Turn one = say_at(Session{}, "my chest", kFirst);
  EXPECT_EQ(one.next.engine_state.previous_words, "my chest");
  EXPECT_EQ(one.next.engine_state.previous_at.value_or(0), 1700000000);
  Turn no = say_at(one.next, "no", kFirst + seconds(10));
  EXPECT_TRUE(no.next.engine_state.previous_words.empty());
  EXPECT_FALSE(no.next.engine_state.previous_at.has_value());
  Turn help = say_at(one.next, "/help", kFirst + seconds(10));
  EXPECT_TRUE(help.next.engine_state.previous_words.empty());
  EXPECT_FALSE(help.next.engine_state.previous_at.has_value());
}

// A session stored before the time was kept has words without one: they could be from
// any day, so they are taken as too old and not read on.
TEST(SplitTimeBound, WordsStoredWithoutATimeAreTooOld) {
  for (const auto& pair : kSafetyPairs) {
    Turn one = say_at(Session{}, pair.first, kFirst);
    ASSERT_FALSE(one.next.engine_state.previous_words.empty());
    Session old = with_stored_state(one.next, [](nlohmann::json& s) { s.erase("previous_at"); });
    ASSERT_FALSE(old.engine_state.previous_words.empty());
    EXPECT_TRUE(say_at(old, pair.second, kFirst + seconds(1)).safety.empty()) << pair.first;
    // A damaged time reads as none.
    old = with_stored_state(one.next, [](nlohmann::json& s) { s["previous_at"] = "yesterday"; });
    EXPECT_TRUE(say_at(old, pair.second, kFirst + seconds(1)).safety.empty()) << pair.first;
  }
  Turn one = say_at(Session{}, kRedFlagPairs[0].first, kFirst);
  Session old = with_stored_state(one.next, [](nlohmann::json& s) { s.erase("previous_at"); });
  EXPECT_TRUE(say_at(old, kRedFlagPairs[0].second, kFirst + seconds(1)).next.red_flags.empty());
}

// Too old, the words are dropped, and the new message keeps its own for the next turn.
TEST(SplitTimeBound, ALateMessageStartsAFreshJoin) {
  Turn one = say_at(Session{}, "hang on", kFirst);
  Turn two = say_at(one.next, "my chest", kFirst + seconds(86400));
  EXPECT_EQ(two.next.engine_state.previous_words, "my chest");
  EXPECT_EQ(say_at(two.next, "it's crushing", kFirst + seconds(86430)).safety,
            Categories{"chest_pain"});
}

}  // namespace
}  // namespace triagebot::dialogs::testing::split_time_bound_test
