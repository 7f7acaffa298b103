// Writer::may_have_conversation (storage/known_keys.h): the pipeline reads no session for
// a conversation it answers "no" for, so a "no" must be certain: for a conversation made
// in this run, for one stored by an earlier run, and with no session cache at all.
#include <gtest/gtest.h>

#include <string>

#include "storage/known_keys.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage::testing {
namespace known_conversations_test {
namespace {

using triagebot::testing::TempDir;

void create(Store& store, const std::string& key) {
  ASSERT_TRUE(store.writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("telegram", key, key, at_ms(1000));
    if (!conversation) return conversation.error();
    return {};
  }));
}

TEST(KnownKeys, ANameAddedIsAlwaysFoundAndFewOthersAre) {
  KnownKeys known;
  for (int i = 0; i < 20000; ++i) known.add(numbered("telegram\x1f", i));
  for (int i = 0; i < 20000; ++i) ASSERT_TRUE(known.may_contain(numbered("telegram\x1f", i)));
  int wrong = 0;
  for (int i = 0; i < 20000; ++i) wrong += known.may_contain(numbered("slack\x1f", i));
  EXPECT_LE(wrong, 2) << "false yeses at 20,000 names";
}

TEST(KnownConversations, MadeNowOrStoredBeforeTheyMayExistAndOthersDoNot) {
  TempDir dir;
  const auto db = dir / "t.db";
  {
    auto store = open_store(db);
    ASSERT_NE(store, nullptr);
    EXPECT_FALSE(store->writer().may_have_conversation("telegram", "a"));
    create(*store, "a");
    EXPECT_TRUE(store->writer().may_have_conversation("telegram", "a"));
    EXPECT_FALSE(store->writer().may_have_conversation("slack", "a"));
    EXPECT_FALSE(store->writer().may_have_conversation("telegram", "b"));
  }
  // A new run knows the stored one before any message names it.
  StoreOptions options;
  options.path = db;
  options.session_cache_capacity = 0;  // and without a cache, what it makes is known too
  auto store = open_store(options);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->writer().may_have_conversation("telegram", "a"));
  EXPECT_FALSE(store->writer().may_have_conversation("telegram", "b"));
  create(*store, "b");
  EXPECT_TRUE(store->writer().may_have_conversation("telegram", "b"));
}

}  // namespace
}  // namespace known_conversations_test
}  // namespace triagebot::storage::testing
