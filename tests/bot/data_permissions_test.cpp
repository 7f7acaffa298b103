// Health data is not world-readable (issue 15), end to end: a server started under umask
// 000 keeps its database, -wal, -shm, lock and search files 0600, and one started on a database
// others may read says so at start, with the fix, and runs on.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/wait.h"

namespace triagebot::testing {
namespace data_permissions_test {
namespace {

int mode_of(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return -1;
  return static_cast<int>(status.st_mode & 07777);
}

std::filesystem::path beside(const std::filesystem::path& db, const char* suffix) {
  auto path = db;
  path += suffix;
  return path;
}

TEST(DataPermissions, AServerUnderAnOpenUmaskKeepsItsFilesOwnerOnly) {
  TempDir dir;
  const auto db = dir / "triagebot.db";
  const mode_t previous = ::umask(0);  // the child inherits it
  ServerProcess server({.env = {{"TRIAGEBOT_DB", db.string()}}});
  ::umask(previous);
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  // The migrations were written: the log and its index exist while the server runs, and
  // so does the search file (a copy of what people write) with its own.
  for (const char* suffix :
       {"", "-wal", "-shm", ".lock", "-search", "-search-wal", "-search-shm"}) {
    EXPECT_EQ(mode_of(beside(db, suffix)), 0600) << "triagebot.db" << suffix;
  }
  EXPECT_EQ(server.stderr_text().find("storage.exposed"), std::string::npos)
      << server.stderr_text();
  server.terminate();
  EXPECT_EQ(server.wait_for_exit(), 0) << server.stderr_text();
}

TEST(DataPermissions, ADatabaseOthersMayReadIsNamedAtStartWithTheFix) {
  TempDir dir;
  const auto db = dir / "triagebot.db";
  ASSERT_EQ(::chmod(dir.path().c_str(), 0700), 0);
  const int fd = ::open(db.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  ASSERT_GE(fd, 0);
  ::close(fd);
  ASSERT_EQ(::chmod(db.c_str(), 0644), 0);  // as an older version under umask 022 left it

  ServerProcess server({.env = {{"TRIAGEBOT_DB", db.string()}}});
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  ASSERT_TRUE(server.wait_for_stderr(R"("event":"storage.exposed")")) << server.stderr_text();
  const auto log = server.stderr_text();
  EXPECT_NE(log.find(R"("level":"warn")"), std::string::npos) << log;
  EXPECT_NE(log.find(R"("mode":"0644")"), std::string::npos) << log;
  EXPECT_NE(log.find("chmod 600 " + db.string()), std::string::npos) << log;
  EXPECT_EQ(mode_of(db), 0644) << "a warning, not a change";
  // SQLite created the -wal with the database's mode: it is named too.
  EXPECT_NE(log.find("chmod 600 " + beside(db, "-wal").string()), std::string::npos) << log;
  server.terminate();
  EXPECT_EQ(server.wait_for_exit(), 0) << server.stderr_text();
}

}  // namespace
}  // namespace data_permissions_test
}  // namespace triagebot::testing
