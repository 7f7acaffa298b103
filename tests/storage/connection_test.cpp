// The writer connection's settings, checked by what they do rather than by reading the
// pragmas back.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "storage/connection.h"
#include "tests/support/temp_dir.h"

namespace triagebot::storage {
namespace connection_test {
namespace {

using triagebot::testing::TempDir;  // not storage::testing, which a unity batch may declare first

// SQLite names its temp files "etilqs_..." and unlinks them at once; an open one shows
// up among the process's descriptors.
int open_sqlite_temp_files() {
  int found = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code error;
    const auto target = std::filesystem::read_symlink(entry.path(), error);
    if (!error && target.string().find("etilqs_") != std::string::npos) ++found;
  }
  return found;
}

// The writer runs every work item in a SAVEPOINT inside the batch's transaction. Pages an
// earlier item changed are copied to the sub-journal before a later item changes them;
// past 64 KiB SQLite moves that journal to a temp file unless temp_store is MEMORY, and
// under load that file took more writes than the WAL.
TEST(WriterConnection, KeepsTheSavepointJournalInMemory) {
  TempDir dir;
  Connection connection(dir / "t.db", ConnectionRole::writer, Synchronous::full);
  auto& db = connection.db();
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  db.exec("BEGIN IMMEDIATE");
  // ~400 KiB of rows written by "earlier items", then changed by a later one.
  db.exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
      " INSERT INTO t (id, body) SELECT i, printf('%.1000c', 'a') FROM n");
  db.exec("SAVEPOINT item");
  db.exec("UPDATE t SET body = printf('%.1000c', 'b')");
  EXPECT_EQ(open_sqlite_temp_files(), 0);
  db.exec("ROLLBACK TO item");
  db.exec("RELEASE item");
  db.exec("COMMIT");
  SQLite::Statement rolled_back(db, "SELECT COUNT(*) FROM t WHERE body LIKE 'a%'");
  ASSERT_TRUE(rolled_back.executeStep());
  EXPECT_EQ(rolled_back.getColumn(0).getInt(), 400);
}

// The writer keeps BEGIN, COMMIT and each item's statements prepared. A statement whose
// step failed (a COMMIT that hit a deferred constraint, an INSERT that broke one) must
// run again cleanly: sqlite3_reset repeats the old error, and the error was already
// reported by the step that failed.
TEST(CachedStatement, RunsAgainAfterAFailedStep) {
  TempDir dir;
  Connection connection(dir / "t.db", ConnectionRole::writer, Synchronous::full);
  connection.db().exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const char* insert = "INSERT INTO t (id, body) VALUES (?, ?)";
  auto& first = connection.statement(insert);
  first.bind(1, 1);
  first.bind(2, "kept");
  first.exec();
  auto& duplicate = connection.statement(insert);
  duplicate.bind(1, 1);
  duplicate.bind(2, "refused");
  EXPECT_THROW(duplicate.exec(), SQLite::Exception);
  connection.reset_all();
  auto& next = connection.statement(insert);
  next.bind(1, 2);
  next.bind(2, "after the failure");
  EXPECT_NO_THROW(next.exec());
  SQLite::Statement count(connection.db(), "SELECT COUNT(*) FROM t");
  ASSERT_TRUE(count.executeStep());
  EXPECT_EQ(count.getColumn(0).getInt(), 2);
}

// Bytes of page cache the connection holds now.
int cache_used(Connection& connection) {
  int current = 0;
  int highest = 0;
  sqlite3_db_status(connection.db().getHandle(), SQLITE_DBSTATUS_CACHE_USED, &current, &highest, 0);
  return current;
}

// ~24 MiB of rows: more than any connection's page cache.
void fill(const std::filesystem::path& path) {
  Connection writer(path, ConnectionRole::writer, Synchronous::normal);
  writer.db().exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  writer.db().exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)"
      " INSERT INTO t (id, body) SELECT i, printf('%.4000c', 'a') FROM n");
}

int read_everything(Connection& connection) {
  SQLite::Statement query(connection.db(), "SELECT SUM(LENGTH(body)) FROM t");
  query.executeStep();
  return cache_used(connection);
}

bool maps(const std::filesystem::path& file) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    // The file itself, not its -shm (SQLite maps the WAL index whatever mmap_size says).
    const std::string name = file.string();
    if (line.size() >= name.size() &&
        line.compare(line.size() - name.size(), name.size(), name) == 0) {
      return true;
    }
  }
  return false;
}

constexpr int kMiB = 1024 * 1024;

// The writer keeps the index pages of 50,000 chats (connection.cpp); a reader and the
// checkpointer keep little, as each of them may fill what it is given and keep it.
TEST(ConnectionMemory, EachRoleKeepsAtMostItsShareOfPages) {
  TempDir dir;
  fill(dir / "t.db");
  Connection writer(dir / "t.db", ConnectionRole::writer, Synchronous::full);
  Connection reader(dir / "t.db", ConnectionRole::reader, Synchronous::full);
  Connection checkpointer(dir / "t.db", ConnectionRole::checkpointer, Synchronous::full);
  const int writer_bytes = read_everything(writer);
  EXPECT_GT(writer_bytes, 12 * kMiB);
  EXPECT_LT(writer_bytes, 18 * kMiB);
  const int reader_bytes = read_everything(reader);
  EXPECT_GT(reader_bytes, 1 * kMiB);
  EXPECT_LT(reader_bytes, 3 * kMiB);
  EXPECT_LT(read_everything(checkpointer), kMiB / 4);
}

// A memory-mapped read would leave every page it touched in the resident set.
TEST(ConnectionMemory, NoRoleMapsTheDatabaseFile) {
  TempDir dir;
  fill(dir / "t.db");
  for (auto role : {ConnectionRole::writer, ConnectionRole::checkpointer, ConnectionRole::reader}) {
    Connection connection(dir / "t.db", role, Synchronous::full);
    read_everything(connection);
    EXPECT_FALSE(maps(dir / "t.db")) << static_cast<int>(role);
  }
}

// The first connection turns SQLite's memory statistics off for the process
// (sqlite_process.h): with them on, every allocation of every connection takes one
// global mutex. A fresh process (the "threadsafe" death-test style re-runs this test
// binary for just this statement) so that no earlier test has initialised SQLite with
// its defaults; sqlite3_memory_used() stays 0 only when nothing counts.
TEST(SqliteProcess, KeepsNoMemoryStatisticsOnceAConnectionOpened) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        TempDir dir;
        Connection connection(dir / "t.db", ConnectionRole::writer, Synchronous::full);
        connection.db().exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
        connection.db().exec("INSERT INTO t (body) VALUES (hex(randomblob(5000)))");
        std::_Exit(sqlite3_memory_used() == 0 ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace connection_test
}  // namespace triagebot::storage
