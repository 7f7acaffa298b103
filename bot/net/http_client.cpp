#include "bot/net/http_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <deque>
#include <mutex>
#include <optional>

#include "bot/net/base_url.h"
#include "bot/net/client_tls.h"
#include "bot/obs/log.h"

namespace triagebot::bot::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

// One kept-alive connection: plain TCP (loopback tests) or TLS over TCP. Its buffer
// stays with it, since bytes past one response belong to the next. Outside the anonymous
// namespace because HttpClient::Impl keeps idle ones (-Wsubobject-linkage, which a
// unity build turns on for every file it includes).
struct PooledConnection {
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  std::chrono::steady_clock::time_point idle_since;

  beast::tcp_stream& tcp() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
  asio::any_io_executor executor() { return tcp().get_executor(); }
  template <class Operation>
  void with_stream(Operation&& operation) {
    if (tls) {
      operation(*tls);
    } else {
      operation(*plain);
    }
  }
  void close() {
    beast::error_code ignored;
    // No TLS close_notify: waiting for the peer's answer could hang, and nothing after
    // the response we already have depends on it.
    tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp().socket().close(ignored);
  }
};

namespace {

bool closed_before_answer(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == ssl::error::stream_truncated;
}

}  // namespace

struct HttpClient::Impl : std::enable_shared_from_this<HttpClient::Impl> {
  asio::any_io_executor executor;
  BaseUrl url;
  HttpClientOptions options;
  std::optional<ssl::context> tls_context;

  mutable std::mutex mutex;
  std::deque<std::unique_ptr<PooledConnection>> idle;  // most recently used at the back

  std::unique_ptr<PooledConnection> take_idle() {
    std::lock_guard lock(mutex);
    const auto now = std::chrono::steady_clock::now();
    while (!idle.empty()) {
      std::unique_ptr<PooledConnection> connection = std::move(idle.back());
      idle.pop_back();
      if (now - connection->idle_since < options.max_idle_age) return connection;
      connection->close();
    }
    return nullptr;
  }

  void give_back(std::unique_ptr<PooledConnection> connection) {
    connection->idle_since = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex);
    idle.push_back(std::move(connection));
    while (idle.size() > options.max_idle_connections) {
      idle.front()->close();
      idle.pop_front();
    }
  }

  std::unique_ptr<PooledConnection> fresh_connection() {
    auto connection = std::make_unique<PooledConnection>();
    auto strand = asio::make_strand(executor);
    if (tls_context) {
      connection->tls.emplace(strand, *tls_context);
    } else {
      connection->plain.emplace(strand);
    }
    return connection;
  }
};

namespace {

// One request from start to answer. Owns its connection while it runs; every step
// runs on that connection's strand.
class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(std::shared_ptr<HttpClient::Impl> client, adapters::OutboundCall call,
           std::chrono::milliseconds timeout, ResponseHandler done)
      : client_(std::move(client)),
        call_(std::move(call)),
        deadline_(std::chrono::steady_clock::now() + timeout),
        done_(std::move(done)) {}

  void start() {
    http::verb verb = http::string_to_verb(call_.method);
    if (verb == http::verb::unknown) {
      return asio::post(client_->executor, [self = shared_from_this()] {
        self->finish(make_error(ErrorCode::bad_request, "unknown HTTP method"));
      });
    }
    request_.method(verb);
    request_.target(client_->url.prefix + call_.path);
    request_.version(11);
    request_.set(http::field::host, client_->url.host_header);
    request_.set(http::field::user_agent, "triagebot/" TRIAGEBOT_VERSION);
    for (const auto& [name, value] : call_.headers.fields) request_.set(name, value);
    request_.body() = call_.body;
    request_.keep_alive(true);
    request_.prepare_payload();

    connection_ = client_->take_idle();
    reused_ = connection_ != nullptr;
    if (!connection_) connection_ = client_->fresh_connection();
    asio::dispatch(connection_->executor(), [self = shared_from_this()] {
      if (self->reused_) {
        self->write();
      } else {
        self->resolve();
      }
    });
  }

