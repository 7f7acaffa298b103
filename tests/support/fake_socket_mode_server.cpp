#include "tests/support/fake_socket_mode_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "tests/support/wait.h"

namespace triagebot::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;

namespace {

// The value of `ticket=` in a request target, or "".
std::string ticket_of(std::string_view target) {
  const auto query = target.find('?');
  if (query == std::string_view::npos) return "";
  std::string_view rest = target.substr(query + 1);
  while (!rest.empty()) {
    std::string_view pair = rest.substr(0, rest.find('&'));
    if (pair.starts_with("ticket=")) return std::string(pair.substr(7));
    if (pair.size() == rest.size()) break;
    rest.remove_prefix(pair.size() + 1);
  }
  return "";
}

std::string hello_frame() {
  return json{{"type", "hello"},
              {"num_connections", 1},
              {"debug_info", {{"host", "fake-applink"}}},
              {"connection_info", {{"app_id", "A0TRIAGE01"}}}}
      .dump();
}

}  // namespace

// Outside the anonymous namespace: State, which has external linkage, holds these.
struct ConnectionInfo {
  std::string ticket;
  bool open = true;
  std::chrono::steady_clock::time_point closed_at{};
};

class HttpPeer;
class SocketPeer;

struct FakeSocketModeServer::State : std::enable_shared_from_this<FakeSocketModeServer::State> {
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work{io.get_executor()};
  tcp::acceptor acceptor{io};
  std::uint16_t port = 0;
  std::thread thread;

  // Server thread only.
  std::set<std::shared_ptr<HttpPeer>> http_peers;
  std::map<std::size_t, std::shared_ptr<SocketPeer>> socket_peers;

  mutable std::mutex mutex;
  std::string open_error;
  std::string unavailable_suffix;  // "" when every method answers
  std::size_t unavailable_answers = 0;
  std::vector<OpenCall> open_calls;
  std::vector<RecordedRequest> api_requests;
  std::set<std::string> issued_tickets;
  std::set<std::string> used_tickets;
  std::size_t refused = 0;
  bool send_hello = true;
  bool silent = false;
  std::vector<ConnectionInfo> connections;  // index = number - 1
  std::vector<SocketAck> acks;
  std::size_t next_ticket = 1;
  std::size_t next_envelope = 1;
  std::size_t next_ts = 1;

  void accept();
  FakeAnswer answer_api(const RecordedRequest& request);
  void closed(std::size_t number);

  template <class Work>
  void run_on_server(Work work) {
    std::promise<void> done;
    asio::post(io, [&] {
      work();
      done.set_value();
    });
    done.get_future().wait();
  }
};

// One accepted WebSocket connection.
class SocketPeer : public std::enable_shared_from_this<SocketPeer> {
 public:
  SocketPeer(tcp::socket socket, std::shared_ptr<FakeSocketModeServer::State> state)
      : ws_(std::move(socket)), state_(std::move(state)) {}

  void accept(http::request<http::string_body> request, std::string ticket) {
    request_ = std::move(request);
    ws_.async_accept(request_,
                     [self = shared_from_this(), ticket = std::move(ticket)](beast::error_code ec) {
                       if (ec) return;
                       self->opened(ticket);
                     });
  }

  void send(std::string frame) {
    if (closed_) return;
    outgoing_.push_back(std::move(frame));
    write_next();
  }

