#include "storage/checkpointer.h"

#include <sqlite3.h>

#include <algorithm>

#include "storage/connection.h"
#include "storage/thread_name.h"

namespace triagebot::storage {

Checkpointer::Checkpointer(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)), thread_([this] {
        name_this_thread("tb-checkpoint");
        loop();
      }) {}

Checkpointer::~Checkpointer() { stop(); }

bool Checkpointer::due(int wal_pages, int copied_frames, int bound_pages) {
  if (wal_pages < kCheckpointPages) return false;
  // A log smaller than what the last checkpoint copied has restarted since.
  const int uncopied = wal_pages >= copied_frames ? wal_pages - copied_frames : wal_pages;
  return uncopied >= kCheckpointPages || wal_pages >= bound_pages - kCatchUpPages;
}

void Checkpointer::wal_grew(int wal_pages, int bound_pages) {
  if (!due(wal_pages, copied_frames_.load(std::memory_order_relaxed), bound_pages)) return;
  {
    std::lock_guard lock(mutex_);
    if (due_) return;  // already woken; one checkpoint covers every commit before it
    due_ = true;
  }
  wake_.notify_one();
}

bool Checkpointer::copy_all(std::chrono::milliseconds limit) {
  std::unique_lock lock(mutex_);
  const std::uint64_t request = ++requested_;
  due_ = true;
  ++waiting_;
  wake_.notify_one();
  const bool copied = copied_.wait_for(lock, limit, [&] {
    return copied_through_ >= request || stopping_;
  }) && copied_through_ >= request;
  --waiting_;
  return copied;
}

void Checkpointer::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_one();
  copied_.notify_all();
  if (thread_.joinable()) thread_.join();
  checkpoint();
  connection_.reset();
}

void Checkpointer::loop() {
  for (;;) {
    std::uint64_t serving = 0;  // copy_all requests made before this checkpoint starts
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return due_ || stopping_; });
      if (stopping_) return;
      due_ = false;
      serving = requested_;
    }
    const bool complete = checkpoint();
    std::unique_lock lock(mutex_);
    if (complete && serving > 0) {
      copied_through_ = std::max(copied_through_, serving);
      copied_.notify_all();
    } else if (!complete && waiting_ > 0) {
      // The writer waits for the whole log, and a reader still needed some of it
      // (the search indexer, a review query): their transactions are short, so try
      // again a moment later, for as long as the writer still waits.
      wake_.wait_for(lock, kRetryPause, [this] { return stopping_; });
      due_ = true;
    }
  }
}

bool Checkpointer::checkpoint() {
  if (!connection_) return false;
  // PASSIVE: copies what no reader needs and returns; never blocks the writer. An error
  // (SQLITE_BUSY while another checkpoint runs, e.g. the CLI's) only means "next time".
  int log_frames = -1;
  int copied_frames = -1;
  const int rc = sqlite3_wal_checkpoint_v2(connection_->db().getHandle(), nullptr,
                                           SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied_frames);
  checkpoints_.fetch_add(1, std::memory_order_relaxed);
  if (rc == SQLITE_OK && copied_frames >= 0) {
    copied_frames_.store(copied_frames, std::memory_order_relaxed);
  }
  return rc == SQLITE_OK && log_frames >= 0 && copied_frames == log_frames;
}

}  // namespace triagebot::storage
