#include "storage/writer.h"

#include <sqlite3.h>

#include <algorithm>
#include <future>
#include <string>

#include "storage/connection.h"
#include "storage/guard.h"
#include "storage/thread_name.h"

namespace triagebot::storage {

namespace {

// Called after each commit with the pages the WAL now holds: the checkpointer wakes from
// it, and the growth since the last commit is what the commit wrote (the log restarts
// from zero after a complete checkpoint).
int on_wal_commit(void* count, sqlite3*, const char*, int wal_pages) {
  auto& wal = *static_cast<WalCount*>(count);
  wal.written +=
      static_cast<std::uint64_t>(wal_pages >= wal.pages ? wal_pages - wal.pages : wal_pages);
  wal.pages = wal_pages;
  return SQLITE_OK;
}

bool in_transaction(Connection& connection) {
  return sqlite3_get_autocommit(connection.db().getHandle()) == 0;
}

}  // namespace

Writer::Writer(std::unique_ptr<Connection> connection,
               std::unique_ptr<Connection> checkpoint_connection, WriterOptions options)
    : connection_(std::move(connection)),
      options_(std::move(options)),
      cache_(options_.session_cache_capacity),
      transaction_(*connection_, cache_),
      checkpointer_(std::move(checkpoint_connection)) {
  sqlite3_wal_hook(connection_->db().getHandle(), &on_wal_commit, &wal_);
  // Before the thread starts, on the opener's: the conversations already stored, so a
  // "no" from may_have_conversation is certain (about 30 ms for 50,000 rows). Should the
  // listing fail, every conversation may exist, as before the filter.
  try {
    SQLite::Statement list(connection_->db(),
                           "SELECT platform, conversation_key FROM conversations");
    while (list.executeStep())
      cache_.note_existing(
          SessionCache::key(list.getColumn(0).getString(), list.getColumn(1).getString()));
    known_listed_ = true;
  } catch (const SQLite::Exception&) {
    known_listed_ = false;
  }
  thread_ = std::thread([this] {
    name_this_thread("tb-writer");
    loop();
  });
}

Writer::~Writer() { close(); }

Result<void> Writer::submit(WorkItem item) {
  {
    std::lock_guard lock(mutex_);
    if (closing_) return make_error(ErrorCode::closed, "the store is shutting down");
    if (queue_.size() >= options_.queue_capacity) {
      ++stats_.rejected;
      return make_error(ErrorCode::overloaded, "the storage writer queue is full");
    }
    queue_.push_back(std::move(item));
    stats_.queue_depth = queue_.size();
  }
  ready_.notify_one();
  return {};
}

Result<void> Writer::run(WorkFunction work) {
  if (std::this_thread::get_id() == thread_.get_id()) {
    return make_error(ErrorCode::internal, "Writer::run called on the writer thread");
  }
  if (finisher_.on_finisher_thread()) {
    return make_error(ErrorCode::internal, "Writer::run called from a completion");
  }
  auto done = std::make_shared<std::promise<Result<void>>>();
  auto future = done->get_future();
  auto submitted = submit(
      {std::move(work), [done](Result<void> result) { done->set_value(std::move(result)); }});
  if (!submitted) return submitted;
  return future.get();
}

void Writer::close() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  ready_.notify_all();
  if (thread_.joinable()) thread_.join();
  finisher_.flush();     // every completion has run when close returns
  checkpointer_.stop();  // after the last commit, so the log it leaves is short
}

WriterStats Writer::stats() const {
  std::lock_guard lock(mutex_);
  WriterStats stats = stats_;
  stats.checkpoints = checkpointer_.checkpoints();
  stats.completion_exceptions = finisher_.completion_exceptions();
  return stats;
}

void Writer::loop() {
  std::vector<WorkItem> batch;
  for (;;) {
    batch.clear();
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, and everything queued is done
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      stats_.queue_depth = queue_.size();
    }
    bound_wal();
    std::vector<Result<void>> results;
    try {
      results = run_batch(batch);
    } catch (const std::exception& e) {
      // Last resort: a bug escaped the per-item fences. Fail the whole batch rather than
      // let the thread die with every later submitter waiting forever.
      roll_back();
      results.assign(batch.size(),
                     make_error(ErrorCode::internal, std::string("writer: ") + e.what()));
    }
    std::uint64_t failed = 0;
    for (const auto& result : results) {
      if (!result) ++failed;
    }
    record_batch(batch.size());
    {
      std::lock_guard lock(mutex_);
      stats_.failed_items += failed;
    }
    if (failed < batch.size()) {
      if (options_.on_batch_committed) options_.on_batch_committed();
      if (options_.on_outbox_queued && batch_queued_outbox_) options_.on_outbox_queued();
    }
    checkpointer_.wal_grew(wal_.pages, options_.wal_bound_pages);
    // The completions and the freeing go to the finisher's thread (batch_finisher.h).
    auto displaced = transaction_.take_displaced();
    finisher_.finish(batch, results, displaced);
  }
}

Result<void> Writer::run_item(WorkItem& item) {
  try {
    if (!item.work) return make_error(ErrorCode::internal, "empty work item");
    // The item's messages are listed by their conversation before it counts as done.
    if (auto done = item.work(transaction_); !done) return done;
    return transaction_.finish_item();
  } catch (const SQLite::Exception& e) {
    return storage_error("work item", e);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, std::string("work item threw: ") + e.what());
  }
}

// The batch's first attempt: every item in one transaction, without a savepoint each,
// since an item almost never fails. Returns the index of the first item that failed
// (the attempt stops there), or batch.size() when all succeeded.
std::size_t Writer::run_optimistic(std::vector<WorkItem>& batch, Result<void>& failure) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Result<void> result = run_item(batch[i]);
    if (!result) {
      failure = std::move(result);
      return i;
    }
    transaction_.item_succeeded();
  }
  return batch.size();
}

