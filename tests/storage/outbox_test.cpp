#include <gtest/gtest.h>

#include "storage/outbox_chat.h"
#include "storage/schema.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace outbox_test {
namespace {

using namespace std::chrono_literals;
using testing::at_ms;
using testing::open_store;
using triagebot::testing::TempDir;

class StorageOutbox : public ::testing::Test {
 protected:
  void SetUp() override { store_ = open_store(dir_ / "t.db"); }

  // Creates a conversation and enqueues `count` replies at time `ms`; returns row ids.
  std::vector<std::int64_t> enqueue(const std::string& key, int count, std::int64_t ms) {
    std::vector<std::int64_t> ids;
    auto done = store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto conversation = tx.load_or_create_conversation("telegram", key, key, at_ms(ms));
      if (!conversation) return conversation.error();
      for (int i = 0; i < count; ++i) {
        auto id = tx.enqueue_outbox(conversation->id, "telegram", {{"chat_id", key}},
                                    {{"text", testing::numbered("reply ", i)}}, at_ms(ms));
        if (!id) return id.error();
        ids.push_back(*id);
      }
      return {};
    });
    EXPECT_TRUE(done);
    return ids;
  }

  std::vector<OutboxRow> claim(std::int64_t now_ms, int limit = 10,
                               std::chrono::milliseconds lease = 30s) {
    std::vector<OutboxRow> rows;
    EXPECT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto claimed = tx.claim_due(at_ms(now_ms), limit, lease);
      if (!claimed) return claimed.error();
      rows = std::move(*claimed);
      return {};
    }));
    return rows;
  }

  // A row of no conversation (a note, a group pointer) to `target`; returns its id.
  std::int64_t notice(const nlohmann::json& target, std::int64_t ms) {
    std::int64_t id = 0;
    EXPECT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto queued = tx.enqueue_notice("telegram", target, {{"kind", "text_only"}}, at_ms(ms));
      if (!queued) return queued.error();
      id = *queued;
      return {};
    }));
    return id;
  }

  bool settle(std::function<Result<bool>(WriteTransaction&)> action) {
    bool changed = false;
    EXPECT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto r = action(tx);
      if (!r) return r.error();
      changed = *r;
      return {};
    }));
    return changed;
  }

  static std::vector<std::int64_t> ids(const std::vector<OutboxRow>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& row : rows) out.push_back(row.id);
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StorageOutbox, ClaimReturnsTheRowAndMarksItSending) {
  auto queued = enqueue("c1", 1, 1000);
  auto rows = claim(1000);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, queued[0]);
  EXPECT_EQ(rows[0].platform, "telegram");
  EXPECT_EQ(rows[0].target, (nlohmann::json{{"chat_id", "c1"}}));
  EXPECT_EQ(rows[0].payload["text"], "reply 0");
  EXPECT_EQ(rows[0].attempts, 1);
  // Leased: not claimable again while the lease runs.
  EXPECT_TRUE(claim(1000 + 29'000).empty());
}

TEST_F(StorageOutbox, ExpiredLeaseMakesTheRowClaimableAgain) {
  enqueue("c1", 1, 1000);
  ASSERT_EQ(claim(1000).size(), 1u);
  auto again = claim(1000 + 30'000);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
}

TEST_F(StorageOutbox, RetryWaitsUntilItsTime) {
  auto queued = enqueue("c1", 1, 1000);
  ASSERT_EQ(claim(1000).size(), 1u);
  EXPECT_TRUE(
      settle([&](WriteTransaction& tx) { return tx.mark_retry(queued[0], at_ms(5000), "429"); }));
  EXPECT_TRUE(claim(4999).empty());
  auto due = store_->readers().next_outbox_due();
  ASSERT_TRUE(due);
  EXPECT_EQ(*due, at_ms(5000));
  EXPECT_EQ(ids(claim(5000)), queued);
}

TEST_F(StorageOutbox, DeliveredAndDeadRowsAreNeverClaimedAgain) {
  auto first = enqueue("c1", 1, 1000);
  auto second = enqueue("c2", 1, 1000);
  ASSERT_EQ(claim(1000).size(), 2u);
  EXPECT_TRUE(
      settle([&](WriteTransaction& tx) { return tx.mark_delivered(first[0], at_ms(1001)); }));
  EXPECT_TRUE(
      settle([&](WriteTransaction& tx) { return tx.mark_dead(second[0], at_ms(1001), "403"); }));
  EXPECT_TRUE(claim(1'000'000).empty());
  auto due = store_->readers().next_outbox_due();
  ASSERT_TRUE(due);
  EXPECT_FALSE(*due);
  // Settling a row that is no longer `sending` changes nothing.
  EXPECT_FALSE(
      settle([&](WriteTransaction& tx) { return tx.mark_retry(first[0], at_ms(1), "x"); }));
  EXPECT_FALSE(settle([&](WriteTransaction& tx) { return tx.mark_delivered(424242, at_ms(1)); }));
}

TEST_F(StorageOutbox, LaterReplyWaitsForTheEarlierOneOfItsConversation) {
  auto rows = enqueue("c1", 3, 1000);
  auto other = enqueue("c2", 1, 1000);
  EXPECT_EQ(ids(claim(1000)), (std::vector<std::int64_t>{rows[0], other[0]}));
  // The head waits for a retry; its successors must not overtake it.
  EXPECT_TRUE(
      settle([&](WriteTransaction& tx) { return tx.mark_retry(rows[0], at_ms(9000), "5xx"); }));
  EXPECT_TRUE(claim(2000).empty());
  auto due = store_->readers().next_outbox_due();
  ASSERT_TRUE(due && *due);
  EXPECT_EQ(**due, at_ms(9000));
  EXPECT_EQ(ids(claim(9000)), std::vector<std::int64_t>{rows[0]});
  EXPECT_TRUE(
      settle([&](WriteTransaction& tx) { return tx.mark_delivered(rows[0], at_ms(9001)); }));
  EXPECT_EQ(ids(claim(9001)), std::vector<std::int64_t>{rows[1]});
  // A dead head unblocks the next one too.
  EXPECT_TRUE(
      settle([&](WriteTransaction& tx) { return tx.mark_dead(rows[1], at_ms(9002), "400"); }));
  EXPECT_EQ(ids(claim(9002)), std::vector<std::int64_t>{rows[2]});
}

TEST_F(StorageOutbox, NoteWaitsForTheReplyQueuedBeforeItForTheSameChat) {
  auto reply = enqueue("c1", 1, 1000);  // to {"chat_id": "c1"}
  const auto note = notice({{"chat_id", "c1"}}, 1000);
  const auto elsewhere = notice({{"chat_id", "c2"}}, 1000);
  EXPECT_EQ(ids(claim(1000)), (std::vector<std::int64_t>{reply[0], elsewhere}));
  // The reply failed (a 500) and waits for its retry: the note must not overtake it.
  EXPECT_TRUE(
      settle([&](WriteTransaction& tx) { return tx.mark_retry(reply[0], at_ms(9000), "5xx"); }));
  EXPECT_TRUE(claim(2000).empty());
  auto due = store_->readers().next_outbox_due();
  ASSERT_TRUE(due && *due);
  EXPECT_EQ(**due, at_ms(9000));
  EXPECT_EQ(ids(claim(9000)), reply);
  EXPECT_TRUE(claim(9000).empty()) << "the note went while the reply was being sent";
  EXPECT_TRUE(
      settle([&](WriteTransaction& tx) { return tx.mark_delivered(reply[0], at_ms(9001)); }));
  EXPECT_EQ(ids(claim(9001)), std::vector<std::int64_t>{note});
}

TEST_F(StorageOutbox, ReplyWaitsForTheNoteQueuedBeforeItForTheSameChat) {
  const auto note = notice({{"chat_id", "c1"}}, 1000);
  auto reply = enqueue("c1", 1, 1000);
  EXPECT_EQ(ids(claim(1000)), std::vector<std::int64_t>{note});
  EXPECT_TRUE(settle([&](WriteTransaction& tx) { return tx.mark_dead(note, at_ms(1001), "400"); }));
  EXPECT_EQ(ids(claim(1001)), reply);
}

TEST_F(StorageOutbox, ANoteToAConversationsOwnChatJoinsThatConversation) {
  auto reply = enqueue("c1", 1, 1000);
  const auto note = notice({{"chat_id", "c1"}}, 1000);
  const auto elsewhere = notice({{"chat_id", "c2"}}, 1000);
  const auto group = notice({{"chat_id", -100123}}, 1000);
  SQLite::Database db((dir_ / "t.db").string(), SQLite::OPEN_READONLY);
  auto conversation_of = [&](std::int64_t id) {
    SQLite::Statement query(db, "SELECT conversation_id FROM outbox WHERE id = ?");
    query.bind(1, id);
    EXPECT_TRUE(query.executeStep());
    return query.getColumn(0).isNull() ? std::int64_t{0} : query.getColumn(0).getInt64();
  };
  EXPECT_NE(conversation_of(reply[0]), 0);
  EXPECT_EQ(conversation_of(note), conversation_of(reply[0]));
  EXPECT_EQ(conversation_of(elsewhere), 0) << "c2 has no conversation";
  EXPECT_EQ(conversation_of(group), 0);
  // Only the notices of no conversation are in the chat test's index.
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM outbox INDEXED BY outbox_open_notices_by_chat"
                          " WHERE conversation_id IS NULL AND status IN ('pending', 'sending')"
                          " AND chat_key >= ''")
                .getInt(),
            2);
}

