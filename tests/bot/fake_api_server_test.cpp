// The fake Bot API's own behaviour, so other suites can rely on it: scripted answers,
// getUpdates offsets and long-poll holds, webhook conflicts, stalls and restarts.
#include "tests/support/fake_api_server.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <optional>
#include <thread>

#include "bot/net/http_client.h"

namespace triagebot::testing {
namespace fake_api_server_test {
namespace {

using nlohmann::json;

adapters::OutboundCall post(std::string method, json body = json::object()) {
  adapters::OutboundCall call;
  call.path = "/bot1:T/" + method;
  call.log_name = "telegram." + method;
  call.headers.set("Content-Type", "application/json");
  call.body = body.dump();
  return call;
}

json answer(const FakeApiServer& fake, std::string method, json body = json::object()) {
  auto response =
      bot::net::send_blocking(fake.base_url(), post(std::move(method), std::move(body)));
  EXPECT_TRUE(response.has_value());
  if (!response) return nullptr;
  json out = json::parse(response->body, nullptr, false);
  out["http_status"] = response->status;
  return out;
}

TEST(FakeApiServer, OneShotAnswersComeFirstThenDefaults) {
  FakeApiServer fake;
  fake.enqueue(FakeAnswer::too_many_requests(1), "/sendMessage");
  fake.enqueue(FakeAnswer::blocked(), "/sendMessage");
  EXPECT_EQ(answer(fake, "sendMessage")["http_status"], 429);
  EXPECT_EQ(answer(fake, "sendMessage")["http_status"], 403);
  json ok = answer(fake, "sendMessage", {{"chat_id", 5}, {"text", "hi"}});
  EXPECT_EQ(ok["http_status"], 200);
  EXPECT_EQ(ok["result"]["chat"]["id"], 5);
  EXPECT_EQ(ok["result"]["message_id"], 1);
  EXPECT_EQ(fake.requests_to("/sendMessage").size(), 3u);
}

TEST(FakeApiServer, GetUpdatesHonoursOffsetAndDropsConfirmedUpdates) {
  FakeApiServer fake;
  std::int64_t first = fake.add_update({{"message", {{"text", "one"}}}});
  std::int64_t second = fake.add_update({{"message", {{"text", "two"}}}});
  EXPECT_EQ(second, first + 1);
  json all = answer(fake, "getUpdates", {{"timeout", 0}});
  ASSERT_EQ(all["result"].size(), 2u);
  EXPECT_EQ(all["result"][0]["update_id"], first);
  json rest = answer(fake, "getUpdates", {{"offset", first + 1}, {"timeout", 0}});
  ASSERT_EQ(rest["result"].size(), 1u);
  EXPECT_EQ(rest["result"][0]["update_id"], second);
  EXPECT_EQ(fake.pending_updates(), 1u);
  EXPECT_TRUE(answer(fake, "getUpdates", {{"offset", second + 1}})["result"].empty());
  EXPECT_EQ(fake.pending_updates(), 0u);
}

TEST(FakeApiServer, LongPollIsHeldUntilAnUpdateArrives) {
  FakeApiServer fake;
  boost::asio::io_context io;
  auto client = bot::net::HttpClient::create(io.get_executor(), fake.base_url());
  ASSERT_TRUE(client.has_value());
  std::optional<Result<bot::net::ClientResponse>> polled;
  client->send(post("getUpdates", {{"timeout", 30}}),
               [&](Result<bot::net::ClientResponse> result) { polled.emplace(std::move(result)); });
  std::thread runner([&] { io.run(); });
  ASSERT_TRUE(fake.wait_for_requests(1));
  EXPECT_FALSE(polled.has_value());  // still held: nothing to hand out
  fake.add_update({{"message", {{"text", "late"}}}});
  runner.join();  // the answer ends the only piece of work
  ASSERT_TRUE(polled.has_value() && polled->has_value());
  EXPECT_EQ(json::parse((*polled)->body)["result"][0]["message"]["text"], "late");
}

TEST(FakeApiServer, LongPollTimesOutWithAnEmptyResult) {
  FakeApiServer fake;
  const auto started = std::chrono::steady_clock::now();
  json empty = answer(fake, "getUpdates", {{"timeout", 1}});
  EXPECT_TRUE(empty["result"].empty());
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(900));
}

TEST(FakeApiServer, GetUpdatesConflictsWithAWebhook) {
  FakeApiServer fake;
  answer(fake, "setWebhook", {{"url", "https://x.example/tg"}, {"secret_token", "s"}});
  EXPECT_EQ(fake.webhook_url(), "https://x.example/tg");
  json conflict = answer(fake, "getUpdates");
  EXPECT_EQ(conflict["http_status"], 409);
  EXPECT_NE(conflict["description"].get<std::string>().find("webhook is active"),
            std::string::npos);
  answer(fake, "deleteWebhook");
  EXPECT_EQ(answer(fake, "getUpdates")["http_status"], 200);
}

TEST(FakeApiServer, ComesBackOnTheSamePort) {
  FakeApiServer fake;
  const auto port = fake.port();
  fake.go_down();
  EXPECT_FALSE(bot::net::send_blocking(fake.base_url(), post("getMe")).has_value());
  fake.come_up();
  EXPECT_EQ(fake.port(), port);
  EXPECT_TRUE(bot::net::send_blocking(fake.base_url(), post("getMe")).has_value());
}

}  // namespace
}  // namespace fake_api_server_test
}  // namespace triagebot::testing
