// One outbox row per message holding its parts (migration 9, storage/outbox_parts.h):
// the payload's shape, the recorded progress, and a row queued before the upgrade.
#include "storage/outbox_parts.h"

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/schema.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace outbox_parts_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::open_store;
using triagebot::testing::TempDir;

TimePoint at(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

std::vector<OutboxRow> claim(Store& store, std::int64_t now_ms) {
  std::vector<OutboxRow> rows;
  EXPECT_TRUE(store.writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto claimed = tx.claim_due(at(now_ms), 10, 30s);
    if (!claimed) return claimed.error();
    rows = std::move(*claimed);
    return {};
  }));
  return rows;
}

TEST(StorageOutboxParts, OnePartIsThePayloadItselfSeveralAreListedInOrder) {
  const json first{{"kind", "reply"}, {"reply", {{"text", "one"}}}};
  const json second{{"kind", "reply"}, {"reply", {{"text", "two"}}}};
  EXPECT_EQ(parts_payload({first}), first);
  EXPECT_EQ(outbox_part_count(first), 1u);
  EXPECT_EQ(outbox_part(first, 0), first);

  const auto both = parts_payload({first, second});
  EXPECT_EQ(both["kind"], "reply") << "the first part's kind, for what reads only the kind";
  EXPECT_EQ(outbox_part_count(both), 2u);
  EXPECT_EQ(outbox_part(both, 0), first);
  EXPECT_EQ(outbox_part(both, 1), second);
  // Not a list of parts: one part, whatever else it holds.
  EXPECT_EQ(outbox_part_count(json{{"parts", json::array()}}), 1u);
  EXPECT_EQ(outbox_part_count(json{{"parts", "text"}}), 1u);
  EXPECT_EQ(outbox_part_count(json("text")), 1u);
}

TEST(StorageOutboxParts, ThePayloadWrittenAsTextIsThePayloadsDump) {
  const json first{{"kind", "reply"}, {"reply", {{"text", "one \"quoted\""}}}};
  const json second{{"kind", "reply"}, {"reply", {{"choices", json::array()}, {"text", "two"}}}};
  const json third{{"kind", "reply"}, {"reply", {{"text", "caf\xc3\xa9"}}}};
  for (const auto& parts :
       std::vector<std::vector<json>>{{first}, {first, second}, {first, second, third}}) {
    std::vector<std::string> texts;
    for (const auto& part : parts) texts.push_back(part.dump());
    EXPECT_EQ(parts_payload_text(texts, "reply"), parts_payload(parts).dump()) << parts.size();
  }
}

TEST(StorageOutboxParts, ProgressIsRecordedOnASendingRowAndClaimedWithIt) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store);
  std::int64_t id = 0;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("telegram", "c1", "u1", at(1000));
    if (!conversation) return conversation.error();
    auto queued = tx.enqueue_outbox(conversation->id, "telegram", {{"chat_id", 1}},
                                    parts_payload({json{{"n", 1}}, json{{"n", 2}}, json{{"n", 3}}}),
                                    at(1000));
    if (!queued) return queued.error();
    id = *queued;
    return {};
  }));
  auto progress = [&](int parts_sent) {
    bool updated = false;
    EXPECT_TRUE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto done = tx.mark_parts_sent(id, parts_sent);
      if (!done) return done.error();
      updated = *done;
      return {};
    }));
    return updated;
  };
  EXPECT_FALSE(progress(1)) << "a pending row is not being sent";
  auto rows = claim(*store, 1000);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].parts_sent, 0);
  EXPECT_TRUE(progress(2));
  // The lease runs out (the process died): the next claim resumes at the third part.
  rows = claim(*store, 1000 + 31'000);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].parts_sent, 2);
  EXPECT_EQ(outbox_part(rows[0].payload, 2), (json{{"n", 3}}));
  store->close();
}

// A row pending when the binary is upgraded (one message, the shape before migration 9)
// is claimed as before, with none of its one part sent.
TEST(StorageOutboxParts, ARowQueuedBeforeMigration9IsStillClaimedWhole) {
  TempDir dir;
  const json payload{{"kind", "reply"}, {"reply", {{"text", "Which leg?"}}}};
  {
    SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    ASSERT_TRUE(migrate(db, 8));
    db.exec(
        "INSERT INTO conversations (id, platform, conversation_key, user_key, started_at,"
        " updated_at, session) VALUES (1, 'telegram', '7', '7', 1000, 1000, '{}')");
    SQLite::Statement insert(db,
                             "INSERT INTO outbox (conversation_id, platform, target, payload,"
                             " due_at, created_at, chat_key) VALUES (1, 'telegram',"
                             " '{\"chat_id\":7}', ?, 1000, 1000, 'telegram:7')");
    insert.bind(1, payload.dump());
    insert.exec();
  }
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store);
  auto rows = claim(*store, 2000);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].payload, payload);
  EXPECT_EQ(rows[0].parts_sent, 0);
  EXPECT_EQ(outbox_part_count(rows[0].payload), 1u);
  store->close();
}

}  // namespace
}  // namespace outbox_parts_test
}  // namespace triagebot::storage
