#include "bot/http/session.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "bot/http/responses.h"
#include "bot/http/security_headers.h"
#include "bot/obs/log.h"

namespace triagebot::bot::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// A closing connection reads and discards what the client still sends for this
// long, so a client that was cut off mid-body (413, 400) can read our answer
// instead of getting a reset.
constexpr auto kDrainTime = std::chrono::seconds(1);
// Header timeout of a reserved health slot (see read_header).
constexpr auto kHealthSlotTimeout = std::chrono::milliseconds(2000);

// Methods outside this set share one label, so clients cannot grow the metrics.
std::string method_label(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
    case bhttp::verb::head:
    case bhttp::verb::post:
    case bhttp::verb::put:
    case bhttp::verb::delete_:
    case bhttp::verb::patch:
    case bhttp::verb::options:
      return std::string(bhttp::to_string(verb));
    default:
      return "OTHER";
  }
}

std::string_view to_std(beast::string_view text) { return {text.data(), text.size()}; }

bool is_quiet_network_error(beast::error_code ec) {
  return ec == net::error::operation_aborted || ec == beast::error::timeout ||
         ec == net::error::eof || ec == net::error::connection_reset ||
         ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message;
}

// Holds the one answer a handler owes. Every copy of the Respond shares it; if the last
// copy goes away unanswered, the client still gets a 500 instead of a hung connection.
class PendingResponse {
 public:
  explicit PendingResponse(std::shared_ptr<Session> session) : session_(std::move(session)) {}
  PendingResponse(const PendingResponse&) = delete;
  PendingResponse& operator=(const PendingResponse&) = delete;
  ~PendingResponse() {
    if (!answered_.exchange(true)) {
      log(LogLevel::error, "handler_dropped_response");
      Session::post_response(std::move(session_),
                             json_error(500, "internal", "the request was not answered"));
    }
  }

  void respond(adapters::HttpResponse response) {
    if (answered_.exchange(true)) return;
    // The posted write takes this reference: a handler may answer from a thread of its
    // own (the writer, the admin readers), and the last reference must never be dropped
    // there, maybe after the server and its io_context are gone. Resetting it after the
    // post was not enough: the io thread could finish the write and drop its reference
    // first (ASan caught ~Session on an admin reader after the io_context).
    Session::post_response(std::move(session_), std::move(response));
  }

 private:
  std::shared_ptr<Session> session_;
  std::atomic<bool> answered_{false};
};

}  // namespace

Session::Session(tcp::socket&& socket, std::shared_ptr<ServerState> state,
                 ServerState::Ticket ticket)
    : stream_(std::move(socket)),
      state_(std::move(state)),
      ticket_(std::move(ticket)),
      id_(state_->next_session_id()) {
  beast::error_code ec;
  const auto remote = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_address_ = remote.address().to_string();
}

Session::~Session() {
  state_->unregister_session(id_);
  state_->connection_closed(ticket_);
}

void Session::run() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    if (!self->state_->register_session(self->id_, self->weak_from_this())) return self->close();
    self->wait_for_request();
  });
}

void Session::shutdown(bool force) {
  net::post(stream_.get_executor(), [self = shared_from_this(), force] {
    if (force) return self->close();
    self->stop_after_response_ = true;
    // Idle between requests: nothing is in flight, so cancel the wait for a request.
    if (self->stage_ == Stage::idle) self->stream_.cancel();
  });
}

void Session::post_response(std::shared_ptr<Session> session, adapters::HttpResponse response) {
  auto executor = session->stream_.get_executor();
  net::post(executor, [self = std::move(session), response = std::move(response)]() mutable {
    self->send(std::move(response));
  });
}

