// RetentionSweeper: keeps the retention promise (README "Privacy", docs/reviewing.md):
// with TRIAGEBOT_RETENTION_DAYS=N, conversations idle for more than N days are purged
// once at start and then every `interval`, through the writer, so a purge is one more
// work item in the group commit and never races the pipeline. Messages, outbox rows,
// verdicts, the widget credential (a column of the conversation) and the text index go
// with each conversation (storage/retention.cpp).
//
// Each sweep logs how many rows it removed, never what they said.
//
// Threads: start() runs the sweeps on a thread of its own; stop() wakes it at once (a
// SIGTERM does not wait out the hour) and joins. sweep() may be called from any thread
// but the writer's, e.g. by tests with a fake clock and no thread at all.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "dialogs/result.h"
#include "storage/records.h"
#include "storage/store.h"

namespace triagebot::bot {

struct RetentionOptions {
  std::chrono::hours keep{24 * 90};
  std::chrono::milliseconds interval{std::chrono::hours(1)};
  // The wall clock by default; tests move a fake one.
  std::function<storage::TimePoint()> now = [] { return storage::Clock::now(); };
};

class RetentionSweeper {
 public:
  RetentionSweeper(storage::Store& store, RetentionOptions options);
  ~RetentionSweeper();  // stop()
  RetentionSweeper(const RetentionSweeper&) = delete;
  RetentionSweeper& operator=(const RetentionSweeper&) = delete;

  // Purges what is older than now() - keep, waits for the commit, logs the counts.
  Result<storage::PurgeCounts> sweep();

  // Sweeps now, then every interval, until stop().
  void start();
  // Idempotent. The store must still be open: a sweep in progress finishes first.
  void stop();

 private:
  void loop();

  storage::Store& store_;
  RetentionOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace triagebot::bot
