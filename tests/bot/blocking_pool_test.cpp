// BlockingPool: jobs run off the caller's thread, on threads named for top -H and perf,
// and a job that throws does not end the pool.
#include "bot/flow/blocking_pool.h"

#include <pthread.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace triagebot::testing::blocking_pool_test {
namespace {

std::string this_threads_name() {
  char name[16] = {};
  pthread_getname_np(pthread_self(), name, sizeof name);
  return name;
}

TEST(BlockingPool, JobsRunOnThreadsNamedTbPool) {
  bot::BlockingPool pool(2);
  std::promise<std::pair<std::thread::id, std::string>> ran;
  auto future = ran.get_future();
  pool.post([&] { ran.set_value({std::this_thread::get_id(), this_threads_name()}); });
  const auto [thread, name] = future.get();
  EXPECT_NE(thread, std::this_thread::get_id());
  EXPECT_EQ(name, "tb-pool");
}

TEST(BlockingPool, AJobThatThrowsLeavesThePoolWorking) {
  bot::BlockingPool pool(1);
  pool.post([] { throw std::runtime_error("a bug in one job"); });
  std::promise<void> next;
  auto future = next.get_future();
  pool.post([&] { next.set_value(); });
  EXPECT_EQ(future.wait_for(std::chrono::seconds(30)), std::future_status::ready);
}

}  // namespace
}  // namespace triagebot::testing::blocking_pool_test