  void drop() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).socket().close(ignored);
    mark_closed();
  }

 private:
  void opened(const std::string& ticket) {
    bool hello = false;
    bool silent = false;
    {
      std::lock_guard lock(state_->mutex);
      state_->connections.push_back({ticket});
      number_ = state_->connections.size();
      hello = state_->send_hello;
      silent = state_->silent;
    }
    state_->socket_peers[number_] = shared_from_this();
    if (hello) send(hello_frame());
    if (!silent) read();
  }

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->mark_closed();
      json frame = json::parse(beast::buffers_to_string(self->buffer_.data()), nullptr, false);
      self->buffer_.consume(self->buffer_.size());
      if (frame.is_object() && frame.contains("envelope_id") && frame["envelope_id"].is_string()) {
        std::lock_guard lock(self->state_->mutex);
        self->state_->acks.push_back({frame["envelope_id"].get<std::string>(), self->number_,
                                      std::chrono::steady_clock::now(),
                                      frame.value("payload", json())});
      }
      self->read();
    });
  }

  void write_next() {
    if (writing_ || outgoing_.empty() || closed_) return;
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(outgoing_.front()),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->writing_ = false;
                      self->outgoing_.pop_front();
                      if (ec) return self->drop();
                      self->write_next();
                    });
  }

  // Frames still queued stay until the peer goes: a write in flight reads the front one,
  // and its handler pops it whether or not the connection closed meanwhile (a close can
  // land between a write's success and its handler). write_next() sends nothing more.
  void mark_closed() {
    if (closed_) return;
    closed_ = true;
    if (number_ != 0) state_->closed(number_);
  }

  websocket::stream<beast::tcp_stream> ws_;
  std::shared_ptr<FakeSocketModeServer::State> state_;
  http::request<http::string_body> request_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outgoing_;
  std::size_t number_ = 0;
  bool writing_ = false;
  bool closed_ = false;
};

// One accepted TCP connection until it asks for an upgrade: Web API calls over HTTP.
class HttpPeer : public std::enable_shared_from_this<HttpPeer> {
 public:
  HttpPeer(tcp::socket socket, std::shared_ptr<FakeSocketModeServer::State> state)
      : stream_(std::move(socket)), state_(std::move(state)) {}

  void read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->close();
                       self->on_request();
                     });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
    state_->http_peers.erase(shared_from_this());
  }

 private:
  void on_request() {
    if (websocket::is_upgrade(request_)) return upgrade();
    RecordedRequest request;
    request.method = std::string(request_.method_string());
    std::string target(request_.target());
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    for (const auto& field : request_) {
      request.headers.set(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = request_.body();
    request.at = std::chrono::steady_clock::now();
    respond(state_->answer_api(request), request_.keep_alive());
  }

  void upgrade() {
    std::string ticket = ticket_of(std::string(request_.target()));
    bool fresh = false;
    {
      std::lock_guard lock(state_->mutex);
      fresh = state_->issued_tickets.contains(ticket) && !state_->used_tickets.contains(ticket);
      if (fresh) {
        state_->used_tickets.insert(ticket);
      } else {
        ++state_->refused;
      }
    }
    if (!fresh) return respond({403, {}, R"({"ok":false,"error":"invalid_ticket"})"}, false);
    auto peer = std::make_shared<SocketPeer>(stream_.release_socket(), state_);
    peer->accept(std::move(request_), std::move(ticket));
    state_->http_peers.erase(shared_from_this());
  }

  void respond(const FakeAnswer& answer, bool keep_alive) {
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(answer.status));
    response_.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : answer.headers) response_.set(name, value);
    response_.body() = answer.body;
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    http::async_write(stream_, response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        if (ec || !keep_alive) return self->close();
                        self->read();
                      });
  }

  beast::tcp_stream stream_;
  std::shared_ptr<FakeSocketModeServer::State> state_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

void FakeSocketModeServer::State::accept() {
  acceptor.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
    if (ec) return;  // closed by the destructor
    auto peer = std::make_shared<HttpPeer>(std::move(socket), self);
    self->http_peers.insert(peer);
    peer->read();
    self->accept();
  });
}

