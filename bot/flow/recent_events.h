// RecentEvents: the delivery ids (platform, event id) the pipeline committed lately, in
// memory, so a redelivery (a Telegram webhook retried after a timeout, Slack's
// X-Slack-Retry-Num, a reconnecting socket) is known before any work is done for it.
// Dedup stays exact without it: the writer's unique key in the same commit decides;
// this only saves the interview step a known duplicate would waste. Bounded: the oldest
// id is forgotten first, and a forgotten id is still caught by the database.
//
// Threads: thread-safe (one short lock per call).
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace triagebot::bot {

class RecentEvents {
 public:
  explicit RecentEvents(std::size_t capacity) : capacity_(capacity) {}

  // After the commit that recorded the event.
  void committed(std::string_view platform, std::string_view event_id);
  bool seen(std::string_view platform, std::string_view event_id) const;

 private:
  static std::string key(std::string_view platform, std::string_view event_id);

  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::unordered_set<std::string> ids_;
  // Oldest first, pointing into ids_ (an element of an unordered_set keeps its address
  // when the set rehashes): each id is held once, not twice. At 16,384 ids the copies
  // were ~0.7 MiB of the 64 MiB that issue 13 allows.
  std::deque<const std::string*> order_;
};

}  // namespace triagebot::bot
