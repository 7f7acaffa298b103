// Checkpointer: copies the WAL back into the database file on its own thread and its own
// connection, so no commit of the writer ever waits for it (issue 13, "the WAL off the
// hot path").
//
// The writer turns SQLite's automatic checkpoints off (connection.cpp) and, after each
// commit, tells the checkpointer how many pages the log holds (wal_grew). Past
// kCheckpointPages the checkpointer wakes and runs a PASSIVE checkpoint: it never takes
// the write lock and never waits for readers, copying whatever frames no reader still
// needs. The log itself is restarted from its beginning by the writer's next write
// transaction once a checkpoint has copied all of it (SQLite does that on its own), so
// the file stays near the threshold instead of growing.
//
// A checkpoint that copies nothing (a long reader pins the log) is harmless: the next
// commit past the threshold wakes it again.
//
// Threads: wal_grew() from the writer thread; checkpoints() from any thread; the
// destructor (or stop()) from the owner, after the writer has stopped.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

namespace triagebot::storage {

class Connection;

class Checkpointer {
 public:
  // 4 MiB of log at 4 KiB pages: SQLite's own automatic threshold.
  static constexpr int kCheckpointPages = 1000;

  explicit Checkpointer(std::unique_ptr<Connection> connection);
  ~Checkpointer();  // stop()
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // The log holds `wal_pages` pages after a commit. Cheap: a store and, past the
  // threshold, a notify.
  void wal_grew(int wal_pages);

  // Runs one last checkpoint, so a clean shutdown leaves little log to replay, and joins.
  void stop();

  std::uint64_t checkpoints() const { return checkpoints_.load(std::memory_order_relaxed); }

 private:
  void loop();
  void checkpoint();

  std::unique_ptr<Connection> connection_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;       // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::atomic<std::uint64_t> checkpoints_{0};
  std::thread thread_;
};

}  // namespace triagebot::storage
