// Each conversation lists its outbox rows (schema.cpp migration 15): the list replaces
// the index of the outbox by conversation and the foreign key's cascade, so the claim's
// order and forget/purge's deletion of every row (delivered ones hold message text) now
// depend on it. These tests hold the list to the rows, through a migration from the
// schema before and through the writer.
#include <gtest/gtest.h>

#include "storage/schema.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace outbox_ids_test {
namespace {

using namespace std::chrono_literals;
using testing::at_ms;
using testing::forget;
using testing::open_store;
using testing::query_int;
using testing::query_text;
using triagebot::testing::TempDir;

// Outbox rows that name a conversation that is gone: what forget or purge left behind.
constexpr const char* kOrphans =
    "SELECT COUNT(*) FROM outbox WHERE conversation_id IS NOT NULL"
    " AND conversation_id NOT IN (SELECT id FROM conversations)";

// Rows of a conversation that its list does not name: ones a deletion would miss.
constexpr const char* kUnlisted =
    "SELECT COUNT(*) FROM outbox o WHERE o.conversation_id IS NOT NULL AND NOT EXISTS"
    " (SELECT 1 FROM conversations c, json_each(c.outbox_ids) j"
    "  WHERE c.id = o.conversation_id AND j.value = o.id)";

std::vector<std::int64_t> claimed_ids(Store& store, std::int64_t now_ms) {
  std::vector<std::int64_t> ids;
  EXPECT_TRUE(store.writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto claimed = tx.claim_due(at_ms(now_ms), 10, 30s);
    if (!claimed) return claimed.error();
    for (const auto& row : *claimed) ids.push_back(row.id);
    return {};
  }));
  return ids;
}

// A database made by schema 14 (the release before this migration), with delivered,
// dead, open and notice rows, opened by the current store.
TEST(StorageOutboxIds, MigrationListsTheExistingRowsAndDropsTheIndexAndForeignKey) {
  TempDir dir;
  const auto path = dir / "t.db";
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    ASSERT_TRUE(migrate(db, 14));
    db.exec(R"sql(
INSERT INTO conversations (id, platform, conversation_key, user_key, started_at, updated_at, session)
VALUES (7, 'telegram', 'alice', 'alice', 1000, 1000, '{}'),
       (8, 'telegram', 'bob', 'bob', 1000, 1000, '{}'),
       (9, 'telegram', 'carol', 'carol', 1000, 1000, '{}');
INSERT INTO outbox (id, conversation_id, platform, target, payload, status, due_at, created_at,
                    chat_key)
VALUES
  (1, 7, 'telegram', '{"chat_id":"alice"}', '{"text":"alice 1"}', 'delivered', 0, 0, NULL),
  (2, 8, 'telegram', '{"chat_id":"bob"}', '{"text":"bob 1"}', 'delivered', 0, 0, NULL),
  (3, 7, 'telegram', '{"chat_id":"alice"}', '{"text":"alice 2"}', 'dead', 0, 0, NULL),
  (4, 7, 'telegram', '{"chat_id":"alice"}', '{"text":"alice 3"}', 'pending', 0, 0,
   'telegram:alice'),
  (5, 8, 'telegram', '{"chat_id":"bob"}', '{"text":"bob 2"}', 'sending', 0, 0, 'telegram:bob'),
  (6, 8, 'telegram', '{"chat_id":"bob"}', '{"text":"bob 3"}', 'pending', 0, 0, 'telegram:bob'),
  (10, NULL, 'telegram', '{"chat_id":-100}', '{}', 'pending', 0, 0, 'telegram:-100');
)sql");
  }
  {
    auto store = open_store(path);
    ASSERT_TRUE(store);
    store->close();
  }
  EXPECT_EQ(query_text(path, "SELECT outbox_ids FROM conversations WHERE id = 7"), "[1,3,4]");
  EXPECT_EQ(query_text(path, "SELECT outbox_ids FROM conversations WHERE id = 8"), "[2,5,6]");
  EXPECT_EQ(query_text(path, "SELECT outbox_ids FROM conversations WHERE id = 9"), "[]");
  EXPECT_EQ(query_int(path, kUnlisted), 0);
  EXPECT_EQ(query_int(path,
                      "SELECT COUNT(*) FROM sqlite_master WHERE name ="
                      " 'outbox_by_conversation'"),
            0);
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM pragma_foreign_key_list('outbox')"), 0);
  // The verdicts keep theirs (the messages lose theirs in migration 16).
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM pragma_foreign_key_list('verdicts')"), 1);
  EXPECT_EQ(query_text(path, "PRAGMA integrity_check"), "ok");

  auto store = open_store(path);
  ASSERT_TRUE(store);
  // Order from the lists: alice's open row follows a dead one (settled) and may go; bob's
  // sending row 5, whose lease has run out, goes before 6, which waits.
  EXPECT_EQ(claimed_ids(*store, 5000), (std::vector<std::int64_t>{4, 5, 10}));
  // Forget alice: every row of hers, delivered and dead ones too, and nobody else's.
  const ForgetCounts counts = forget(*store, "telegram", "alice");
  EXPECT_EQ(counts.conversations, 1);
  EXPECT_EQ(counts.outbox_rows, 3);
  // Purge takes bob's and carol's conversations (started and updated at 1000).
  PurgeCounts purged;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto done = tx.purge_older_than(at_ms(2000));
    if (!done) return done.error();
    purged = *done;
    return {};
  }));
  EXPECT_EQ(purged.conversations, 2);
  EXPECT_EQ(purged.outbox_rows, 3);
  store->close();
  EXPECT_EQ(query_int(path,
                      "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%alice%'"
                      " OR payload LIKE '%bob%'"),
            0);
  EXPECT_EQ(query_int(path, kOrphans), 0);
  // The notice of no conversation stays.
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM outbox"), 1);
}

