// Writer: the one thread that writes to the database, with group commit (DESIGN.md
// "The path of one message", step 2; shaped like LevelDB's DBImpl::Write).
//
// Callers on any thread submit WorkItems into a bounded queue. The writer thread takes
// everything waiting (at most max_batch), opens ONE transaction, runs the items one
// after the other, commits once (one fsync for the whole batch), and then hands the batch
// to its BatchFinisher, which calls each item's completion on a thread of its own while
// the writer starts the next batch. An item whose function returns an error or throws is
// rolled back alone; its neighbours commit. If the commit itself fails, every item of the
// batch gets the error. A completion therefore fires exactly once, in commit order, after
// the item's fate is durable: success means "committed".
//
// Optimistic batches: items almost never fail, so the first attempt runs them without a
// savepoint each (two statements per item saved). When one fails, the whole attempt is
// rolled back (its staged cache changes too) and the batch runs again the careful way,
// each item in its own SAVEPOINT, so only the failing item fails. Between the two
// attempts nothing but the rollback happens: the session cache changes only at commits,
// so each item sees the same database and cache the second time. If an error makes
// SQLite roll back the whole transaction in the careful attempt (disk full, I/O), every
// item of the batch gets the error.
//
// A work function may therefore run twice for one submission. It must start from
// scratch each time (clear what it fills in captured state) and leave effects outside
// the transaction (metrics, logs, wake-ups) to its completion, which runs once.
//
// Completions run on the finisher's thread, one after the other: keep them short (post
// the real work to your own executor) and do not let them throw or block; every later
// completion waits for them. Never call run() or block on an item's completion from
// inside a work function or a completion (the writer or the finisher would wait for
// itself; run() refuses both).
//
// Ownership: created and owned by Store; submit/run/stats are thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "dialogs/result.h"
#include "storage/batch_finisher.h"
#include "storage/checkpointer.h"
#include "storage/write_transaction.h"

namespace triagebot::storage {

class Connection;

using WorkFunction = std::function<Result<void>(WriteTransaction&)>;
using Completion = std::function<void(Result<void>)>;

struct WorkItem {
  WorkFunction work;
  Completion completion;  // may be empty
};

struct WriterOptions {
  // Bounds memory and latency under overload: when this many items wait, submit
  // answers "overloaded" (the server turns it into 503) instead of queueing more.
  std::size_t queue_capacity = 4096;
  // Largest batch per transaction. The fsync is already shared thinly at a few dozen
  // items, while a bigger batch makes its first item wait for all the others and keeps
  // more WAL and staged cache state in one transaction; 256 keeps a batch of pipeline
  // items in the low milliseconds.
  std::size_t max_batch = 256;
  std::size_t session_cache_capacity = 2048;  // StoreOptions says why
  // Called on the writer thread after each successful commit, before the writer takes
  // the next batch (the completions may not have run yet). Optional.
  std::function<void()> on_batch_committed;
  // Called on the writer thread after a commit that made outbox rows due (enqueue_outbox,
  // enqueue_notice, release_claims), after on_batch_committed: this, not every commit,
  // is what should wake the outbox dispatcher. Its own claims commit too, so waking it
  // on every commit keeps it claiming in a loop forever. Optional.
  std::function<void()> on_outbox_queued;
  // The WAL's hard bound (checkpointer.h): past this many pages the writer waits, at most
  // wal_bound_wait, for a checkpoint that copies the whole log before its next batch.
  // 16,384 pages of 4 KiB: journal_size_limit, what the log is truncated to.
  int wal_bound_pages = 16384;
  std::chrono::milliseconds wal_bound_wait{1000};
};

// Counters for /metrics and tests. Histogram bucket i counts batches of size
// <= 2^i (the last bucket: everything larger than 128).
struct WriterStats {
  static constexpr std::size_t kBuckets = 9;
  std::uint64_t commits = 0;         // batches committed
  std::uint64_t failed_commits = 0;  // batches whose BEGIN or COMMIT failed
  std::uint64_t items = 0;           // items run (committed or not)
  std::uint64_t failed_items = 0;    // items whose completion got an error
  std::uint64_t batches_rerun = 0;   // batches run again item by item after an item failed
  std::uint64_t last_batch = 0;
  std::uint64_t max_batch = 0;
  std::uint64_t queue_depth = 0;
  std::uint64_t rejected = 0;           // submits answered "overloaded"
  std::uint64_t checkpoints = 0;        // run by the checkpointer thread
  std::uint64_t wal_pages_written = 0;  // pages appended to the WAL by all commits
  std::uint64_t wal_pages = 0;          // what the log held after the last commit
  std::uint64_t wal_peak_pages = 0;     // the most the log held after any commit
  std::uint64_t wal_bound_waits = 0;    // batches that waited for the log to be copied
  std::uint64_t statements = 0;  // statements run, BEGIN, COMMIT and a rerun's SAVEPOINTs included
  std::uint64_t completion_exceptions = 0;  // completions that threw (a caller bug)
  std::uint64_t cache_hits = 0;
  std::uint64_t cache_misses = 0;
  std::array<std::uint64_t, kBuckets> batch_sizes{};
};

// Pages in the WAL after the last commit, and pages all commits wrote to it.
struct WalCount {
  int pages = 0;
  std::uint64_t written = 0;
};

class Writer {
 public:
  // Starts the writer thread, which owns `connection` from now on, and the checkpointer,
  // which owns `checkpoint_connection` (a second connection to the same file).
  Writer(std::unique_ptr<Connection> connection, std::unique_ptr<Connection> checkpoint_connection,
         WriterOptions options);
  ~Writer();  // close()
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Queues an item. Errors: "overloaded" (queue full), "closed" (close() was called);
  // on an error the completion is not called.
  Result<void> submit(WorkItem item);

