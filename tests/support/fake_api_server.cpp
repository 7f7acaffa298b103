#include "tests/support/fake_api_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
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
using tcp = asio::ip::tcp;
using nlohmann::json;

namespace {

std::int64_t int_or(const json& body, const char* key, std::int64_t fallback) {
  if (!body.is_object()) return fallback;
  auto it = body.find(key);
  return (it != body.end() && it->is_number_integer()) ? it->get<std::int64_t>() : fallback;
}

}  // namespace

json RecordedRequest::json() const { return nlohmann::json::parse(body, nullptr, false); }

FakeAnswer FakeAnswer::ok(nlohmann::json result) {
  return FakeAnswer{200, {}, nlohmann::json{{"ok", true}, {"result", std::move(result)}}.dump()};
}

FakeAnswer FakeAnswer::telegram_error(int status, std::string description,
                                      nlohmann::json parameters) {
  nlohmann::json body{
      {"ok", false}, {"error_code", status}, {"description", std::move(description)}};
  if (!parameters.is_null()) body["parameters"] = std::move(parameters);
  return FakeAnswer{status, {}, body.dump()};
}

FakeAnswer FakeAnswer::too_many_requests(int retry_after_seconds) {
  return telegram_error(429,
                        "Too Many Requests: retry after " + std::to_string(retry_after_seconds),
                        {{"retry_after", retry_after_seconds}});
}

FakeAnswer FakeAnswer::server_error() { return telegram_error(500, "Internal Server Error"); }

FakeAnswer FakeAnswer::blocked() {
  return telegram_error(403, "Forbidden: bot was blocked by the user");
}

class Session;

// Everything the server thread and the test thread share. Network objects are touched
// only on the server thread; the fields under `mutex` by anyone.
struct FakeApiServer::State : std::enable_shared_from_this<FakeApiServer::State> {
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work{io.get_executor()};
  tcp::acceptor acceptor{io};
  std::uint16_t port = 0;
  std::thread thread;
  std::atomic<std::size_t> accepted{0};

  // Server thread only.
  std::set<std::shared_ptr<Session>> sessions;
  std::shared_ptr<Session> held_poll;  // a getUpdates waiting for updates
  std::optional<asio::steady_timer> poll_timer;

  mutable std::mutex mutex;
  std::vector<RecordedRequest> recorded;
  std::deque<std::pair<std::string, FakeAnswer>> queue;
  std::map<std::string, FakeAnswer> defaults;
  bool stall = false;
  std::deque<json> updates;
  std::int64_t last_update_id = 100000;
  std::int64_t next_message_id = 1;
  json webhook = nullptr;

  void listen();
  void accept();
  void handle(const std::shared_ptr<Session>& session, RecordedRequest request);
  std::optional<FakeAnswer> builtin(const RecordedRequest& request,
                                    const std::shared_ptr<Session>& session);
  void serve_held_poll();
  // Runs `work` on the server thread and waits for it.
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

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<FakeApiServer::State> state, std::size_t number)
      : stream_(std::move(socket)), state_(std::move(state)), number_(number) {}

  void start() { read(); }

  void respond(const FakeAnswer& answer) {
    if (responded_) return;
    responded_ = true;
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(answer.status));
    response_.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : answer.headers) response_.set(name, value);
    response_.body() = answer.body;
    response_.keep_alive(keep_alive_);
    response_.prepare_payload();
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec || !self->keep_alive_) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
    state_->sessions.erase(shared_from_this());
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(16 * 1024 * 1024);
    responded_ = false;
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->close();
                       self->on_request();
                     });
  }

  void on_request() {
    auto& message = parser_->get();
    keep_alive_ = message.keep_alive();
    RecordedRequest request;
    request.method = std::string(message.method_string());
    std::string target(message.target());
    auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    for (const auto& field : message) {
      request.headers.set(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = message.body();
    request.at = std::chrono::steady_clock::now();
    request.connection = number_;
    state_->handle(shared_from_this(), std::move(request));
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::shared_ptr<FakeApiServer::State> state_;
  std::size_t number_;
  bool keep_alive_ = true;
  bool responded_ = false;
};

void FakeApiServer::State::listen() {
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  acceptor.open(endpoint.protocol());
  // SO_REUSEADDR lets come_up() bind the same port again while old sockets sit in TIME_WAIT.
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen();
  port = acceptor.local_endpoint().port();
  accept();
}

void FakeApiServer::State::accept() {
  acceptor.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
    if (ec) return;  // closed by go_down() or the destructor
    auto session = std::make_shared<Session>(std::move(socket), self, ++self->accepted);
    self->sessions.insert(session);
    session->start();
    self->accept();
  });
}

