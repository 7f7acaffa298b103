// One long-running process per database (issue 15): `serve` and `telegram poll` hold an
// exclusive lock on `<db>.lock`; a second one exits 2 naming the holder, one-shot
// commands run beside it, and a killed holder leaves nothing that blocks a restart.
#include "bot/app/db_lock.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/support/fake_api_server.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace triagebot::bot {
namespace db_lock_test {
namespace {

using testing::EnvVars;
using testing::FakeApiServer;
using testing::run_triagebot;
using testing::ServerProcess;
using testing::ServerProcessOptions;
using testing::TempDir;

int mode_of(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return -1;
  return static_cast<int>(status.st_mode & 07777);
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(DatabaseLock, ASecondHolderIsRefusedWithThePidAndCommandOfTheFirst) {
  TempDir dir;
  const auto db = dir / "t.db";
  const mode_t previous = ::umask(0);
  auto first = DatabaseLock::acquire(db, "serve");
  ::umask(previous);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(mode_of(DatabaseLock::lock_path(db)), 0600);
  EXPECT_EQ(DatabaseLock::lock_path(db), dir / "t.db.lock");

  // flock is per open file: a second open in the same process conflicts like another
  // process would.
  auto second = DatabaseLock::acquire(db, "serve with the telegram loop");
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::database_in_use);
  EXPECT_TRUE(
      contains(second.error().message, "pid " + std::to_string(::getpid()) + ", triagebot serve)"))
      << second.error().message;
  EXPECT_TRUE(contains(second.error().message, db.string())) << second.error().message;

  { auto released = std::move(*first); }  // destroyed: the lock goes with it
  auto third = DatabaseLock::acquire(db, "serve with the telegram loop");
  ASSERT_TRUE(third) << third.error().message;
  auto fourth = DatabaseLock::acquire(db, "serve");
  ASSERT_FALSE(fourth);
  EXPECT_TRUE(contains(fourth.error().message, "triagebot serve with the telegram loop)"))
      << fourth.error().message;
}

TEST(DatabaseLock, AnUnwritableDirectoryIsAStorageError) {
  TempDir dir;
  auto lock = DatabaseLock::acquire(dir / "missing" / "t.db", "serve");
  ASSERT_FALSE(lock);
  EXPECT_EQ(lock.error().code, ErrorCode::storage);
}

class OneServerPerDatabase : public ::testing::Test {
 protected:
  // Everything a `telegram poll` needs, pointing at the fake, on the shared database.
  EnvVars env() const {
    return {{"TRIAGEBOT_DB", db_.string()},
            {"TRIAGEBOT_TELEGRAM_TOKEN", "123456:TEST-token"},
            {"TRIAGEBOT_TELEGRAM_USERNAME", "leg_triage_demo_bot"},
            {"TRIAGEBOT_TELEGRAM_API", fake_.base_url()}};
  }

  TempDir dir_;
  std::filesystem::path db_ = dir_ / "triagebot.db";
  FakeApiServer fake_;
};

TEST_F(OneServerPerDatabase, ASecondServeOrPollerExitsTwoNamingTheFirst) {
  ServerProcess first({.env = env()});
  ASSERT_TRUE(first.wait_for_listening()) << first.stderr_text();
  const std::string holder = "pid " + std::to_string(first.pid()) + ", triagebot serve)";

  for (const auto& args : std::vector<std::vector<std::string>>{{"serve"}, {"telegram", "poll"}}) {
    const auto second = run_triagebot(args, env());
    EXPECT_EQ(second.exit_code, 2) << second.err;
    EXPECT_EQ(second.err.rfind("triagebot: the database " + db_.string() + " is in use", 0), 0u)
        << second.err;
    EXPECT_TRUE(contains(second.err, holder)) << second.err;
    EXPECT_TRUE(second.out.empty()) << "it must not have started: " << second.out;
  }
  // The refused ones never reached Telegram (no getUpdates), and the first runs on.
  EXPECT_TRUE(fake_.requests_to("/getUpdates").empty());
  EXPECT_TRUE(first.running());
  first.terminate();
  EXPECT_EQ(first.wait_for_exit(), 0) << first.stderr_text();
}

TEST_F(OneServerPerDatabase, AServeBesideAPollerIsRefusedToo) {
  ServerProcess poller({.args = {"telegram", "poll"}, .env = env()});
  ASSERT_TRUE(poller.wait_for_listening()) << poller.stderr_text();
  const auto second = run_triagebot({"serve"}, env());
  EXPECT_EQ(second.exit_code, 2) << second.err;
  EXPECT_TRUE(contains(second.err, "pid " + std::to_string(poller.pid()) +
                                       ", triagebot serve with the telegram loop)"))
      << second.err;
  poller.terminate();
  EXPECT_EQ(poller.wait_for_exit(), 0) << poller.stderr_text();
}

TEST_F(OneServerPerDatabase, OneShotCommandsRunBesideTheServer) {
  ServerProcess server({.env = env()});
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  const auto list = run_triagebot({"logs", "list"}, env());
  EXPECT_EQ(list.exit_code, 0) << list.err;
  const auto stats = run_triagebot({"logs", "stats", "--json"}, env());
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  const auto replay =
      run_triagebot({"replay", "--knowledge",
                     std::string(TRIAGEBOT_SOURCE_DIR) + "/dialogs/knowledge/leg_numbness.json"},
                    env());
  EXPECT_EQ(replay.exit_code, 0) << replay.err;
  server.terminate();
  EXPECT_EQ(server.wait_for_exit(), 0) << server.stderr_text();
}

TEST_F(OneServerPerDatabase, AKilledHolderLeavesNothingThatBlocksARestart) {
  {
    ServerProcess first({.env = env()});
    ASSERT_TRUE(first.wait_for_listening()) << first.stderr_text();
    first.kill();
    ASSERT_EQ(first.wait_for_exit(), 128 + 9);
  }
  ASSERT_TRUE(std::filesystem::exists(dir_ / "triagebot.db.lock"));  // stays, unlocked
  ServerProcess second({.env = env()});
  ASSERT_TRUE(second.wait_for_listening()) << second.stderr_text();
  second.terminate();
  EXPECT_EQ(second.wait_for_exit(), 0) << second.stderr_text();
}

}  // namespace
}  // namespace db_lock_test
}  // namespace triagebot::bot