TEST_F(StorageOutbox, RowsWhoseTargetNamesNoChatAreNotHeldBackByEachOther) {
  // Acknowledgements of stale buttons: addressed by their callback query alone.
  const auto first = notice({{"callback_query_id", "q1"}}, 1000);
  const auto second = notice({{"callback_query_id", "q2"}}, 1000);
  EXPECT_EQ(ids(claim(1000)), (std::vector<std::int64_t>{first, second}));
}

TEST_F(StorageOutbox, TheChatTestIsOneProbeOfItsPartialIndex) {
  SQLite::Database db((dir_ / "t.db").string(), SQLite::OPEN_READONLY);
  SQLite::Statement plan(db,
                         "EXPLAIN QUERY PLAN SELECT 1 FROM outbox p WHERE p.chat_key = 'telegram:1'"
                         " AND p.conversation_id IS NULL AND p.status IN ('pending', 'sending')"
                         " AND p.id < 10");
  std::string details;
  while (plan.executeStep()) details += plan.getColumn(3).getString() + "\n";
  EXPECT_NE(details.find("INDEX outbox_open_notices_by_chat (chat_key=? AND id<?)"),
            std::string::npos)
      << details;
}

TEST(StorageOutboxChatKey, NamesTheChatOfATelegramOrSlackTarget) {
  EXPECT_EQ(outbox_chat_key("telegram", {{"chat_id", 6112309874}}), "telegram:6112309874");
  EXPECT_EQ(outbox_chat_key("telegram", {{"chat_id", -1001234567890}, {"callback_query_id", "q"}}),
            "telegram:-1001234567890");
  EXPECT_EQ(outbox_chat_key("slack", {{"channel", "D024BE91L"}, {"thread_ts", "1.2"}}),
            "slack:D024BE91L");
  EXPECT_EQ(outbox_chat_key("telegram", {{"callback_query_id", "q"}}), std::nullopt);
  EXPECT_EQ(outbox_chat_key("telegram", {{"chat_id", ""}}), std::nullopt);
  EXPECT_EQ(outbox_chat_key("telegram", {{"chat_id", {{"id", 1}}}}), std::nullopt);
  EXPECT_EQ(outbox_chat_key("telegram", nlohmann::json::array()), std::nullopt);
}