// Through the writer: replies and notices joined to a conversation are listed as they are
// queued; the claim keeps the order over delivered, retried and dead rows; forget deletes
// the delivered rows too.
TEST(StorageOutboxIds, TheWriterListsEveryRowAndForgetDeletesDeliveredOnes) {
  TempDir dir;
  const auto path = dir / "t.db";
  auto store = open_store(path);
  ASSERT_TRUE(store);
  std::vector<std::int64_t> mine;
  std::int64_t other = 0;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto a = tx.load_or_create_conversation("telegram", "alice", "alice", at_ms(1000));
    if (!a) return a.error();
    auto b = tx.load_or_create_conversation("telegram", "bob", "bob", at_ms(1000));
    if (!b) return b.error();
    for (int i = 0; i < 3; ++i) {
      auto id = tx.enqueue_outbox(a->id, "telegram", {{"chat_id", "alice"}},
                                  {{"text", testing::numbered("alice ", i)}}, at_ms(1000));
      if (!id) return id.error();
      mine.push_back(*id);
      if (i == 0) {
        auto theirs = tx.enqueue_outbox(b->id, "telegram", {{"chat_id", "bob"}}, {{"text", "bob"}},
                                        at_ms(1000));
        if (!theirs) return theirs.error();
        other = *theirs;
      }
    }
    // A notice to alice's own chat joins her conversation (migration 12): listed too.
    auto note = tx.enqueue_notice("telegram", {{"chat_id", "alice"}}, {{"text", "alice note"}},
                                  at_ms(1000));
    if (!note) return note.error();
    mine.push_back(*note);
    return {};
  }));
  EXPECT_EQ(query_int(path, kUnlisted), 0);
  EXPECT_EQ(query_int(path,
                      "SELECT json_array_length(outbox_ids) FROM conversations"
                      " WHERE conversation_key = 'alice'"),
            4);

  auto settle = [&](std::int64_t id, const char* how) {
    ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
      Result<bool> done = std::string_view(how) == "delivered" ? tx.mark_delivered(id, at_ms(3000))
                          : std::string_view(how) == "retry" ? tx.mark_retry(id, at_ms(4000), "429")
                                                             : tx.mark_dead(id, at_ms(3000), "400");
      if (!done) return done.error();
      EXPECT_TRUE(*done) << how << " " << id;
      return {};
    }));
  };
  // One head per conversation at a time, in the order written.
  EXPECT_EQ(claimed_ids(*store, 2000), (std::vector<std::int64_t>{mine[0], other}));
  settle(mine[0], "retry");
  settle(other, "delivered");
  EXPECT_EQ(claimed_ids(*store, 3000), (std::vector<std::int64_t>{}));  // retry not due
  EXPECT_EQ(claimed_ids(*store, 4000), (std::vector<std::int64_t>{mine[0]}));
  settle(mine[0], "delivered");
  EXPECT_EQ(claimed_ids(*store, 4000), (std::vector<std::int64_t>{mine[1]}));
  settle(mine[1], "dead");
  EXPECT_EQ(claimed_ids(*store, 4000), (std::vector<std::int64_t>{mine[2]}));
  settle(mine[2], "delivered");
  EXPECT_EQ(claimed_ids(*store, 4000), (std::vector<std::int64_t>{mine[3]}));
  settle(mine[3], "delivered");

  const ForgetCounts counts = forget(*store, "telegram", "alice");
  EXPECT_EQ(counts.outbox_rows, 4);
  store->close();
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%alice%'"), 0);
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM outbox"), 1);
  EXPECT_EQ(query_int(path, kOrphans), 0);
}

// What the foreign key refused, the trigger refuses: a row of a conversation that does
// not exist would be listed nowhere, and no forget could find it. Nothing is written.
TEST(StorageOutboxIds, ARowOfNoExistingConversationIsRefusedAndChangesNothing) {
  TempDir dir;
  const auto path = dir / "t.db";
  auto store = open_store(path);
  ASSERT_TRUE(store);
  auto refused = store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto id = tx.enqueue_outbox(4242, "telegram", {{"chat_id", "x"}}, {{"text", "t"}}, at_ms(1));
    if (!id) return id.error();
    return {};
  });
  EXPECT_FALSE(refused);
  store->close();
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_EQ(query_int(path, "SELECT COUNT(*) FROM conversations"), 0);
}

}  // namespace
}  // namespace outbox_ids_test
}  // namespace triagebot::storage
