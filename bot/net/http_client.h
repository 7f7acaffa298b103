// HttpClient: the outbound HTTPS client that sends adapters' OutboundCalls to a platform
// API (Telegram Bot API, Slack Web API) — Boost.Beast over Asio and OpenSSL.
//
// One client serves one base URL ("https://api.telegram.org", "https://slack.com/api",
// or "http://127.0.0.1:PORT" in tests); a call's `path` is appended to it. Plain http://
// is refused at creation unless the host is a literal loopback address, so a token can
// never cross a network unencrypted. TLS verifies the peer's certificate against the
// system store (plus `extra_ca_pem`) and its host name, and sends SNI.
//
// Connections are kept alive and reused (at most `max_idle_connections` idle ones, none
// older than `max_idle_age`). A reused connection the server had already closed is
// detected when the request fails before any answer arrives, and the request is sent
// once more on a fresh connection.
//
// Every request has one deadline (`timeout`, or the per-call override) covering DNS,
// connect, TLS handshake, write and read. Errors: "timeout"; "connection" (DNS, refused,
// reset, closed); "tls" (handshake or certificate failure); "response_too_large" (over
// `max_response_bytes`); "bad_request" (a method name HTTP does not know). Messages name
// the stage and the system error only: paths hold tokens, so neither they nor bodies are
// ever logged or put in errors — `call.log_name` identifies the call.
//
// Threads: HttpClient is a cheap handle (copies share one pool). send() may be called
// from any thread; `done` runs later on a strand of the client's executor, never inline.
// Calls in flight keep what they need alive, so the handle may be dropped meanwhile.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

namespace boost::asio {
class io_context;
}

#include "adapters/http_types.h"
#include "adapters/outbound.h"
#include "dialogs/result.h"

namespace triagebot::bot::net {

struct ClientResponse {
  int status = 0;
  adapters::Headers headers;
  std::string body;
};

struct HttpClientOptions {
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  std::size_t max_response_bytes = 4 * 1024 * 1024;
  std::size_t max_idle_connections = 4;
  // Servers drop idle keep-alive connections after a while; reusing one that old would
  // mostly cost a failed write, so it is closed instead.
  std::chrono::seconds max_idle_age{50};
  // PEM certificates trusted in addition to the system store (tests' self-signed CA).
  std::string extra_ca_pem;
};

using ResponseHandler = std::function<void(Result<ClientResponse>)>;

class HttpClient {
 public:
  // Error "bad_url" for a URL that is not http(s)://host[:port][/prefix], or plain http
  // to a host that is not a loopback address; "tls" when extra_ca_pem does not load.
  static Result<HttpClient> create(boost::asio::any_io_executor executor, std::string_view base_url,
                                   HttpClientOptions options = {});

  // Any HTTP status is a response (classify it with the adapter); only transport
  // failures are errors.
  void send(adapters::OutboundCall call, ResponseHandler done) const;
  // The same with its own deadline (long polling holds a request open for a while).
  void send(adapters::OutboundCall call, std::chrono::milliseconds timeout,
            ResponseHandler done) const;

  std::size_t idle_connections() const;  // for tests and metrics

  struct Impl;

 private:
  explicit HttpClient(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

// Blocking calls whose wait another thread can cut short: long polling holds a request
// open for up to a minute, and shutting down must not wait for it. Each send() runs its
// own io_context until the answer arrives (one connection per call, never reused).
// Threads: send() from one thread at a time; cancel() from any thread.
class BlockingClient {
 public:
  BlockingClient(std::string base_url, HttpClientOptions options = {});
  BlockingClient(const BlockingClient&) = delete;
  BlockingClient& operator=(const BlockingClient&) = delete;

  // Errors as HttpClient's, plus "cancelled" once cancel() was called (before or during
  // the call); the request in flight is abandoned and its connection closed.
  Result<ClientResponse> send(const adapters::OutboundCall& call);
  // Ends the call in flight at once, and every later one. Idempotent.
  void cancel();

 private:
  std::string base_url_;
  HttpClientOptions options_;
  std::mutex mutex_;
  bool cancelled_ = false;                      // under mutex_
  boost::asio::io_context* running_ = nullptr;  // under mutex_: the call in flight
};

// Blocking form for the CLI: runs its own io_context until the answer arrives.
Result<ClientResponse> send_blocking(std::string_view base_url, const adapters::OutboundCall& call,
                                     const HttpClientOptions& options = {});

}  // namespace triagebot::bot::net