 private:
  void resolve() {
    resolver_.emplace(connection_->executor());
    resolve_timer_.emplace(connection_->executor(), deadline_);
    // The resolver has no deadline of its own: cancel it when ours passes.
    resolve_timer_->async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec && self->resolver_) {
        self->timed_out_ = true;
        self->resolver_->cancel();
      }
    });
    resolver_->async_resolve(
        client_->url.host, std::to_string(client_->url.port),
        [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type results) {
          self->resolve_timer_->cancel();
          if (self->timed_out_) return self->fail("resolve", beast::error::timeout);
          if (ec) return self->fail("resolve", ec);
          self->connect(results);
        });
  }

  void connect(const tcp::resolver::results_type& results) {
    connection_->tcp().expires_at(deadline_);
    connection_->tcp().async_connect(
        results, [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
          if (ec) return self->fail("connect", ec);
          if (self->connection_->tls) return self->handshake();
          self->write();
        });
  }

  void handshake() {
    auto& stream = *connection_->tls;
    const std::string& host = client_->url.host;
    // SNI: without it, servers hosting several names may present the wrong certificate.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
      return fail("handshake", beast::error_code(static_cast<int>(::ERR_get_error()),
                                                 asio::error::get_ssl_category()));
    }
    stream.set_verify_mode(ssl::verify_peer);
    stream.set_verify_callback(ssl::host_name_verification(host));
    connection_->tcp().expires_at(deadline_);
    stream.async_handshake(ssl::stream_base::client,
                           [self = shared_from_this()](beast::error_code ec) {
                             if (ec) return self->fail("handshake", ec);
                             self->write();
                           });
  }

  void write() {
    connection_->tcp().expires_at(deadline_);
    connection_->with_stream([&](auto& stream) {
      http::async_write(stream, request_,
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec) return self->fail("write", ec);
                          self->read();
                        });
    });
  }

  // The header is read on its own first: Beast 1.74 in eager mode (which async_read
  // turns on) drops the body_limit error that a too large Content-Length raises while
  // the header is parsed, and would read the whole body anyway.
  void read() {
    parser_.emplace();
    parser_->body_limit(client_->options.max_response_bytes);
    connection_->with_stream([&](auto& stream) {
      http::async_read_header(stream, connection_->buffer, *parser_,
                              [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                if (ec) return self->fail("read", ec);
                                self->read_body();
                              });
    });
  }

  void read_body() {
    auto length = parser_->content_length();
    if (length && *length > client_->options.max_response_bytes) {
      return fail("read", http::error::body_limit);
    }
    if (parser_->is_done()) return answer();
    connection_->with_stream([&](auto& stream) {
      http::async_read(stream, connection_->buffer, *parser_,
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec) return self->fail("read", ec);
                         self->answer();
                       });
    });
  }

  void answer() {
    auto response = parser_->release();
    ClientResponse out;
    out.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
      out.headers.set(std::string(field.name_string()), std::string(field.value()));
    }
    out.body = std::move(response.body());
    if (response.keep_alive()) {
      client_->give_back(std::move(connection_));
    } else {
      connection_->close();
    }
    finish(std::move(out));
  }

  void fail(std::string_view stage, beast::error_code ec) {
    connection_->close();
    // A kept-alive connection the server closed while it sat idle fails like this; the
    // request never reached the server's application, so one resend is safe.
    const bool stale =
        reused_ && !retried_ &&
        (stage == "write" || (stage == "read" && closed_before_answer(ec) && !parser_->got_some()));
    if (stale) {
      retried_ = true;
      reused_ = false;
      connection_ = client_->fresh_connection();
      return asio::dispatch(connection_->executor(),
                            [self = shared_from_this()] { self->resolve(); });
    }
    ErrorCode code = ErrorCode::connection;
    if (ec == beast::error::timeout) {
      code = ErrorCode::timeout;
    } else if (ec == http::error::body_limit || ec == http::error::header_limit) {
      code = ErrorCode::response_too_large;
    } else if (stage == "handshake" || ec.category() == asio::error::get_ssl_category()) {
      code = ErrorCode::tls;
    }
    log(LogLevel::debug, "http_client.failure",
        {{"call", call_.log_name}, {"stage", stage}, {"error", ec.message()}});
    finish(make_error(code, std::string(stage) + ": " + ec.message()));
  }

  void finish(Result<ClientResponse> result) {
    ResponseHandler done = std::move(done_);
    if (done) done(std::move(result));
  }

  std::shared_ptr<HttpClient::Impl> client_;
  adapters::OutboundCall call_;
  std::chrono::steady_clock::time_point deadline_;
  ResponseHandler done_;
  std::unique_ptr<PooledConnection> connection_;
  std::optional<tcp::resolver> resolver_;
  std::optional<asio::steady_timer> resolve_timer_;
  http::request<http::string_body> request_;
  std::optional<http::response_parser<http::string_body>> parser_;
  bool reused_ = false;
  bool retried_ = false;
  bool timed_out_ = false;
};

}  // namespace

