// The WebSocket client over real TLS, as Slack's wss:// URLs need it: the fake Socket
// Mode server (tests/support/fake_socket_mode_server.h) behind a TLS front with a
// self-signed certificate for "localhost" (tests/support/tls_front.h), trusted through
// WebSocketOptions::extra_ca_pem.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bot/net/websocket_client.h"
#include "tests/support/fake_socket_mode_server.h"
#include "tests/support/http_client.h"
#include "tests/support/localhost_certificate.h"
#include "tests/support/tls_front.h"

namespace triagebot::bot::net {
namespace websocket_client_tls_test {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using testing::FakeSocketModeServer;
using testing::KeyAndCertificate;
using testing::make_localhost_certificate;
using testing::TlsFront;

// The path and query of a fresh Socket Mode URL ("/link/?ticket=t1&app_id=..."), opened
// as the bot opens one: apps.connections.open over the Web API.
std::string fresh_link(const FakeSocketModeServer& slack) {
  testing::HttpClient api("127.0.0.1", slack.port());
  auto opened = api.post("/api/apps.connections.open", "", {{"Authorization", "Bearer xapp-1"}});
  const std::string url = opened.json().value("url", "");
  const auto path = url.find("/link/");
  return path == std::string::npos ? url : url.substr(path);
}

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
  FakeSocketModeServer slack;
  TlsFront front(identity, slack.port());
  const std::string link = fresh_link(slack);
  ASSERT_TRUE(link.starts_with("/link/?ticket=")) << link;
  asio::io_context io;
  auto client = WebSocketClient::create(io.get_executor(),
                                        "wss://localhost:" + std::to_string(front.port()) + link,
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
  // The client's loop runs beside the test, which answers once both frames went through.
  std::thread loop([&io] { io.run(); });
  const bool acked = slack.wait_for_acks(2);
  if (acked)
    slack.send_frame(1, R"({"type":"bye"})");  // the client closes on this second frame
  else
    asio::post(io, [&client] { (*client)->close(); });  // so the loop ends and the test fails
  loop.join();
  ASSERT_TRUE(acked);
  const auto acks = slack.acks();
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_EQ(acks[0].envelope_id, "one");
  EXPECT_EQ(acks[1].envelope_id, "two");
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(received[0]).value("type", ""), "hello");
  EXPECT_EQ(received[1], R"({"type":"bye"})");
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->code, ErrorCode::closed);
  EXPECT_EQ(front.server_name(), "localhost");
  EXPECT_EQ("/link/?ticket=" + slack.connection_ticket(1), link.substr(0, link.find('&')));
}

TEST(WebSocketClientTls, UntrustedCertificateIsRefused) {
  KeyAndCertificate identity = make_localhost_certificate();
  FakeSocketModeServer slack;
  TlsFront front(identity, slack.port());
  auto connected =
      connect_only("wss://localhost:" + std::to_string(front.port()) + fresh_link(slack), {});
  ASSERT_FALSE(connected);
  EXPECT_EQ(connected.error().code, ErrorCode::tls);
  EXPECT_EQ(slack.connections(), 0u);
}

TEST(WebSocketClientTls, WrongHostNameIsRefused) {
  KeyAndCertificate identity = make_localhost_certificate();
  FakeSocketModeServer slack;
  TlsFront front(identity, slack.port());
  // The certificate names only DNS:localhost, not the address 127.0.0.1.
  auto connected = connect_only(
      "wss://127.0.0.1:" + std::to_string(front.port()) + fresh_link(slack), trusting(identity));
  ASSERT_FALSE(connected);
  EXPECT_EQ(connected.error().code, ErrorCode::tls);
  EXPECT_EQ(slack.connections(), 0u);
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