// A database made at schema `version` holding `rows` (SQL), then opened, and so
// migrated to the latest version, by the store.
void migrate_from(const std::filesystem::path& path, int version, const char* rows) {
  {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    ASSERT_TRUE(migrate(db, version));
    db.exec(rows);
  }
  auto store = open_store(path);
  ASSERT_TRUE(store);
  store->close();
}

TEST(StorageOutboxChatKey, MigrationGivesTheRowsStillOpenTheSameKey) {
  TempDir dir;
  const auto path = dir / "t.db";
  migrate_from(path, 5, R"sql(
INSERT INTO outbox (id, conversation_id, platform, target, payload, status, due_at, created_at)
VALUES
  (1, NULL, 'telegram', '{"chat_id":6112309874}', '{}', 'pending', 0, 0),
  (2, NULL, 'telegram', '{"chat_id":"c1","callback_query_id":"q"}', '{}', 'sending', 0, 0),
  (3, NULL, 'slack', '{"channel":"D024BE91L"}', '{}', 'pending', 0, 0),
  (4, NULL, 'telegram', '{"callback_query_id":"q"}', '{}', 'pending', 0, 0),
  (5, NULL, 'telegram', 'not json', '{}', 'pending', 0, 0),
  (6, NULL, 'telegram', '{"chat_id":6112309874}', '{}', 'delivered', 0, 0);
)sql");
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement rows(db, "SELECT id, platform, target, chat_key FROM outbox ORDER BY id");
  while (rows.executeStep()) {
    const auto id = rows.getColumn(0).getInt64();
    const auto target = nlohmann::json::parse(rows.getColumn(2).getString(), nullptr, false);
    const auto stored = rows.getColumn(3).isNull()
                            ? std::nullopt
                            : std::optional<std::string>(rows.getColumn(3).getString());
    if (id == 6) {
      EXPECT_EQ(stored, std::nullopt) << "delivered rows are never ordered";
    } else {
      EXPECT_EQ(stored, outbox_chat_key(rows.getColumn(1).getString(), target)) << "row " << id;
    }
  }
}

