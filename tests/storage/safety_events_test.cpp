// Safety events (issue 10 §2) on the conversation row: they accumulate as a set over the
// turns, survive a session that forgets them (/restart), and filter the review list.
#include <gtest/gtest.h>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace safety_events_test {
namespace {

using testing::at_ms;
using testing::open_store;
using triagebot::testing::TempDir;

class StorageSafetyEvents : public ::testing::Test {
 protected:
  void SetUp() override { store_ = open_store(dir_ / "t.db"); }

  // One turn of conversation `key` that answered `safety`.
  std::int64_t turn(const std::string& key, std::vector<std::string> safety, std::int64_t ms) {
    std::int64_t id = 0;
    EXPECT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      auto c = tx.load_or_create_conversation("widget", key, "u", at_ms(ms));
      if (!c) return c.error();
      id = c->id;
      SummaryUpdate summary;
      summary.safety = safety;
      return tx.save_session(c->id, c->session, at_ms(ms), summary);
    }));
    return id;
  }

  std::vector<std::string> safety_of(std::int64_t id) {
    auto detail = store_->readers().get_conversation(id);
    EXPECT_TRUE(detail) << detail.error().message;
    return detail ? detail->summary.safety : std::vector<std::string>{};
  }

  std::size_t listed(const std::string& safety) {
    ListFilter filter;
    filter.safety = safety;
    auto page = store_->readers().list_conversations(filter);
    EXPECT_TRUE(page) << page.error().message;
    return page ? page->conversations.size() : 0;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StorageSafetyEvents, AccumulateAsASetAndAreNeverCleared) {
  const auto id = turn("a", {"self_harm"}, 1000);
  turn("a", {}, 2000);
  turn("a", {"chest_pain", "self_harm"}, 3000);
  turn("a", {}, 4000);
  EXPECT_EQ(safety_of(id), (std::vector<std::string>{"chest_pain", "self_harm"}));
  auto json = to_json(store_->readers().get_conversation(id)->summary);
  EXPECT_EQ(json["safety"], nlohmann::json({"chest_pain", "self_harm"}));
}

// A first turn's row is inserted with its review columns (LoadHint::first_summary): with
// a safety event its set, without one the empty set, as the UPDATE of a later turn would
// leave them.
TEST_F(StorageSafetyEvents, AFirstTurnInsertsItsSetOrTheEmptyOne) {
  auto first = [&](const std::string& key, std::vector<std::string> safety) {
    std::int64_t id = 0;
    EXPECT_TRUE(store_->writer().run([&](WriteTransaction& tx) -> Result<void> {
      SummaryUpdate summary;
      summary.safety = safety;
      auto c = tx.load_or_create_conversation("widget", key, "u", at_ms(1000),
                                              LoadHint{.first_session_json = "{}",
                                                       .first_summary = &summary,
                                                       .stored_json = {},
                                                       .stored_session = nullptr});
      if (!c) return c.error();
      id = c->id;
      return {};
    }));
    return id;
  };
  const auto with = first("a", {"self_harm", "chest_pain", "self_harm"});
  const auto without = first("b", {});
  EXPECT_EQ(safety_of(with), (std::vector<std::string>{"chest_pain", "self_harm"}));
  EXPECT_EQ(safety_of(without), std::vector<std::string>{});
  EXPECT_EQ(testing::query_int(dir_ / "t.db",
                               "SELECT COUNT(*) FROM conversations"
                               " WHERE has_safety = 1 AND conversation_key = 'a'"),
            1);
  EXPECT_EQ(testing::query_int(dir_ / "t.db",
                               "SELECT COUNT(*) FROM conversations"
                               " WHERE safety = '[]' AND has_safety = 0"
                               " AND conversation_key = 'b'"),
            1);
  EXPECT_EQ(listed("self_harm"), 1u);
  EXPECT_EQ(listed("none"), 1u);
}

TEST_F(StorageSafetyEvents, FilterTheReviewList) {
  turn("a", {"self_harm"}, 1000);
  turn("b", {"breathing"}, 2000);
  turn("c", {}, 3000);
  EXPECT_EQ(listed("any"), 2u);
  EXPECT_EQ(listed("none"), 1u);
  EXPECT_EQ(listed("self_harm"), 1u);
  EXPECT_EQ(listed("severe_bleeding"), 0u);
}

}  // namespace
}  // namespace safety_events_test
}  // namespace triagebot::storage
