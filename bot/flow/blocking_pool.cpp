#include "bot/flow/blocking_pool.h"

#include <exception>
#include <utility>

#include <boost/asio/post.hpp>

#include "bot/obs/log.h"

namespace triagebot::bot {

void run_inline(std::function<void()> job) { job(); }

BlockingPool::BlockingPool(std::size_t threads) : pool_(threads) {}

BlockingPool::~BlockingPool() { stop(); }

void BlockingPool::post(std::function<void()> job) {
  boost::asio::post(pool_, [job = std::move(job)] {
    // Last resort (STYLE.md §4): a bug in one job must not end the process.
    try {
      job();
    } catch (const std::exception&) {
      log(LogLevel::error, "blocking_pool.job_threw", {{"stage", "job"}});
    }
  });
}

void BlockingPool::stop() { pool_.join(); }

RunBlocking BlockingPool::runner() {
  return [this](std::function<void()> job) { post(std::move(job)); };
}

}  // namespace triagebot::bot
