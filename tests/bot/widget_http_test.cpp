// The widget's HTTP surroundings against the real `triagebot serve` on 127.0.0.1: body
// and rate limits (per session, per address, behind a trusted proxy), CORS, the static
// assets with their caching headers, and the numbers /metrics shows after real traffic.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/bot/widget_client.h"
#include "tests/support/wait.h"

namespace triagebot::testing::widget_api {
namespace widget_http_test {
namespace {

// One server per test, configured by the test.
class WidgetHttp : public ::testing::Test {
 protected:
  void start(EnvVars env = {}) {
    server_ = start_widget_server(std::move(env));
    client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port());
  }

  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

// A 429 as API.md and the widget expect it: the error shape and whole seconds to wait,
// no more than one refill interval (`most`).
void expect_rate_limited(const HttpResult& reply, int most) {
  expect_json_error(reply, 429, "rate_limited");
  const auto retry_after = reply.header("Retry-After");
  ASSERT_TRUE(retry_after.has_value());
  const int seconds = std::stoi(*retry_after);
  EXPECT_GE(seconds, 1);
  EXPECT_LE(seconds, most);
}

TEST_F(WidgetHttp, BodyOverTheLimitIs413AndStoresNothing) {
  start({{"TRIAGEBOT_BODY_LIMIT", "1024"}});
  const auto session = create_session(*client_);
  const auto reply = say(*client_, session, std::string(1100, 'a'));
  expect_json_error(reply, 413, "too_large");
  EXPECT_EQ(history(*client_, session), session.messages);
  EXPECT_EQ(say(*client_, session, std::string(900, 'a')).status, 200) << "under it is fine";
}

// widget.js posts no body; a body that is there must be a JSON object (issue 15).
TEST_F(WidgetHttp, MalformedSessionBodyIs400AndStoresNothing) {
  start();
  for (const char* body : {"{", "not json", "[1,2]", "\"text\""}) {
    expect_json_error(client_->post(std::string(kSessionsPath), body), 400, "bad_request");
  }
  auto conversations = [&] {
    SQLite::Database db((server_->dir() / "triagebot.db").string(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT COUNT(*) FROM conversations").getInt64();
  };
  EXPECT_EQ(conversations(), 0);
  EXPECT_EQ(client_->post(std::string(kSessionsPath), "").status, 201) << "no body is fine";
  EXPECT_EQ(conversations(), 1);
}

TEST_F(WidgetHttp, TurnsPastThePerSessionLimitAre429WithRetryAfter) {
  start({{"TRIAGEBOT_WIDGET_RATE_PER_SESSION", "2"}});  // a turn every 30 s, burst 2
  const auto session = create_session(*client_);
  ASSERT_EQ(say(*client_, session, "my left foot is numb").status, 200);
  ASSERT_EQ(say(*client_, session, "no").status, 200);
  const auto messages = history(*client_, session);
  expect_rate_limited(say(*client_, session, "no"), 30);
  EXPECT_EQ(history(*client_, session), messages) << "the refused turn was not stored";
  // Another session of the same address has its own bucket.
  const auto other = create_session(*client_);
  EXPECT_EQ(say(*client_, other, "my left foot is numb").status, 200);
}

TEST_F(WidgetHttp, RequestsPastThePerAddressLimitAre429WithRetryAfter) {
  start({{"TRIAGEBOT_WIDGET_RATE_PER_ADDRESS", "3"}});                    // one every 20 s, burst 3
  const auto session = create_session(*client_);                          // 1
  ASSERT_EQ(say(*client_, session, "my left foot is numb").status, 200);  // 2
  ASSERT_NO_THROW(history(*client_, session));                            // 3
  expect_rate_limited(client_->post(std::string(kSessionsPath), "{}"), 20);
  expect_rate_limited(say(*client_, session, "no"), 20);
  expect_rate_limited(client_->get(session.path(), session.auth()), 20);
}

TEST_F(WidgetHttp, ForwardedAddressesBehindATrustedProxyGetTheirOwnBuckets) {
  start({{"TRIAGEBOT_WIDGET_RATE_PER_ADDRESS", "2"}, {"TRIAGEBOT_TRUSTED_PROXIES", "127.0.0.1"}});
  const HeaderList first = {{"X-Forwarded-For", "203.0.113.7"}};
  const HeaderList second = {{"X-Forwarded-For", "198.51.100.1, 203.0.113.8"}};
  ASSERT_NO_THROW(create_session(*client_, first));
  ASSERT_NO_THROW(create_session(*client_, first));
  expect_rate_limited(client_->post(std::string(kSessionsPath), "{}", first), 30);
  // Another visitor behind the same proxy; only the right-most entry counts.
  EXPECT_NO_THROW(create_session(*client_, second));
  EXPECT_NO_THROW(create_session(*client_, {{"X-Forwarded-For", "203.0.113.7, 203.0.113.9"}}));
}

TEST_F(WidgetHttp, ForwardedForFromAnUntrustedPeerIsIgnored) {
  start({{"TRIAGEBOT_WIDGET_RATE_PER_ADDRESS", "2"}});
  ASSERT_NO_THROW(create_session(*client_, {{"X-Forwarded-For", "203.0.113.1"}}));
  ASSERT_NO_THROW(create_session(*client_, {{"X-Forwarded-For", "203.0.113.2"}}));
  expect_rate_limited(
      client_->post(std::string(kSessionsPath), "{}", {{"X-Forwarded-For", "203.0.113.3"}}), 30);
}

constexpr const char* kClinic = "https://www.clinic.example";

class WidgetCors : public WidgetHttp {
 protected:
  WidgetCors() {
    start({{"TRIAGEBOT_WIDGET_ORIGINS", std::string(kClinic) + ",http://a.example"}});
  }

  HttpResult preflight(const std::string& path, const std::string& origin) {
    return client_->request("OPTIONS", path, {},
                            {{"Origin", origin},
                             {"Access-Control-Request-Method", "POST"},
                             {"Access-Control-Request-Headers", "authorization, content-type"}});
  }
};

TEST_F(WidgetCors, PreflightFromAnAllowedOriginGetsTheAllowHeaders) {
  const auto session = create_session(*client_);
  for (const auto& path : {std::string(kSessionsPath), session.path()}) {
    const auto reply = preflight(path, kClinic);
    EXPECT_EQ(reply.status, 204) << path << ": " << reply.body;
    EXPECT_EQ(reply.header("Access-Control-Allow-Origin"), kClinic);
    EXPECT_EQ(reply.header("Access-Control-Allow-Methods"), "GET, POST, OPTIONS");
    EXPECT_EQ(reply.header("Access-Control-Allow-Headers"), "Authorization, Content-Type");
    EXPECT_EQ(reply.header("Access-Control-Max-Age"), "600");
    EXPECT_EQ(reply.header("Vary"), "Origin");
    EXPECT_FALSE(reply.header("Access-Control-Allow-Credentials")) << "bearer tokens only";
    EXPECT_TRUE(reply.body.empty());
  }
}

TEST_F(WidgetCors, PreflightFromARefusedOriginIs403WithoutAllowHeaders) {
  for (const char* origin : {"https://evil.example", "https://www.clinic.example.evil.example",
                             "http://www.clinic.example", "null"}) {
    const auto reply = preflight(std::string(kSessionsPath), origin);
    expect_json_error(reply, 403, "origin_not_allowed");
    EXPECT_FALSE(reply.header("Access-Control-Allow-Origin")) << origin;
    EXPECT_FALSE(reply.header("Access-Control-Allow-Methods")) << origin;
  }
}

TEST_F(WidgetCors, RequestsFromAnAllowedOriginCarryAllowOrigin) {
  const HeaderList origin = {{"Origin", kClinic}};
  const auto created = client_->post(std::string(kSessionsPath), "{}", origin);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("Access-Control-Allow-Origin"), kClinic);
  EXPECT_EQ(created.header("Access-Control-Expose-Headers"), "Retry-After");
  const auto session = create_session(*client_, origin);
  for (const auto& reply :
       {post_turn(*client_, session, {{"text", "my left foot is numb"}}, origin),
        client_->get(session.path(), session.auth(origin)),
        client_->get(session.path(), origin)}) {  // errors too, so the widget can read them
    EXPECT_EQ(reply.header("Access-Control-Allow-Origin"), kClinic) << reply.status;
    EXPECT_EQ(reply.header("Vary"), "Origin");
  }
}

TEST_F(WidgetCors, RequestsFromARefusedOriginAre403AndStoreNothing) {
  const auto session = create_session(*client_);
  const HeaderList evil = {{"Origin", "https://evil.example"}};
  expect_json_error(client_->post(std::string(kSessionsPath), "{}", evil), 403,
                    "origin_not_allowed");
  const auto turn = post_turn(*client_, session, {{"text", "no"}}, evil);
  expect_json_error(turn, 403, "origin_not_allowed");
  EXPECT_FALSE(turn.header("Access-Control-Allow-Origin"));
  expect_json_error(client_->get(session.path(), session.auth(evil)), 403, "origin_not_allowed");
  EXPECT_EQ(history(*client_, session), session.messages);
}

TEST_F(WidgetCors, SameOriginNeedsNoListingAndGetsNoAllowHeaders) {
  // What a browser sends from the demo page at GET /: Origin equals the Host.
  const std::string self = "http://127.0.0.1:" + std::to_string(server_->port());
  const auto reply = client_->post(std::string(kSessionsPath), "{}", {{"Origin", self}});
  EXPECT_EQ(reply.status, 201) << reply.body;
  EXPECT_FALSE(reply.header("Access-Control-Allow-Origin"));
}

TEST_F(WidgetHttp, StaticAssetsHaveTypeCachingAndETag) {
  start();
  struct Expected {
    const char* path;
    const char* type;
    const char* cache;
    const char* contains;
  };
  for (const auto& asset : {Expected{"/", "text/html; charset=utf-8", "no-cache", "/widget.js"},
                            Expected{"/widget.js", "text/javascript; charset=utf-8",
                                     "public, max-age=300", "/api/widget/sessions"}}) {
    SCOPED_TRACE(asset.path);
    const auto reply = client_->get(asset.path);
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("Content-Type"), asset.type);
    EXPECT_EQ(reply.header("Cache-Control"), asset.cache);
    EXPECT_EQ(reply.header("X-Content-Type-Options"), "nosniff");
    EXPECT_NE(reply.body.find(asset.contains), std::string::npos);
    const auto etag = reply.header("ETag");
    ASSERT_TRUE(etag && etag->size() > 2 && etag->front() == '"' && etag->back() == '"');
    EXPECT_EQ(client_->get(asset.path).header("ETag"), etag) << "stable";

    const auto cached = client_->get(asset.path, {{"If-None-Match", *etag}});
    EXPECT_EQ(cached.status, 304);
    EXPECT_TRUE(cached.body.empty());
    EXPECT_EQ(cached.header("ETag"), etag);
    EXPECT_EQ(cached.header("Cache-Control"), asset.cache);
    EXPECT_EQ(client_->get(asset.path, {{"If-None-Match", "\"stale\""}}).status, 200);
  }
}

// RFC 9110 §13.1.2: If-None-Match is a list compared weakly, or "*". A proxy that
// compresses (nginx gzip) hands browsers a weak W/"..." of our tag, which they send back.
TEST_F(WidgetHttp, IfNoneMatchIsAWeaklyComparedList) {
  start();
  const auto etag = *client_->get("/widget.js").header("ETag");
  for (const std::string& presented :
       std::vector<std::string>{"W/" + etag, "\"old\", " + etag, "\"old\",W/" + etag + " ", "*"}) {
    EXPECT_EQ(client_->get("/widget.js", {{"If-None-Match", presented}}).status, 304) << presented;
  }
  for (const std::string& presented :
       std::vector<std::string>{"\"old\", \"older\"", etag.substr(1), "W/\"old\""}) {
    EXPECT_EQ(client_->get("/widget.js", {{"If-None-Match", presented}}).status, 200) << presented;
  }
}

TEST_F(WidgetHttp, MetricsCountWhatRealWidgetTrafficDid) {
  start();
  auto completed = create_session(*client_);
  const auto exchanges = run_interview(*client_, completed, kSciaticaOpening);
  const auto triage = assessment_of(exchanges.back().replies)["triage"].get<std::string>();
  const auto emergency = create_session(*client_);
  ASSERT_EQ(say(*client_, emergency, kStrokeOpening).status, 200);
  ASSERT_EQ(say(*client_, emergency, "what now?").status, 200);  // guidance again, no recount
  // A second red flag: its own guidance and count; the first is not counted again.
  ASSERT_EQ(say(*client_, emergency, "and now my leg is cold and pale").status, 200);
  const auto open = create_session(*client_);
  ASSERT_EQ(say(*client_, open, "my left foot is numb").status, 200);

  // The writer's counters move after the completions that answered the requests, so
  // wait until the last batch is counted everywhere.
  const double submissions = 3 + 1 + static_cast<double>(exchanges.size()) + 3 + 1;
  std::string text;
  const auto value = [&](const std::string& series) {
    return metric_value(text, series).value_or(-1);
  };
  ASSERT_TRUE(wait_until([&] {
    const auto reply = client_->get("/metrics");
    EXPECT_EQ(reply.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    text = reply.body;
    return value("triagebot_writer_items") >= submissions &&
           value("triagebot_writer_batch_size_sum") == value("triagebot_writer_items");
  })) << text;
  EXPECT_EQ(value(R"(triagebot_conversations_started_total{platform="widget"})"), 3);
  EXPECT_EQ(value(R"(triagebot_conversations_completed_total{platform="widget"})"), 2);
  EXPECT_EQ(value(R"(triagebot_assessments_total{platform="widget",triage=")" + triage + "\"}"), 1);
  EXPECT_EQ(value(R"(triagebot_assessments_total{platform="widget",triage="emergency"})"), 2);
  EXPECT_EQ(value(R"(triagebot_red_flags_total{red_flag="stroke_signs"})"), 1);
  EXPECT_EQ(value(R"(triagebot_red_flags_total{red_flag="acute_limb_ischemia_signs"})"), 1);
  // The first guidance came with the first message, well inside the smallest bucket.
  EXPECT_EQ(value("triagebot_time_to_emergency_guidance_seconds_count"), 1);
  EXPECT_EQ(value(R"(triagebot_time_to_emergency_guidance_seconds_bucket{le="1"})"), 1);
  EXPECT_FALSE(metric_value(text, R"(triagebot_duplicate_events_total{platform="widget"})"))
      << "every widget POST is a new turn";

  // Writer: every turn and session was one item; the queue is empty at rest. The only
  // other items are the outbox dispatcher's claims (one at start, then one per idle poll
  // of 5 s), never a claim per commit.
  EXPECT_EQ(value("triagebot_writer_queue_depth"), 0);
  EXPECT_LE(value("triagebot_writer_items"), submissions + 2) << text;
  EXPECT_GE(value("triagebot_writer_batch_size_count"), 1);
  EXPECT_EQ(value(R"(triagebot_writer_batch_size_bucket{le="+Inf"})"),
            value("triagebot_writer_batch_size_count"));
  EXPECT_EQ(value("triagebot_writer_rejected_total"), 0);
}

}  // namespace
}  // namespace widget_http_test
}  // namespace triagebot::testing::widget_api
