#include "storage/item_releaser.h"

#include "storage/writer.h"

namespace triagebot::storage {

ItemReleaser::ItemReleaser() : thread_([this] { loop(); }) {}

ItemReleaser::~ItemReleaser() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void ItemReleaser::release(std::vector<WorkItem>& items,
                           std::vector<SessionCache::Snapshot>& entries) {
  if (items.empty() && entries.empty()) return;
  {
    std::lock_guard lock(mutex_);
    queued_.push_back(Released{std::move(items), std::move(entries)});
  }
  items = {};
  entries = {};
  wake_.notify_one();
}

void ItemReleaser::loop() {
  std::vector<Released> taken;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
      if (queued_.empty()) return;  // stopping, and everything handed over is freed
      taken.swap(queued_);
    }
    taken.clear();  // the items' destructors run here, outside the lock
  }
}

}  // namespace triagebot::storage
