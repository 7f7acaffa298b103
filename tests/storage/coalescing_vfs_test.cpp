// The writer's log writes gathered into a few big writes (storage/coalescing_vfs.h):
// fewer writes, the same database, and what a commit wrote readable by every other
// connection as soon as the commit returns. The SIGKILL tests of the server
// (tests/bot/) hold it to losing no acknowledged message.
#include "storage/coalescing_vfs.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <fstream>
#include <string>
#include <vector>

#include "storage/connection.h"
#include "tests/support/temp_dir.h"

namespace triagebot::storage {
namespace coalescing_vfs_test {
namespace {

using triagebot::testing::TempDir;

std::string vfs_name_of(Connection& connection) {
  char* name = nullptr;
  sqlite3_file_control(connection.db().getHandle(), "main", SQLITE_FCNTL_VFSNAME, &name);
  std::string out = name ? name : "";
  sqlite3_free(name);
  return out;
}

TEST(CoalescingVfs, OnlyTheWriterWithFullSynchronousUsesIt) {
  TempDir dir;
  Connection writer(dir / "t.db", ConnectionRole::writer, Synchronous::full);
  EXPECT_EQ(vfs_name_of(writer), std::string(coalescing_vfs_name()) + "/unix");
  Connection reader(dir / "t.db", ConnectionRole::reader, Synchronous::full);
  EXPECT_EQ(vfs_name_of(reader), "unix");
  Connection checkpointer(dir / "t.db", ConnectionRole::checkpointer, Synchronous::full);
  EXPECT_EQ(vfs_name_of(checkpointer), "unix");
  TempDir other;
  // NORMAL publishes a commit's frames without syncing the log first.
  Connection normal(other / "t.db", ConnectionRole::writer, Synchronous::normal);
  EXPECT_EQ(vfs_name_of(normal), "unix");
}

// Each commit is read back by a reader on its own connection (and file descriptor) the
// moment it returns: the frames it published are in the file, not in a buffer.
TEST(CoalescingVfs, ACommitIsInTheFileWhenItReturnsInAFewWrites) {
  TempDir dir;
  Connection writer(dir / "t.db", ConnectionRole::writer, Synchronous::full);
  writer.db().exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  Connection reader(dir / "t.db", ConnectionRole::reader, Synchronous::full);
  const auto before = coalescing_counts();
  for (int commit = 1; commit <= 20; ++commit) {
    writer.db().exec("BEGIN IMMEDIATE");
    for (int row = 0; row < 10; ++row) {
      writer.db().exec("INSERT INTO t (body) VALUES (printf('%.3000c', char(65 + " +
                       std::to_string(commit % 26) + ")))");
    }
    writer.db().exec("COMMIT");
    SQLite::Statement count(reader.db(),
                            "SELECT COUNT(*), SUM(length(body)), MAX(substr(body, 1, 1)) FROM t"
                            " WHERE id > ?");
    count.bind(1, (commit - 1) * 10);
    ASSERT_TRUE(count.executeStep());
    EXPECT_EQ(count.getColumn(0).getInt(), 10) << "commit " << commit;
    EXPECT_EQ(count.getColumn(1).getInt(), 30000) << "commit " << commit;
    EXPECT_EQ(count.getColumn(2).getString(), std::string(1, static_cast<char>(65 + commit % 26)));
  }
  const auto after = coalescing_counts();
  const auto asked = after.writes_asked - before.writes_asked;
  const auto made = after.writes_made - before.writes_made;
  // ~10 pages a commit, each a header and a page: ~20 writes asked, ~2 made.
  EXPECT_GE(asked, 20u * 20u);
  EXPECT_LE(made * 4, asked) << "asked " << asked << ", made " << made;
}

// A transaction bigger than the writer's page cache spills frames to the log before its
// commit and reads them back; it changes pages it already spilled (SQLite rewrites those
// frames in place) and rolls part of itself back.
TEST(CoalescingVfs, ATransactionThatSpillsReadsBackWhatItWrote) {
  TempDir dir;
  Connection writer(dir / "t.db", ConnectionRole::writer, Synchronous::full);
  auto& db = writer.db();
  db.exec("PRAGMA cache_size=20");  // pages: far less than the transaction touches
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  db.exec("BEGIN IMMEDIATE");
  db.exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)"
      " INSERT INTO t (id, body) SELECT i, printf('%.1500c', 'a') FROM n");
  db.exec("UPDATE t SET body = printf('%.1500c', 'b') WHERE id % 2 = 0");
  db.exec("SAVEPOINT item");
  db.exec("UPDATE t SET body = printf('%.1500c', 'c') WHERE id % 3 = 0");
  db.exec("ROLLBACK TO item");
  db.exec("RELEASE item");
  SQLite::Statement inside(db, "SELECT COUNT(*) FROM t WHERE body LIKE 'b%'");
  ASSERT_TRUE(inside.executeStep());
  EXPECT_EQ(inside.getColumn(0).getInt(), 300);
  inside.reset();
  db.exec("COMMIT");
  Connection reader(dir / "t.db", ConnectionRole::reader, Synchronous::full);
  SQLite::Statement read(reader.db(),
                         "SELECT SUM(body LIKE 'a%'), SUM(body LIKE 'b%'), SUM(body LIKE 'c%'),"
                         " SUM(length(body)) FROM t");
  ASSERT_TRUE(read.executeStep());
  EXPECT_EQ(read.getColumn(0).getInt(), 300);
  EXPECT_EQ(read.getColumn(1).getInt(), 300);
  EXPECT_EQ(read.getColumn(2).getInt(), 0);
  EXPECT_EQ(read.getColumn(3).getInt64(), 600 * 1500);
  SQLite::Statement check(reader.db(), "PRAGMA integrity_check");
  ASSERT_TRUE(check.executeStep());
  EXPECT_EQ(check.getColumn(0).getString(), "ok");
}

// The file itself, through the VFS as SQLite drives it: writes that follow each other are
// gathered, and a read, a size or a write elsewhere sees every byte written before it.
TEST(CoalescingVfs, AWalFileReadsBackWhatWasWrittenBeforeAnySync) {
  TempDir dir;
  sqlite3_vfs* vfs = sqlite3_vfs_find(coalescing_vfs_name());
  ASSERT_NE(vfs, nullptr);
  std::vector<char> memory(static_cast<std::size_t>(vfs->szOsFile));
  auto* file = reinterpret_cast<sqlite3_file*>(memory.data());
  // SQLite's unix VFS gives a log the mode of its database, which must exist.
  std::ofstream(dir / "t.db").put('\0');
  const std::string path = (dir / "t.db-wal").string();
  int out_flags = 0;
  ASSERT_EQ(vfs->xOpen(vfs, path.c_str(), file,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_WAL, &out_flags),
            SQLITE_OK);
  const auto& io = *file->pMethods;
  const auto before = coalescing_counts();
  const std::string a(24, 'a'), b(4096, 'b'), c(24, 'c'), d(4096, 'd');
  ASSERT_EQ(io.xWrite(file, a.data(), 24, 0), SQLITE_OK);
  ASSERT_EQ(io.xWrite(file, b.data(), 4096, 24), SQLITE_OK);
  ASSERT_EQ(io.xWrite(file, c.data(), 24, 4120), SQLITE_OK);
  ASSERT_EQ(io.xWrite(file, d.data(), 4096, 4144), SQLITE_OK);
  EXPECT_EQ(coalescing_counts().writes_made, before.writes_made) << "all four gathered";
  std::string back(4096, '\0');
  ASSERT_EQ(io.xRead(file, back.data(), 4096, 4144), SQLITE_OK);
  EXPECT_EQ(back, d);
  EXPECT_EQ(coalescing_counts().writes_made, before.writes_made + 1) << "one write for the four";
  // A write back inside what was written (SQLite rewriting a frame) lands in order.
  ASSERT_EQ(io.xWrite(file, c.data(), 24, 4120), SQLITE_OK);
  ASSERT_EQ(io.xWrite(file, a.data(), 24, 24), SQLITE_OK);
  sqlite3_int64 size = 0;
  ASSERT_EQ(io.xFileSize(file, &size), SQLITE_OK);
  EXPECT_EQ(size, 8240);
  ASSERT_EQ(io.xRead(file, back.data(), 24, 24), SQLITE_OK);
  EXPECT_EQ(back.substr(0, 24), a);
  // More than the buffer holds, written in one call, after gathered bytes.
  const std::string big(kCoalescingBufferLimit + 100, 'e');
  ASSERT_EQ(io.xWrite(file, c.data(), 24, 8240), SQLITE_OK);
  ASSERT_EQ(io.xWrite(file, big.data(), static_cast<int>(big.size()), 8264), SQLITE_OK);
  ASSERT_EQ(io.xSync(file, SQLITE_SYNC_NORMAL), SQLITE_OK);
  std::string tail(big.size(), '\0');
  ASSERT_EQ(io.xRead(file, tail.data(), static_cast<int>(tail.size()), 8264), SQLITE_OK);
  EXPECT_EQ(tail, big);
  ASSERT_EQ(io.xTruncate(file, 4120), SQLITE_OK);
  ASSERT_EQ(io.xFileSize(file, &size), SQLITE_OK);
  EXPECT_EQ(size, 4120);
  ASSERT_EQ(io.xClose(file), SQLITE_OK);
}

// A checkpoint copies what the writer logged into the database file, which then reads
// the same with the log gone.
TEST(CoalescingVfs, TheDatabaseReadsTheSameAfterACheckpointWithoutItsLog) {
  TempDir dir;
  {
    Connection writer(dir / "t.db", ConnectionRole::writer, Synchronous::full);
    writer.db().exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    for (int i = 0; i < 50; ++i) {
      writer.db().exec("INSERT INTO t (body) VALUES (printf('%.2000c', 'z'))");
    }
    Connection checkpointer(dir / "t.db", ConnectionRole::checkpointer, Synchronous::full);
    checkpointer.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "t.db-wal"));
  SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READONLY);
  SQLite::Statement read(db, "SELECT COUNT(*), SUM(length(body)) FROM t");
  ASSERT_TRUE(read.executeStep());
  EXPECT_EQ(read.getColumn(0).getInt(), 50);
  EXPECT_EQ(read.getColumn(1).getInt(), 100000);
}

}  // namespace
}  // namespace coalescing_vfs_test
}  // namespace triagebot::storage
