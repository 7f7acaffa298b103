#include "bot/flow/blocking_pool.h"

#include <exception>
#include <utility>

#include <boost/asio/post.hpp>

#include "bot/obs/log.h"
#include "storage/thread_name.h"

namespace triagebot::bot {

void run_inline(std::function<void()> job) { job(); }

BlockingPool::BlockingPool(std::size_t threads) : pool_(threads) {}

BlockingPool::~BlockingPool() { stop(); }

void BlockingPool::post(std::function<void()> job) {
  boost::asio::post(pool_, [job = std::move(job)] {
    // Asio starts the pool's threads; each names itself on its first job.
    thread_local bool named = false;
    if (!named) {
      storage::name_this_thread("tb-pool");
      named = true;
    }
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
