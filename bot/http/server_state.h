// Internal to bot/http: what the listener and every session share with the Server.
// Held by shared_ptr so a session that outlives a stopped io_context never dangles.
// Threads: all members are safe from any io thread (atomics, or under `mutex`).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bot/http/router.h"
#include "bot/http/server.h"
#include "bot/obs/metrics.h"

namespace triagebot::bot::http {

class Session;

class ServerState {
 public:
  ServerState(ServerOptions options, const Router& router, Metrics& metrics);

  const ServerOptions options;
  const Router& router;
  Metrics& metrics;

  // What the listener does with a new connection.
  enum class Admission {
    serve,             // a normal session
    health_only,       // past the cap, in a reserved slot: /healthz only, then close
    over_cap,          // past the cap and its reserved slots: 503
    over_address_cap,  // this address already holds its share: 429
  };
  // One admitted (or refused) connection, as the session gives it back at its end.
  struct Ticket {
    std::string address;  // connection_key() of the peer
    bool capped = true;   // false for TRIAGEBOT_TRUSTED_PROXIES: no per-address cap
    Admission admission = Admission::serve;
  };
  // Connections: counted from accept to session destruction (ticket.admission is set).
  void try_open_connection(Ticket& ticket);
  void connection_closed(const Ticket& ticket);
  void connection_rejected(const Ticket& ticket);
  // Whether a peer's address is exempt from the per-address cap.
  bool is_uncapped(const std::string& canonical_address) const;
  // Returns false when the server is stopping (the session should close at once).
  bool register_session(std::uint64_t id, std::weak_ptr<Session> session);
  void unregister_session(std::uint64_t id);
  std::uint64_t next_session_id() { return next_id_.fetch_add(1, std::memory_order_relaxed); }
  std::size_t open_connections() const { return open_.load(); }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  // Sets stopping and asks every session to close when idle (force: close now).
  void shutdown_sessions(bool force);
  // Waits until `done()` holds (checked under the lock after every notify()) or
  // `deadline` passes; returns done().
  bool wait_until(std::chrono::steady_clock::time_point deadline,
                  const std::function<bool()>& done);
  // Wakes wait_until(); called when a connection closes and by the Server.
  void notify();

  // Metrics and the access-log line for one answered request.
  void record(std::string_view route, std::string_view method, int status,
              std::chrono::steady_clock::duration duration, std::size_t bytes);

 private:
  Gauge& open_gauge_;
  Counter& rejected_;
  Counter& rejected_per_address_;
  std::atomic<std::size_t> open_{0};
  std::mutex admission_mutex_;  // the two maps below and health_open_
  std::unordered_map<std::string, std::size_t> per_address_;
  std::size_t health_open_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> next_id_{1};
  std::mutex mutex_;
  std::condition_variable changed_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions_;

  // record()'s series, found once per route, method and status: a registry lookup builds
  // and renders its label set, a few µs on every request.
  struct RequestSeries {
    Counter* requests;
    Histogram* duration;
  };
  RequestSeries& request_series(std::string_view route, std::string_view method, int status);
  std::shared_mutex series_mutex_;
  std::map<std::string, RequestSeries, std::less<>> series_;  // "route method status"
};

}  // namespace triagebot::bot::http
