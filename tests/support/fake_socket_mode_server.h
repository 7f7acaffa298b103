// FakeSocketModeServer: Slack's Socket Mode for tests, on 127.0.0.1 with an ephemeral
// port (Boost.Beast). One port serves both halves:
//
//  - the Web API over plain HTTP under api_base() ("http://127.0.0.1:<port>/api"):
//    apps.connections.open answers {"ok":true,"url":"ws://127.0.0.1:<port>/link/?ticket=<n>"}
//    with a new single-use ticket each time (or {"ok":false,"error":...} after
//    set_open_error). Any other method (chat.postMessage, conversations.open, auth.test
//    ...) is recorded and answered {"ok":true, "channel": <the body's channel or a D
//    id>, "ts": <a new ts>, "user_id": "U0TRIAGEBOT"}, enough for end-to-end tests;
//  - WebSocket upgrades to /link/?ticket=<n>: a ticket open never handed out, or one
//    already used, is refused with 403 (so a reconnect must open a fresh URL). An
//    accepted connection gets a number (1, 2, ... in order), a `hello` (unless
//    set_send_hello(false)), and then whatever the test sends on it. Every text frame the
//    client sends with an `envelope_id` is recorded as an acknowledgement, with its
//    `payload` if it has one.
//
// Ownership and threads: the object owns one io_context and one thread, started by the
// constructor and joined by the destructor. Every public member may be called from any
// thread; network work is posted to the server's thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/fake_api_server.h"

namespace triagebot::testing {

struct SocketAck {
  std::string envelope_id;
  std::size_t connection = 0;
  std::chrono::steady_clock::time_point at;
  nlohmann::json payload;  // the acknowledgement's `payload` (a slash command's answer), or null
};

struct OpenCall {
  std::string authorization;  // the Authorization header as sent
  std::chrono::steady_clock::time_point at;
};

class FakeSocketModeServer {
 public:
  FakeSocketModeServer();  // listening when it returns
  ~FakeSocketModeServer();
  FakeSocketModeServer(const FakeSocketModeServer&) = delete;
  FakeSocketModeServer& operator=(const FakeSocketModeServer&) = delete;

  std::uint16_t port() const;
  std::string api_base() const;  // "http://127.0.0.1:<port>/api"

  // --- apps.connections.open ---
  // Answer {"ok":false,"error":<error>} from now on; "" hands out URLs again.
  void set_open_error(std::string error);
  std::vector<OpenCall> open_calls() const;
  // Every other Web API request that was answered ok, in order.
  std::vector<RecordedRequest> api_requests(std::string_view path_suffix = "") const;
  // From now on, Web API calls whose path ends with `path_suffix` ("/chat.postMessage")
  // are answered 503 {"ok":false,"error":"service_unavailable"} and only counted, not
  // recorded (so api_requests lists the calls that succeeded); "" answers them again.
  void set_unavailable(std::string path_suffix);
  std::size_t unavailable_answers() const;

  // --- connections ---
  // Whether a new connection gets `hello` right after the upgrade (default true).
  void set_send_hello(bool send);
  // New connections are never read from while set: no acknowledgement is recorded and
  // no ping is answered (Beast answers pings only while a read is pending), as on a
  // connection that died without a FIN.
  void set_silent_connections(bool silent);
  std::size_t connections() const;  // accepted upgrades so far
  bool wait_for_connections(std::size_t n,
                            std::chrono::milliseconds deadline = std::chrono::seconds(10)) const;
  // Whether connection `number` is still open as far as the server has seen.
  bool connection_open(std::size_t number) const;
  // The ticket connection `number` used, and how many upgrades were refused.
  std::string connection_ticket(std::size_t number) const;
  std::size_t refused_upgrades() const;
  // When connection `number` ended (closed by either side); epoch when still open.
  std::chrono::steady_clock::time_point connection_closed_at(std::size_t number) const;

  // --- frames to the client (on connection `number`) ---
  void send_frame(std::size_t number, std::string frame);
  // An events_api envelope around `payload` with a new envelope_id, which it returns.
  std::string send_event(std::size_t number, nlohmann::json payload, int retry_attempt = 0);
  // An envelope of another type ("interactive", "slash_commands" ...) with a new id.
  std::string send_envelope(std::size_t number, std::string type, nlohmann::json payload);
  void send_hello(std::size_t number);  // after set_send_hello(false)
  void send_disconnect(std::size_t number, std::string reason = "refresh_requested");
  // Closes the TCP connection without a closing handshake.
  void drop(std::size_t number);

  // --- what the client sent ---
  std::vector<SocketAck> acks() const;
  bool wait_for_acks(std::size_t n,
                     std::chrono::milliseconds deadline = std::chrono::seconds(10)) const;

  // Implementation detail (defined in the .cpp); public only so its sessions can name it.
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace triagebot::testing
