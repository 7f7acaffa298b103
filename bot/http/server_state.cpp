#include "bot/http/server_state.h"

#include <vector>

#include "bot/http/session.h"
#include "bot/obs/log.h"

namespace triagebot::bot::http {

ServerState::ServerState(ServerOptions options_in, const Router& router_in, Metrics& metrics_in)
    : options(std::move(options_in)),
      router(router_in),
      metrics(metrics_in),
      open_gauge_(metrics.gauge("triagebot_http_open_connections", "Open HTTP connections")),
      rejected_(metrics.counter("triagebot_http_connections_rejected_total",
                                "Connections answered 503 because the open-connection cap was "
                                "reached")) {}

bool ServerState::try_open_connection() {
  auto open = open_.load();
  do {
    if (open >= options.max_connections) return false;
  } while (!open_.compare_exchange_weak(open, open + 1));
  open_gauge_.add(1);
  return true;
}

void ServerState::connection_closed() {
  open_.fetch_sub(1);
  open_gauge_.add(-1);
  notify();
}

void ServerState::connection_rejected() { rejected_.inc(); }

bool ServerState::register_session(std::uint64_t id, std::weak_ptr<Session> session) {
  std::lock_guard lock(mutex_);
  if (stopping_.load()) return false;
  sessions_.emplace(id, std::move(session));
  return true;
}

void ServerState::unregister_session(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(id);
}

void ServerState::shutdown_sessions(bool force) {
  std::vector<std::shared_ptr<Session>> live;
  {
    // Under the same lock as register_session, so a session either is in this
    // snapshot or sees `stopping` when it registers.
    std::lock_guard lock(mutex_);
    stopping_.store(true, std::memory_order_release);
    for (const auto& [id, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (const auto& session : live) session->shutdown(force);
}

bool ServerState::wait_until(std::chrono::steady_clock::time_point deadline,
                             const std::function<bool()>& done) {
  std::unique_lock lock(mutex_);
  return changed_.wait_until(lock, deadline, done);
}

void ServerState::notify() {
  // Taking the lock orders this wake-up after a waiter's check of its condition.
  { std::lock_guard lock(mutex_); }
  changed_.notify_all();
}

void ServerState::record(std::string_view route, std::string_view method, int status,
                         std::chrono::steady_clock::duration duration, std::size_t bytes) {
  const Labels labels{{"route", std::string(route)},
                      {"method", std::string(method)},
                      {"status", std::to_string(status)}};
  metrics.counter("triagebot_http_requests_total", "HTTP requests answered, by route", labels)
      .inc();
  const double seconds = std::chrono::duration<double>(duration).count();
  metrics
      .histogram("triagebot_http_request_duration_seconds",
                 "Time from a request's first byte to its answer written",
                 {{"route", std::string(route)}})
      .observe(seconds);
  log(LogLevel::info, "http",
      {{"method", method},
       {"route", route},
       {"status", status},
       {"duration_ms", std::chrono::duration<double, std::milli>(duration).count()},
       {"bytes", bytes}});
}

}  // namespace triagebot::bot::http
