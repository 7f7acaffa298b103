#include "bot/channels/slack/socket_mode_loop.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "adapters/slack/api_calls.h"
#include "bot/channels/slack/socket_mode_backoff.h"
#include "bot/channels/slack/socket_url.h"
#include "bot/net/http_client.h"
#include "bot/net/websocket_client.h"
#include "bot/obs/log.h"
#include "storage/thread_name.h"

namespace triagebot::bot::slack {
namespace {

namespace asio = boost::asio;
namespace adapter = adapters::slack;

std::string_view kind_name(adapter::EnvelopeKind kind) {
  switch (kind) {
    case adapter::EnvelopeKind::interactive:
      return "interactive";
    case adapter::EnvelopeKind::slash_commands:
      return "slash_commands";
    default:
      return "events_api";
  }
}

class SocketModeLoop;

// The way back from a handler's `done`, which may come on any thread and even after
// the loop is gone: stop() closes the relay first, so nothing committed after it is
// acknowledged by a loop that no longer runs, and nothing is posted to a dead io_context.
class AckRelay {
 public:
  AckRelay(asio::io_context& io, SocketModeLoop& loop) : io_(&io), loop_(&loop) {}
  // `ack` is the whole acknowledgement frame (adapter::ack_message).
  void acknowledge(std::string ack);
  void close() {
    std::lock_guard lock(mutex_);
    io_ = nullptr;
  }

 private:
  std::mutex mutex_;
  asio::io_context* io_;  // null once closed
  SocketModeLoop* loop_;
};

class SocketModeLoop final : public BackgroundLoop {
 public:
  SocketModeLoop(SocketModeOptions options, EnvelopeHandler handler)
      : options_(std::move(options)), handler_(std::move(handler)) {}

  // The HTTPS client runs on this loop's io_context, so it is made once the loop exists.
  Result<void> init() {
    net::HttpClientOptions http_options;
    http_options.timeout = options_.call_timeout;
    auto client = net::HttpClient::create(io_.get_executor(), options_.api_base, http_options);
    if (!client) {
      return make_error(ErrorCode::bad_config, "TRIAGEBOT_SLACK_API: " + client.error().message);
    }
    client_.emplace(std::move(*client));
    return {};
  }

  ~SocketModeLoop() override { stop(); }

  void start() override {
    if (thread_.joinable() || stopped_) return;
    asio::post(io_, [this] {
      log(LogLevel::info, "slack.socket_started", {});
      open();
    });
    thread_ = std::thread([this] {
      storage::name_this_thread("tb-slack-socket");
      io_.run();
    });
  }

  // Closes the relay (nothing more is acknowledged), then closes the sockets and cancels
  // the timers on the loop's thread, then stops the io_context: an apps.connections.open
  // in flight is abandoned rather than waited for.
  void stop() override {
    if (stopped_) return;
    stopped_ = true;
    relay_->close();
    if (!thread_.joinable()) return;
    asio::post(io_, [this] { shut_down(); });
    thread_.join();
  }

  // Loop thread. `ack` is the frame to send (adapter::ack_message).
  void acknowledge(std::string ack) {
    if (stopping_) return;
    auto target = ready_link();
    if (!target) {
      // Between connections: the next one to say hello carries it (Slack takes an
      // acknowledgement by envelope_id; a late one at worst lets Slack redeliver, and
      // the commit's dedup drops the repeat).
      unsent_acks_.push_back(std::move(ack));
      return;
    }
    target->socket->send(std::move(ack));
  }

 private:
  struct Link {
    std::uint64_t number = 0;
    std::shared_ptr<net::WebSocketClient> socket;
    std::optional<asio::steady_timer> hello_timer;
    std::optional<asio::steady_timer> retire_timer;
    bool ready = false;  // said hello
  };

  // --- opening a connection ---

  void open() {
    if (stopping_) return;
    opening_ = true;
    client_->send(adapter::render_connections_open(options_.app_token), options_.call_timeout,
                  [this](Result<net::ClientResponse> answer) {
                    if (!stopping_) opened(std::move(answer));
                  });
  }

