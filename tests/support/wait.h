// Poll a condition until it holds or a deadline passes. Tests never sleep to wait for
// something to happen (README "Tests"); they poll with a deadline instead.
#pragma once

#include <chrono>
#include <thread>

namespace triagebot::testing {

template <class Condition>
bool wait_until(Condition&& condition,
                std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= end) return condition();
    // A short yield between polls, not a wait for an event.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace triagebot::testing
