#include "storage/search_indexer.h"

#include <sqlite3.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "storage/connection.h"
#include "storage/search_file.h"
#include "storage/thread_name.h"

namespace triagebot::storage {

namespace {

// How long clearing the deletion log may wait for the database's write lock. The writer
// holds it for most of each batch under load, and the clearing can always wait for a
// quieter moment; it must never hold up the writer's next BEGIN for long.
constexpr int kClearBusyMs = 20;
// At stop() the writer has finished; only another process can be writing.
constexpr int kFinalClearBusyMs = 1000;

// Resets the connection's statements when a batch ends, however it ends, before its
// transaction commits or rolls back. Declared after the transaction, so it runs first.
class StatementsReset {
 public:
  explicit StatementsReset(Connection& connection) : connection_(connection) {}
  ~StatementsReset() { connection_.reset_all(); }
  StatementsReset(const StatementsReset&) = delete;
  StatementsReset& operator=(const StatementsReset&) = delete;

 private:
  Connection& connection_;
};

SearchIndexerOptions with_a_batch(SearchIndexerOptions options) {
  options.batch = std::max<std::size_t>(options.batch, 1);
  return options;
}

bool is_corruption(const SQLite::Exception& e) {
  const int code = e.getErrorCode() & 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

}  // namespace

SearchIndexer::SearchIndexer(std::unique_ptr<Connection> index, std::unique_ptr<Connection> log,
                             SearchIndexerOptions options)
    : index_(std::move(index)), log_(std::move(log)), options_(with_a_batch(options)) {
  log_->db().setBusyTimeout(kClearBusyMs);
  thread_ = std::thread([this] {
    name_this_thread("tb-search");
    loop();
  });
}

SearchIndexer::~SearchIndexer() { stop(); }

void SearchIndexer::notify() {
  if (due_.exchange(true)) return;   // already woken: the coming round sees this commit
  { std::lock_guard lock(mutex_); }  // the loop is either before its check or waiting
  wake_.notify_one();
}

bool SearchIndexer::wait_caught_up(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (stopped_) return false;
  const std::uint64_t target = rounds_begun_ + 1;
  round_wanted_ = std::max(round_wanted_, target);
  wake_.notify_one();
  settled_.wait_for(lock, timeout, [&] { return caught_up_round_ >= target || stopped_; });
  return caught_up_round_ >= target;
}

void SearchIndexer::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    stopping_ = true;
  }
  wake_.notify_all();
  settled_.notify_all();
  if (thread_.joinable()) thread_.join();
  drain_deletions();
  index_.reset();
  log_.reset();
}

SearchIndexStats SearchIndexer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void SearchIndexer::loop() {
  // The first round (a backfill, if the file is new) starts at once.
  for (bool first = true;; first = false) {
    std::uint64_t round = 0;
    {
      std::unique_lock lock(mutex_);
      auto wanted = [&] { return round_wanted_ > rounds_begun_; };
      if (!first) {
        wake_.wait_until(lock, last_round_end_ + options_.max_interval,
                         [&] { return stopping_.load() || wanted() || due_.load(); });
      }
      // Woken by a commit: let the next ones gather until min_interval after the last
      // round, unless someone waits for the index.
      if (!first && !stopping_ && !wanted() && due_) {
        wake_.wait_until(lock, last_round_end_ + options_.min_interval,
                         [&] { return stopping_.load() || wanted(); });
      }
      if (stopping_) return;
      round = ++rounds_begun_;
    }
    run_round(round);
  }
}

void SearchIndexer::run_round(std::uint64_t round) {
  due_ = false;  // commits from now on are for the next round
  bool caught_up = false;
  try {
    for (;;) {
      const Batch batch = run_batch(/*deletions_only=*/false, /*interruptible=*/true);
      if (batch.interrupted) break;
      record(batch);
      clear_log(batch.deletions_seq);
      if (!batch.more) {
        caught_up = true;
        break;
      }
      if (stopping_) break;
    }
  } catch (const SQLite::Exception& e) {
    {
      std::lock_guard lock(mutex_);
      ++stats_.failures;
    }
    if (is_corruption(e)) {
      // Readers keep the file attached, so it is emptied where it is rather than
      // replaced; the next rounds fill it again from watermark 0.
      try {
        reset_search_index(*index_);
        std::lock_guard lock(mutex_);
        ++stats_.resets;
      } catch (const SQLite::Exception&) {
        // Counted above; the next round tries again.
      }
    }
  }
  last_round_end_ = std::chrono::steady_clock::now();
  if (caught_up) {
    {
      std::lock_guard lock(mutex_);
      caught_up_round_ = round;
      ++stats_.rounds;
    }
    settled_.notify_all();
  }
}

