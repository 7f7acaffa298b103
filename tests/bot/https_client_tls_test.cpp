// The client over real TLS: a local Beast TLS server with a self-signed certificate for
// "localhost" (tests/support/localhost_certificate.h), trusted through
// HttpClientOptions::extra_ca_pem.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <memory>
#include <thread>

#include "bot/net/http_client.h"
#include "tests/support/localhost_certificate.h"

namespace triagebot::bot::net {
namespace https_client_tls_test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using testing::KeyAndCertificate;
using testing::make_localhost_certificate;

// Answers every request on every connection with 200 {"ok":true}; runs its own thread.
class TlsServer {
 public:
  explicit TlsServer(const KeyAndCertificate& identity) : context_(ssl::context::tls_server) {
    context_.use_certificate_chain(asio::buffer(identity.certificate_pem));
    context_.use_private_key(asio::buffer(identity.key_pem), ssl::context::pem);
    acceptor_.open(tcp::v4());
    acceptor_.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    acceptor_.listen();
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~TlsServer() {
    asio::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
    });
    thread_.join();  // the last connection ends when the client's io_context closes it
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  int handshakes() const { return handshakes_.load(); }

 private:
  struct Connection {
    explicit Connection(tcp::socket socket, ssl::context& context)
        : stream(std::move(socket), context) {}
    beast::ssl_stream<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::response<http::string_body> response;
  };

  void accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      auto connection = std::make_shared<Connection>(std::move(socket), context_);
      beast::get_lowest_layer(connection->stream).expires_after(std::chrono::seconds(10));
      connection->stream.async_handshake(ssl::stream_base::server,
                                         [this, connection](beast::error_code ec) {
                                           if (ec) return;
                                           ++handshakes_;
                                           serve(connection);
                                         });
      accept();
    });
  }

  void serve(const std::shared_ptr<Connection>& connection) {
    connection->request = {};
    http::async_read(connection->stream, connection->buffer, connection->request,
                     [this, connection](beast::error_code ec, std::size_t) {
                       if (ec) return;
                       auto& response = connection->response;
                       response = {http::status::ok, 11};
                       response.set(http::field::content_type, "application/json");
                       response.body() = R"({"ok":true,"result":true})";
                       response.keep_alive(connection->request.keep_alive());
                       response.prepare_payload();
                       http::async_write(connection->stream, response,
                                         [this, connection](beast::error_code ec, std::size_t) {
                                           if (!ec) serve(connection);
                                         });
                     });
  }

  asio::io_context io_;
  ssl::context context_;
  tcp::acceptor acceptor_{io_};
  std::thread thread_;
  std::atomic<int> handshakes_{0};
};

adapters::OutboundCall call() {
  adapters::OutboundCall out;
  out.path = "/bot123:TOKEN/getMe";
  out.log_name = "telegram.getMe";
  return out;
}

HttpClientOptions trusting(const KeyAndCertificate& identity) {
  HttpClientOptions options;
  options.extra_ca_pem = identity.certificate_pem;
  options.timeout = std::chrono::seconds(10);
  return options;
}

TEST(HttpClientTls, TrustedCertificateForTheHostNameIsAccepted) {
  KeyAndCertificate identity = make_localhost_certificate();
  TlsServer server(identity);
  auto response = send_blocking("https://localhost:" + std::to_string(server.port()), call(),
                                trusting(identity));
  ASSERT_TRUE(response.has_value()) << response.error().code << ": " << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"ok":true,"result":true})");
}

TEST(HttpClientTls, KeepsTheTlsConnectionAlive) {
  KeyAndCertificate identity = make_localhost_certificate();
  TlsServer server(identity);
  asio::io_context io;
  auto client = HttpClient::create(
      io.get_executor(), "https://localhost:" + std::to_string(server.port()), trusting(identity));
  ASSERT_TRUE(client.has_value());
  int answered = 0;
  client->send(call(), [&](Result<ClientResponse> first) {
    ASSERT_TRUE(first.has_value()) << first.error().message;
    ++answered;
    client->send(call(), [&](Result<ClientResponse> second) {
      ASSERT_TRUE(second.has_value()) << second.error().message;
      ++answered;
    });
  });
  io.run();
  EXPECT_EQ(answered, 2);
  EXPECT_EQ(server.handshakes(), 1);
}

TEST(HttpClientTls, WrongHostNameIsRejected) {
  KeyAndCertificate identity = make_localhost_certificate();
  TlsServer server(identity);
  // The certificate names only DNS:localhost, not the address 127.0.0.1.
  auto response = send_blocking("https://127.0.0.1:" + std::to_string(server.port()), call(),
                                trusting(identity));
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::tls);
}

TEST(HttpClientTls, UntrustedCertificateIsRejected) {
  KeyAndCertificate identity = make_localhost_certificate();
  TlsServer server(identity);
  HttpClientOptions options;
  options.timeout = std::chrono::seconds(10);
  auto response =
      send_blocking("https://localhost:" + std::to_string(server.port()), call(), options);
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::tls);
}

TEST(HttpClientTls, MalformedExtraCaIsAnErrorAtCreation) {
  asio::io_context io;
  HttpClientOptions options;
  options.extra_ca_pem = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
  auto client = HttpClient::create(io.get_executor(), "https://localhost:1", options);
  ASSERT_FALSE(client.has_value());
  EXPECT_EQ(client.error().code, ErrorCode::tls);
}

}  // namespace
}  // namespace https_client_tls_test
}  // namespace triagebot::bot::net