void Session::wait_for_request() {
  stage_ = Stage::idle;
  if (stop_after_response_ || state_->stopping()) return close();
  const auto& options = state_->options;
  // A fresh parser per request: Beast parsers are single-use.
  parser_.emplace();
  parser_->body_limit(options.body_limit);
  parser_->header_limit(static_cast<std::uint32_t>(options.header_limit));
  route_ = Router::unmatched_label;
  method_ = "OTHER";
  head_ = false;
  target_.reset();
  if (buffer_.size() > 0) {  // a pipelined request is already here
    started_ = std::chrono::steady_clock::now();
    return read_header();
  }
  // The idle timeout covers only the wait for a request's first byte; the header
  // timeout starts with that byte, so a client dripping headers is cut off on time.
  // A reserved health slot waits no longer than its header timeout: a client that
  // connects and says nothing must not hold /healthz's slots for the idle timeout.
  stream_.expires_after(ticket_.admission == ServerState::Admission::health_only
                            ? std::min(options.idle_timeout, kHealthSlotTimeout)
                            : options.idle_timeout);
  stream_.async_read_some(buffer_.prepare(4096),
                          beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
}

void Session::on_first_bytes(beast::error_code ec, std::size_t bytes) {
  if (stage_ == Stage::closing) return;
  if (ec) {
    fail(ec, "idle");
    return close();
  }
  buffer_.commit(bytes);
  started_ = std::chrono::steady_clock::now();
  read_header();
}

void Session::read_header() {
  stage_ = Stage::reading;
  // A health check sends its request at once; a reserved slot is not held for long.
  stream_.expires_after(ticket_.admission == ServerState::Admission::health_only
                            ? std::min(state_->options.header_timeout, kHealthSlotTimeout)
                            : state_->options.header_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

void Session::on_header(beast::error_code ec, std::size_t) {
  if (stage_ == Stage::closing) return;
  if (ec) return on_read_error(ec);
  if (!accept_header()) return;
  if (parser_->is_done()) return handle_request();
  stream_.expires_after(state_->options.request_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Session::on_body, shared_from_this()));
}

void Session::on_body(beast::error_code ec, std::size_t) {
  if (stage_ == Stage::closing) return;
  if (ec) return on_read_error(ec);
  handle_request();
}

bool Session::accept_header() {
  const auto& header = parser_->get();
  method_ = method_label(header.method());
  version_ = header.version();
  head_ = header.method() == bhttp::verb::head;
  const auto method = to_std(header.method_string());
  target_ = parse_target(method, to_std(header.target()));
  if (target_) route_ = state_->router.match(method, target_->path).label;
  if (const auto problem = framing_problem(header)) {
    refuse(json_error(400, "malformed", *problem));
    return false;
  }
  if (!target_) {
    refuse(json_error(400, "malformed",
                      "the request target must be a path or an absolute http(s) URL"));
    return false;
  }
  if (ticket_.admission == ServerState::Admission::health_only && route_ != "/healthz") {
    state_->connection_rejected(ticket_);
    auto response = json_error(503, "overloaded", "too many open connections");
    response.headers.set("Retry-After", "1");
    refuse(std::move(response));
    return false;
  }
  return true;
}

// Answers before the body is read, then closes: what follows the headers cannot be
// trusted to be this request's body.
void Session::refuse(adapters::HttpResponse response) {
  keep_alive_ = false;
  unread_input_ = true;
  stage_ = Stage::handling;
  send(std::move(response));
}

void Session::on_read_error(beast::error_code ec) {
  keep_alive_ = false;
  stage_ = Stage::handling;
  if (parser_->is_header_done()) {
    const auto& header = parser_->get();
    method_ = method_label(header.method());
    version_ = header.version();
    head_ = header.method() == bhttp::verb::head;
    const auto method = to_std(header.method_string());
    if (auto target = parse_target(method, to_std(header.target()))) {
      route_ = state_->router.match(method, target->path).label;
    }
  }
  if (ec == bhttp::error::body_limit) {
    return send(json_error(413, "too_large",
                           "request body is over the limit of " +
                               std::to_string(state_->options.body_limit) + " bytes"));
  }
  if (ec == bhttp::error::header_limit) {
    return send(json_error(431, "headers_too_large", "request headers are over the limit"));
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
      !is_quiet_network_error(ec)) {
    return send(json_error(400, "malformed", "malformed HTTP request"));
  }
  fail(ec, "read");
  close();
}

void Session::handle_request() {
  stage_ = Stage::handling;
  auto& message = parser_->get();
  version_ = message.version();
  keep_alive_ = message.keep_alive();
  method_ = method_label(message.method());

  adapters::HttpRequest request;
  request.method = std::string(to_std(message.method_string()));
  request.path = std::move(target_->path);
  request.query = std::move(target_->query);
  for (const auto& field : message) {
    // The absolute form's authority replaces Host (RFC 9112 §3.2.2).
    if (target_->authority && field.name() == bhttp::field::host) continue;
    request.headers.set(std::string(to_std(field.name_string())),
                        std::string(to_std(field.value())));
  }
  if (target_->authority) request.headers.set("Host", *target_->authority);
  request.body = std::move(message.body());
  request.remote_address = remote_address_;

  auto match = state_->router.match(request.method, request.path);
  route_ = std::move(match.label);
  if (match.handler == nullptr) return send(std::move(match.error));
  request.params = std::move(match.params);

  auto pending = std::make_shared<PendingResponse>(shared_from_this());
  // The last-resort catch (STYLE.md §4): a throwing handler is a bug, answered 500
  // and logged by stage only, and the process carries on.
  try {
    (*match.handler)(std::move(request), [pending](adapters::HttpResponse response) {
      pending->respond(std::move(response));
    });
  } catch (...) {
    log(LogLevel::error, "handler_failed", {{"route", route_}});
    pending->respond(json_error(500, "internal", "internal error"));
  }
}

void Session::send(adapters::HttpResponse response) {
  if (stage_ != Stage::handling) return;  // closed meanwhile (forced shutdown)
  stage_ = Stage::writing;
  if (response.status < 100 || response.status > 599) {
    log(LogLevel::error, "handler_bad_status", {{"route", route_}, {"status", response.status}});
    response = json_error(500, "internal", "internal error");
  }
  add_security_headers(response);
  status_ = response.status;
  response_ = {};
  response_.version(version_);
  response_.result(static_cast<unsigned>(response.status));
  if (!response.headers.get("Content-Type")) {
    response_.set(bhttp::field::content_type, response.content_type);
  }
  for (auto& [name, value] : response.headers.fields) response_.insert(name, value);
  response_.body() = std::move(response.body);
  keep_alive_ = keep_alive_ && !stop_after_response_ && !state_->stopping() &&
                ticket_.admission != ServerState::Admission::health_only;
  response_.keep_alive(keep_alive_);
  response_.prepare_payload();
  if (head_) {
    // The same headers as GET, Content-Length included, and no body (RFC 9110 §9.3.2).
    const auto length = response_.body().size();
    response_.body().clear();
    if (response.status >= 200 && response.status != 204 && response.status != 304) {
      response_.content_length(length);
    }
  }
  stream_.expires_after(state_->options.request_timeout);
  bhttp::async_write(stream_, response_,
                     beast::bind_front_handler(&Session::on_write, shared_from_this()));
}

void Session::on_write(beast::error_code ec, std::size_t) {
  state_->record(route_, method_, status_, std::chrono::steady_clock::now() - started_,
                 response_.body().size());
  if (stage_ == Stage::closing) return;
  if (ec) {
    fail(ec, "write");
    return close();
  }
  if (keep_alive_) return wait_for_request();
  // A request we did not read to its end (413, 400) may still be arriving.
  if (!parser_->is_done() || unread_input_) return drain();
  close();
}

void Session::close() {
  if (stage_ == Stage::closing) return;
  stage_ = Stage::closing;
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.close();
}

void Session::drain() {
  stage_ = Stage::closing;
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kDrainTime);
  stream_.async_read_some(net::buffer(drain_buffer_),
                          beast::bind_front_handler(&Session::on_drain, shared_from_this()));
}

void Session::on_drain(beast::error_code ec, std::size_t bytes) {
  drained_ += bytes;
  if (ec || drained_ > state_->options.body_limit) {
    stream_.close();
    return;
  }
  stream_.async_read_some(net::buffer(drain_buffer_),
                          beast::bind_front_handler(&Session::on_drain, shared_from_this()));
}

void Session::fail(beast::error_code ec, const char* stage) {
  // Timeouts, resets and closed connections are routine; the rest deserve a warning.
  log(is_quiet_network_error(ec) ? LogLevel::debug : LogLevel::warn, "http_connection",
      {{"stage", stage}, {"error", ec.message()}});
}

namespace {

// The whole answer of a refused connection, headers included (they are written
// before any request is read, so they cannot depend on one).
std::string refusal(int status, std::string_view reason, std::string_view code,
                    std::string_view message) {
  const auto body = json_error(status, std::string(code), std::string(message)).body;
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
         "\r\nContent-Type: application/json\r\nConnection: close\r\nRetry-After: 1\r\n"
         "X-Content-Type-Options: nosniff\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

class Rejecter : public std::enable_shared_from_this<Rejecter> {
 public:
  Rejecter(tcp::socket&& socket, ServerState::Admission why)
      : stream_(std::move(socket)), why_(why) {}

  void run() {
    static const std::string over_cap =
        refusal(503, "Service Unavailable", "overloaded", "too many open connections");
    static const std::string over_address_cap =
        refusal(429, "Too Many Requests", "too_many_connections",
                "too many open connections from this address");
    const auto& answer =
        why_ == ServerState::Admission::over_address_cap ? over_address_cap : over_cap;
    stream_.expires_after(kDrainTime * 2);
    net::async_write(stream_, net::buffer(answer),
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->stream_.close();
                       beast::error_code ignored;
                       self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                       self->drain();
                     });
  }

 private:
  void drain() {
    stream_.async_read_some(net::buffer(buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->stream_.close();
                              self->drain();
                            });
  }

  beast::tcp_stream stream_;
  ServerState::Admission why_;
  std::array<char, 1024> buffer_{};
};

}  // namespace

void reject_connection(tcp::socket&& socket, ServerState::Admission why) {
  std::make_shared<Rejecter>(std::move(socket), why)->run();
}

}  // namespace triagebot::bot::http
