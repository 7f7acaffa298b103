// A token-bucket rate limiter with the time passed in, used for the widget's
// per-session and per-address limits (429 with Retry-After, API.md).
//
// Each key owns a bucket of `burst` tokens refilled at one token per `refill_every`;
// a request spends one. Memory is bounded: at most `max_keys` buckets are kept, buckets
// that have refilled completely are dropped (a full bucket is the same as no bucket),
// and when the table is full the least recently used key is evicted.
//
// Thread-safety: check() takes an internal mutex, so one limiter may be shared by all
// io threads. The critical section is a hash lookup and a list splice.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace triagebot::adapters::widget {

struct RateLimitOptions {
  std::size_t burst = 10;
  std::chrono::milliseconds refill_every{1000};
  std::size_t max_keys = 100000;
};

// Defaults (TRIAGEBOT_* overrides are read by bot/config). One person answers a question
// every few seconds, and pressing buttons quickly should never trip the limit; a script
// hammering one session should.
inline constexpr RateLimitOptions kSessionTurnLimit{
    .burst = 20, .refill_every = std::chrono::milliseconds(1000), .max_keys = 100000};
// Per client address, across all of its sessions (turns and new sessions). Generous,
// because when the clinic's reverse proxy is not listed in TRIAGEBOT_TRUSTED_PROXIES
// every visitor shares the proxy's address: 20 requests a second sustained, 600 burst.
inline constexpr RateLimitOptions kAddressLimit{
    .burst = 600, .refill_every = std::chrono::milliseconds(50), .max_keys = 100000};
// New sessions per client address: a few restarts are normal, thousands are not.
inline constexpr RateLimitOptions kSessionCreateLimit{
    .burst = 60, .refill_every = std::chrono::milliseconds(2000), .max_keys = 100000};

struct RateDecision {
  bool allowed = true;
  // When refused: how long until one token is back, rounded up to whole seconds
  // (at least 1), ready for a Retry-After header. Zero when allowed.
  std::chrono::seconds retry_after{0};
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimiter(RateLimitOptions options);

  RateDecision check(std::string_view key, Clock::time_point now);

  // Buckets held right now (for tests and the metrics page).
  std::size_t size() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
    std::list<std::string>::iterator position;  // in lru_, most recent at the back
  };

  void refill(Bucket& bucket, Clock::time_point now) const;
  void drop_idle(Clock::time_point now);

  const RateLimitOptions options_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> lru_;
};

}  // namespace triagebot::adapters::widget
