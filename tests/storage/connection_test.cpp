// The writer connection's settings, checked by what they do rather than by reading the
// pragmas back.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "storage/connection.h"
#include "tests/support/temp_dir.h"

namespace triagebot::storage {
namespace connection_test {
namespace {

using testing::TempDir;

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

}  // namespace
}  // namespace connection_test
}  // namespace triagebot::storage
