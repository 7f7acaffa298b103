#include "adapters/common/epoch_time.h"

#include <gtest/gtest.h>

#include <limits>

namespace triagebot::adapters::common {
namespace epoch_time_test {
namespace {

TEST(EpochTime, AcceptsSecondsUpTo2100) {
  ASSERT_TRUE(time_from_epoch_seconds(1732540211));
  EXPECT_EQ(time_from_epoch_seconds(1732540211)->time_since_epoch(),
            std::chrono::seconds(1732540211));
  EXPECT_TRUE(time_from_epoch_seconds(kLatestEpochSeconds));
}

// Each of these would overflow system_clock's nanoseconds, or is no real time.
TEST(EpochTime, RefusesWhatCouldOverflowOrIsNoTime) {
  for (std::int64_t seconds :
       {std::int64_t{0}, std::int64_t{-1}, kLatestEpochSeconds + 1, std::int64_t{9007199254740992},
        std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
    EXPECT_FALSE(time_from_epoch_seconds(seconds)) << seconds;
  }
}

}  // namespace
}  // namespace epoch_time_test
}  // namespace triagebot::adapters::common
