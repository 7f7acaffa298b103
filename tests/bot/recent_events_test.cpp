// RecentEvents: the in-memory set of delivery ids committed lately, in front of the
// database's exact dedup (bot/flow/recent_events.h).
#include "bot/flow/recent_events.h"

#include <string>

#include <gtest/gtest.h>

namespace triagebot::testing::recent_events_test {
namespace {

using bot::RecentEvents;

TEST(RecentEvents, KnowsWhatWasCommittedPerPlatform) {
  RecentEvents recent(4);
  EXPECT_FALSE(recent.seen("telegram", "17"));
  recent.committed("telegram", "17");
  EXPECT_TRUE(recent.seen("telegram", "17"));
  EXPECT_FALSE(recent.seen("slack", "17"));
  EXPECT_FALSE(recent.seen("telegram", "171"));
}

TEST(RecentEvents, ForgetsTheOldestFirst) {
  RecentEvents recent(3);
  for (const char* id : {"a", "b", "c", "d"}) recent.committed("slack", id);
  EXPECT_FALSE(recent.seen("slack", "a"));
  EXPECT_TRUE(recent.seen("slack", "b"));
  EXPECT_TRUE(recent.seen("slack", "c"));
  EXPECT_TRUE(recent.seen("slack", "d"));
}

TEST(RecentEvents, ACommitOfAKnownIdTakesNoPlace) {
  RecentEvents recent(2);
  recent.committed("slack", "a");
  recent.committed("slack", "a");
  recent.committed("slack", "b");
  EXPECT_TRUE(recent.seen("slack", "a"));
  EXPECT_TRUE(recent.seen("slack", "b"));
}

// Many more ids than the capacity, through the set's rehashes: exactly the newest
// `capacity` are known, whatever their order of arrival into buckets.
TEST(RecentEvents, KeepsExactlyTheNewestThroughRehashes) {
  constexpr int kCapacity = 1000;
  RecentEvents recent(kCapacity);
  constexpr int kIds = 5000;
  for (int i = 0; i < kIds; ++i) recent.committed("telegram", std::to_string(i * 7919));
  for (int i = 0; i < kIds; ++i) {
    EXPECT_EQ(recent.seen("telegram", std::to_string(i * 7919)), i >= kIds - kCapacity) << i;
  }
}

TEST(RecentEvents, ZeroCapacityKeepsNothing) {
  RecentEvents recent(0);
  recent.committed("widget", "x");
  EXPECT_FALSE(recent.seen("widget", "x"));
}

}  // namespace
}  // namespace triagebot::testing::recent_events_test
