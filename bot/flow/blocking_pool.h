// BlockingPool: a few threads for blocking work that must stay off the io threads — a
// store read a request has to wait for before it can be answered (the widget's token
// lookup and its history). An io thread that blocks holds up every connection dealt to
// it; a pool thread holds up only the requests queued behind it.
//
// Threads: post() from any thread; the job runs on a pool thread and answers through
// whatever it captured (http::Respond posts back to the connection's executor). stop()
// from the owner's thread, after the server has drained: it runs what is queued, then
// joins. The store the jobs read must outlive stop().
#pragma once

#include <cstddef>
#include <functional>

#include <boost/asio/thread_pool.hpp>

namespace triagebot::bot {

// How a route runs blocking work: on a BlockingPool in the server, inline in tests that
// need no io threads kept free.
using RunBlocking = std::function<void(std::function<void()> job)>;
void run_inline(std::function<void()> job);

class BlockingPool {
 public:
  explicit BlockingPool(std::size_t threads);
  ~BlockingPool();  // stop()
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  void post(std::function<void()> job);
  // Runs what is queued, joins. Idempotent.
  void stop();

  // post() as a RunBlocking; the pool must outlive it.
  RunBlocking runner();

 private:
  boost::asio::thread_pool pool_;
};

}  // namespace triagebot::bot