Result<HttpClient> HttpClient::create(asio::any_io_executor executor, std::string_view base_url,
                                      HttpClientOptions options) {
  auto url = parse_base_url(base_url);
  if (!url) return url.error();
  auto impl = std::make_shared<Impl>();
  impl->executor = std::move(executor);
  impl->url = std::move(*url);
  impl->options = std::move(options);
  if (impl->url.tls) {
    impl->tls_context.emplace(ssl::context::tls_client);
    auto& context = *impl->tls_context;
    if (auto configured = configure_client_tls(context, impl->options.extra_ca_pem); !configured)
      return configured.error();
  }
  return HttpClient(std::move(impl));
}

void HttpClient::send(adapters::OutboundCall call, ResponseHandler done) const {
  send(std::move(call), impl_->options.timeout, std::move(done));
}

void HttpClient::send(adapters::OutboundCall call, std::chrono::milliseconds timeout,
                      ResponseHandler done) const {
  std::make_shared<Exchange>(impl_, std::move(call), timeout, std::move(done))->start();
}

std::size_t HttpClient::idle_connections() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->idle.size();
}

BlockingClient::BlockingClient(std::string base_url, HttpClientOptions options)
    : base_url_(std::move(base_url)), options_(std::move(options)) {}

Result<ClientResponse> BlockingClient::send(const adapters::OutboundCall& call) {
  asio::io_context io;
  {
    std::lock_guard lock(mutex_);
    if (cancelled_) return make_error(ErrorCode::cancelled, "the call was cancelled");
    running_ = &io;
  }
  std::optional<Result<ClientResponse>> outcome;
  if (auto client = HttpClient::create(io.get_executor(), base_url_, options_)) {
    client->send(call, [&](Result<ClientResponse> result) { outcome.emplace(std::move(result)); });
    // cancel() stops the loop; a stop that came before run() makes run() return at once.
    io.run();
  } else {
    outcome.emplace(client.error());
  }
  std::lock_guard lock(mutex_);
  running_ = nullptr;
  // Abandoned handlers (holding the exchange and its socket) die with `io`.
  if (!outcome && cancelled_) return make_error(ErrorCode::cancelled, "the call was cancelled");
  if (!outcome) return make_error(ErrorCode::connection, "request ended without an answer");
  return std::move(*outcome);
}

void BlockingClient::cancel() {
  std::lock_guard lock(mutex_);
  cancelled_ = true;
  if (running_ != nullptr) running_->stop();
}

Result<ClientResponse> send_blocking(std::string_view base_url, const adapters::OutboundCall& call,
                                     const HttpClientOptions& options) {
  return BlockingClient(std::string(base_url), options).send(call);
}

}  // namespace triagebot::bot::net