void FakeApiServer::State::handle(const std::shared_ptr<Session>& session,
                                  RecordedRequest request) {
  std::optional<FakeAnswer> answer;
  {
    std::lock_guard lock(mutex);
    request.stalled = stall;
    recorded.push_back(request);
    if (stall) return;  // recorded, never answered
    for (auto it = queue.begin(); it != queue.end(); ++it) {
      if (request.path.ends_with(it->first)) {
        answer = std::move(it->second);
        queue.erase(it);
        break;
      }
    }
    if (!answer) {
      std::size_t best = 0;
      for (const auto& [suffix, candidate] : defaults) {
        if (request.path.ends_with(suffix) && (!answer || suffix.size() > best)) {
          answer = candidate;
          best = suffix.size();
        }
      }
    }
  }
  if (!answer) answer = builtin(request, session);
  if (!answer) return;
  if (answer->delay.count() <= 0) return session->respond(*answer);
  auto timer = std::make_shared<asio::steady_timer>(io, answer->delay);
  timer->async_wait([session, timer, answer = std::move(*answer)](beast::error_code) {
    session->respond(answer);
  });
}

std::optional<FakeAnswer> FakeApiServer::State::builtin(const RecordedRequest& request,
                                                        const std::shared_ptr<Session>& session) {
  json body = request.json();
  std::lock_guard lock(mutex);
  if (request.path.ends_with("/sendMessage")) {
    json result{
        {"message_id", next_message_id++},
        {"date", std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count()},
        {"chat", {{"id", body.is_object() && body.contains("chat_id") ? body["chat_id"] : json()}}},
        {"text", body.is_object() && body.contains("text") ? body["text"] : json("")}};
    return FakeAnswer::ok(std::move(result));
  }
  if (request.path.ends_with("/setWebhook")) {
    webhook = body.is_object() ? body : json::object();
    return FakeAnswer{200, {}, R"({"ok":true,"result":true,"description":"Webhook was set"})"};
  }
  if (request.path.ends_with("/deleteWebhook")) {
    webhook = nullptr;
    return FakeAnswer{200, {}, R"({"ok":true,"result":true,"description":"Webhook was deleted"})"};
  }
  if (request.path.ends_with("/getWebhookInfo")) {
    json info{{"url", webhook.is_object() ? webhook.value("url", "") : ""},
              {"has_custom_certificate", false},
              {"pending_update_count", updates.size()}};
    if (webhook.is_object() && webhook.contains("allowed_updates")) {
      info["allowed_updates"] = webhook["allowed_updates"];
    }
    return FakeAnswer::ok(std::move(info));
  }
  if (request.path.ends_with("/getUpdates")) {
    if (webhook.is_object()) {
      return FakeAnswer::telegram_error(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
          "delete the webhook first");
    }
    const std::int64_t offset = int_or(body, "offset", 0);
    if (offset != 0) {
      while (!updates.empty() && updates.front()["update_id"].get<std::int64_t>() < offset) {
        updates.pop_front();
      }
    }
    const auto limit =
        static_cast<std::size_t>(std::clamp<std::int64_t>(int_or(body, "limit", 100), 1, 100));
    const std::int64_t timeout = int_or(body, "timeout", 0);
    if (held_poll) {
      held_poll->respond(FakeAnswer::telegram_error(
          409,
          "Conflict: terminated by other getUpdates request; make sure that only one bot "
          "instance is running"));
      held_poll.reset();
      poll_timer.reset();
    }
    if (updates.empty() && timeout > 0) {
      held_poll = session;
      poll_timer.emplace(io, std::chrono::seconds(timeout));
      poll_timer->async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec || !self->held_poll) return;
        self->held_poll->respond(FakeAnswer::ok(json::array()));
        self->held_poll.reset();
      });
      return std::nullopt;
    }
    json result = json::array();
    for (std::size_t i = 0; i < updates.size() && i < limit; ++i) result.push_back(updates[i]);
    return FakeAnswer::ok(std::move(result));
  }
  return FakeAnswer{};
}

