// Server: the production HTTP/1.1 server (Boost.Beast, async, keep-alive).
//
// Construct it with options, a Router (read-only from start() on) and a Metrics
// registry; both must outlive the Server. start() binds and returns the real
// endpoint (port 0 gives an ephemeral one); a failed bind is an Error. Then
// run_until_signal() serves on `threads` io threads until SIGTERM/SIGINT or
// request_stop(), and shuts down gracefully:
//   1. stop accepting; close idle keep-alive connections;
//   2. let in-flight requests finish, including responses still pending from async
//      handlers, for at most `shutdown_timeout` (a second signal cuts this short);
//   3. run the on_shutdown hooks in reverse registration order, on the calling thread
//      (the pipeline drains the storage writer and stops the dispatcher here);
//   4. let the io threads run out and return, so main can exit 0.
//
// Per connection: an idle timeout while waiting for a request, a header timeout from
// its first byte to the end of its headers, a request timeout for the body and for
// writing the response, a body limit (413 JSON), a header limit (431 JSON), 400 JSON
// and close on malformed HTTP or unsafe framing (request_framing.h), 500 JSON when a
// handler throws, and security headers on every answer (security_headers.h).
// Connections are capped in total (past max_connections: kHealthSlots more connections
// are read for /healthz only, then a 503 JSON answer before reading) and per client
// address (past max_connections_per_address: a 429 JSON answer before reading).
//
// Records triagebot_http_requests_total{route,method,status},
// triagebot_http_request_duration_seconds{route}, triagebot_http_open_connections,
// triagebot_http_connections_rejected_total and
// triagebot_http_connections_rejected_per_address_total, and writes one "http" access-log line per
// request (method, route label, status, duration, response bytes; never bodies,
// headers or query strings).
//
// Threads: construct, start(), on_shutdown() and run_until_signal() from one thread;
// request_stop() from any thread (also from a handler).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bot/http/router.h"
#include "bot/obs/metrics.h"
#include "dialogs/result.h"

namespace triagebot::bot::http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IP address literal
  std::uint16_t port = 8080;       // 0 binds an ephemeral port
  unsigned threads = 1;
  std::size_t body_limit = 1024 * 1024;
  std::size_t header_limit = 16 * 1024;
  std::chrono::milliseconds header_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  std::chrono::milliseconds request_timeout = std::chrono::seconds(30);
  std::chrono::milliseconds shutdown_timeout = std::chrono::seconds(10);
  std::size_t max_connections = 10000;
  // Open connections one client address may hold (IPv6 counted per /64); 0 = no cap.
  // Past it a new connection gets 429 and is closed.
  std::size_t max_connections_per_address = 256;
  // Peers exempt from the per-address cap: the reverse proxies every client comes
  // through (TRIAGEBOT_TRUSTED_PROXIES), canonical text as connection_key() gives it.
  std::vector<std::string> uncapped_addresses = {};
};

// Connections past max_connections that are still read, for GET/HEAD /healthz only, so
// a health check answers while the server is full (anything else there gets 503).
inline constexpr std::size_t kHealthSlots = 4;

struct Endpoint {
  std::string host;  // as bound, e.g. "127.0.0.1" or "::1"
  std::uint16_t port = 0;
  // "http://127.0.0.1:8080", IPv6 hosts in brackets.
  std::string url() const;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; connections queue in the backlog until run_until_signal().
  Result<Endpoint> start();

  // Hooks run after the drain, last registered first. A hook that throws is logged
  // and the others still run.
  void on_shutdown(std::function<void()> hook);

  // Serves until SIGTERM/SIGINT or request_stop(), then shuts down as described above.
  void run_until_signal();

  // Same effect as SIGTERM; safe from any thread, also before run_until_signal().
  void request_stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace triagebot::bot::http