SearchIndexer::Batch SearchIndexer::run_batch(bool deletions_only, bool interruptible) {
  auto& connection = *index_;
  Batch out;
  // IMMEDIATE locks the search file alone (the database is attached read-only) and fixes
  // the snapshot of the database this batch reads.
  SQLite::Transaction tx(connection.db(), SQLite::TransactionBehavior::IMMEDIATE);
  StatementsReset reset(connection);
  auto& state =
      connection.statement("SELECT watermark, deletions_seq FROM index_state WHERE only = 1");
  if (!state.executeStep()) {
    throw SQLite::Exception("the search file has no index_state row", SQLITE_CORRUPT);
  }
  out.watermark = state.getColumn(0).getInt64();
  out.deletions_seq = state.getColumn(1).getInt64();
  const auto limit = static_cast<std::int64_t>(options_.batch);

  std::vector<std::pair<std::int64_t, std::int64_t>> deleted;  // (seq, message id)
  auto& log = connection.statement(
      "SELECT seq, message_id FROM source.search_deletions WHERE seq > ? ORDER BY seq LIMIT ?");
  log.bind(1, out.deletions_seq);
  log.bind(2, limit);
  while (log.executeStep())
    deleted.emplace_back(log.getColumn(0).getInt64(), log.getColumn(1).getInt64());
  auto& erase = connection.statement("DELETE FROM message_text WHERE rowid = ?");
  auto& reindex = connection.statement(
      "INSERT INTO message_text (rowid, text) SELECT id, text FROM source.messages"
      " WHERE id = ? AND direction = 'user'");
  for (const auto& [seq, id] : deleted) {
    erase.reset();
    erase.bind(1, id);
    erase.exec();
    // The id was handed out again after its deletion: the scan below starts above the
    // watermark and would never see the message that has it now.
    if (id <= out.watermark) {
      reindex.reset();
      reindex.bind(1, id);
      reindex.exec();
    }
    out.deletions_seq = seq;
  }
  out.deletions = deleted.size();

  if (deleted.size() == options_.batch) {
    out.more = true;  // the log first: an id it still holds may be reused below
  } else if (!deletions_only) {
    auto& max_id = connection.statement("SELECT COALESCE(MAX(id), 0) FROM source.messages");
    max_id.executeStep();
    const std::int64_t snapshot_max = max_id.getColumn(0).getInt64();
    auto& rows = connection.statement(
        "SELECT id, text FROM source.messages WHERE id > ? AND direction = 'user'"
        " ORDER BY id LIMIT ?");
    rows.bind(1, out.watermark);
    rows.bind(2, limit);
    auto& insert = connection.statement("INSERT INTO message_text (rowid, text) VALUES (?, ?)");
    std::int64_t last = out.watermark;
    while (rows.executeStep()) {
      if (interruptible && stopping_.load(std::memory_order_relaxed)) {
        out.interrupted = true;
        return out;  // rolled back: the next start does this batch again
      }
      last = rows.getColumn(0).getInt64();
      insert.reset();
      insert.bind(1, last);
      insert.bind(2, rows.getColumn(1).getString());
      insert.exec();
      ++out.indexed;
    }
    if (out.indexed == options_.batch) {
      out.watermark = last;
      out.more = true;
    } else {
      // Everything up to the snapshot's largest id is indexed. That may be below the old
      // watermark: the ids above it were deleted (their deletions are applied above),
      // and SQLite hands them out again, so the next scan must start below them.
      out.watermark = snapshot_max;
    }
  }

  auto& save = connection.statement(
      "UPDATE index_state SET watermark = ?, deletions_seq = ? WHERE only = 1");
  save.bind(1, out.watermark);
  save.bind(2, out.deletions_seq);
  save.exec();
  connection.reset_all();
  tx.commit();
  return out;
}

void SearchIndexer::record(const Batch& batch) {
  std::lock_guard lock(mutex_);
  ++stats_.batches;
  stats_.indexed += batch.indexed;
  stats_.deletions += batch.deletions;
  stats_.watermark = batch.watermark;
}

void SearchIndexer::clear_log(std::int64_t up_to) {
  if (up_to <= log_cleared_up_to_) return;
  try {
    // Most batches consume nothing: a read finds that out without the write lock.
    auto& any = index_->statement("SELECT 1 FROM source.search_deletions WHERE seq <= ? LIMIT 1");
    any.bind(1, up_to);
    const bool found = any.executeStep();
    any.reset();
    if (found) {
      auto& erase = log_->statement("DELETE FROM search_deletions WHERE seq <= ?");
      erase.bind(1, up_to);
      erase.exec();
      erase.reset();
    }
    log_cleared_up_to_ = up_to;
  } catch (const SQLite::Exception&) {
    // Busy: the writer is committing. The rows are skipped by seq until a later try.
    index_->reset_all();
    log_->reset_all();
  }
}

void SearchIndexer::drain_deletions() {
  if (!index_) return;
  log_->db().setBusyTimeout(kFinalClearBusyMs);
  try {
    for (;;) {
      const Batch batch = run_batch(/*deletions_only=*/true, /*interruptible=*/false);
      record(batch);
      clear_log(batch.deletions_seq);
      if (!batch.more) break;
    }
  } catch (const SQLite::Exception&) {
    // The logged ids stay; the next start applies them before anything else.
    std::lock_guard lock(mutex_);
    ++stats_.failures;
  }
}

}  // namespace triagebot::storage