FakeAnswer FakeSocketModeServer::State::answer_api(const RecordedRequest& request) {
  std::lock_guard lock(mutex);
  if (request.path.ends_with("/apps.connections.open")) {
    open_calls.push_back(
        {std::string(request.headers.get("Authorization").value_or("")), request.at});
    if (!open_error.empty()) {
      return {200, {}, json{{"ok", false}, {"error", open_error}}.dump()};
    }
    const std::string ticket = "t" + std::to_string(next_ticket++);
    issued_tickets.insert(ticket);
    const std::string url =
        "ws://127.0.0.1:" + std::to_string(port) + "/link/?ticket=" + ticket + "&app_id=A0TRIAGE01";
    return {200, {}, json{{"ok", true}, {"url", url}}.dump()};
  }
  if (!unavailable_suffix.empty() && request.path.ends_with(unavailable_suffix)) {
    ++unavailable_answers;
    return {503, {}, json{{"ok", false}, {"error", "service_unavailable"}}.dump()};
  }
  api_requests.push_back(request);
  json body = request.json();
  if (request.path.ends_with("/conversations.open")) {
    const std::string user = body.is_object() ? body.value("users", "U0") : "U0";
    return {200, {}, json{{"ok", true}, {"channel", {{"id", "D" + user}}}}.dump()};
  }
  json answer{{"ok", true},
              {"ts", std::to_string(1764755400 + next_ts++) + ".000100"},
              {"user_id", "U0TRIAGEBOT"},
              {"bot_id", "B0TRIAGEBOT"},
              {"team", "Clinic"},
              {"team_id", "T0CLINIC1"}};
  if (body.is_object() && body.contains("channel")) answer["channel"] = body["channel"];
  return {200, {}, answer.dump()};
}

void FakeSocketModeServer::State::closed(std::size_t number) {
  {
    std::lock_guard lock(mutex);
    auto& info = connections.at(number - 1);
    info.open = false;
    info.closed_at = std::chrono::steady_clock::now();
  }
  socket_peers.erase(number);
}

FakeSocketModeServer::FakeSocketModeServer() : state_(std::make_shared<State>()) {
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  state_->acceptor.open(endpoint.protocol());
  state_->acceptor.bind(endpoint);
  state_->acceptor.listen();
  state_->port = state_->acceptor.local_endpoint().port();
  state_->accept();
  state_->thread = std::thread([state = state_] { state->io.run(); });
}

FakeSocketModeServer::~FakeSocketModeServer() {
  // Close everything, then let the io_context run out on its own, so every handler
  // (holding peers, which hold the state) is run and released.
  state_->run_on_server([state = state_.get()] {
    beast::error_code ignored;
    state->acceptor.close(ignored);
    auto http_peers = state->http_peers;  // close() erases from the set
    for (const auto& peer : http_peers) peer->close();
    auto socket_peers = state->socket_peers;
    for (const auto& [number, peer] : socket_peers) peer->drop();
  });
  state_->work.reset();
  state_->thread.join();
}

std::uint16_t FakeSocketModeServer::port() const { return state_->port; }

std::string FakeSocketModeServer::api_base() const {
  return "http://127.0.0.1:" + std::to_string(state_->port) + "/api";
}

void FakeSocketModeServer::set_open_error(std::string error) {
  std::lock_guard lock(state_->mutex);
  state_->open_error = std::move(error);
}

std::vector<OpenCall> FakeSocketModeServer::open_calls() const {
  std::lock_guard lock(state_->mutex);
  return state_->open_calls;
}

std::vector<RecordedRequest> FakeSocketModeServer::api_requests(
    std::string_view path_suffix) const {
  std::lock_guard lock(state_->mutex);
  std::vector<RecordedRequest> matching;
  for (const auto& request : state_->api_requests) {
    if (request.path.ends_with(path_suffix)) matching.push_back(request);
  }
  return matching;
}

void FakeSocketModeServer::set_unavailable(std::string path_suffix) {
  std::lock_guard lock(state_->mutex);
  state_->unavailable_suffix = std::move(path_suffix);
}

std::size_t FakeSocketModeServer::unavailable_answers() const {
  std::lock_guard lock(state_->mutex);
  return state_->unavailable_answers;
}

