#include "bot/app/retention_sweeper.h"

#include "bot/obs/log.h"
#include "storage/thread_name.h"

namespace triagebot::bot {

RetentionSweeper::RetentionSweeper(storage::Store& store, RetentionOptions options)
    : store_(store), options_(std::move(options)) {}

RetentionSweeper::~RetentionSweeper() { stop(); }

Result<storage::PurgeCounts> RetentionSweeper::sweep() {
  const auto cutoff = options_.now() - options_.keep;
  storage::PurgeCounts counts;
  auto purged = store_.writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
    auto result = tx.purge_older_than(cutoff);
    if (!result) return result.error();
    counts = *result;
    return {};
  });
  if (!purged) {
    log(LogLevel::error, "retention_failed", {{"code", purged.error().code}});
    return purged.error();
  }
  log(LogLevel::info, "retention_purged",
      {{"conversations", counts.conversations},
       {"messages", counts.messages},
       {"outbox_rows", counts.outbox_rows},
       {"processed_events", counts.processed_events},
       {"cutoff", storage::format_rfc3339(cutoff)}});
  return counts;
}

void RetentionSweeper::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] {
    storage::name_this_thread("tb-retention");
    loop();
  });
}

void RetentionSweeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RetentionSweeper::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    // A failed sweep is logged and tried again at the next interval: the data is only
    // kept a little longer, and the server keeps answering.
    (void)sweep();
    lock.lock();
    wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
  }
}

}  // namespace triagebot::bot
