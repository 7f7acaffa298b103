// The HTTP server in-process on 127.0.0.1 port 0: routing answers, keep-alive,
// concurrency, the connection guards (timeouts, cap, limits) and graceful shutdown.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "bot/http/responses.h"
#include "tests/bot/in_process_server.h"
#include "tests/bot/raw_connection.h"
#include "tests/support/http_client.h"
#include "tests/support/json_error.h"
#include "tests/support/wait.h"

namespace triagebot::testing {
namespace server_test {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using bot::http::json_error;
using bot::http::json_response;
using bot::http::Respond;
using bot::http::Router;
using bot::http::ServerOptions;
using namespace std::chrono_literals;

TEST(HttpServer, HealthzAnswersOk) {
  InProcessServer server({});
  HttpClient client("127.0.0.1", server.port);
  const auto result = client.get("/healthz");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.json(), nlohmann::json({{"status", "ok"}}));
}

TEST(HttpServer, HealthzAnswers503WhenUnhealthy) {
  InProcessServer server({});
  server.healthy = false;
  HttpClient client("127.0.0.1", server.port);
  expect_json_error(client.get("/healthz"), 503, "unhealthy");
}

TEST(HttpServer, UnknownPathIs404Json) {
  InProcessServer server({});
  HttpClient client("127.0.0.1", server.port);
  expect_json_error(client.get("/no/such/thing"), 404, "not_found");
}

TEST(HttpServer, WrongMethodIs405JsonWithAllow) {
  InProcessServer server({});
  HttpClient client("127.0.0.1", server.port);
  const auto result = client.post("/healthz", "{}");
  expect_json_error(result, 405, "method_not_allowed");
  EXPECT_EQ(result.header("Allow"), "GET, HEAD");
}

TEST(HttpServer, BodyOverLimitIs413Json) {
  InProcessServer server({.body_limit = 1024}, [](Router& router) {
    router.add("POST", "/echo", [](adapters::HttpRequest request, Respond respond) {
      respond(json_response(200, {{"size", request.body.size()}}));
    });
  });
  HttpClient client("127.0.0.1", server.port);
  EXPECT_EQ(client.post("/echo", std::string(1024, 'x')).status, 200);
  expect_json_error(client.post("/echo", std::string(1025, 'x')), 413, "too_large");
}

TEST(HttpServer, MalformedRequestIs400AndClosed) {
  InProcessServer server({});
  RawConnection raw(server.port);
  raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: nonsense\r\n\r\n");
  const auto answer = raw.read_to_end();  // returns because the server closes
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
  EXPECT_NE(answer.find(R"({"error":"malformed","message":)"), std::string::npos) << answer;
}

TEST(HttpServer, RouteParamsReachTheHandler) {
  InProcessServer server({}, [](Router& router) {
    router.add("GET", "/items/{id}/parts/{part}",
               [](adapters::HttpRequest request, Respond respond) {
                 respond(json_response(200, {{"id", request.param("id")},
                                             {"part", request.param("part")},
                                             {"query", request.query}}));
               });
  });
  HttpClient client("127.0.0.1", server.port);
  const auto body = client.get("/items/42/parts/wheel?x=1").json();
  EXPECT_EQ(body, nlohmann::json({{"id", "42"}, {"part", "wheel"}, {"query", "x=1"}}));
}

TEST(HttpServer, KeepAliveReusesOneConnection) {
  InProcessServer server({});
  HttpClient client("127.0.0.1", server.port);
  for (int i = 0; i < 25; ++i) ASSERT_EQ(client.get("/healthz").status, 200);
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST(HttpServer, FiftyConcurrentClientsAreAllAnswered) {
  InProcessServer server({.threads = 2});
  constexpr int kClients = 50;
  std::latch start(kClients);
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&] {
      HttpClient client("127.0.0.1", server.port);
      start.arrive_and_wait();
      for (int j = 0; j < 4; ++j) {
        if (client.get("/healthz").status == 200) ++answered;
      }
    });
  }
  for (auto& thread : clients) thread.join();
  EXPECT_EQ(answered.load(), kClients * 4);
}

