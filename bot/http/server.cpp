#include "bot/http/server.h"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include "bot/http/listener.h"
#include "bot/http/server_state.h"
#include "bot/obs/log.h"
#include "storage/thread_name.h"

namespace triagebot::bot::http {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
// After the drain and the hooks, how long the io threads get to run out on their own
// (closing connections, rejecters' short drains) before their loops are stopped.
constexpr auto kRunOutTime = std::chrono::seconds(5);
}  // namespace

std::string Endpoint::url() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// Thread model: one io_context per io thread, each run by exactly that thread, with
// accepted connections dealt round robin. Measured on our 2-core bench machine
// (bench-peers/ceiling/beast_hello.cpp, --ioc per-thread vs shared) this was ~25%
// faster than one io_context shared by all threads with a strand per connection:
// no handler ever crosses threads, so there is no strand and no contention on one
// scheduler queue. A session's handlers therefore never run concurrently.
struct Server::Impl {
  Impl(ServerOptions server_options, const Router& router, Metrics& metrics)
      : options(server_options),
        state(std::make_shared<ServerState>(std::move(server_options), router, metrics)) {}

  void wait_for_signal() {
    signals->async_wait([this](boost::system::error_code ec, int signal) {
      if (ec) return;  // cancelled at shutdown
      log(LogLevel::info, "signal", {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
      request_stop();
      wait_for_signal();  // a second signal cuts the drain short
    });
  }

  void request_stop() {
    {
      std::lock_guard lock(mutex);
      if (stop_requested) force = true;
      stop_requested = true;
    }
    stop_changed.notify_all();
    state->notify();
  }

  // The io loop's last-resort catch: a completion handler that throws is a bug; it
  // is logged and the loop goes on, so one bad request cannot take the process down.
  static void run_loop(net::io_context& context) {
    for (;;) {
      try {
        context.run();
        return;
      } catch (...) {
        log(LogLevel::error, "io_handler_failed");
      }
    }
  }

  ServerOptions options;
  std::shared_ptr<ServerState> state;
  // Declared before everything that uses them, so they are destroyed last.
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  std::shared_ptr<Listener> listener;
  std::optional<net::signal_set> signals;
  std::vector<std::function<void()>> hooks;
  bool started = false;

  std::mutex mutex;
  std::condition_variable stop_changed;
  bool stop_requested = false;
  std::atomic<bool> force{false};
};

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() = default;

Result<Endpoint> Server::start() {
  auto& impl = *impl_;
  if (impl.started) return make_error(ErrorCode::already_started, "the server is already started");
  boost::system::error_code ec;
  const auto address = net::ip::make_address(impl.options.host, ec);
  if (ec) {
    return make_error(ErrorCode::listen_failed, "not an IP address: " + impl.options.host);
  }
  const unsigned threads = std::max(1u, impl.options.threads);
  for (unsigned i = 0; i < threads; ++i) {
    impl.contexts.push_back(std::make_unique<net::io_context>(1));
  }
  // Called only from the acceptor's handler, which runs on the first io thread.
  auto next_executor = [&contexts = impl.contexts,
                        next = std::size_t{0}]() mutable -> net::any_io_executor {
    return contexts[next++ % contexts.size()]->get_executor();
  };
  impl.listener = std::make_shared<Listener>(*impl.contexts[0], next_executor, impl.state);
  auto bound = impl.listener->listen(tcp::endpoint(address, impl.options.port));
  if (!bound) return bound.error();
  impl.listener->accept();
  impl.signals.emplace(*impl.contexts[0], SIGINT, SIGTERM);
  impl.wait_for_signal();
  for (auto& context : impl.contexts) impl.guards.push_back(net::make_work_guard(*context));
  impl.started = true;
  return Endpoint{bound->address().to_string(), bound->port()};
}

void Server::on_shutdown(std::function<void()> hook) { impl_->hooks.push_back(std::move(hook)); }

void Server::request_stop() { impl_->request_stop(); }

void Server::run_until_signal() {
  auto& impl = *impl_;
  if (!impl.started) return;
  std::atomic<std::size_t> finished{0};
  std::vector<std::thread> threads;
  for (auto& context : impl.contexts) {
    threads.emplace_back([&impl, &finished, context = context.get(), n = threads.size()] {
      storage::name_this_thread("tb-io-" + std::to_string(n));
      Impl::run_loop(*context);
      ++finished;
      impl.state->notify();
    });
  }
  {
    std::unique_lock lock(impl.mutex);
    impl.stop_changed.wait(lock, [&] { return impl.stop_requested; });
  }
  const auto& state = *impl.state;
  log(LogLevel::info, "shutdown_started", {{"open_connections", state.open_connections()}});

  // 1. Stop accepting; idle keep-alive connections close, busy ones after their answer.
  impl.listener->close();
  impl.state->shutdown_sessions(false);
  // 2. In-flight requests (async handlers included) get up to shutdown_timeout.
  const bool drained =
      impl.state->wait_until(std::chrono::steady_clock::now() + impl.options.shutdown_timeout,
                             [&] { return state.open_connections() == 0 || impl.force.load(); });
  if (!drained || state.open_connections() > 0) {
    log(LogLevel::warn, "shutdown_timeout", {{"open_connections", state.open_connections()}});
    impl.state->shutdown_sessions(true);
  }
  // 3. Hooks, last registered first: e.g. drain the storage writer, stop the dispatcher.
  for (auto hook = impl.hooks.rbegin(); hook != impl.hooks.rend(); ++hook) {
    try {
      (*hook)();
    } catch (...) {
      log(LogLevel::error, "shutdown_hook_failed",
          {{"hook", static_cast<std::size_t>(impl.hooks.rend() - hook) - 1}});
    }
  }
  // 4. Let the io threads run out of work. Only if something lingers past kRunOutTime
  // are the loops stopped — never before the drain above (STYLE.md §3).
  net::post(*impl.contexts[0], [&impl] { impl.signals->cancel(); });
  impl.guards.clear();
  const bool ran_out = impl.state->wait_until(std::chrono::steady_clock::now() + kRunOutTime,
                                              [&] { return finished == threads.size(); });
  if (!ran_out) {
    for (auto& context : impl.contexts) context->stop();
  }
  for (auto& thread : threads) thread.join();
  log(LogLevel::info, "shutdown_complete");
}

}  // namespace triagebot::bot::http