  void opened(Result<net::ClientResponse> answer) {
    if (!answer) {
      log(LogLevel::warn, "slack.socket_open_failed", {{"code", answer.error().code}});
      return retry();
    }
    auto url = socket_url(answer->status, answer->body);
    if (!url) {
      if (url.error().code == ErrorCode::unauthorized) {
        // The app token's fault: say so plainly, since retrying will not mend it.
        log(LogLevel::error, "slack.socket_unauthorized",
            {{"error", url.error().message},
             {"message",
              "apps.connections.open refused the app token: check TRIAGEBOT_SLACK_APP_TOKEN "
              "(an xapp- token with the connections:write scope, Socket Mode on)"}});
      } else {
        log(LogLevel::warn, "slack.socket_open_failed",
            {{"code", url.error().code},
             {"status", answer->status},
             {"error", url.error().message}});
      }
      return retry();
    }
    net::WebSocketOptions socket_options;
    socket_options.connect_timeout = options_.call_timeout;
    socket_options.idle_timeout = options_.idle_timeout;
    auto socket = net::WebSocketClient::create(io_.get_executor(), *url, socket_options);
    if (!socket) {
      log(LogLevel::warn, "slack.socket_open_failed",
          {{"code", socket.error().code}, {"error", socket.error().message}});
      return retry();
    }
    auto link = std::make_shared<Link>();
    link->number = ++links_;
    link->socket = std::move(*socket);
    pending_ = link;
    link->socket->connect([this, weak = std::weak_ptr<Link>(link)](Result<void> connected) {
      if (auto alive = weak.lock(); alive && !stopping_) on_connected(alive, std::move(connected));
    });
  }

  void on_connected(const std::shared_ptr<Link>& link, Result<void> connected) {
    if (link != pending_) return;
    if (!connected) {
      pending_ = nullptr;
      log(LogLevel::warn, "slack.socket_connect_failed", {{"code", connected.error().code}});
      return retry();
    }
    std::weak_ptr<Link> weak = link;
    link->socket->run(
        [this, weak](std::string frame) {
          if (auto alive = weak.lock(); alive && !stopping_) on_frame(alive, frame);
        },
        [this, weak](Error why) {
          if (auto alive = weak.lock(); alive && !stopping_) on_end(alive, why);
        });
    // Slack says hello first; a server that never does is as good as a failed connect.
    link->hello_timer.emplace(io_, options_.call_timeout);
    link->hello_timer->async_wait([this, weak](boost::system::error_code ec) {
      auto silent = weak.lock();
      if (ec || !silent || stopping_ || silent != pending_) return;
      pending_ = nullptr;
      silent->socket->close();
      log(LogLevel::warn, "slack.socket_no_hello", {{"connection", silent->number}});
      retry();
    });
  }