void FakeApiServer::State::serve_held_poll() {
  if (!held_poll) return;
  json result = json::array();
  {
    std::lock_guard lock(mutex);
    if (updates.empty()) return;
    for (std::size_t i = 0; i < updates.size() && i < 100; ++i) result.push_back(updates[i]);
  }
  poll_timer.reset();  // cancels the timeout wait
  auto session = std::move(held_poll);
  held_poll.reset();
  session->respond(FakeAnswer::ok(std::move(result)));
}

FakeApiServer::FakeApiServer() : state_(std::make_shared<State>()) {
  state_->listen();
  state_->thread = std::thread([state = state_] { state->io.run(); });
}

FakeApiServer::~FakeApiServer() {
  // Close everything, then let the io_context run out on its own: stopping it would
  // leave handlers (holding sessions, which hold the state) undestroyed.
  go_down();
  state_->work.reset();
  state_->thread.join();
}

std::uint16_t FakeApiServer::port() const { return state_->port; }

std::string FakeApiServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(state_->port);
}

void FakeApiServer::set_default(std::string path_suffix, FakeAnswer answer) {
  std::lock_guard lock(state_->mutex);
  state_->defaults[std::move(path_suffix)] = std::move(answer);
}

void FakeApiServer::enqueue(FakeAnswer answer, std::string path_suffix) {
  std::lock_guard lock(state_->mutex);
  state_->queue.emplace_back(std::move(path_suffix), std::move(answer));
}

void FakeApiServer::set_stall(bool stall) {
  std::lock_guard lock(state_->mutex);
  state_->stall = stall;
}

void FakeApiServer::go_down() {
  state_->run_on_server([state = state_.get()] {
    beast::error_code ignored;
    state->acceptor.close(ignored);
    state->held_poll.reset();
    state->poll_timer.reset();
    auto sessions = state->sessions;  // close() erases from the set
    for (const auto& session : sessions) session->close();
  });
}

void FakeApiServer::come_up() {
  state_->run_on_server([state = state_.get()] {
    if (!state->acceptor.is_open()) state->listen();
  });
}

std::vector<RecordedRequest> FakeApiServer::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->recorded;
}

std::vector<RecordedRequest> FakeApiServer::requests_to(std::string_view path_suffix) const {
  std::lock_guard lock(state_->mutex);
  std::vector<RecordedRequest> matching;
  for (const auto& request : state_->recorded) {
    if (request.path.ends_with(path_suffix)) matching.push_back(request);
  }
  return matching;
}

bool FakeApiServer::wait_for_requests(std::size_t n, std::chrono::milliseconds deadline) const {
  return wait_until(
      [&] {
        std::lock_guard lock(state_->mutex);
        return state_->recorded.size() >= n;
      },
      deadline);
}

std::size_t FakeApiServer::accepted_connections() const { return state_->accepted.load(); }

std::int64_t FakeApiServer::add_update(nlohmann::json update) {
  std::int64_t id = 0;
  {
    std::lock_guard lock(state_->mutex);
    if (update.is_object() && update.contains("update_id") &&
        update["update_id"].is_number_integer()) {
      id = update["update_id"].get<std::int64_t>();
    } else {
      id = state_->last_update_id + 1;
      update["update_id"] = id;
    }
    state_->last_update_id = std::max(state_->last_update_id, id);
    state_->updates.push_back(std::move(update));
  }
  asio::post(state_->io, [state = state_] { state->serve_held_poll(); });
  return id;
}

std::size_t FakeApiServer::pending_updates() const {
  std::lock_guard lock(state_->mutex);
  return state_->updates.size();
}

std::string FakeApiServer::webhook_url() const {
  std::lock_guard lock(state_->mutex);
  return state_->webhook.is_object() ? state_->webhook.value("url", "") : "";
}

nlohmann::json FakeApiServer::webhook_settings() const {
  std::lock_guard lock(state_->mutex);
  return state_->webhook;
}

}  // namespace triagebot::testing
