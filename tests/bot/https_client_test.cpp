// The outbound client against the fake API server over plain HTTP on 127.0.0.1, and
// against a local TLS server with a certificate made in the test.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <future>
#include <thread>

#include "bot/net/http_client.h"
#include "tests/support/fake_api_server.h"

namespace triagebot::bot::net {
namespace https_client_test {
namespace {

namespace asio = boost::asio;
using testing::FakeAnswer;
using testing::FakeApiServer;

// An io_context running on its own thread for the client under test.
class ClientThread {
 public:
  ClientThread() : work_(io_.get_executor()), thread_([this] { io_.run(); }) {}
  ~ClientThread() {
    work_.reset();
    thread_.join();
  }
  asio::any_io_executor executor() { return io_.get_executor(); }

 private:
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
};

adapters::OutboundCall send_message_call(std::string body = R"({"chat_id":1,"text":"hi"})") {
  adapters::OutboundCall call;
  call.path = "/bot123:TOKEN/sendMessage";
  call.log_name = "telegram.sendMessage";
  call.headers.set("Content-Type", "application/json");
  call.body = std::move(body);
  return call;
}

Result<ClientResponse> send_and_wait(const HttpClient& client, adapters::OutboundCall call) {
  std::promise<Result<ClientResponse>> promise;
  client.send(std::move(call),
              [&](Result<ClientResponse> result) { promise.set_value(std::move(result)); });
  auto future = promise.get_future();
  // A generous bound so a hung client fails the test instead of hanging the suite.
  if (future.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
    return make_error(ErrorCode::internal, "no answer within 20 s");
  }
  return future.get();
}

HttpClientOptions with_timeout(std::chrono::milliseconds timeout) {
  HttpClientOptions options;
  options.timeout = timeout;
  return options;
}

HttpClient make_client(ClientThread& thread, const std::string& url,
                       HttpClientOptions options = {}) {
  auto client = HttpClient::create(thread.executor(), url, std::move(options));
  EXPECT_TRUE(client.has_value()) << (client ? "" : client.error().message);
  return *client;
}

TEST(HttpClient, SendsTheCallAndReturnsTheResponse) {
  FakeApiServer fake;
  ClientThread thread;
  HttpClient client = make_client(thread, fake.base_url());
  auto response = send_and_wait(client, send_message_call());
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(nlohmann::json::parse(response->body)["ok"], true);
  EXPECT_EQ(response->headers.get("content-type"), "application/json");

  auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/bot123:TOKEN/sendMessage");
  EXPECT_EQ(requests[0].body, R"({"chat_id":1,"text":"hi"})");
  EXPECT_EQ(requests[0].headers.get("Content-Type"), "application/json");
  EXPECT_EQ(requests[0].headers.get("Host"), "127.0.0.1:" + std::to_string(fake.port()));
}

TEST(HttpClient, ErrorStatusesAreResponsesNotErrors) {
  FakeApiServer fake;
  fake.enqueue(FakeAnswer::too_many_requests(1));
  ClientThread thread;
  auto response = send_and_wait(make_client(thread, fake.base_url()), send_message_call());
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(nlohmann::json::parse(response->body)["parameters"]["retry_after"], 1);
}

TEST(HttpClient, ReusesOneKeptAliveConnection) {
  FakeApiServer fake;
  ClientThread thread;
  HttpClient client = make_client(thread, fake.base_url());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(send_and_wait(client, send_message_call()).has_value());
  EXPECT_EQ(fake.accepted_connections(), 1u);
  EXPECT_EQ(client.idle_connections(), 1u);
}

TEST(HttpClient, ReconnectsWhenTheIdleConnectionWasClosed) {
  FakeApiServer fake;
  ClientThread thread;
  HttpClient client = make_client(thread, fake.base_url());
  ASSERT_TRUE(send_and_wait(client, send_message_call()).has_value());
  fake.go_down();  // closes the kept-alive connection under the client
  fake.come_up();
  auto response = send_and_wait(client, send_message_call());
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(fake.accepted_connections(), 2u);
  EXPECT_EQ(fake.requests().size(), 2u);  // the stale attempt never reached the server
}

TEST(HttpClient, TimesOutWhenTheServerStalls) {
  FakeApiServer fake;
  fake.set_stall(true);
  ClientThread thread;
  HttpClient client =
      make_client(thread, fake.base_url(), with_timeout(std::chrono::milliseconds(300)));
  const auto started = std::chrono::steady_clock::now();
  auto response = send_and_wait(client, send_message_call());
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST(HttpClient, PerCallTimeoutOverridesTheDefault) {
  FakeApiServer fake;
  fake.set_stall(true);
  ClientThread thread;
  HttpClient client = make_client(thread, fake.base_url());  // default 30 s
  std::promise<Result<ClientResponse>> promise;
  client.send(send_message_call(), std::chrono::milliseconds(200),
              [&](Result<ClientResponse> result) { promise.set_value(std::move(result)); });
  auto future = promise.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  auto response = future.get();
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::timeout);
}

TEST(HttpClient, ConnectionRefusedWhenTheServerIsDown) {
  FakeApiServer fake;
  fake.go_down();
  ClientThread thread;
  auto response = send_and_wait(make_client(thread, fake.base_url()), send_message_call());
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::connection);
  EXPECT_EQ(response.error().message.find("TOKEN"), std::string::npos);
}

TEST(HttpClient, RecoversWhenTheServerComesBack) {
  FakeApiServer fake;
  ClientThread thread;
  HttpClient client = make_client(thread, fake.base_url());
  fake.go_down();
  EXPECT_FALSE(send_and_wait(client, send_message_call()).has_value());
  fake.come_up();
  EXPECT_TRUE(send_and_wait(client, send_message_call()).has_value());
}

TEST(HttpClient, ResponseOverTheCapIsAnError) {
  FakeApiServer fake;
  fake.set_default("/sendMessage", FakeAnswer{200, {}, std::string(5000, 'x')});
  ClientThread thread;
  HttpClientOptions options;
  options.max_response_bytes = 1000;
  auto response = send_and_wait(make_client(thread, fake.base_url(), options), send_message_call());
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::response_too_large);
}

TEST(HttpClient, BaseUrlPrefixIsPrependedToEveryPath) {
  FakeApiServer fake;
  ClientThread thread;
  adapters::OutboundCall call;
  call.path = "/chat.postMessage";
  call.log_name = "slack.chat.postMessage";
  ASSERT_TRUE(send_and_wait(make_client(thread, fake.base_url() + "/api/"), call).has_value());
  EXPECT_EQ(fake.requests().at(0).path, "/api/chat.postMessage");
}

TEST(HttpClient, RefusesPlainHttpToANonLoopbackHost) {
  ClientThread thread;
  for (const char* url : {"http://api.telegram.org", "http://10.0.0.1:8080", "http://localhost:80",
                          "ftp://127.0.0.1", "api.telegram.org", "https://", "https://h:0",
                          "https://h:99999", "https://user@h", "https://h/?q"}) {
    auto client = HttpClient::create(thread.executor(), url);
    ASSERT_FALSE(client.has_value()) << url;
    EXPECT_EQ(client.error().code, ErrorCode::bad_url) << url;
  }
  for (const char* url : {"https://api.telegram.org", "http://127.0.0.1:1", "http://[::1]:8080",
                          "https://slack.com/api"}) {
    EXPECT_TRUE(HttpClient::create(thread.executor(), url).has_value()) << url;
  }
}

TEST(HttpClient, SendBlockingReturnsTheAnswer) {
  FakeApiServer fake;
  auto response = send_blocking(fake.base_url(), send_message_call());
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST(HttpClient, ConcurrentSendsEachGetTheirAnswer) {
  FakeApiServer fake;
  ClientThread thread;
  HttpClient client = make_client(thread, fake.base_url());
  constexpr int kCalls = 8;
  std::vector<std::promise<Result<ClientResponse>>> promises(kCalls);
  for (int i = 0; i < kCalls; ++i) {
    client.send(
        send_message_call(R"({"chat_id":)" + std::to_string(i) + R"(,"text":"x"})"),
        [&, i](Result<ClientResponse> result) { promises[i].set_value(std::move(result)); });
  }
  for (int i = 0; i < kCalls; ++i) {
    auto future = promises[i].get_future();
    ASSERT_EQ(future.wait_for(std::chrono::seconds(20)), std::future_status::ready);
    auto response = future.get();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(nlohmann::json::parse(response->body)["result"]["chat"]["id"], i);
  }
  EXPECT_LE(client.idle_connections(), 4u);
}

}  // namespace
}  // namespace https_client_test
}  // namespace triagebot::bot::net
