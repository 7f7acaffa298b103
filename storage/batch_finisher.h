// BatchFinisher: finishes the writer's committed batches on a thread of its own.
//
// Once a batch's fate is durable, what is left of it is not the database's business: each
// item's completion (the pipeline's posts the HTTP answer to an I/O thread and wakes it),
// then freeing what the items captured (the turn taken before the writer, its replies,
// the parsed update: JSON trees and strings that cost as much to free as some of their
// SQL), and the session cache entries the batch replaced or evicted, which may hold the
// last reference to the session a conversation had before the turn. The writer is the
// server's one serial stage, so it hands the whole batch here (a vector move and a
// notify) and starts the next one.
//
// Completions run in the order the writer committed them, one batch after the other, each
// exactly once. Nothing an item owns may need a particular thread to be destroyed on.
//
// Threads: finish() from the writer thread; flush() and completion_exceptions() from any
// thread; the destructor from the owner, after the writer has stopped (it finishes what
// is still queued, then joins).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "dialogs/result.h"
#include "storage/session_cache.h"

namespace triagebot::storage {

struct WorkItem;

class BatchFinisher {
 public:
  BatchFinisher();
  ~BatchFinisher();
  BatchFinisher(const BatchFinisher&) = delete;
  BatchFinisher& operator=(const BatchFinisher&) = delete;

  // Takes a committed (or failed) batch, its results (one per item, in order) and the
  // cache entries it displaced; all three are left empty.
  void finish(std::vector<WorkItem>& items, std::vector<Result<void>>& results,
              std::vector<SessionCache::Snapshot>& displaced);

  // Returns once every batch handed over before the call is finished.
  void flush();

  // Whether the calling thread is the finisher's (a completion must never wait for the
  // writer: the finisher would wait for itself).
  bool on_finisher_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

  // Completions that threw (a caller bug; the others still run).
  std::uint64_t completion_exceptions() const {
    return completion_exceptions_.load(std::memory_order_relaxed);
  }

 private:
  struct Batch {
    std::vector<WorkItem> items;
    std::vector<Result<void>> results;
    std::vector<SessionCache::Snapshot> displaced;
  };
  void loop();
  void complete(Batch& batch);

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  std::vector<Batch> queued_;      // guarded by mutex_
  std::uint64_t handed_over_ = 0;  // batches given to finish(); guarded by mutex_
  std::uint64_t done_ = 0;         // batches finished; guarded by mutex_
  bool stopping_ = false;          // guarded by mutex_
  std::atomic<std::uint64_t> completion_exceptions_{0};
  std::thread thread_;
};

}  // namespace triagebot::storage
