#include "storage/batch_finisher.h"

#include "storage/thread_name.h"
#include "storage/writer.h"

namespace triagebot::storage {

BatchFinisher::BatchFinisher()
    : thread_([this] {
        name_this_thread("tb-finisher");
        loop();
      }) {}

BatchFinisher::~BatchFinisher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void BatchFinisher::finish(std::vector<WorkItem>& items, std::vector<Result<void>>& results,
                           std::vector<SessionCache::Snapshot>& displaced) {
  {
    std::lock_guard lock(mutex_);
    queued_.push_back(Batch{std::move(items), std::move(results), std::move(displaced)});
    ++handed_over_;
  }
  items = {};
  results = {};
  displaced = {};
  wake_.notify_one();
}

void BatchFinisher::flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = handed_over_;
  finished_.wait(lock, [&] { return done_ >= target; });
}

void BatchFinisher::complete(Batch& batch) {
  for (std::size_t i = 0; i < batch.items.size(); ++i) {
    auto& completion = batch.items[i].completion;
    if (!completion) continue;
    try {
      completion(std::move(batch.results[i]));
    } catch (...) {
      // A completion belongs to the caller; its bug must not stop other completions.
      completion_exceptions_.fetch_add(1, std::memory_order_relaxed);
    }
  }
}

void BatchFinisher::loop() {
  std::vector<Batch> taken;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
      if (queued_.empty()) return;  // stopping, and everything handed over is finished
      taken.swap(queued_);
    }
    // Outside the lock: the completions, then the destructors of what the items held.
    for (auto& batch : taken) complete(batch);
    const auto count = taken.size();
    taken.clear();
    {
      std::lock_guard lock(mutex_);
      done_ += count;
    }
    finished_.notify_all();
  }
}

}  // namespace triagebot::storage
