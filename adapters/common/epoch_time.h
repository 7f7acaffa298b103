// Unix times that platforms send, turned into time points only after a range check.
// system_clock counts nanoseconds in a 64-bit integer (libstdc++), so any count of
// seconds past about 9.2e9 (the year 2262) overflows the conversion: undefined
// behaviour, not an error. Pure; any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace triagebot::adapters::common {

// 2100-01-01T00:00:00Z. No platform sends a later time for something that happened;
// anything past it is refused long before the conversion could overflow.
inline constexpr std::int64_t kLatestEpochSeconds = 4'102'444'800;

// `seconds` since the Unix epoch as a time point when 0 < seconds <= kLatestEpochSeconds;
// std::nullopt otherwise (0 is Telegram's "no date" for inaccessible messages).
inline std::optional<std::chrono::system_clock::time_point> time_from_epoch_seconds(
    std::int64_t seconds) {
  if (seconds <= 0 || seconds > kLatestEpochSeconds) return std::nullopt;
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

}  // namespace triagebot::adapters::common
