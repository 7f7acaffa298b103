// How long the Socket Mode loop waits before opening a connection again after
// `failures` failures in a row (a refused apps.connections.open, a failed connect, a lost
// connection): exponential from `base`, capped at `cap`, with jitter so that many
// processes dropped by one Slack outage do not all come back in the same instant.
// Pure but for the random source; any thread.
#pragma once

#include <chrono>
#include <random>

namespace triagebot::bot::slack {

// The ceiling doubles with each failure, from `base` at the first up to `cap`; the delay
// is drawn uniformly from [max(base, ceiling / 2), ceiling], so it is never shorter than
// `base` nor longer than `cap` (when base > cap, cap wins). failures < 1 counts as 1.
std::chrono::milliseconds backoff_delay(std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, int failures,
                                        std::mt19937_64& random);

}  // namespace triagebot::bot::slack
