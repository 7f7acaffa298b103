#include "bot/http/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace triagebot::bot::http {
namespace rate_limiter_test {
namespace {

using namespace std::chrono_literals;
using Clock = RateLimiter::Clock;

const Clock::time_point t0 = Clock::time_point{} + 1000h;

TEST(RateLimiter, AllowsBurstThenRefuses) {
  RateLimiter limiter({.burst = 3, .refill_every = 1000ms, .max_keys = 10});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.check("s", t0).allowed) << i;
  const auto refused = limiter.check("s", t0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, 1s);
}

TEST(RateLimiter, RetryAfterRoundsUpToWholeSeconds) {
  RateLimiter limiter({.burst = 1, .refill_every = 2500ms, .max_keys = 10});
  EXPECT_TRUE(limiter.check("s", t0).allowed);
  EXPECT_EQ(limiter.check("s", t0).retry_after, 3s);
  EXPECT_EQ(limiter.check("s", t0 + 1000ms).retry_after, 2s);
}

TEST(RateLimiter, RefillsOverTime) {
  RateLimiter limiter({.burst = 2, .refill_every = 1000ms, .max_keys = 10});
  EXPECT_TRUE(limiter.check("s", t0).allowed);
  EXPECT_TRUE(limiter.check("s", t0).allowed);
  EXPECT_FALSE(limiter.check("s", t0 + 999ms).allowed);
  EXPECT_TRUE(limiter.check("s", t0 + 1000ms).allowed);
  EXPECT_FALSE(limiter.check("s", t0 + 1000ms).allowed);
}

TEST(RateLimiter, KeysAreIndependent) {
  RateLimiter limiter({.burst = 1, .refill_every = 1000ms, .max_keys = 10});
  EXPECT_TRUE(limiter.check("a", t0).allowed);
  EXPECT_FALSE(limiter.check("a", t0).allowed);
  EXPECT_TRUE(limiter.check("b", t0).allowed);
}

TEST(RateLimiter, RefusedRequestsDoNotSpendTokens) {
  RateLimiter limiter({.burst = 1, .refill_every = 1000ms, .max_keys = 10});
  EXPECT_TRUE(limiter.check("s", t0).allowed);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limiter.check("s", t0 + 500ms).allowed);
  EXPECT_TRUE(limiter.check("s", t0 + 1000ms).allowed);
}

TEST(RateLimiter, DropsIdleKeys) {
  RateLimiter limiter({.burst = 2, .refill_every = 1000ms, .max_keys = 100});
  for (int i = 0; i < 50; ++i) {
    // Appending (not "k" + to_string) sidesteps GCC 12's false -Wrestrict at -O2.
    std::string key = "k";
    key += std::to_string(i);
    EXPECT_TRUE(limiter.check(key, t0).allowed);
  }
  EXPECT_EQ(limiter.size(), 50u);
  // After one refill interval every bucket is full again, so none need keeping.
  EXPECT_TRUE(limiter.check("fresh", t0 + 1s).allowed);
  EXPECT_EQ(limiter.size(), 1u);
}

TEST(RateLimiter, MemoryStaysBoundedByEvictingLeastRecentlyUsed) {
  RateLimiter limiter({.burst = 1, .refill_every = 1h, .max_keys = 3});
  EXPECT_TRUE(limiter.check("a", t0).allowed);
  EXPECT_TRUE(limiter.check("b", t0 + 1ms).allowed);
  EXPECT_TRUE(limiter.check("c", t0 + 2ms).allowed);
  EXPECT_FALSE(limiter.check("a", t0 + 3ms).allowed);  // a is now the most recent
  EXPECT_TRUE(limiter.check("d", t0 + 4ms).allowed);   // evicts b, the least recent
  EXPECT_EQ(limiter.size(), 3u);
  EXPECT_FALSE(limiter.check("a", t0 + 5ms).allowed);  // a kept its empty bucket
  EXPECT_TRUE(limiter.check("b", t0 + 6ms).allowed);   // b starts over
}

TEST(RateLimiter, ClampsNonsenseOptions) {
  RateLimiter limiter({.burst = 0, .refill_every = 0ms, .max_keys = 0});
  EXPECT_TRUE(limiter.check("s", t0).allowed);
  EXPECT_FALSE(limiter.check("s", t0).allowed);
  EXPECT_TRUE(limiter.check("s", t0 + 1ms).allowed);
}

TEST(RateLimiter, CountsExactlyUnderConcurrentUse) {
  RateLimiter limiter({.burst = 1000, .refill_every = 1h, .max_keys = 10});
  std::vector<std::thread> threads;
  std::atomic<int> allowed{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.check("shared", t0).allowed) ++allowed;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(allowed.load(), 1000);
}

}  // namespace
}  // namespace rate_limiter_test
}  // namespace triagebot::bot::http
