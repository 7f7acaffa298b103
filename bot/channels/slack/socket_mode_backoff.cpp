#include "bot/channels/slack/socket_mode_backoff.h"

#include <algorithm>

namespace triagebot::bot::slack {

std::chrono::milliseconds backoff_delay(std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, int failures,
                                        std::mt19937_64& random) {
  using std::chrono::milliseconds;
  const milliseconds floor = std::min(std::max(base, milliseconds(0)), cap);
  // 2^20 times any sensible base is far past any sensible cap; the limit keeps the shift
  // from overflowing.
  const int doublings = std::clamp(failures - 1, 0, 20);
  milliseconds ceiling = cap;
  if (floor.count() > 0 && floor.count() <= cap.count() >> doublings) {
    ceiling = floor * (std::int64_t{1} << doublings);
  }
  const milliseconds low = std::max(floor, ceiling / 2);
  if (low >= ceiling) return ceiling;
  std::uniform_int_distribution<std::int64_t> pick(low.count(), ceiling.count());
  return milliseconds(pick(random));
}

}  // namespace triagebot::bot::slack
