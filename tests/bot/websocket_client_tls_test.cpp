// The WebSocket client over real TLS, as Slack's wss:// URLs need it: a local Beast
// echo server with a self-signed certificate for "localhost"
// (tests/support/localhost_certificate.h), trusted through WebSocketOptions::extra_ca_pem.
#include <gtest/gtest.h>

#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <memory>
#include <mutex>
#include <thread>

#include "bot/net/websocket_client.h"
#include "tests/support/localhost_certificate.h"

namespace triagebot::bot::net {
namespace websocket_client_tls_test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using testing::KeyAndCertificate;
using testing::make_localhost_certificate;

// Accepts wss:// upgrades and echoes every text message; records the SNI name and the
// upgrade's target. Runs its own thread.
class TlsEchoServer {
 public:
  explicit TlsEchoServer(const KeyAndCertificate& identity) : context_(ssl::context::tls_server) {
    context_.use_certificate_chain(asio::buffer(identity.certificate_pem));
    context_.use_private_key(asio::buffer(identity.key_pem), ssl::context::pem);
    acceptor_.open(tcp::v4());
    acceptor_.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    acceptor_.listen();
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~TlsEchoServer() {
    asio::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    thread_.join();  // the last connection ends when the client closes it
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::string server_name() const {
    std::lock_guard lock(mutex_);
    return server_name_;
  }
  std::string target() const {
    std::lock_guard lock(mutex_);
    return target_;
  }

 private:
  struct Connection {
    Connection(tcp::socket socket, ssl::context& context) : ws(std::move(socket), context) {}
    websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws;
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
  };

  void accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      auto connection = std::make_shared<Connection>(std::move(socket), context_);
      beast::get_lowest_layer(connection->ws).expires_after(std::chrono::seconds(10));
      connection->ws.next_layer().async_handshake(
          ssl::stream_base::server, [this, connection](beast::error_code handshake_ec) {
            if (handshake_ec) return;
            const char* name = SSL_get_servername(connection->ws.next_layer().native_handle(),
                                                  TLSEXT_NAMETYPE_host_name);
            {
              std::lock_guard lock(mutex_);
              server_name_ = name != nullptr ? name : "";
            }
            upgrade(connection);
          });
      accept();
    });
  }

  void upgrade(const std::shared_ptr<Connection>& connection) {
    http::async_read(connection->ws.next_layer(), connection->buffer, connection->request,
                     [this, connection](beast::error_code ec, std::size_t) {
                       if (ec) return;
                       {
                         std::lock_guard lock(mutex_);
                         target_ = std::string(connection->request.target());
                       }
                       beast::get_lowest_layer(connection->ws).expires_never();
                       connection->ws.async_accept(connection->request,
                                                   [this, connection](beast::error_code accept_ec) {
                                                     if (!accept_ec) echo(connection);
                                                   });
                     });
  }

  void echo(const std::shared_ptr<Connection>& connection) {
    connection->buffer.consume(connection->buffer.size());
    connection->ws.async_read(
        connection->buffer, [this, connection](beast::error_code ec, std::size_t) {
          if (ec) return;
          connection->ws.text(true);
          connection->ws.async_write(connection->buffer.data(),
                                     [this, connection](beast::error_code write_ec, std::size_t) {
                                       if (!write_ec) echo(connection);
                                     });
        });
  }

  asio::io_context io_;
  ssl::context context_;
  tcp::acceptor acceptor_{io_};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::string server_name_;
  std::string target_;
};

WebSocketOptions trusting(const KeyAndCertificate& identity) {
  WebSocketOptions options;
  options.extra_ca_pem = identity.certificate_pem;
  return options;
}

// Connects on an io_context run by this thread until the client is done with it.
Result<void> connect_only(const std::string& url, WebSocketOptions options) {
  asio::io_context io;
  auto client = WebSocketClient::create(io.get_executor(), url, std::move(options));
  if (!client) return client.error();
  std::optional<Result<void>> outcome;
  (*client)->connect([&](Result<void> connected) {
    outcome.emplace(std::move(connected));
    (*client)->close();
  });
  io.run();
  if (!outcome) return make_error(ErrorCode::internal, "connect never finished");
  return *outcome;
}

TEST(WebSocketClientTls, TrustedCertificateForTheHostNameConnectsWithSniAndExchangesText) {
  KeyAndCertificate identity = make_localhost_certificate();
  TlsEchoServer server(identity);
  asio::io_context io;
  auto client = WebSocketClient::create(
      io.get_executor(), "wss://localhost:" + std::to_string(server.port()) + "/link/?ticket=t1",
      trusting(identity));
  ASSERT_TRUE(client) << client.error().message;
  std::vector<std::string> received;
  std::optional<Error> ended;
  (*client)->connect([&](Result<void> connected) {
    ASSERT_TRUE(connected) << connected.error().code << ": " << connected.error().message;
    (*client)->run(
        [&](std::string text) {
          received.push_back(std::move(text));
          if (received.size() == 2) (*client)->close();
        },
        [&](Error why) { ended = std::move(why); });
    (*client)->send(R"({"envelope_id":"one"})");
    (*client)->send(R"({"envelope_id":"two"})");
  });
  io.run();
  EXPECT_EQ(received,
            (std::vector<std::string>{R"({"envelope_id":"one"})", R"({"envelope_id":"two"})"}));
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->code, ErrorCode::closed);
  EXPECT_EQ(server.server_name(), "localhost");
  EXPECT_EQ(server.target(), "/link/?ticket=t1");
}

TEST(WebSocketClientTls, UntrustedCertificateIsRefused) {
  KeyAndCertificate identity = make_localhost_certificate();
  TlsEchoServer server(identity);
  auto connected = connect_only("wss://localhost:" + std::to_string(server.port()) + "/link", {});
  ASSERT_FALSE(connected);
  EXPECT_EQ(connected.error().code, ErrorCode::tls);
}

TEST(WebSocketClientTls, WrongHostNameIsRefused) {
  KeyAndCertificate identity = make_localhost_certificate();
  TlsEchoServer server(identity);
  // The certificate names only DNS:localhost, not the address 127.0.0.1.
  auto connected = connect_only("wss://127.0.0.1:" + std::to_string(server.port()) + "/link",
                                trusting(identity));
  ASSERT_FALSE(connected);
  EXPECT_EQ(connected.error().code, ErrorCode::tls);
}

TEST(WebSocketClient, AConnectionRefusedIsAConnectionError) {
  asio::io_context io;
  tcp::acceptor closed(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto port = closed.local_endpoint().port();
  closed.close();
  auto connected = connect_only("ws://127.0.0.1:" + std::to_string(port) + "/link", {});
  ASSERT_FALSE(connected);
  EXPECT_EQ(connected.error().code, ErrorCode::connection);
}

}  // namespace
}  // namespace websocket_client_tls_test
}  // namespace triagebot::bot::net
