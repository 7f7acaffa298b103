// WebSocketClient: one outbound WebSocket connection (Boost.Beast over Asio and
// OpenSSL), for Slack Socket Mode: the client side of a socket whose URL a platform
// hands out.
//
// wss:// verifies the peer's certificate against the system store (plus `extra_ca_pem`)
// and its host name, and sends SNI, like HttpClient. Plain ws:// is refused at creation
// unless the host is a literal loopback address (a test's fake server): the URL holds a
// ticket that is as good as a credential while it lives.
//
// Pings and pongs are Beast's: a ping from the server is answered while a read is
// pending (always, once run() is called), and after half of `idle_timeout` without a
// frame we ping the server ourselves; a connection silent for a whole `idle_timeout`
// ends with "timeout". The URL is never logged or put in an error.
//
// Threads: a connection lives on a strand of the executor given; every member may be
// called from any thread, and every callback runs on that strand, never inline.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "dialogs/result.h"

namespace triagebot::bot::net {

struct WebSocketOptions {
  // DNS, TCP connect, TLS handshake and the HTTP upgrade together.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  // How long the connection may be silent before it counts as lost (see above).
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(30)};
  // A larger message ends the connection ("message_too_large").
  std::size_t max_message_bytes = 1024 * 1024;
  // PEM certificates trusted in addition to the system store (tests' self-signed CA).
  std::string extra_ca_pem;
};

class WebSocketClient {
 public:
  // Errors: "bad_url" for a URL that is not ws(s)://host[:port][/path][?query] or plain
  // ws:// to a host that is not a loopback address; "tls" when extra_ca_pem does not load.
  static Result<std::shared_ptr<WebSocketClient>> create(boost::asio::any_io_executor executor,
                                                         std::string_view url,
                                                         WebSocketOptions options = {});
  ~WebSocketClient();
  WebSocketClient(const WebSocketClient&) = delete;
  WebSocketClient& operator=(const WebSocketClient&) = delete;

  // Resolves, connects, shakes hands (TLS, then the upgrade). Call once. Errors:
  // "timeout", "connection" (DNS, refused, reset), "tls", "handshake" (the server
  // refused the upgrade), "closed" (close() was called meanwhile).
  void connect(std::function<void(Result<void>)> done);

  // After a successful connect: reads text messages until the connection ends, calling
  // `on_message` for each, then `on_end` once with why: "closed" (the server closed it,
  // or close() was called), "timeout" (silent too long), "message_too_large",
  // "connection" (reset, EOF without a closing handshake), "tls". Call once.
  void run(std::function<void(std::string)> on_message, std::function<void(Error)> on_end);

  // Queues one text message; messages go out in order. Dropped once the connection has
  // ended (it is lost anyway).
  void send(std::string text);

  // Ends the connection at once, without a closing handshake (the peer sees EOF), so
  // nothing waits on a peer that may not answer. Idempotent.
  void close();

  struct Impl;

 private:
  explicit WebSocketClient(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace triagebot::bot::net
