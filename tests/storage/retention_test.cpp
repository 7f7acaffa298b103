#include <gtest/gtest.h>

#include <atomic>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace retention_test {
namespace {

using testing::at_ms;
using testing::open_store;
using testing::query_int;
using triagebot::testing::TempDir;

// One conversation for (platform, key, user) with `messages` user messages, one outbox
// row and one verdict, all at time `ms`.
void seed(Store& store, const std::string& platform, const std::string& key,
          const std::string& user, int messages, std::int64_t ms) {
  ASSERT_TRUE(store.writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation(platform, key, user, at_ms(ms));
    if (!conversation) return conversation.error();
    for (int i = 0; i < messages; ++i) {
      MessageRecord message;
      message.text = "secret words of " + key;
      message.at = at_ms(ms);
      if (auto r = tx.append_message(conversation->id, message); !r) return r.error();
    }
    if (auto r = tx.enqueue_outbox(conversation->id, platform, {}, {}, at_ms(ms)); !r) {
      return r.error();
    }
    if (auto r = tx.add_verdict(conversation->id, {"agree", "", "rev", at_ms(ms)}); !r) {
      return r.error();
    }
    return tx.save_session(conversation->id, conversation->session, at_ms(ms), SummaryUpdate{});
  }));
}

TEST(StorageRetention, ForgetRemovesExactlyThatPersonsData) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  seed(*store, "telegram", "chat-a1", "alice", 3, 1000);
  seed(*store, "telegram", "chat-a2", "alice", 2, 1000);
  seed(*store, "telegram", "chat-b", "bob", 4, 1000);
  seed(*store, "slack", "chat-a3", "alice", 1, 1000);  // same user key, other platform
  // A private chat, where the person is the conversation: found by its key, since the
  // person index leaves such conversations out (migration 10).
  seed(*store, "telegram", "alice", "alice", 1, 1000);
  testing::wait_searchable(*store);  // so the forget has text to take out of the index
  ForgetCounts counts;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto forgotten = tx.forget_user("telegram", "alice");
    if (!forgotten) return forgotten.error();
    counts = *forgotten;
    return {};
  }));
  EXPECT_EQ(counts.conversations, 3);
  EXPECT_EQ(counts.messages, 6);
  EXPECT_EQ(counts.outbox_rows, 3);
  // Gone from the text index as well, and a new message starts a new conversation
  // (the cached session was dropped).
  ListFilter filter;
  filter.q = "words of chat-a1";
  auto page = store->readers().list_conversations(filter);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->conversations.empty());
  ASSERT_TRUE(store->writer()
                  .run([&](WriteTransaction& tx) -> Result<void> {
                    auto conversation =
                        tx.load_or_create_conversation("telegram", "chat-a1", "alice", at_ms(2));
                    if (!conversation) return conversation.error();
                    EXPECT_TRUE(conversation->created);
                    return make_error(ErrorCode::internal, "leave nothing behind");
                  })
                  .has_value() == false);
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM conversations"), 2);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM messages"), 5);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM outbox"), 2);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM verdicts"), 2);
  // The search file kept only the other people's text (bob's 4, alice's Slack 1).
  EXPECT_EQ(
      testing::search_int(
          dir / "t.db", "SELECT COUNT(*) FROM message_text WHERE message_text MATCH '\"chat-a\"'"),
      1);
  EXPECT_EQ(testing::search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), 5);
  EXPECT_NO_THROW(testing::check_search_integrity(dir / "t.db"));
}

TEST(StorageRetention, PurgeRemovesOnlyConversationsIdleBeforeTheCutoff) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  seed(*store, "widget", "old", "u1", 2, 1000);
  seed(*store, "widget", "new", "u2", 3, 5000);
  ASSERT_TRUE(store->writer().run([](WriteTransaction& tx) -> Result<void> {
    if (auto r = tx.record_event("widget", "e-old", at_ms(1000)); !r) return r.error();
    if (auto r = tx.record_event("widget", "e-new", at_ms(5000)); !r) return r.error();
    return {};
  }));
  PurgeCounts counts;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto purged = tx.purge_older_than(at_ms(5000));
    if (!purged) return purged.error();
    counts = *purged;
    return {};
  }));
  EXPECT_EQ(counts.conversations, 1);
  EXPECT_EQ(counts.messages, 2);
  EXPECT_EQ(counts.outbox_rows, 1);
  EXPECT_EQ(counts.processed_events, 1);
  // The purged conversation is not served from the cache afterwards.
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", "old", "u1", at_ms(6000));
    if (!conversation) return conversation.error();
    EXPECT_TRUE(conversation->created);
    return {};
  }));
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM messages"), 3);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM processed_events"), 1);
  EXPECT_EQ(
      query_int(dir / "t.db", "SELECT COUNT(*) FROM conversations WHERE conversation_key = 'new'"),
      1);
}

// A message written and forgotten within one batch (and a rolled-back one) never reaches
// the text index, and the index stays consistent.
TEST(StorageRetention, ForgetInTheSameBatchAsAMessageKeepsTheTextIndexConsistent) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  std::atomic<int> done{0};
  {
    testing::WriterGate gate(store->writer());
    auto count = [&](Result<void>) { ++done; };
    ASSERT_TRUE(
        store->writer().submit({testing::append_item("alice", "alice's numb toes", 1), count}));
    ASSERT_TRUE(store->writer().submit({[](WriteTransaction& tx) -> Result<void> {
                                          auto r = tx.forget_user("widget", "user-alice");
                                          return r ? Result<void>() : Result<void>(r.error());
                                        },
                                        count}));
    ASSERT_TRUE(store->writer().submit({[](WriteTransaction& tx) -> Result<void> {
                                          (void)testing::append_item("carol", "rolled back", 2)(tx);
                                          return make_error(ErrorCode::internal, "roll back");
                                        },
                                        count}));
    ASSERT_TRUE(store->writer().submit({testing::append_item("bob", "bob's numb heel", 3), count}));
  }
  ASSERT_TRUE(triagebot::testing::wait_until([&] { return done.load() == 4; }));
  testing::wait_searchable(*store);
  ListFilter filter;
  filter.q = "numb";
  auto page = store->readers().list_conversations(filter);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->conversations.size(), 1u);
  store->close();
  EXPECT_NO_THROW(testing::check_search_integrity(dir / "t.db"));
  EXPECT_EQ(testing::search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), 1);
}

}  // namespace
}  // namespace retention_test
}  // namespace triagebot::storage