TEST(StorageOutboxChatKey, MigrationTwelveGivesOpenNotesTheirChatsConversation) {
  TempDir dir;
  const auto path = dir / "t.db";
  migrate_from(path, 11, R"sql(
INSERT INTO conversations (id, platform, conversation_key, user_key, started_at, updated_at, session)
VALUES (7, 'telegram', '6112309874', '6112309874', 0, 0, '{}'),
       (8, 'slack', 'T1:U1', 'T1:U1', 0, 0, '{}');
INSERT INTO outbox (id, conversation_id, platform, target, payload, status, due_at, created_at,
                    chat_key)
VALUES
  (1, 7, 'telegram', '{"chat_id":6112309874}', '{}', 'sending', 0, 0, 'telegram:6112309874'),
  (2, NULL, 'telegram', '{"chat_id":6112309874}', '{}', 'pending', 0, 0, 'telegram:6112309874'),
  (3, NULL, 'telegram', '{"chat_id":-100123}', '{}', 'pending', 0, 0, 'telegram:-100123'),
  (4, NULL, 'slack', '{"channel":"C1"}', '{}', 'pending', 0, 0, 'slack:C1'),
  (5, NULL, 'telegram', '{"callback_query_id":"q"}', '{}', 'pending', 0, 0, NULL),
  (6, NULL, 'telegram', '{"chat_id":6112309874}', '{}', 'delivered', 0, 0, NULL);
)sql");
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement rows(db, "SELECT id, COALESCE(conversation_id, 0) FROM outbox ORDER BY id");
  std::vector<std::pair<std::int64_t, std::int64_t>> found;
  while (rows.executeStep()) {
    found.emplace_back(rows.getColumn(0).getInt64(), rows.getColumn(1).getInt64());
  }
  // The note behind the reply to the private chat joins its conversation; the rest keep
  // none: a group, a Slack channel, a button's acknowledgement, a delivered row.
  EXPECT_EQ(found, (std::vector<std::pair<std::int64_t, std::int64_t>>{
                       {1, 7}, {2, 7}, {3, 0}, {4, 0}, {5, 0}, {6, 0}}));
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE name = 'outbox_open_by_chat'")
                .getInt(),
            0);
}

