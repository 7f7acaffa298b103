// The retention sweeper: in-process with a fake clock (which conversations each sweep
// removes, and everything hanging off them), its thread stopping at once, and the real
// binary purging an old conversation at start when TRIAGEBOT_RETENTION_DAYS is set.
#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <chrono>

#include <gtest/gtest.h>

#include "bot/app/retention_sweeper.h"
#include "storage/search_file.h"
#include "tests/bot/review_seed.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait.h"

namespace triagebot::testing {
namespace retention_sweeper_test {
namespace {

std::int64_t count(const std::filesystem::path& db, const std::string& sql) {
  SQLite::Database connection(db.string(), SQLite::OPEN_READONLY);
  SQLite::Statement query(connection, sql);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

// Gives the conversation a widget credential, an outbox row and a verdict, so a purge
// has to take all of them.
void attach_everything(storage::Store& store, std::int64_t id, int day) {
  auto done = store.writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
    if (auto r = tx.set_credential(id, "hash-of-a-token"); !r) return r.error();
    if (auto r = tx.enqueue_outbox(id, "widget", {}, {}, seed_day(day, 3)); !r) return r.error();
    if (auto r = tx.add_verdict(id, {"agree", "", "Dr A", seed_day(day, 3)}); !r) return r.error();
    return {};
  });
  ASSERT_TRUE(done) << done.error().message;
}

class RetentionSweeperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_test_store(db_);
    ASSERT_NE(store_, nullptr);
    // Last activity on days 0, 10 and 20 (seed_day(day, 3)).
    old_ = write_seed(*store_, {"widget", "old", "routine", {}, "numb toes long ago", 0});
    middle_ = write_seed(*store_, {"widget", "middle", "urgent", {}, "numb heel last week", 10});
    new_ = write_seed(*store_, {"widget", "new", "routine", {}, "numb knee today", 20});
    for (auto [id, day] : {std::pair{old_, 0}, {middle_, 10}, {new_, 20}}) {
      attach_everything(*store_, id, day);
    }
    // Indexed before any purge, so the purges have text to take out of the search file.
    ASSERT_TRUE(store_->search_index().wait_caught_up(std::chrono::seconds(60)));
  }

  bot::RetentionSweeper sweeper(std::chrono::milliseconds interval = std::chrono::hours(1)) {
    bot::RetentionOptions options;
    options.keep = std::chrono::hours(24 * 5);
    options.interval = interval;
    options.now = [this] { return now_.load(); };
    return bot::RetentionSweeper(*store_, options);
  }

  std::vector<std::string> remaining_keys() {
    std::vector<std::string> keys;
    SQLite::Database connection(db_.string(), SQLite::OPEN_READONLY);
    SQLite::Statement query(connection, "SELECT conversation_key FROM conversations ORDER BY id");
    while (query.executeStep()) keys.push_back(query.getColumn(0).getString());
    return keys;
  }

  TempDir dir_;
  std::filesystem::path db_ = dir_ / "t.db";
  std::unique_ptr<storage::Store> store_;
  std::int64_t old_ = 0, middle_ = 0, new_ = 0;
  std::atomic<storage::TimePoint> now_{seed_day(12)};
};

