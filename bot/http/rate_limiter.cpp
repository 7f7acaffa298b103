#include "bot/http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace triagebot::bot::http {

namespace {

// A zero burst would refuse everything and a zero interval would divide by zero: both
// are configuration mistakes, clamped to the least surprising meaning.
RateLimitOptions sanitised(RateLimitOptions options) {
  options.burst = std::max<std::size_t>(options.burst, 1);
  options.refill_every = std::max(options.refill_every, std::chrono::milliseconds(1));
  options.max_keys = std::max<std::size_t>(options.max_keys, 1);
  return options;
}

}  // namespace

RateLimiter::RateLimiter(RateLimitOptions options) : options_(sanitised(options)) {}

void RateLimiter::refill(Bucket& bucket, Clock::time_point now) const {
  // A clock that went backwards (it cannot with steady_clock, but callers pass the time)
  // simply refills nothing.
  if (now <= bucket.updated) return;
  const double elapsed = std::chrono::duration<double, std::milli>(now - bucket.updated).count();
  const double interval = static_cast<double>(options_.refill_every.count());
  bucket.tokens = std::min(static_cast<double>(options_.burst), bucket.tokens + elapsed / interval);
  bucket.updated = now;
}

void RateLimiter::drop_idle(Clock::time_point now) {
  // The least recently used buckets sit at the front; once one of them is still not
  // full, the ones behind it (used later) may not be either, so stop there. This keeps
  // the cost per call small and amortised.
  while (!lru_.empty()) {
    auto it = buckets_.find(lru_.front());
    refill(it->second, now);
    if (it->second.tokens < static_cast<double>(options_.burst)) break;
    buckets_.erase(it);
    lru_.pop_front();
  }
}

RateDecision RateLimiter::check(std::string_view key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  drop_idle(now);
  std::string owned(key);
  auto it = buckets_.find(owned);
  if (it == buckets_.end()) {
    if (buckets_.size() >= options_.max_keys) {
      buckets_.erase(lru_.front());
      lru_.pop_front();
    }
    lru_.push_back(owned);
    it = buckets_
             .emplace(std::move(owned),
                      Bucket{static_cast<double>(options_.burst), now, std::prev(lru_.end())})
             .first;
  } else {
    lru_.splice(lru_.end(), lru_, it->second.position);
    refill(it->second, now);
  }

  Bucket& bucket = it->second;
  const auto decision = decide(bucket);
  if (decision.allowed) bucket.tokens -= 1.0;
  return decision;
}

RateDecision RateLimiter::peek(std::string_view key, Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  const auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) return RateDecision{};  // no bucket is a full bucket
  Bucket bucket = it->second;
  refill(bucket, now);
  return decide(bucket);
}

RateDecision RateLimiter::decide(const Bucket& bucket) const {
  if (bucket.tokens >= 1.0) return RateDecision{};
  const double missing_ms =
      (1.0 - bucket.tokens) * static_cast<double>(options_.refill_every.count());
  const auto seconds = static_cast<long long>(std::ceil(missing_ms / 1000.0));
  return RateDecision{.allowed = false,
                      .retry_after = std::chrono::seconds(std::max(1LL, seconds))};
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace triagebot::bot::http
