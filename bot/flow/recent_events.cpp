#include "bot/flow/recent_events.h"

#include "storage/platform_key.h"

namespace triagebot::bot {

std::string RecentEvents::key(std::string_view platform, std::string_view event_id) {
  return storage::platform_key(platform, event_id);
}

void RecentEvents::committed(std::string_view platform, std::string_view event_id) {
  if (capacity_ == 0) return;
  auto id = key(platform, event_id);
  std::lock_guard lock(mutex_);
  const auto [inserted, fresh] = ids_.insert(std::move(id));
  if (!fresh) return;
  order_.push_back(&*inserted);
  if (order_.size() > capacity_) {
    // find, then erase the element: erase(key) with a key that is the element itself
    // would read it while freeing it.
    ids_.erase(ids_.find(*order_.front()));
    order_.pop_front();
  }
}

bool RecentEvents::seen(std::string_view platform, std::string_view event_id) const {
  const auto id = key(platform, event_id);
  std::lock_guard lock(mutex_);
  return ids_.count(id) > 0;
}

}  // namespace triagebot::bot