  // Submits and waits for the completion; for the CLI, start-up and tests. Returns the
  // item's result ("internal" if called on the writer thread itself or from a completion).
  Result<void> run(WorkFunction work);

  // Stops accepting, finishes everything queued, joins the thread, and returns once every
  // completion has fired.
  // Idempotent; any thread but the writer's.
  void close();

  WriterStats stats() const;

  // The committed conversation the session cache holds for (platform, conversation key),
  // or nullptr when it holds none. Any thread. A snapshot is what the conversation was
  // at some commit; ConversationRef::cached tells the writer later whether it still is.
  SessionCache::Snapshot session_snapshot(std::string_view platform,
                                          std::string_view conversation_key) const {
    return cache_.snapshot(SessionCache::key(platform, conversation_key));
  }
  // False only when no conversation (platform, conversation key) can exist: none was in
  // the database when the writer started and the writer has made or loaded none since
  // (known_keys.h). Any thread, no lock. Always true if the start's listing failed.
  bool may_have_conversation(std::string_view platform, std::string_view conversation_key) const {
    return !known_listed_ || cache_.may_exist(SessionCache::key(platform, conversation_key));
  }

 private:
  void loop();
  std::vector<Result<void>> run_batch(std::vector<WorkItem>& batch);
  Result<void> begin();
  void roll_back();
  std::size_t run_optimistic(std::vector<WorkItem>& batch, Result<void>& failure);
  std::vector<Result<void>> run_careful(std::vector<WorkItem>& batch, std::size_t counted_from);
  Result<void> run_item(WorkItem& item);
  void record_batch(std::size_t size);
  void bound_wal();

  std::unique_ptr<Connection> connection_;
  WriterOptions options_;
  SessionCache cache_;
  bool known_listed_ = false;  // every stored conversation noted in cache_ at start
  WriteTransaction transaction_;

  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<WorkItem> queue_;
  bool closing_ = false;
  WriterStats stats_;          // guarded by mutex_
  WalCount wal_;               // writer thread only, set by the WAL hook
  int wal_limit_ = 0;          // writer thread only: the log size that makes the next batch wait
  Checkpointer checkpointer_;  // copies the WAL back on its own thread
  BatchFinisher finisher_;     // completes and frees committed batches on its own thread
  bool batch_queued_outbox_ = false;  // writer thread only: the last commit's batch did
  std::thread thread_;
};

}  // namespace triagebot::storage
