// The connection guards beyond the global cap: a per-address cap (trusted proxies
// exempt), /healthz answered in a reserved slot while the server is full, and the
// open-file budget checked at start (in-process, and on the real binary under a low
// `ulimit -n`).
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "bot/http/client_address.h"
#include "bot/http/open_files.h"
#include "bot/http/server.h"
#include "tests/bot/in_process_server.h"
#include "tests/bot/raw_connection.h"
#include "tests/support/http_client.h"
#include "tests/support/json_error.h"
#include "tests/support/server_process.h"
#include "tests/support/wait.h"

namespace triagebot::testing {
namespace http_connections_test {
namespace {

using bot::http::ServerOptions;
using namespace std::chrono_literals;

bool metric_is(const InProcessServer& server, const std::string& line) {
  return server.metrics.render().find(line + "\n") != std::string::npos;
}

TEST(HttpConnections, AnAddressPastItsShareGets429) {
  InProcessServer server({.max_connections_per_address = 2});
  HttpClient first("127.0.0.1", server.port);
  HttpClient second("127.0.0.1", server.port);
  ASSERT_EQ(first.get("/healthz").status, 200);
  ASSERT_EQ(second.get("/healthz").status, 200);
  HttpClient third("127.0.0.1", server.port);
  const auto refused = third.get("/healthz");
  expect_json_error(refused, 429, "too_many_connections");
  EXPECT_EQ(refused.header("Retry-After"), "1");
  EXPECT_TRUE(metric_is(server, "triagebot_http_connections_rejected_per_address_total 1"));
  EXPECT_TRUE(metric_is(server, "triagebot_http_connections_rejected_total 0"));
  // A closed connection gives its share back.
  first.close();
  EXPECT_TRUE(wait_until([&] {
    HttpClient again("127.0.0.1", server.port);
    return again.get("/healthz").status == 200;
  }));
}

TEST(HttpConnections, TrustedProxiesAreNotCappedPerAddress) {
  InProcessServer server({.max_connections_per_address = 1, .uncapped_addresses = {"127.0.0.1"}});
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < 5; ++i) {
    clients.push_back(std::make_unique<HttpClient>("127.0.0.1", server.port));
    ASSERT_EQ(clients.back()->get("/healthz").status, 200) << i;
  }
}

TEST(HttpConnections, HealthzAnswersInAReservedSlotWhenTheServerIsFull) {
  InProcessServer server({.max_connections = 2});
  HttpClient first("127.0.0.1", server.port);
  HttpClient second("127.0.0.1", server.port);
  ASSERT_EQ(first.get("/healthz").status, 200);
  ASSERT_EQ(second.get("/healthz").status, 200);

  HttpClient health("127.0.0.1", server.port);
  const auto ok = health.get("/healthz");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.header("Connection"), "close") << "a reserved slot serves one request";

