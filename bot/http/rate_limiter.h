// A token-bucket rate limiter with the time passed in, for per-key request limits (429
// with Retry-After, API.md): the widget's per-session and per-address limits. State
// shared by every io thread lives here in the shell, not in the pure adapters.
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

namespace triagebot::bot::http {

struct RateLimitOptions {
  std::size_t burst = 10;
  std::chrono::milliseconds refill_every{1000};
  std::size_t max_keys = 100000;
};

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

  // What check() would decide, without spending a token or creating a bucket: for
  // limits that count only some requests (failed sign-ins) but refuse all of them.
  RateDecision peek(std::string_view key, Clock::time_point now) const;

  // Buckets held right now (for tests and the metrics page).
  std::size_t size() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
    std::list<std::string>::iterator position;  // in lru_, most recent at the back
  };

  void refill(Bucket& bucket, Clock::time_point now) const;
  RateDecision decide(const Bucket& bucket) const;  // without spending
  void drop_idle(Clock::time_point now);

  const RateLimitOptions options_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> lru_;
};

}  // namespace triagebot::bot::http
