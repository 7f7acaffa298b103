#include "bot/net/websocket_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <deque>
#include <optional>

#include "bot/net/base_url.h"
#include "bot/net/client_tls.h"
#include "bot/obs/log.h"

namespace triagebot::bot::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

// Outside the anonymous namespace: WebSocketClient::Impl holds one, and a member of a
// named class may not have an internal type (GCC's -Wsubobject-linkage, which a unity
// build turns on for every file it includes).
struct SocketUrl {
  BaseUrl base;        // scheme (tls), host, port, host header
  std::string target;  // path and query: "/link/?ticket=..."
};

namespace {

// No permessage-deflate (the second argument): Slack sends small JSON frames and never
// needs it, and a stream that may deflate compiles Beast's own zlib for each socket
// type (this file took 85 s of -O3 on one core with it, 72 s without).
constexpr bool kNoDeflate = false;
using PlainSocket = websocket::stream<beast::tcp_stream, kNoDeflate>;
using TlsSocket = websocket::stream<beast::ssl_stream<beast::tcp_stream>, kNoDeflate>;

// ws(s)://authority[/path][?query]: the authority goes through parse_base_url (so the
// loopback rule for plain connections is the HTTPS client's), the rest is the target.
Result<SocketUrl> parse_socket_url(std::string_view url) {
  std::string http_form;
  std::string_view rest;
  if (url.starts_with("wss://")) {
    http_form = "https://";
    rest = url.substr(6);
  } else if (url.starts_with("ws://")) {
    http_form = "http://";
    rest = url.substr(5);
  } else {
    return make_error(ErrorCode::bad_url, "WebSocket URL must start with wss://");
  }
  if (rest.find_first_of("# ") != std::string_view::npos) {
    return make_error(ErrorCode::bad_url, "WebSocket URL must not carry a fragment or spaces");
  }
  const auto authority_end = rest.find_first_of("/?");
  SocketUrl out;
  auto base = parse_base_url(http_form + std::string(rest.substr(0, authority_end)));
  if (!base) return make_error(ErrorCode::bad_url, "WebSocket URL: " + base.error().message);
  out.base = std::move(*base);
  out.target =
      authority_end == std::string_view::npos ? "/" : std::string(rest.substr(authority_end));
  if (out.target.starts_with('?')) out.target.insert(0, "/");
  return out;
}

}  // namespace

struct WebSocketClient::Impl : std::enable_shared_from_this<WebSocketClient::Impl> {
  Impl(asio::any_io_executor executor, SocketUrl socket_url, WebSocketOptions socket_options)
      : strand(asio::make_strand(std::move(executor))),
        url(std::move(socket_url)),
        options(std::move(socket_options)) {}

  asio::strand<asio::any_io_executor> strand;
  SocketUrl url;
  WebSocketOptions options;
  std::optional<ssl::context> tls_context;  // declared before the stream that uses it
  std::optional<PlainSocket> plain;
  std::optional<TlsSocket> tls;

  // Strand only.
  std::optional<tcp::resolver> resolver;
  std::optional<asio::steady_timer> resolve_timer;
  std::chrono::steady_clock::time_point deadline;
  bool timed_out = false;
  bool closed = false;  // close() was called
  bool ended = false;   // the connection is over; on_end was (or will never be) called
  std::function<void(Result<void>)> connect_done;
  std::function<void(std::string)> on_message;
  std::function<void(Error)> on_end;
  beast::flat_buffer buffer;
  std::deque<std::string> outgoing;
  bool writing = false;

  beast::tcp_stream& tcp_layer() {
    return tls ? beast::get_lowest_layer(*tls) : beast::get_lowest_layer(*plain);
  }
  template <class Operation>
  void with_stream(Operation&& operation) {
    if (tls) {
      operation(*tls);
    } else {
      operation(*plain);
    }
  }

  void close_socket() {
    // Beast's idle timer would otherwise stay armed (keeping the io_context busy) until
    // it next fires, up to half an idle_timeout later.
    with_stream([](auto& stream) {
      stream.set_option(websocket::stream_base::timeout{websocket::stream_base::none(),
                                                        websocket::stream_base::none(), false});
    });
    beast::error_code ignored;
    tcp_layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp_layer().socket().close(ignored);
  }

