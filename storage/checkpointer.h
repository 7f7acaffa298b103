// Checkpointer: copies the WAL back into the database file on its own thread and its own
// connection, so no commit of the writer ever waits for it (issue 13, "the WAL off the
// hot path").
//
// The writer turns SQLite's automatic checkpoints off (connection.cpp) and, after each
// commit, tells the checkpointer how many pages the log holds (wal_grew). Once
// kCheckpointPages of them are new since the last checkpoint copied the log, the
// checkpointer wakes and runs a PASSIVE checkpoint: it never takes the write lock and
// never waits for readers, copying whatever frames no reader still needs. A page the
// writer rewrote in several commits of those 2,000 pages (an index's right-hand page,
// the page of a busy conversation) is copied once. Waking after every commit past the
// threshold instead copied such pages again and again: 42-44 µs of checkpointer CPU per
// Telegram update against 29-30 µs (the same load, interleaved runs).
//
// The log itself is restarted from its beginning by the writer's next write transaction
// once a checkpoint has copied all of it (SQLite does that on its own), so the file stays
// near the threshold instead of growing.
//
// A checkpoint that copies nothing (a long reader pins the log) is harmless: the next
// commit past the threshold wakes it again.
//
// That restart needs a checkpoint to have copied the whole log before the writer's next
// write, and a writer that commits back to back leaves it no such moment once the
// checkpointer falls behind (cores busy with other work): the log then grows for as long
// as the load lasts (800-900 MB in 13 s was seen). So the log has a hard bound: past it
// the writer calls copy_all() before its next batch and waits, briefly, for a checkpoint
// that copies everything; its next write restarts the log. Items queue meanwhile and go
// in the next batch (overload turns into latency, then into "overloaded" answers, not
// into disk).
//
// Threads: wal_grew() from the writer thread; checkpoints() from any thread; the
// destructor (or stop()) from the owner, after the writer has stopped.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

namespace triagebot::storage {

class Connection;

class Checkpointer {
 public:
  // 8 MiB of log at 4 KiB pages, twice SQLite's own automatic threshold: the longer the
  // stretch of log a checkpoint copies, the more of its pages were rewritten within it
  // and are copied once. Under the Telegram benchmark (interleaved runs, 3 each): the
  // checkpointer's CPU per update 27-29 -> 23-24 us and 4-14% more updates per second
  // than at 1,000 pages, for ~1 ms more at the p99 (each checkpoint is a longer burst on
  // a shared core); 4,000 pages saved little more (20-22 us) and cost 3-6 ms at the p99.
  static constexpr int kCheckpointPages = 2000;

  explicit Checkpointer(std::unique_ptr<Connection> connection);
  ~Checkpointer();  // stop()
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Within this many pages of the writer's bound, every commit wakes the checkpointer, so
  // that the bound's wait (copy_all) finds little left to copy: that wait holds up every
  // answer of a batch, and its length is what the latency's tail sees.
  static constexpr int kCatchUpPages = 2048;

  // Whether a log of `wal_pages`, of which a checkpoint last copied `copied_frames`
  // (fewer pages than that: the log restarted since), needs a checkpoint now, for a
  // writer bounded at `bound_pages`. Pure: the policy wal_grew applies.
  static bool due(int wal_pages, int copied_frames, int bound_pages);

  // The log holds `wal_pages` pages after a commit, and the writer waits past
  // `bound_pages`. Cheap: a load and, when due, a notify.
  void wal_grew(int wal_pages, int bound_pages);

  // From the writer, between batches: runs a checkpoint that starts now and waits until
  // one has copied the whole log, or `limit` passed (a reader still needs old frames),
  // or the checkpointer stops. True when the whole log was copied.
  bool copy_all(std::chrono::milliseconds limit);

  // Runs one last checkpoint, so a clean shutdown leaves little log to replay, and joins.
  void stop();

  std::uint64_t checkpoints() const { return checkpoints_.load(std::memory_order_relaxed); }

 private:
  void loop();
  // True when the checkpoint copied every frame of the log.
  bool checkpoint();

  std::unique_ptr<Connection> connection_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable copied_;
  bool due_ = false;       // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  // copy_all's requests, numbered, and the last one a checkpoint started after it
  // answered by copying the whole log. Guarded by mutex_.
  std::uint64_t requested_ = 0;
  std::uint64_t copied_through_ = 0;
  int waiting_ = 0;  // copy_all calls still waiting; guarded by mutex_
  static constexpr std::chrono::milliseconds kRetryPause{1};
  std::atomic<std::uint64_t> checkpoints_{0};
  // The log's frames the last checkpoint had copied (its backfill), for due().
  std::atomic<int> copied_frames_{0};
  std::thread thread_;
};

}  // namespace triagebot::storage