TEST_F(RetentionSweeperTest, PurgesExactlyTheConversationsIdleLongerThanKeep) {
  auto retention = sweeper();
  // Day 12 keeping 5 days: the cutoff is day 7, so only day 0's conversation goes.
  auto first = retention.sweep();
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->conversations, 1);
  EXPECT_EQ(first->messages, 3);
  EXPECT_EQ(first->outbox_rows, 1);
  EXPECT_EQ(remaining_keys(), (std::vector<std::string>{"middle", "new"}));

  // Nothing more is old yet.
  auto again = retention.sweep();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->conversations, 0);

  // Eight days later the cutoff is day 15: the next one goes, the newest stays.
  now_ = seed_day(20);
  auto later = retention.sweep();
  ASSERT_TRUE(later);
  EXPECT_EQ(later->conversations, 1);
  EXPECT_EQ(remaining_keys(), (std::vector<std::string>{"new"}));

  // Everything that hung off the purged conversations went with them: verdicts, outbox
  // rows, credentials (a column of the row) and the text index of what people wrote.
  store_->close();
  EXPECT_EQ(count(db_, "SELECT COUNT(*) FROM verdicts"), 1);
  EXPECT_EQ(count(db_, "SELECT COUNT(*) FROM outbox"), 1);
  EXPECT_EQ(count(db_, "SELECT COUNT(*) FROM conversations WHERE credential_hash IS NOT NULL"), 1);
  // The search file (storage/search_file.h) lost their text when the store closed at the
  // latest.
  const auto search = storage::search_file_path(db_);
  EXPECT_EQ(count(search, "SELECT COUNT(*) FROM message_text WHERE message_text MATCH 'numb'"), 1);
  EXPECT_EQ(count(search, "SELECT COUNT(*) FROM message_text"), 1);
  SQLite::Database connection(search.string(), SQLite::OPEN_READWRITE);
  EXPECT_NO_THROW(
      connection.exec("INSERT INTO message_text (message_text) VALUES ('integrity-check')"));
}

TEST_F(RetentionSweeperTest, ItsThreadSweepsAtStartAndStopsWithoutWaitingOutTheInterval) {
  auto retention = sweeper(std::chrono::hours(1));
  retention.start();
  ASSERT_TRUE(wait_until([&] { return remaining_keys().size() == 2; }));
  const auto before = std::chrono::steady_clock::now();
  retention.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5));
}

TEST_F(RetentionSweeperTest, ItsThreadSweepsAgainEachInterval) {
  auto retention = sweeper(std::chrono::milliseconds(10));
  retention.start();
  ASSERT_TRUE(wait_until([&] { return remaining_keys().size() == 2; }));
  now_ = seed_day(20);
  ASSERT_TRUE(wait_until([&] { return remaining_keys().size() == 1; }));
  retention.stop();
}

// The real binary, on a database holding a conversation idle for far longer than the
// retention: gone shortly after start, the newer one kept, and SIGTERM still prompt.
TEST(RetentionProcess, ServerPurgesOldConversationsAtStart) {
  TempDir dir;
  const auto db = dir / "triagebot.db";
  {
    auto store = open_test_store(db);
    ASSERT_NE(store, nullptr);
    write_seed(*store, {"widget", "ancient", "routine", {}, "numb toes in March", 0});
    SeedConversation recent{"widget", "recent", "routine", {}, "numb toes now", 0};
    const auto id = write_seed(*store, recent);
    auto touched = store->writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
      auto c =
          tx.load_or_create_conversation("widget", "recent", "user-recent", storage::Clock::now());
      if (!c) return c.error();
      return tx.save_session(id, c->session, storage::Clock::now(), storage::SummaryUpdate{});
    });
    ASSERT_TRUE(touched);
  }
  ServerProcess server(
      {.env = {{"TRIAGEBOT_DB", db.string()}, {"TRIAGEBOT_RETENTION_DAYS", "30"}}});
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  ASSERT_TRUE(wait_until([&] {
    return count(db, "SELECT COUNT(*) FROM conversations WHERE conversation_key = 'ancient'") == 0;
  })) << server.stderr_text();
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM conversations WHERE conversation_key = 'recent'"), 1);
  ASSERT_TRUE(server.wait_for_stderr(R"("event":"retention_purged")")) << server.stderr_text();
  const auto log = server.stderr_text();
  EXPECT_NE(log.find(R"("conversations":1)"), std::string::npos) << log;
  EXPECT_EQ(log.find("numb toes"), std::string::npos) << log;
  server.terminate();
  EXPECT_EQ(server.wait_for_exit(std::chrono::seconds(10)), 0) << server.stderr_text();
}

}  // namespace
}  // namespace retention_sweeper_test
}  // namespace triagebot::testing