  // --- connect ---

  void resolve() {
    resolver.emplace(strand);
    resolve_timer.emplace(strand, deadline);
    // The resolver has no deadline of its own: cancel it when ours passes.
    resolve_timer->async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec && self->resolver) {
        self->timed_out = true;
        self->resolver->cancel();
      }
    });
    resolver->async_resolve(
        url.base.host, std::to_string(url.base.port),
        [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type results) {
          self->resolve_timer->cancel();
          if (self->timed_out) return self->connect_failed("resolve", beast::error::timeout);
          if (ec) return self->connect_failed("resolve", ec);
          self->tcp_connect(results);
        });
  }

  void tcp_connect(const tcp::resolver::results_type& results) {
    tcp_layer().expires_at(deadline);
    tcp_layer().async_connect(
        results, [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
          if (ec) return self->connect_failed("connect", ec);
          if (self->tls) return self->tls_handshake();
          self->upgrade();
        });
  }

  void tls_handshake() {
    auto& stream = tls->next_layer();
    const std::string& host = url.base.host;
    // SNI: without it, servers hosting several names may present the wrong certificate.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
      return connect_failed("handshake", beast::error_code(static_cast<int>(::ERR_get_error()),
                                                           asio::error::get_ssl_category()));
    }
    stream.set_verify_mode(ssl::verify_peer);
    stream.set_verify_callback(ssl::host_name_verification(host));
    tcp_layer().expires_at(deadline);
    stream.async_handshake(ssl::stream_base::client,
                           [self = shared_from_this()](beast::error_code ec) {
                             if (ec) return self->connect_failed("handshake", ec);
                             self->upgrade();
                           });
  }

  void upgrade() {
    // From here the WebSocket's own timeouts rule; the TCP stream's would cut a
    // healthy idle connection.
    tcp_layer().expires_never();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    websocket::stream_base::timeout timeouts;
    timeouts.handshake_timeout = std::max(left, std::chrono::milliseconds(1));
    timeouts.idle_timeout = options.idle_timeout;
    timeouts.keep_alive_pings = true;
    with_stream([&](auto& stream) {
      stream.set_option(timeouts);
      stream.read_message_max(options.max_message_bytes);
      stream.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
        request.set(beast::http::field::user_agent, "triagebot/" TRIAGEBOT_VERSION);
      }));
      stream.async_handshake(url.base.host_header, url.target,
                             [self = shared_from_this()](beast::error_code ec) {
                               if (ec) return self->connect_failed("upgrade", ec);
                               self->finish_connect({});
                             });
    });
  }

  void connect_failed(std::string_view stage, beast::error_code ec) {
    close_socket();
    ended = true;
    if (closed) return finish_connect(make_error(ErrorCode::closed, "the connection was closed"));
    ErrorCode code = ErrorCode::connection;
    if (ec == beast::error::timeout) {
      code = ErrorCode::timeout;
    } else if (stage == "handshake" || ec.category() == asio::error::get_ssl_category()) {
      code = ErrorCode::tls;
    } else if (stage == "upgrade") {
      code = ErrorCode::handshake;
    }
    // The stage and the system error only: the URL holds a ticket.
    log(LogLevel::debug, "websocket.connect_failure", {{"stage", stage}, {"error", ec.message()}});
    finish_connect(make_error(code, std::string(stage) + ": " + ec.message()));
  }

  void finish_connect(Result<void> result) {
    auto done = std::move(connect_done);
    if (done) done(std::move(result));
  }

  // --- reading and writing ---

  void read() {
    with_stream([&](auto& stream) {
      stream.async_read(buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) return self->end(ec);
        std::string text = beast::buffers_to_string(self->buffer.data());
        self->buffer.consume(self->buffer.size());
        if (self->on_message) self->on_message(std::move(text));
        if (!self->ended) self->read();
      });
    });
  }

  void end(beast::error_code ec) {
    if (ended) return;
    ended = true;
    close_socket();
    Error why;
    if (closed || ec == websocket::error::closed) {
      why = make_error(ErrorCode::closed, "the connection was closed");
    } else if (ec == beast::error::timeout) {
      why = make_error(ErrorCode::timeout, "no frame within the idle timeout");
    } else if (ec == websocket::error::message_too_big || ec == websocket::error::buffer_overflow) {
      why = make_error(ErrorCode::message_too_large, "a message over the size limit");
    } else if (ec.category() == asio::error::get_ssl_category()) {
      why = make_error(ErrorCode::tls, "read: " + ec.message());
    } else {
      why = make_error(ErrorCode::connection, "read: " + ec.message());
    }
    // The queue stays: a write in flight still reads outgoing.front() (Beast masks a
    // client's frame by copying it in chunks as it writes), and write_next() sends
    // nothing once ended.
    auto done = std::move(on_end);
    on_message = nullptr;
    if (done) done(std::move(why));
  }

  void write_next() {
    if (writing || outgoing.empty() || ended) return;
    writing = true;
    with_stream([&](auto& stream) {
      stream.text(true);
      stream.async_write(asio::buffer(outgoing.front()),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                           self->writing = false;
                           if (ec) {
                             // The read that is always pending reports the end.
                             self->close_socket();
                             return;
                           }
                           if (!self->outgoing.empty()) self->outgoing.pop_front();
                           self->write_next();
                         });
    });
  }
};

