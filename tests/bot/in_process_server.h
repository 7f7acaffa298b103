// A real bot::http::Server on 127.0.0.1 port 0 inside the test process, serving on
// its own thread, with routes the test adds. Stopped and joined in the destructor.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>
#include <thread>

#include "bot/http/builtin_routes.h"
#include "bot/http/router.h"
#include "bot/http/server.h"
#include "bot/obs/metrics.h"

namespace triagebot::testing {

class InProcessServer {
 public:
  explicit InProcessServer(
      bot::http::ServerOptions options,
      const std::function<void(bot::http::Router&)>& add_routes = [](bot::http::Router&) {},
      const std::function<void(bot::http::Server&)>& before_run = [](bot::http::Server&) {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    bot::http::add_health_route(router, [this] { return healthy.load(); });
    bot::http::add_metrics_route(router, metrics);
    add_routes(router);
    server = std::make_unique<bot::http::Server>(options, router, metrics);
    auto endpoint = server->start();
    if (!endpoint) throw std::runtime_error(endpoint.error().message);
    port = endpoint->port;
    before_run(*server);
    thread = std::thread([this] {
      server->run_until_signal();
      returned = true;
    });
  }
  ~InProcessServer() { stop(); }

  void stop() {
    if (!thread.joinable()) return;
    server->request_stop();
    thread.join();
  }

  std::atomic<bool> healthy{true};  // what GET /healthz reports
  bot::Metrics metrics;
  bot::http::Router router;
  std::unique_ptr<bot::http::Server> server;
  std::uint16_t port = 0;
  std::atomic<bool> returned{false};
  std::thread thread;
};

}  // namespace triagebot::testing
