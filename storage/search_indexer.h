// SearchIndexer: fills the search file (search_file.h) from committed messages on its own
// thread and its own connections, so the review's text search costs the writer nothing
// but a notify per commit (issue 13, "Search that keeps up"). Modelled on Checkpointer.
//
// A round runs batches until nothing is left. One batch is one transaction on the search
// file, reading one snapshot of the database:
//   1. deletions: up to `batch` ids from the database's search_deletions log (every
//      deleted message, forget and purge alike) past deletions_seq. Each leaves the
//      index; an id at or below the watermark that the snapshot holds again (SQLite
//      reuses the largest ids once they are deleted) is indexed again from its current
//      text, since the scan below never looks back.
//   2. new messages (only when step 1 found the log's end): up to `batch` user messages
//      above the watermark are indexed. When that reaches the snapshot's end, the
//      watermark becomes the snapshot's largest id, which is lower than before when the
//      largest messages were deleted: ids handed out again stay above it.
//   3. the watermark and deletions_seq are stored in the same transaction, so a crash
//      never leaves the index and its position disagreeing.
// After a batch that applied deletions commits (FULL: it survives a power loss), the log
// rows it consumed are cleared from the database through a second connection, briefly
// and only when the writer leaves the lock free; a row left behind is merely skipped.
//
// When: at start (an empty or new file is backfilled from watermark 0 in the background,
// so a big database never delays start-up), after the writer's commits (notify), at most
// once per min_interval so that one transaction takes many commits' messages, and at
// least every max_interval (commits of another process, such as `triagebot logs forget`).
// Lag: min_interval plus one batch (measured in bench/reports/2026-12-03-search-indexer.md).
//
// Threads: notify() from the writer thread; stats() and wait_caught_up() from any thread;
// stop() (or the destructor) from the owner, after the writer has stopped.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

namespace triagebot::storage {

class Connection;

struct SearchIndexerOptions {
  // Messages (or logged deletions) per transaction: a backfill's unit of progress, and
  // what stop() throws away when it interrupts one.
  std::size_t batch = 2000;
  // A commit wakes the indexer no sooner than this after its previous round: under load
  // one transaction takes a few hundred messages (FTS5 writes an index segment per
  // transaction, so fewer, larger ones cost less CPU in all).
  std::chrono::milliseconds min_interval{200};
  // A round at least this often without any commit of this process.
  std::chrono::milliseconds max_interval{1000};
};

struct SearchIndexStats {
  std::uint64_t rounds = 0;     // rounds that reached the end of the log and the messages
  std::uint64_t batches = 0;    // transactions committed
  std::uint64_t indexed = 0;    // messages added to the index
  std::uint64_t deletions = 0;  // logged deletions applied
  std::uint64_t failures = 0;   // batches that failed (busy, I/O); the next round retries
  std::uint64_t resets = 0;     // indexes found corrupt, emptied and filled again
  std::int64_t watermark = 0;   // after the last committed batch
};

class SearchIndexer {
 public:
  // `index`: from open_search_file. `log`: a connection to the database, used only to
  // clear consumed rows of search_deletions. Starts the thread; the first round begins
  // at once.
  SearchIndexer(std::unique_ptr<Connection> index, std::unique_ptr<Connection> log,
                SearchIndexerOptions options);
  ~SearchIndexer();  // stop()
  SearchIndexer(const SearchIndexer&) = delete;
  SearchIndexer& operator=(const SearchIndexer&) = delete;

  // The writer committed. Cheap: an atomic exchange, and a lock and a notify only for the
  // first commit since the last round began.
  void notify();

  // Waits until a round that began after this call has found nothing left to do: the
  // index then covers every message committed before the call. False when `timeout`
  // passed first or the indexer stopped.
  bool wait_caught_up(std::chrono::milliseconds timeout);

  // Interrupts a round between two messages (its batch rolls back) and joins the thread;
  // then applies every deletion still logged, so a forget just before shutdown, or by a
  // one-shot command, leaves no text behind. Idempotent.
  void stop();

  SearchIndexStats stats() const;

 private:
  struct Batch {
    bool more = false;         // a full batch: another may follow at once
    bool interrupted = false;  // stop() came; rolled back
    std::uint64_t indexed = 0;
    std::uint64_t deletions = 0;
    std::int64_t watermark = 0;
    std::int64_t deletions_seq = 0;
  };

  void loop();
  void run_round(std::uint64_t round);
  // One transaction (see the header comment); throws SQLite::Exception.
  Batch run_batch(bool deletions_only, bool interruptible);
  void record(const Batch& batch);
  void clear_log(std::int64_t up_to);
  void drain_deletions();

  std::unique_ptr<Connection> index_;
  std::unique_ptr<Connection> log_;
  const SearchIndexerOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;     // the loop waits on it
  std::condition_variable settled_;  // wait_caught_up waits on it
  std::atomic<bool> due_{false};     // a commit since the last round began
  std::atomic<bool> stopping_{false};
  bool stopped_ = false;               // guarded by mutex_
  std::uint64_t rounds_begun_ = 0;     // guarded by mutex_
  std::uint64_t round_wanted_ = 0;     // guarded by mutex_: a waiter wants this round
  std::uint64_t caught_up_round_ = 0;  // guarded by mutex_: the last round that caught up
  std::chrono::steady_clock::time_point last_round_end_{};  // loop thread only
  std::int64_t log_cleared_up_to_ = -1;                     // indexer thread (then stop()) only
  SearchIndexStats stats_;                                  // guarded by mutex_
  std::thread thread_;
};

}  // namespace triagebot::storage