// The careful attempt, after the first failed: each item in its own SAVEPOINT, so a
// failing item is rolled back alone and its neighbours commit. Items up to `counted_from`
// ran in the first attempt already, and their session-cache lookups were counted there.
std::vector<Result<void>> Writer::run_careful(std::vector<WorkItem>& batch,
                                              std::size_t counted_from) {
  std::vector<Result<void>> results;
  results.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    transaction_.count_cache_lookups(i >= counted_from);
    // Prepared once (Connection caches statements): a savepoint per item is parsed once.
    connection_->statement("SAVEPOINT item").exec();
    Result<void> result = run_item(batch[i]);
    connection_->reset_all();
    if (!in_transaction(*connection_)) {
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction, so
      // the earlier items of this batch are gone too: fail them all.
      transaction_.count_cache_lookups(true);
      const Error lost = result
                             ? make_error(ErrorCode::storage, "the batch was rolled back by SQLite")
                             : result.error();
      return std::vector<Result<void>>(batch.size(), lost);
    }
    if (result) {
      connection_->statement("RELEASE item").exec();
      transaction_.item_succeeded();
    } else {
      connection_->statement("ROLLBACK TO item").exec();
      connection_->statement("RELEASE item").exec();
      transaction_.item_failed();
    }
    results.push_back(std::move(result));
  }
  transaction_.count_cache_lookups(true);
  return results;
}

Result<void> Writer::begin() {
  try {
    // IMMEDIATE takes the write lock now, so a second process (the CLI) makes us wait
    // here (busy_timeout) rather than fail half-way through the batch.
    connection_->statement("BEGIN IMMEDIATE").exec();
    return {};
  } catch (const SQLite::Exception& e) {
    std::lock_guard lock(mutex_);
    ++stats_.failed_commits;
    return storage_error("begin batch", e);
  }
}

void Writer::roll_back() {
  // No statement may hold a half-run step across the ROLLBACK.
  connection_->reset_all();
  try {
    // Unless SQLite has rolled the transaction back itself (disk full, I/O).
    if (in_transaction(*connection_)) connection_->statement("ROLLBACK").exec();
  } catch (const SQLite::Exception&) {
    // The connection is beyond repair; the next BEGIN reports it to every item.
  }
  transaction_.batch_failed();
}

std::vector<Result<void>> Writer::run_batch(std::vector<WorkItem>& batch) {
  batch_queued_outbox_ = false;
  transaction_.begin_batch();
  if (auto begun = begin(); !begun) return std::vector<Result<void>>(batch.size(), begun.error());
  Result<void> failure;
  const std::size_t failed_at = run_optimistic(batch, failure);
  std::vector<Result<void>> results;
  if (failed_at == batch.size()) {
    results.resize(batch.size());
  } else {
    // Undo the whole first attempt, its staged cache changes included, and run the
    // batch again the careful way. The session cache is unchanged (only commits change
    // it), so every item sees what it saw the first time.
    roll_back();
    if (batch.size() == 1) return {std::move(failure)};  // the careful way ends the same
    {
      std::lock_guard lock(mutex_);
      ++stats_.batches_rerun;
    }
    if (auto begun = begin(); !begun) {
      return std::vector<Result<void>>(batch.size(), begun.error());
    }
    results = run_careful(batch, failed_at + 1);
    if (!in_transaction(*connection_)) {
      transaction_.batch_failed();
      std::lock_guard lock(mutex_);
      ++stats_.failed_commits;
      return results;
    }
  }
  try {
    // Prepared once, like the savepoints: parsing even "COMMIT" allocates the parser's
    // stack, which showed in the writer's profile.
    connection_->statement("COMMIT").exec();
  } catch (const SQLite::Exception& e) {
    roll_back();
    {
      std::lock_guard lock(mutex_);
      ++stats_.failed_commits;
    }
    return std::vector<Result<void>>(batch.size(), storage_error("commit", e));
  }
  batch_queued_outbox_ = transaction_.batch_queued_outbox();
  transaction_.batch_committed();
  std::lock_guard lock(mutex_);
  ++stats_.commits;
  return results;
}

// The log's hard bound (checkpointer.h). When the wait ends without the whole log
// copied (a reader still needs old frames), the next wait comes one more bound later
// instead of at every batch; the limit returns to the bound once the log restarted.
void Writer::bound_wal() {
  if (wal_.pages < options_.wal_bound_pages) {
    wal_limit_ = options_.wal_bound_pages;
    return;
  }
  if (wal_.pages < wal_limit_) return;
  const bool copied = checkpointer_.copy_all(options_.wal_bound_wait);
  if (!copied) wal_limit_ = wal_.pages + options_.wal_bound_pages;
  std::lock_guard lock(mutex_);
  ++stats_.wal_bound_waits;
}

void Writer::record_batch(std::size_t size) {
  std::size_t bucket = 0;
  while (bucket + 1 < WriterStats::kBuckets && (std::size_t{1} << bucket) < size) ++bucket;
  std::lock_guard lock(mutex_);
  stats_.items += size;
  stats_.last_batch = size;
  if (size > stats_.max_batch) stats_.max_batch = size;
  ++stats_.batch_sizes[bucket];
  stats_.wal_pages_written = wal_.written;
  stats_.wal_pages = static_cast<std::uint64_t>(wal_.pages);
  stats_.wal_peak_pages =
      std::max<std::uint64_t>(stats_.wal_peak_pages, static_cast<std::uint64_t>(wal_.pages));
  stats_.statements = connection_->statements_run();
  stats_.cache_hits = cache_.hits();
  stats_.cache_misses = cache_.misses();
}

}  // namespace triagebot::storage
