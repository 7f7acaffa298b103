#include <gtest/gtest.h>

#include "storage/schema.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace migrations_test {
namespace {

using testing::open_store;
using testing::query_int;
using triagebot::testing::TempDir;

TEST(StorageMigrations, FromEmptyReachesLatestVersion) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store);
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT MAX(version) FROM schema_migrations"),
            latest_schema_version());
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM schema_migrations"), migration_count());
  EXPECT_EQ(
      query_int(dir / "t.db",
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('conversations',"
                " 'messages', 'processed_events', 'outbox', 'verdicts', 'kv', 'search_deletions')"),
      7);
  // The text index lives in the search file (migration 7): none of it in the database.
  EXPECT_EQ(
      query_int(dir / "t.db", "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'messages_fts%'"),
      0);
}

TEST(StorageMigrations, ReopeningAMigratedDatabaseKeepsItsData) {
  TempDir dir;
  {
    auto store = open_store(dir / "t.db");
    ASSERT_TRUE(store->writer().run(testing::append_item("k", "hello there", 1000)));
  }
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store);
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM messages"), 1);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM schema_migrations"), migration_count());
}

// Every earlier version: build the database as that version would have left it (only
// its migrations, plus a row written then), and let the current binary open it.
TEST(StorageMigrations, FromEachEarlierVersionReachesLatestAndKeepsRows) {
  for (int version = 1; version < latest_schema_version(); ++version) {
    SCOPED_TRACE(testing::numbered("from version ", version));
    TempDir dir;
    {
      SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      ASSERT_TRUE(migrate(db, version));
      db.exec(
          "INSERT INTO conversations (id, platform, conversation_key, user_key, started_at,"
          " updated_at, session) VALUES (1, 'widget', 'old', 'u', 1000, 1000, '{}')");
      db.exec(
          "INSERT INTO messages (conversation_id, direction, text, at)"
          " VALUES (1, 'user', 'numbness in my left foot', 1000)");
      // From version 2 to 6, the writer indexed user messages as it committed them.
      if (version >= 2 && version <= 6) {
        db.exec("INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages");
      }
    }
    auto store = open_store(dir / "t.db");
    ASSERT_TRUE(store);
    // The indexer fills the new search file from what is there.
    testing::wait_searchable(*store);
    ListFilter filter;
    filter.q = "LEFT FOOT";
    auto page = store->readers().list_conversations(filter);
    ASSERT_TRUE(page) << page.error().message;
    ASSERT_EQ(page->conversations.size(), 1u);
    EXPECT_EQ(page->conversations[0].id, 1);
    store->close();
    EXPECT_EQ(query_int(dir / "t.db", "SELECT MAX(version) FROM schema_migrations"),
              latest_schema_version());
  }
}

TEST(StorageMigrations, RefusesADatabaseFromANewerBinary) {
  TempDir dir;
  open_store(dir / "t.db").reset();
  {
    SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE);
    db.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
            std::to_string(latest_schema_version() + 1) + ", 'from the future', 0)");
  }
  StoreOptions options;
  options.path = dir / "t.db";
  auto store = Store::open(options);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::schema_too_new);
  EXPECT_NE(store.error().message.find(std::to_string(latest_schema_version() + 1)),
            std::string::npos);
}

TEST(StorageMigrations, ReportsAnUnopenableFileAsAStorageError) {
  TempDir dir;
  StoreOptions options;
  options.path = dir / "missing-dir" / "t.db";
  auto store = Store::open(options);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::storage);
}

}  // namespace
}  // namespace migrations_test
}  // namespace triagebot::storage