TEST_F(StorageOutbox, ClaimRespectsTheLimitOldestDueFirst) {
  auto a = enqueue("a", 1, 3000);
  auto b = enqueue("b", 1, 1000);
  auto c = enqueue("c", 1, 2000);
  EXPECT_EQ(ids(claim(5000, 2)), (std::vector<std::int64_t>{b[0], c[0]}));
  EXPECT_EQ(ids(claim(5000, 2)), a);
}

TEST_F(StorageOutbox, OldestPendingAgeMeasuresTheLag) {
  auto zero = store_->readers().oldest_pending_age(at_ms(5000));
  ASSERT_TRUE(zero);
  EXPECT_EQ(*zero, 0ms);
  auto rows = enqueue("c1", 1, 1000);
  enqueue("c2", 1, 3000);
  auto age = store_->readers().oldest_pending_age(at_ms(5000));
  ASSERT_TRUE(age);
  EXPECT_EQ(*age, 4000ms);
  ASSERT_EQ(claim(5000).size(), 2u);
  EXPECT_TRUE(
      settle([&](WriteTransaction& tx) { return tx.mark_delivered(rows[0], at_ms(5000)); }));
  age = store_->readers().oldest_pending_age(at_ms(5000));
  ASSERT_TRUE(age);
  EXPECT_EQ(*age, 2000ms);
}

// A claim and the dispatcher's deliveries each take one statement for all their rows:
// every claimed row becomes sending with its attempt counted, and each delivered row
// gets its own finish time; a row that is not sending is left alone and not counted.
// (The writer's counter counts statements handed out, so the claim's old loop, one
// prepared UPDATE run again for each row, counted once too. The dispatcher's use of
// mark_delivered(rows) is held by
// DispatcherTest.UnpacedDeliveryClaimsAndRecordsManyRowsPerWriterItemInChatOrder.)
TEST_F(StorageOutbox, ClaimAndDeliveriesMarkManyRowsInOneStatementEach) {
  const auto rows = enqueue("a", 1, 1);
  const auto more = enqueue("b", 1, 1);
  const auto third = enqueue("c", 1, 1);
  ASSERT_TRUE(triagebot::testing::wait_until([&] { return store_->writer().stats().items >= 3; }));
  const auto before = store_->writer().stats().statements;
  const auto claimed = claim(2, 10);
  ASSERT_EQ(claimed.size(), 3u);
  for (const auto& row : claimed) EXPECT_EQ(row.attempts, 1);
  // BEGIN, the claim's SELECT and UPDATE, COMMIT; then BEGIN, the deliveries, COMMIT.
  std::int64_t marked = -1;
  ASSERT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto done = tx.mark_delivered({{rows[0], at_ms(10)}, {more[0], at_ms(11)}, {999, at_ms(12)}});
    if (!done) return done.error();
    marked = *done;
    return {};
  }));
  EXPECT_EQ(marked, 2);
  ASSERT_TRUE(triagebot::testing::wait_until([&] { return store_->writer().stats().items >= 5; }));
  EXPECT_EQ(store_->writer().stats().statements - before, 4u + 3u);
  store_->close();
  const auto db = dir_ / "t.db";
  auto status = [&](std::int64_t id) {
    return testing::query_int(db,
                              "SELECT (status = 'delivered') * 1000000 + COALESCE(finished_at,"
                              " 0) + attempts * 100 FROM outbox WHERE id = " +
                                  std::to_string(id));
  };
  EXPECT_EQ(status(rows[0]), 1000000 + 10 + 100);
  EXPECT_EQ(status(more[0]), 1000000 + 11 + 100);
  EXPECT_EQ(status(third[0]), 100) << "claimed, not delivered";
}

}  // namespace
}  // namespace outbox_test
}  // namespace triagebot::storage