  // After a failed open, connect or hello, or a lost connection: wait, then open again.
  void retry() {
    if (stopping_) return;
    opening_ = true;
    ++failures_;
    const auto delay =
        backoff_delay(options_.backoff_base, options_.backoff_cap, failures_, random_);
    log(LogLevel::info, "slack.socket_retry",
        {{"delay_ms", delay.count()}, {"failures", failures_}});
    retry_timer_.expires_after(delay);
    retry_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec && !stopping_) open();
    });
  }

  // --- a connection's frames ---

  void on_frame(const std::shared_ptr<Link>& link, const std::string& frame) {
    auto envelope = adapter::parse_envelope(frame);
    if (!envelope) {
      // Slack redelivers what it meant; the frame's text is never logged.
      log(LogLevel::warn, "slack.socket_bad_frame", {{"error", envelope.error().message}});
      return;
    }
    switch (envelope->kind) {
      case adapter::EnvelopeKind::hello:
        return on_hello(link);
      case adapter::EnvelopeKind::disconnect:
        return on_disconnect(link, envelope->disconnect_reason);
      case adapter::EnvelopeKind::events_api:
      case adapter::EnvelopeKind::interactive:
      case adapter::EnvelopeKind::slash_commands:
        return dispatch(*envelope);
      case adapter::EnvelopeKind::other:
        log(LogLevel::debug, "slack.socket_ignored", {{"type", envelope->type}});
        if (!envelope->envelope_id.empty()) {
          acknowledge(adapter::ack_message(envelope->envelope_id));
        }
        return;
    }
  }

  void on_hello(const std::shared_ptr<Link>& link) {
    if (link != pending_) return;  // a repeated hello, or one from a retiring connection
    link->hello_timer->cancel();
    link->ready = true;
    pending_ = nullptr;
    current_ = link;
    opening_ = false;
    failures_ = 0;
    log(LogLevel::info, "slack.socket_connected", {{"connection", link->number}});
    if (retiring_) retire_later(retiring_);
    std::deque<std::string> waiting;
    waiting.swap(unsent_acks_);
    for (auto& ack : waiting) acknowledge(std::move(ack));
  }

  // The fresh connection is up. Slack may still have written to the one it asked us to
  // leave; read that until Slack closes it, or for call_timeout at most.
  void retire_later(const std::shared_ptr<Link>& link) {
    link->retire_timer.emplace(io_, options_.call_timeout);
    link->retire_timer->async_wait(
        [this, weak = std::weak_ptr<Link>(link)](boost::system::error_code ec) {
          auto old = weak.lock();
          if (ec || !old || stopping_ || old != retiring_) return;
          retiring_ = nullptr;
          old->socket->close();
        });
  }

  // Slack will close this connection soon (refresh_requested every few hours,
  // link_disabled, warning ...). Open a fresh one at once and keep reading this one, so
  // nothing sent on it meanwhile is missed.
  void on_disconnect(const std::shared_ptr<Link>& link, const std::string& reason) {
    log(LogLevel::info, "slack.socket_disconnect",
        {{"connection", link->number}, {"reason", reason}});
    if (link == pending_) {
      pending_ = nullptr;
      link->socket->close();
      return retry();
    }
    if (link != current_) return;
    if (retiring_) retiring_->socket->close();  // a third connection is one too many
    retiring_ = current_;
    current_ = nullptr;
    if (!opening_) open();
  }

  void dispatch(const adapter::Envelope& envelope) {
    log(LogLevel::debug, "slack.socket_envelope",
        {{"type", kind_name(envelope.kind)}, {"retry_attempt", envelope.redelivery.attempt}});
    auto done = [relay = relay_, envelope_id = envelope.envelope_id,
                 type = std::string(kind_name(envelope.kind))](Result<nlohmann::json> outcome) {
      if (!outcome && outcome.error().code != ErrorCode::bad_request) {
        // Not committed: Slack delivers it again (retry_attempt > 0).
        log(LogLevel::warn, "slack.socket_not_acknowledged",
            {{"type", type}, {"code", outcome.error().code}});
        return;
      }
      if (!outcome) {
        // It can never be processed; an acknowledgement stops Slack resending it.
        log(LogLevel::warn, "slack.socket_envelope_rejected",
            {{"type", type}, {"error", outcome.error().message}});
        return relay->acknowledge(adapter::ack_message(envelope_id));
      }
      relay->acknowledge(adapter::ack_message(envelope_id, *outcome));
    };
    handler_(envelope, std::move(done));
  }

  void on_end(const std::shared_ptr<Link>& link, const Error& why) {
    if (link == retiring_) {
      retiring_ = nullptr;
      if (link->retire_timer) link->retire_timer->cancel();
      return;
    }
    if (link == pending_) {
      pending_ = nullptr;
      log(LogLevel::warn, "slack.socket_connect_failed", {{"code", why.code}});
      return retry();
    }
    if (link != current_) return;
    current_ = nullptr;
    log(LogLevel::warn, "slack.socket_lost", {{"connection", link->number}, {"code", why.code}});
    if (!opening_) retry();
  }

  // The connection an acknowledgement goes over: the ready one, else the one Slack
  // asked us to leave while it is still open.
  std::shared_ptr<Link> ready_link() const {
    if (current_) return current_;
    return retiring_;
  }

  void shut_down() {
    stopping_ = true;
    retry_timer_.cancel();
    for (auto* link : {&pending_, &current_, &retiring_}) {
      if (*link) (*link)->socket->close();
      *link = nullptr;
    }
    unsent_acks_.clear();
    log(LogLevel::info, "slack.socket_stopped", {});
    // Posted after the sockets' closes, which therefore run first; an
    // apps.connections.open in flight is dropped with the io_context.
    asio::post(io_, [this] { io_.stop(); });
  }

  SocketModeOptions options_;
  EnvelopeHandler handler_;
  // Declared before everything that runs on it, so it is destroyed last.
  asio::io_context io_;
  std::optional<net::HttpClient> client_;  // set by init()
  std::shared_ptr<AckRelay> relay_ = std::make_shared<AckRelay>(io_, *this);
  asio::steady_timer retry_timer_{io_};

  // Loop thread only.
  std::shared_ptr<Link> pending_;        // connecting, or waiting for hello
  std::shared_ptr<Link> current_;        // said hello
  std::shared_ptr<Link> retiring_;       // sent disconnect; still read (see retire_later)
  std::deque<std::string> unsent_acks_;  // acknowledgement frames
  bool opening_ = false;                 // an open, a connect, a hello or a backoff is under way
  int failures_ = 0;                     // in a row since the last hello
  std::uint64_t links_ = 0;
  std::mt19937_64 random_{std::random_device{}()};
  bool stopping_ = false;

  // Owner's thread.
  bool stopped_ = false;
  std::thread thread_;
};

void AckRelay::acknowledge(std::string ack) {
  std::lock_guard lock(mutex_);
  if (io_ == nullptr) return;
  asio::post(*io_,
             [loop = loop_, ack = std::move(ack)]() mutable { loop->acknowledge(std::move(ack)); });
}

}  // namespace

Result<std::unique_ptr<BackgroundLoop>> make_socket_mode_loop(SocketModeOptions options,
                                                              EnvelopeHandler handler) {
  auto loop = std::make_unique<SocketModeLoop>(std::move(options), std::move(handler));
  if (auto ready = loop->init(); !ready) return ready.error();
  return std::unique_ptr<BackgroundLoop>(std::move(loop));
}

}  // namespace triagebot::bot::slack
