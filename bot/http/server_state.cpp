#include "bot/http/server_state.h"

#include <algorithm>
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
                                "reached")),
      rejected_per_address_(metrics.counter(
          "triagebot_http_connections_rejected_per_address_total",
          "Connections answered 429 because their address held its share of connections")) {}

bool ServerState::is_uncapped(const std::string& canonical_address) const {
  const auto& uncapped = options.uncapped_addresses;
  return std::find(uncapped.begin(), uncapped.end(), canonical_address) != uncapped.end();
}

void ServerState::try_open_connection(Ticket& ticket) {
  std::lock_guard lock(admission_mutex_);
  if (ticket.capped && options.max_connections_per_address > 0) {
    const auto held = per_address_.find(ticket.address);
    if (held != per_address_.end() && held->second >= options.max_connections_per_address) {
      ticket.admission = Admission::over_address_cap;
      return;
    }
  }
  ticket.admission = Admission::serve;
  // The reserved health slots come on top of the cap, so they do not count against it.
  if (open_.load() - health_open_ >= options.max_connections) {
    if (health_open_ >= kHealthSlots) {
      ticket.admission = Admission::over_cap;
      return;
    }
    ticket.admission = Admission::health_only;
    ++health_open_;
  }
  if (ticket.capped) ++per_address_[ticket.address];
  open_.fetch_add(1);
  open_gauge_.add(1);
}

void ServerState::connection_closed(const Ticket& ticket) {
  {
    std::lock_guard lock(admission_mutex_);
    if (ticket.admission == Admission::health_only) --health_open_;
    if (ticket.capped) {
      // The map holds only addresses with open connections, so it stays small.
      if (const auto held = per_address_.find(ticket.address); held != per_address_.end()) {
        if (--held->second == 0) per_address_.erase(held);
      }
    }
    open_.fetch_sub(1);
  }
  open_gauge_.add(-1);
  notify();
}

void ServerState::connection_rejected(const Ticket& ticket) {
  (ticket.admission == Admission::over_address_cap ? rejected_per_address_ : rejected_).inc();
}

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

ServerState::RequestSeries& ServerState::request_series(std::string_view route,
                                                        std::string_view method, int status) {
  thread_local std::string key;  // reused: no allocation once it has grown
  key.assign(route);
  key += ' ';
  key += method;
  key += ' ';
  key += std::to_string(status);
  {
    std::shared_lock lock(series_mutex_);
    if (auto found = series_.find(key); found != series_.end()) return found->second;
  }
  const Labels labels{{"route", std::string(route)},
                      {"method", std::string(method)},
                      {"status", std::to_string(status)}};
  RequestSeries series{
      &metrics.counter("triagebot_http_requests_total", "HTTP requests answered, by route", labels),
      &metrics.histogram("triagebot_http_request_duration_seconds",
                         "Time from a request's first byte to its answer written",
                         {{"route", std::string(route)}})};
  std::unique_lock lock(series_mutex_);
  return series_.try_emplace(key, series).first->second;
}

void ServerState::record(std::string_view route, std::string_view method, int status,
                         std::chrono::steady_clock::duration duration, std::size_t bytes) {
  RequestSeries& series = request_series(route, method, status);
  series.requests->inc();
  series.duration->observe(std::chrono::duration<double>(duration).count());
  log_http_request(method, route, status,
                   std::chrono::duration<double, std::milli>(duration).count(), bytes);
}

}  // namespace triagebot::bot::http
