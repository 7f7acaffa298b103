// The client over real TLS: the fake Bot API (tests/support/fake_api_server.h) behind a
// TLS front with a self-signed certificate for "localhost" (tests/support/tls_front.h),
// trusted through HttpClientOptions::extra_ca_pem.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "bot/net/http_client.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/localhost_certificate.h"
#include "tests/support/tls_front.h"

namespace triagebot::bot::net {
namespace https_client_tls_test {
namespace {

namespace asio = boost::asio;
using testing::FakeApiServer;
using testing::KeyAndCertificate;
using testing::make_localhost_certificate;
using testing::TlsFront;

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
  FakeApiServer api;
  TlsFront front(identity, api.port());
  auto response = send_blocking("https://localhost:" + std::to_string(front.port()), call(),
                                trusting(identity));
  ASSERT_TRUE(response.has_value()) << response.error().code << ": " << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"ok":true,"result":true})");
  EXPECT_EQ(front.server_name(), "localhost");
  ASSERT_EQ(api.requests().size(), 1u);
  EXPECT_EQ(api.requests()[0].path, "/bot123:TOKEN/getMe");
}

TEST(HttpClientTls, KeepsTheTlsConnectionAlive) {
  KeyAndCertificate identity = make_localhost_certificate();
  FakeApiServer api;
  TlsFront front(identity, api.port());
  asio::io_context io;
  auto client = HttpClient::create(
      io.get_executor(), "https://localhost:" + std::to_string(front.port()), trusting(identity));
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
  EXPECT_EQ(front.handshakes(), 1);
  EXPECT_EQ(api.accepted_connections(), 1u);
}

TEST(HttpClientTls, WrongHostNameIsRejected) {
  KeyAndCertificate identity = make_localhost_certificate();
  FakeApiServer api;
  TlsFront front(identity, api.port());
  // The certificate names only DNS:localhost, not the address 127.0.0.1.
  auto response = send_blocking("https://127.0.0.1:" + std::to_string(front.port()), call(),
                                trusting(identity));
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::tls);
  EXPECT_TRUE(api.requests().empty());  // nothing went past the refused handshake
}

TEST(HttpClientTls, UntrustedCertificateIsRejected) {
  KeyAndCertificate identity = make_localhost_certificate();
  FakeApiServer api;
  TlsFront front(identity, api.port());
  HttpClientOptions options;
  options.timeout = std::chrono::seconds(10);
  auto response =
      send_blocking("https://localhost:" + std::to_string(front.port()), call(), options);
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::tls);
  EXPECT_TRUE(api.requests().empty());  // nothing went past the refused handshake
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