  HttpClient other("127.0.0.1", server.port);
  const auto busy = other.get("/metrics");
  expect_json_error(busy, 503, "overloaded");
  EXPECT_EQ(busy.header("Retry-After"), "1");
  EXPECT_TRUE(metric_is(server, "triagebot_http_connections_rejected_total 1"));
}

TEST(HttpConnections, PastTheReservedSlotsConnectionsGet503AtOnce) {
  InProcessServer server({.max_connections = 1});
  HttpClient holder("127.0.0.1", server.port);
  ASSERT_EQ(holder.get("/healthz").status, 200);
  // Connections that send nothing hold every reserved slot (until their short header
  // timeout); the listener takes them in the order they connected.
  std::vector<std::unique_ptr<RawConnection>> silent;
  for (std::size_t i = 0; i < bot::http::kHealthSlots; ++i) {
    silent.push_back(std::make_unique<RawConnection>(server.port));
  }
  RawConnection late(server.port);
  late.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto answer = late.read_to_end();
  EXPECT_EQ(answer.rfind("HTTP/1.1 503", 0), 0u) << answer;
  EXPECT_NE(answer.find(R"({"error":"overloaded")"), std::string::npos) << answer;
  // The silent ones are cut off by the slot's header timeout, freeing the slots.
  for (auto& connection : silent) EXPECT_EQ(connection->read_to_end(), "");
  HttpClient health("127.0.0.1", server.port);
  EXPECT_EQ(health.get("/healthz").status, 200);
}

TEST(HttpConnections, AddressKeysGroupIpv6ByTheirSlash64) {
  using bot::http::address_key;
  using bot::http::canonical_address;
  EXPECT_EQ(address_key("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_key("2001:db8:1:2::1"), address_key("2001:db8:1:2:ffff::9"));
  EXPECT_NE(address_key("2001:db8:1:2::1"), address_key("2001:db8:1:3::1"));
  EXPECT_EQ(address_key("not an address"), "");
  EXPECT_EQ(canonical_address(std::string_view("::ffff:10.0.0.1")), "10.0.0.1");
  EXPECT_EQ(canonical_address(std::string_view("[2001:DB8::1]")), "2001:db8::1");
}

TEST(HttpConnections, ClientAddressBelievesForwardedForOnlyFromTrustedProxies) {
  adapters::HttpRequest request;
  request.remote_address = "10.0.0.5";
  request.headers.set("X-Forwarded-For", "203.0.113.9, 198.51.100.4");
  request.headers.set("X-Forwarded-For", "10.0.0.6");
  EXPECT_EQ(bot::http::client_address(request, {}), "10.0.0.5");
  EXPECT_EQ(bot::http::client_address(request, {"10.0.0.5"}), "10.0.0.6");
  EXPECT_EQ(bot::http::client_address(request, {"10.0.0.5", "10.0.0.6"}), "198.51.100.4");
  request.headers = {};
  request.headers.set("X-Forwarded-For", "garbage");
  EXPECT_EQ(bot::http::client_address(request, {"10.0.0.5"}), "10.0.0.5");
}

TEST(OpenFiles, ACapThatFitsIsKept) {
  const auto budget = bot::http::fit_connections(1000, true, 4096);
  ASSERT_TRUE(budget.has_value());
  EXPECT_EQ(budget->max_connections, 1000u);
  EXPECT_FALSE(budget->lowered_from);
  EXPECT_EQ(bot::http::fit_connections(1000000, true, std::nullopt)->max_connections, 1000000u);
}

TEST(OpenFiles, ADefaultThatDoesNotFitIsLowered) {
  const auto budget = bot::http::fit_connections(10000, false, 1024);
  ASSERT_TRUE(budget.has_value());
  EXPECT_EQ(budget->max_connections,
            1024 - bot::http::kReservedDescriptors - bot::http::kHealthSlots);
  EXPECT_EQ(budget->lowered_from, "10000");
}

TEST(OpenFiles, AnExplicitCapThatDoesNotFitIsRefused) {
  const auto budget = bot::http::fit_connections(10000, true, 1024);
  ASSERT_FALSE(budget.has_value());
  EXPECT_EQ(budget.error().message.rfind("TRIAGEBOT_MAX_CONNECTIONS: 10000 connections need", 0),
            0u)
      << budget.error().message;
  EXPECT_NE(budget.error().message.find("the limit is 1024"), std::string::npos);
  EXPECT_FALSE(bot::http::fit_connections(10, false, 100).has_value()) << "too low to serve";
}

// The real binary under `ulimit -n 512` (hard and soft: the server cannot raise it).
ServerProcessOptions under_low_file_limit(EnvVars env) {
  return {.args = {"-c", "ulimit -n 512 && exec \"$0\" serve", TRIAGEBOT_BINARY},
          .env = std::move(env),
          .binary = "/bin/sh"};
}

TEST(OpenFiles, ServeRefusesAnExplicitCapOverTheLimitWithExit2) {
  const auto result = run_triagebot(under_low_file_limit({{"TRIAGEBOT_MAX_CONNECTIONS", "10000"}}));
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("triagebot: TRIAGEBOT_MAX_CONNECTIONS: 10000 connections need"),
            std::string::npos)
      << result.err;
}

TEST(OpenFiles, ServeLowersTheDefaultCapWithAWarning) {
  ServerProcess server(under_low_file_limit({}));
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  EXPECT_TRUE(server.wait_for_stderr(R"("event":"max_connections_lowered")"))
      << server.stderr_text();
  EXPECT_NE(server.stderr_text().find(R"("to":252)"), std::string::npos) << server.stderr_text();
  server.terminate();
  EXPECT_EQ(server.wait_for_exit(), 0);
}

}  // namespace
}  // namespace http_connections_test
}  // namespace triagebot::testing
