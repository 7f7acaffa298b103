// Time as the store keeps it: integer milliseconds since the Unix epoch in every column
// (sortable, compact, index-friendly), std::chrono time points in the C++ API, and
// RFC3339 UTC text with milliseconds ("2026-11-25T14:53:15.123Z") in the read models.
// Pure functions; any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace triagebot::storage {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

std::int64_t to_millis(TimePoint at);             // truncated: for "when it happened"
std::int64_t to_millis_rounded_up(TimePoint at);  // for "not before"
TimePoint from_millis(std::int64_t millis);
std::string format_rfc3339(std::int64_t millis);
inline std::string format_rfc3339(TimePoint at) { return format_rfc3339(to_millis(at)); }

}  // namespace triagebot::storage
