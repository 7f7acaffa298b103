#include <gtest/gtest.h>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
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

}  // namespace
}  // namespace triagebot::storage
