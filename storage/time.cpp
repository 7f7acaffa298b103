#include "storage/time.h"

#include "dialogs/rfc3339.h"

namespace triagebot::storage {

std::int64_t to_millis(TimePoint at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

std::int64_t to_millis_rounded_up(TimePoint at) {
  return std::chrono::ceil<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

TimePoint from_millis(std::int64_t millis) {
  return TimePoint(std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(millis)));
}

std::string format_rfc3339(std::int64_t millis) {
  return ::triagebot::format_rfc3339(from_millis(millis));
}

}  // namespace triagebot::storage