void FakeSocketModeServer::set_send_hello(bool send) {
  std::lock_guard lock(state_->mutex);
  state_->send_hello = send;
}

void FakeSocketModeServer::set_silent_connections(bool silent) {
  std::lock_guard lock(state_->mutex);
  state_->silent = silent;
}

std::size_t FakeSocketModeServer::connections() const {
  std::lock_guard lock(state_->mutex);
  return state_->connections.size();
}

bool FakeSocketModeServer::wait_for_connections(std::size_t n,
                                                std::chrono::milliseconds deadline) const {
  return wait_until([&] { return connections() >= n; }, deadline);
}

bool FakeSocketModeServer::connection_open(std::size_t number) const {
  std::lock_guard lock(state_->mutex);
  return number >= 1 && number <= state_->connections.size() &&
         state_->connections[number - 1].open;
}

std::string FakeSocketModeServer::connection_ticket(std::size_t number) const {
  std::lock_guard lock(state_->mutex);
  return state_->connections.at(number - 1).ticket;
}

std::size_t FakeSocketModeServer::refused_upgrades() const {
  std::lock_guard lock(state_->mutex);
  return state_->refused;
}

std::chrono::steady_clock::time_point FakeSocketModeServer::connection_closed_at(
    std::size_t number) const {
  std::lock_guard lock(state_->mutex);
  return state_->connections.at(number - 1).closed_at;
}

void FakeSocketModeServer::send_frame(std::size_t number, std::string frame) {
  state_->run_on_server([&, state = state_.get()] {
    auto peer = state->socket_peers.find(number);
    if (peer != state->socket_peers.end()) {
      std::shared_ptr<SocketPeer>(peer->second)->send(std::move(frame));
    }
  });
}

std::string FakeSocketModeServer::send_event(std::size_t number, nlohmann::json payload,
                                             int retry_attempt) {
  std::string envelope_id;
  {
    std::lock_guard lock(state_->mutex);
    envelope_id = "env-" + std::to_string(state_->next_envelope++);
  }
  send_frame(number, json{{"envelope_id", envelope_id},
                          {"payload", std::move(payload)},
                          {"type", "events_api"},
                          {"accepts_response_payload", false},
                          {"retry_attempt", retry_attempt},
                          {"retry_reason", retry_attempt > 0 ? "timeout" : ""}}
                         .dump());
  return envelope_id;
}

std::string FakeSocketModeServer::send_envelope(std::size_t number, std::string type,
                                                nlohmann::json payload) {
  std::string envelope_id;
  {
    std::lock_guard lock(state_->mutex);
    envelope_id = "env-" + std::to_string(state_->next_envelope++);
  }
  send_frame(number, json{{"envelope_id", envelope_id},
                          {"payload", std::move(payload)},
                          {"type", std::move(type)},
                          {"accepts_response_payload", false}}
                         .dump());
  return envelope_id;
}

void FakeSocketModeServer::send_hello(std::size_t number) { send_frame(number, hello_frame()); }

void FakeSocketModeServer::send_disconnect(std::size_t number, std::string reason) {
  send_frame(number, json{{"type", "disconnect"},
                          {"reason", std::move(reason)},
                          {"debug_info", {{"host", "fake-applink"}}}}
                         .dump());
}

void FakeSocketModeServer::drop(std::size_t number) {
  state_->run_on_server([&, state = state_.get()] {
    auto peer = state->socket_peers.find(number);
    // A copy: drop() erases the map's entry, which may hold the last reference.
    if (peer != state->socket_peers.end()) std::shared_ptr<SocketPeer>(peer->second)->drop();
  });
}

std::vector<SocketAck> FakeSocketModeServer::acks() const {
  std::lock_guard lock(state_->mutex);
  return state_->acks;
}

bool FakeSocketModeServer::wait_for_acks(std::size_t n, std::chrono::milliseconds deadline) const {
  return wait_until([&] { return acks().size() >= n; }, deadline);
}

}  // namespace triagebot::testing
