#include "storage/checkpointer.h"

#include <sqlite3.h>

#include "storage/connection.h"

namespace triagebot::storage {

Checkpointer::Checkpointer(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)), thread_([this] { loop(); }) {}

Checkpointer::~Checkpointer() { stop(); }

void Checkpointer::wal_grew(int wal_pages) {
  if (wal_pages < kCheckpointPages) return;
  {
    std::lock_guard lock(mutex_);
    if (due_) return;  // already woken; one checkpoint covers every commit before it
    due_ = true;
  }
  wake_.notify_one();
}

void Checkpointer::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  checkpoint();
  connection_.reset();
}

void Checkpointer::loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return due_ || stopping_; });
      if (stopping_) return;
      due_ = false;
    }
    checkpoint();
  }
}

void Checkpointer::checkpoint() {
  if (!connection_) return;
  // PASSIVE: copies what no reader needs and returns; never blocks the writer. An error
  // (SQLITE_BUSY while another checkpoint runs, e.g. the CLI's) only means "next time".
  sqlite3_wal_checkpoint_v2(connection_->db().getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                            nullptr, nullptr);
  checkpoints_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace triagebot::storage