TEST(HttpServer, SlowHeaderClientIsCutOffWhileOthersAreServed) {
  InProcessServer server({.header_timeout = 2s, .idle_timeout = 30s});
  RawConnection slow(server.port);
  std::atomic<bool> cut_off{false};
  // One header byte per second (the behaviour under test, so this pacing is the point).
  std::thread drip([&] {
    const std::string request =
        "GET /healthz HTTP/1.1\r\nHost: slow.example\r\nX-Pad: abcdef\r\n\r\n";
    for (const char byte : request) {
      boost::system::error_code ec;
      net::write(slow.socket, net::buffer(&byte, 1), ec);
      if (ec || cut_off) return;
      std::this_thread::sleep_for(1s);
    }
  });
  const auto started = std::chrono::steady_clock::now();
  std::thread reader([&] {
    (void)slow.read_to_end();  // returns when the server closes the connection
    cut_off = true;
  });

  HttpClient other("127.0.0.1", server.port);
  int served = 0;
  while (!cut_off && served < 1000) {
    ASSERT_EQ(other.get("/healthz").status, 200);
    ++served;
  }
  reader.join();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  drip.join();
  EXPECT_GT(served, 0);
  EXPECT_LT(elapsed, 4s) << "the header timeout is 2s";
  EXPECT_GE(elapsed, 1500ms);
}

