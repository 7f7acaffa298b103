// A process killed with SIGKILL in the middle of a stream of writes leaves a database
// that opens, passes integrity_check, and holds every item whose completion had fired
// (DESIGN.md step 3: an acknowledged message is never lost, not even to kill -9).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace crash_test {
namespace {

using testing::at_ms;
using testing::open_store;
using triagebot::testing::TempDir;

// The child: streams items as fast as the writer takes them and reports each completed
// id on `fd`. It never returns; the parent kills it.
[[noreturn]] void stream_writes(const std::filesystem::path& path, int fd) {
  StoreOptions options;
  options.path = path;
  options.queue_capacity = 256;
  auto store = Store::open(options);
  if (!store) _exit(3);
  for (std::int64_t id = 1;; ++id) {
    WorkItem item{
        [id](WriteTransaction& tx) -> Result<void> {
          const std::string event = std::to_string(id);
          auto fresh = tx.record_event("widget", event, at_ms(id));
          if (!fresh) return fresh.error();
          auto c = tx.load_or_create_conversation("widget", testing::numbered("k", id % 50), "u",
                                                  at_ms(id));
          if (!c) return c.error();
          MessageRecord message{Direction::user, event,     nullptr,
                                std::nullopt,    at_ms(id), std::nullopt};
          auto appended = tx.append_message(c->id, message);
          if (!appended) return appended.error();
          return {};
        },
        [id, fd](Result<void> result) {
          if (!result) _exit(4);
          const std::string line = std::to_string(id) + "\n";
          if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
            _exit(5);
          }
        }};
    while (!(*store)->writer().submit(item)) std::this_thread::yield();
  }
}

TEST(StorageCrash, SigkillMidStreamLosesNoCompletedItem) {
  TempDir dir;
  const auto path = dir / "t.db";
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(fds[0]);
    stream_writes(path, fds[1]);
  }
  ::close(fds[1]);
  FILE* reports = ::fdopen(fds[0], "r");
  ASSERT_NE(reports, nullptr);
  std::vector<std::int64_t> completed;
  char line[64];
  // Kill it well into the stream (many batches committed, more in flight).
  while (completed.size() < 2000 && std::fgets(line, sizeof line, reports)) {
    completed.push_back(std::stoll(line));
  }
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited on its own with " << WEXITSTATUS(status);
  // Everything it reported before dying is still in the pipe.
  while (std::fgets(line, sizeof line, reports)) completed.push_back(std::stoll(line));
  std::fclose(reports);
  ASSERT_GE(completed.size(), 2000u);

  auto store = open_store(path);
  ASSERT_TRUE(store);
  store->close();
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
  SQLite::Statement has(db, "SELECT COUNT(*) FROM processed_events WHERE event_id = ?");
  std::size_t missing = 0;
  for (auto id : completed) {
    has.reset();
    has.bind(1, std::to_string(id));
    has.executeStep();
    if (has.getColumn(0).getInt64() != 1) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << completed.size() << " completed items";
  // Every message row belongs to a recorded event: no half-written item survived.
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM messages").getInt64(),
            db.execAndGet("SELECT COUNT(*) FROM processed_events").getInt64());
}

}  // namespace
}  // namespace crash_test
}  // namespace triagebot::storage
