// Internal to bot/http: one HTTP/1.1 connection (STYLE.md §3, after Beast's
// http_server_async and advanced_server examples).
//
// A Session owns its tcp_stream, read buffer, the per-request parser and the response
// until its write completes. It lives on exactly one io thread's io_context (the
// listener deals connections round robin), so its handlers never run concurrently;
// Respond callbacks from other threads post back to that executor.
//
// Per request: wait for the first byte (idle timeout), read the headers (header
// timeout), check their framing and target (request_framing.h: 400 and close), read
// the body (request timeout, body limit), route (HEAD as GET), call the handler, write
// the answer with the security headers (security_headers.h; no body for HEAD) within
// the request timeout, then loop while keep-alive holds.
//
// A session in a reserved health slot (ServerState::Admission::health_only) serves one
// GET or HEAD /healthz and closes; any other request there gets 503.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "adapters/http_types.h"
#include "bot/http/request_framing.h"
#include "bot/http/server_state.h"

namespace triagebot::bot::http {

class Session : public std::enable_shared_from_this<Session> {
 public:
  // The connection has already been counted by ServerState::try_open_connection(),
  // which filled `ticket`; the session gives it back when it ends.
  Session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state,
          ServerState::Ticket ticket);
  ~Session();

  void run();
  // From any thread: close now if idle, or after the current response (force: now).
  void shutdown(bool force);
  // From any thread: write `response` as the answer to `session`'s current request. Takes
  // the caller's reference, so once the write is posted only the io thread holds the
  // session: it is never destroyed on the answering thread, which may outlive the
  // server's io_context (the writer, the admin readers).
  static void post_response(std::shared_ptr<Session> session, adapters::HttpResponse response);

 private:
  enum class Stage { idle, reading, handling, writing, closing };

  void wait_for_request();
  void on_first_bytes(boost::beast::error_code ec, std::size_t bytes);
  void read_header();
  void on_header(boost::beast::error_code ec, std::size_t bytes);
  void on_body(boost::beast::error_code ec, std::size_t bytes);
  void on_read_error(boost::beast::error_code ec);
  // Checks what the headers alone decide; false when it already answered.
  bool accept_header();
  void refuse(adapters::HttpResponse response);
  void handle_request();
  void send(adapters::HttpResponse response);
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void close();
  void drain();
  void on_drain(boost::beast::error_code ec, std::size_t bytes);
  void fail(boost::beast::error_code ec, const char* stage);

  boost::beast::tcp_stream stream_;
  std::shared_ptr<ServerState> state_;
  ServerState::Ticket ticket_;
  std::uint64_t id_;
  std::string remote_address_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  Stage stage_ = Stage::idle;
  bool keep_alive_ = true;
  bool stop_after_response_ = false;
  bool head_ = false;          // the current request is HEAD: answer without a body
  bool unread_input_ = false;  // refused before its end: drain instead of resetting
  std::optional<RequestTarget> target_;
  unsigned version_ = 11;
  std::string route_;
  std::string method_;
  int status_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::array<char, 4096> drain_buffer_{};
  std::size_t drained_ = 0;
};

// Writes a fixed JSON answer to a connection that was not admitted and closes it,
// without reading its request (or allocating a Session for it): 503 past the cap, 429
// past the per-address cap.
void reject_connection(boost::asio::ip::tcp::socket&& socket, ServerState::Admission why);

}  // namespace triagebot::bot::http