TEST(HttpServer, IdleConnectionIsClosedAfterIdleTimeout) {
  InProcessServer server({.idle_timeout = 300ms});
  HttpClient client("127.0.0.1", server.port);
  ASSERT_EQ(client.get("/healthz").status, 200);
  RawConnection idle(server.port);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(idle.read_to_end(), "");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST(HttpServer, ConnectionsPastTheCapGet503) {
  InProcessServer server({.max_connections = 2});
  HttpClient first("127.0.0.1", server.port);
  HttpClient second("127.0.0.1", server.port);
  ASSERT_EQ(first.get("/healthz").status, 200);
  ASSERT_EQ(second.get("/healthz").status, 200);
  HttpClient third("127.0.0.1", server.port);
  // /healthz would still answer there (a reserved slot: http_connections_test.cpp).
  expect_json_error(third.get("/metrics"), 503, "overloaded");
  EXPECT_NE(server.metrics.render().find("triagebot_http_connections_rejected_total 1\n"),
            std::string::npos);
  // Once a slot frees, new connections are served again.
  first.close();
  EXPECT_TRUE(wait_until([&] {
    HttpClient fourth("127.0.0.1", server.port);
    return fourth.get("/metrics").status == 200;
  }));
}

TEST(HttpServer, ThrowingHandlerGets500AndServerCarriesOn) {
  InProcessServer server({}, [](Router& router) {
    router.add("GET", "/boom",
               [](adapters::HttpRequest, Respond) -> void { throw std::runtime_error("bug"); });
  });
  HttpClient client("127.0.0.1", server.port);
  expect_json_error(client.get("/boom"), 500, "internal");
  EXPECT_EQ(client.get("/healthz").status, 200);
}

TEST(HttpServer, DroppedRespondGets500) {
  InProcessServer server({}, [](Router& router) {
    router.add("GET", "/forgetful", [](adapters::HttpRequest, Respond) {});
  });
  HttpClient client("127.0.0.1", server.port);
  expect_json_error(client.get("/forgetful"), 500, "internal");
}

TEST(HttpServer, RespondFromAnotherThreadIsDelivered) {
  std::mutex mutex;
  std::vector<std::thread> workers;
  InProcessServer server({}, [&](Router& router) {
    router.add("POST", "/later", [&](adapters::HttpRequest request, Respond respond) {
      std::lock_guard lock(mutex);
      workers.emplace_back([respond, body = request.body] {
        respond(json_response(201, {{"echo", body}}));
      });
    });
  });
  HttpClient client("127.0.0.1", server.port);
  const auto result = client.post("/later", "hello");
  EXPECT_EQ(result.status, 201);
  EXPECT_EQ(result.json(), nlohmann::json({{"echo", "hello"}}));
  std::lock_guard lock(mutex);
  for (auto& worker : workers) worker.join();
}

TEST(HttpServer, MetricsCountRequestsByRouteLabel) {
  InProcessServer server({}, [](Router& router) {
    router.add("GET", "/items/{id}", [](adapters::HttpRequest, Respond respond) {
      respond(json_response(200, nlohmann::json::object()));
    });
  });
  HttpClient client("127.0.0.1", server.port);
  ASSERT_EQ(client.get("/items/secret-id-1").status, 200);
  ASSERT_EQ(client.get("/items/secret-id-2").status, 200);
  ASSERT_EQ(client.get("/nope").status, 404);
  // Recorded after the write completes: poll rather than race the io thread.
  std::string text;
  EXPECT_TRUE(wait_until([&] {
    text = client.get("/metrics").body;
    return text.find(
               R"(triagebot_http_requests_total{route="unmatched",method="GET",status="404"} 1)") !=
           std::string::npos;
  })) << text;
  EXPECT_NE(
      text.find(
          R"(triagebot_http_requests_total{route="/items/{id}",method="GET",status="200"} 2)"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(triagebot_http_request_duration_seconds_count{route="/items/{id}"} 2)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("triagebot_http_open_connections 1\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("secret-id"), std::string::npos) << "raw paths must never become labels";
}

// SIGTERM while a request is in flight: the request still gets its full answer,
// new connections are refused, the shutdown hooks run (last registered first), and
// run_until_signal returns (so main returns 0).
TEST(HttpServer, SigtermLetsSlowRequestFinishThenReturns) {
  std::mutex mutex;
  std::optional<Respond> parked;
  std::vector<std::string> hooks_run;
  InProcessServer server(
      {},
      [&](Router& router) {
        router.add("GET", "/slow", [&](adapters::HttpRequest, Respond respond) {
          std::lock_guard lock(mutex);
          parked = std::move(respond);
        });
      },
      [&](bot::http::Server& s) {
        s.on_shutdown([&] { hooks_run.push_back("first registered"); });
        s.on_shutdown([&] { hooks_run.push_back("second registered"); });
      });

  HttpResult slow_result;
  std::thread slow_client([&] {
    HttpClient client("127.0.0.1", server.port);
    slow_result = client.get("/slow");
  });
  ASSERT_TRUE(wait_until([&] {
    std::lock_guard lock(mutex);
    return parked.has_value();
  }));

  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  // Stopped accepting: a new connection is refused (or closed unanswered).
  EXPECT_TRUE(wait_until([&] {
    try {
      HttpClient late("127.0.0.1", server.port, 2s);
      late.get("/healthz");
      return false;
    } catch (const std::exception&) {
      return true;
    }
  }));
  EXPECT_FALSE(server.returned) << "must wait for the in-flight request";

  {
    std::lock_guard lock(mutex);
    (*parked)(json_response(200, {{"finished", true}}));
    parked.reset();
  }
  slow_client.join();
  EXPECT_EQ(slow_result.status, 200);
  EXPECT_EQ(slow_result.json(), nlohmann::json({{"finished", true}}));
  EXPECT_EQ(slow_result.header("Connection"), "close");
  EXPECT_TRUE(wait_until([&] { return server.returned.load(); }));
  EXPECT_EQ(hooks_run, (std::vector<std::string>{"second registered", "first registered"}));
}

TEST(HttpServer, ShutdownClosesIdleKeepAliveConnections) {
  auto server = std::make_unique<InProcessServer>(ServerOptions{.idle_timeout = 60s});
  HttpClient client("127.0.0.1", server->port);
  ASSERT_EQ(client.get("/healthz").status, 200);
  const auto started = std::chrono::steady_clock::now();
  server->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s) << "idle keep-alive must not block";
}

TEST(HttpServer, BindFailureIsAnError) {
  InProcessServer first({});
  bot::Metrics metrics;
  Router router;
  bot::http::Server second({.host = "127.0.0.1", .port = first.port}, router, metrics);
  const auto endpoint = second.start();
  ASSERT_FALSE(endpoint);
  EXPECT_EQ(endpoint.error().code, ErrorCode::listen_failed);
  EXPECT_NE(endpoint.error().message.find(std::to_string(first.port)), std::string::npos);
}

}  // namespace
}  // namespace server_test
}  // namespace triagebot::testing
