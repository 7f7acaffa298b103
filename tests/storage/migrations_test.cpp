#include <gtest/gtest.h>
#include <sqlite3.h>

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

// Migration 13: the status checks are ORs of equalities. SQLite builds an ephemeral
// b-tree of an IN list of more than two constants each time the check runs, and these
// checks run on every insert and status change the writer makes.
int ephemeral_tables(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement explain(db, "EXPLAIN " + sql);
  int count = 0;
  while (explain.executeStep()) {
    if (explain.getColumn(1).getString() == "OpenEphemeral") ++count;
  }
  return count;
}

TEST(StorageMigrations, StatusChecksBuildNoEphemeralTable) {
  TempDir dir;
  open_store(dir / "t.db").reset();
  SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE);
  // Without the migration the same statements build one: the test can tell.
  SQLite::Database before((dir / "before.db").string(),
                          SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  ASSERT_TRUE(migrate(before, 12));
  const std::string statements[] = {
      "INSERT INTO conversations (platform, conversation_key, user_key, started_at,"
      " updated_at, session) VALUES ('telegram', '1', '1', 1, 1, '{}')",
      "UPDATE conversations SET status = 'completed', triage = 'urgent' WHERE id = 1",
      "INSERT INTO outbox (conversation_id, platform, target, payload, due_at, created_at)"
      " VALUES (1, 'telegram', '{}', '{}', 1, 1)",
      "UPDATE outbox SET status = 'delivered', finished_at = 2 WHERE id = 1",
  };
  for (const auto& sql : statements) {
    SCOPED_TRACE(sql);
    EXPECT_EQ(ephemeral_tables(db, sql), 0);
    EXPECT_EQ(ephemeral_tables(before, sql), 1);
  }
}

TEST(StorageMigrations, StatusChecksStillRefuseAnUnknownStatus) {
  TempDir dir;
  open_store(dir / "t.db").reset();
  SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE);
  db.exec(
      "INSERT INTO conversations (id, platform, conversation_key, user_key, started_at,"
      " updated_at, session) VALUES (1, 'telegram', '1', '1', 1, 1, '{}')");
  db.exec(
      "INSERT INTO outbox (id, conversation_id, platform, target, payload, due_at, created_at)"
      " VALUES (1, 1, 'telegram', '{}', '{}', 1, 1)");
  for (const char* status : {"active", "completed", "abandoned"}) {
    EXPECT_NO_THROW(
        db.exec(std::string("UPDATE conversations SET status = '") + status + "' WHERE id = 1"));
  }
  for (const char* status : {"pending", "sending", "delivered", "dead"}) {
    EXPECT_NO_THROW(
        db.exec(std::string("UPDATE outbox SET status = '") + status + "' WHERE id = 1"));
  }
  EXPECT_THROW(db.exec("UPDATE conversations SET status = 'closed' WHERE id = 1"),
               SQLite::Exception);
  EXPECT_THROW(db.exec("UPDATE outbox SET status = 'lost' WHERE id = 1"), SQLite::Exception);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM conversations WHERE status = 'closed'"),
            0);
  // The file is sound after the edit of its schema.
  SQLite::Statement check(db, "PRAGMA integrity_check");
  ASSERT_TRUE(check.executeStep());
  EXPECT_EQ(check.getColumn(0).getString(), "ok");
}

// A connection in SQLite's defensive mode may not write sqlite_schema; the migration
// lifts that for its edit, and leaves the mode as it found it.
TEST(StorageMigrations, RewriteTheChecksOnADefensiveConnection) {
  TempDir dir;
  SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  ASSERT_TRUE(migrate(db, 12));
  ASSERT_EQ(sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr), SQLITE_OK);
  auto migrated = migrate(db);
  ASSERT_TRUE(migrated) << migrated.error().message;
  EXPECT_EQ(ephemeral_tables(db, "UPDATE outbox SET status = 'dead' WHERE id = 1"), 0);
  int defensive = 0;
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
  EXPECT_EQ(defensive, 1);
  EXPECT_THROW(db.exec("UPDATE sqlite_schema SET sql = sql WHERE name = 'outbox'"),
               SQLite::Exception);
}

// A connection that opened before the migration reads the new checks at its next
// statement: the migration bumps schema_version, which the statement's transaction
// compares and, on a change, prepares it again (EXPLAIN alone runs nothing).
TEST(StorageMigrations, AnOpenConnectionReadsTheRewrittenChecks) {
  TempDir dir;
  SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  ASSERT_TRUE(migrate(db, 12));
  SQLite::Database other((dir / "t.db").string(), SQLite::OPEN_READWRITE);
  const std::string insert =
      "INSERT INTO outbox (platform, target, payload, due_at, created_at)"
      " VALUES ('telegram', '{}', '{}', 1, 1)";
  ASSERT_EQ(ephemeral_tables(other, insert), 1);
  ASSERT_TRUE(migrate(db));
  other.exec(insert);
  EXPECT_EQ(ephemeral_tables(other, insert), 0);
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