Result<std::shared_ptr<WebSocketClient>> WebSocketClient::create(asio::any_io_executor executor,
                                                                 std::string_view url,
                                                                 WebSocketOptions options) {
  auto parsed = parse_socket_url(url);
  if (!parsed) return parsed.error();
  auto impl = std::make_shared<Impl>(std::move(executor), std::move(*parsed), std::move(options));
  if (impl->url.base.tls) {
    impl->tls_context.emplace(ssl::context::tls_client);
    auto& context = *impl->tls_context;
    if (auto configured = configure_client_tls(context, impl->options.extra_ca_pem); !configured)
      return configured.error();
    impl->tls.emplace(impl->strand, context);
  } else {
    impl->plain.emplace(impl->strand);
  }
  return std::shared_ptr<WebSocketClient>(new WebSocketClient(std::move(impl)));
}

WebSocketClient::~WebSocketClient() { close(); }

void WebSocketClient::connect(std::function<void(Result<void>)> done) {
  asio::dispatch(impl_->strand, [impl = impl_, done = std::move(done)]() mutable {
    impl->connect_done = std::move(done);
    if (impl->closed || impl->ended) {
      // Never inline: the caller may hold a lock or expect to finish its own step first.
      return asio::post(impl->strand, [impl] {
        impl->finish_connect(make_error(ErrorCode::closed, "the connection was closed"));
      });
    }
    impl->deadline = std::chrono::steady_clock::now() + impl->options.connect_timeout;
    impl->resolve();
  });
}

void WebSocketClient::run(std::function<void(std::string)> on_message,
                          std::function<void(Error)> on_end) {
  asio::dispatch(impl_->strand, [impl = impl_, on_message = std::move(on_message),
                                 on_end = std::move(on_end)]() mutable {
    impl->on_message = std::move(on_message);
    impl->on_end = std::move(on_end);
    if (impl->ended) {
      return asio::post(impl->strand, [impl] {
        auto done = std::move(impl->on_end);
        if (done) done(make_error(ErrorCode::closed, "the connection was closed"));
      });
    }
    impl->read();
  });
}

void WebSocketClient::send(std::string text) {
  asio::dispatch(impl_->strand, [impl = impl_, text = std::move(text)]() mutable {
    if (impl->ended || impl->closed) return;
    impl->outgoing.push_back(std::move(text));
    impl->write_next();
  });
}

void WebSocketClient::close() {
  asio::dispatch(impl_->strand, [impl = impl_] {
    if (impl->closed) return;
    impl->closed = true;
    if (impl->resolver) impl->resolver->cancel();
    if (impl->resolve_timer) impl->resolve_timer->cancel();
    // Cancels whatever is pending; its handler reports "closed".
    impl->close_socket();
  });
}

}  // namespace triagebot::bot::net
