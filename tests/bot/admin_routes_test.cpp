// The admin review API and page against a real SQLite store and a real server on
// 127.0.0.1 port 0: auth, every filter, pagination, detail, verdicts, hostile input.
#include <future>
#include <set>

#include <gtest/gtest.h>

#include "bot/review/admin_routes.h"
#include "tests/bot/in_process_server.h"
#include "tests/bot/review_seed.h"
#include "tests/support/http_client.h"
#include "tests/support/json_error.h"
#include "tests/support/temp_dir.h"

namespace triagebot::testing {
namespace admin_routes_test {
namespace {

constexpr const char* kToken = "admin-s3cret-token-of-32-characters-or-more";
const HeaderList kAuth = {{"Authorization", std::string("Bearer ") + kToken}};

class AdminApi : public ::testing::Test {
 protected:
  explicit AdminApi(storage::StoreOptions options = {}) {
    options.path = dir_ / "review.db";
    auto store = storage::Store::open(options);
    if (!store) throw std::runtime_error(store.error().message);
    store_ = std::move(*store);
    ids_ = write_standard_seeds(*store_);
    server_ = std::make_unique<InProcessServer>(
        bot::http::ServerOptions{},
        [this](bot::http::Router& router) { bot::add_admin_routes(router, *store_, kToken); });
    client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port);
  }
  ~AdminApi() override {
    client_.reset();
    server_.reset();  // before the store: the server drains requests first
  }

  // The keys of the listed conversations, in order.
  std::vector<std::string> keys(const nlohmann::json& body) {
    std::vector<std::string> out;
    for (const auto& summary : body["conversations"]) {
      for (const auto& [key, id] : ids_) {
        if (summary["id"] == id) out.push_back(key);
      }
    }
    return out;
  }
  std::vector<std::string> list_keys(const std::string& query) {
    const auto reply = client_->get("/admin/api/conversations?" + query, kAuth);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.body;
    return keys(reply.json());
  }
  std::string detail_path(const std::string& key) {
    return "/admin/api/conversations/" + std::to_string(ids_.at(key));
  }

  TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::map<std::string, std::int64_t> ids_;
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(AdminApi, MissingTokenIs401) {
  const auto reply = client_->get("/admin/api/conversations");
  expect_json_error(reply, 401, "unauthorized");
  EXPECT_EQ(reply.header("WWW-Authenticate"), "Bearer realm=\"triagebot-admin\"");
  expect_json_error(client_->get(detail_path("t1")), 401, "unauthorized");
  expect_json_error(client_->post(detail_path("t1") + "/verdicts",
                                  R"({"verdict":"agree","note":"","reviewer":"Dr A"})"),
                    401, "unauthorized");
}

TEST_F(AdminApi, WrongTokenIs401) {
  for (const std::string& value : std::vector<std::string>{
           "Bearer wrong", std::string("Bearer ") + kToken + "x", std::string("Basic ") + kToken,
           std::string(kToken), std::string("Bearer ") + std::string(kToken).substr(1),
           "Bearer "}) {
    expect_json_error(client_->get("/admin/api/conversations", {{"Authorization", value}}), 401,
                      "unauthorized");
  }
}

TEST_F(AdminApi, FailedSignInsLockTheAddressOutWith429) {
  ::testing::internal::CaptureStderr();
  for (int i = 0; i < 10; ++i) {
    expect_json_error(client_->get("/admin/api/conversations",
                                   {{"Authorization", "Bearer guess-number-" + std::to_string(i)}}),
                      401, "unauthorized");
  }
  // Past the budget even the right token is refused, so guessing learns nothing.
  const auto locked = client_->get("/admin/api/conversations", kAuth);
  const auto log = ::testing::internal::GetCapturedStderr();
  expect_json_error(locked, 429, "too_many_failures");
  EXPECT_EQ(locked.header("Cache-Control"), "no-store");
  ASSERT_TRUE(locked.header("Retry-After"));
  const int retry_after = std::stoi(*locked.header("Retry-After"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 6) << "one failure comes back every 6 s";
  // Each failure is logged with the address, never with what was sent.
  std::size_t failures = 0;
  for (auto at = log.find(R"("event":"admin_unauthorized")"); at != std::string::npos;
       at = log.find(R"("event":"admin_unauthorized")", at + 1)) {
    ++failures;
  }
  EXPECT_EQ(failures, 10u) << log;
  EXPECT_NE(log.find(R"("client":"127.0.0.1")"), std::string::npos) << log;
  EXPECT_NE(log.find(R"("event":"admin_locked_out")"), std::string::npos) << log;
  EXPECT_EQ(log.find("guess-number"), std::string::npos) << log;
  EXPECT_EQ(log.find(kToken), std::string::npos) << log;
  // Pages without a token check are not locked.
  EXPECT_EQ(client_->get("/admin").status, 200);
}

TEST_F(AdminApi, LockoutCountsTheClientBehindATrustedProxy) {
  InProcessServer proxied({}, [this](bot::http::Router& router) {
    bot::add_admin_routes(router, *store_, kToken,
                          {.trusted_proxies = {"127.0.0.1"}, .failures_per_minute = 2});
  });
  HttpClient client("127.0.0.1", proxied.port);
  const auto attempt = [&](const std::string& client_address, const HeaderList& auth) {
    HeaderList headers = auth;
    headers.emplace_back("X-Forwarded-For", client_address);
    return client.get("/admin/api/conversations", headers);
  };
  const HeaderList wrong = {{"Authorization", "Bearer wrong"}};
  EXPECT_EQ(attempt("203.0.113.1", wrong).status, 401);
  EXPECT_EQ(attempt("203.0.113.1", wrong).status, 401);
  EXPECT_EQ(attempt("203.0.113.1", kAuth).status, 429);
  // Another client behind the same proxy is not locked out with it.
  EXPECT_EQ(attempt("203.0.113.2", kAuth).status, 200);
  EXPECT_EQ(attempt("203.0.113.2", wrong).status, 401);
}

TEST_F(AdminApi, BearerSchemeIsCaseInsensitive) {
  EXPECT_EQ(
      client_->get("/admin/api/conversations", {{"Authorization", "bearer " + std::string(kToken)}})
          .status,
      200);
}

TEST_F(AdminApi, ListsNewestFirstInSummaryShape) {
  const auto reply = client_->get("/admin/api/conversations", kAuth);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Cache-Control"), "no-store");
  const auto body = reply.json();
  EXPECT_EQ(keys(body), (std::vector<std::string>{"w2", "t2", "w1", "s1", "t1"}));
  EXPECT_TRUE(body["next_cursor"].is_null());
  const auto& t2 = body["conversations"][1];
  EXPECT_EQ(t2["platform"], "telegram");
  EXPECT_EQ(t2["triage"], "urgent");
  EXPECT_EQ(t2["status"], "completed");
  EXPECT_EQ(t2["red_flags"], nlohmann::json({"sudden_weakness"}));
  EXPECT_EQ(t2["message_count"], 3);
  EXPECT_EQ(t2["verdicts"], nlohmann::json::array());
  EXPECT_EQ(t2["started_at"], "2026-03-04T00:00:00.000Z");
  EXPECT_FALSE(body["conversations"][2].contains("triage"));  // w1 was never assessed
}

TEST_F(AdminApi, FiltersByPlatform) {
  EXPECT_EQ(list_keys("platform=telegram"), (std::vector<std::string>{"t2", "t1"}));
  EXPECT_EQ(list_keys("platform=widget"), (std::vector<std::string>{"w2", "w1"}));
}

TEST_F(AdminApi, FiltersByTriage) {
  EXPECT_EQ(list_keys("triage=self_care"), std::vector<std::string>{"w2"});
  EXPECT_EQ(list_keys("triage=emergency"), std::vector<std::string>{"t1"});
}

TEST_F(AdminApi, FiltersByRedFlag) {
  EXPECT_EQ(list_keys("red_flag=any"), (std::vector<std::string>{"t2", "t1"}));
  EXPECT_EQ(list_keys("red_flag=none"), (std::vector<std::string>{"w2", "w1", "s1"}));
  EXPECT_EQ(list_keys("red_flag=saddle_anesthesia"), std::vector<std::string>{"t1"});
}

TEST_F(AdminApi, FiltersByStartTimeInRfc3339AndEpochSeconds) {
  // Day 1 (2026-03-02) inclusive to day 3 (2026-03-04) exclusive: s1 and w1.
  EXPECT_EQ(list_keys("since=2026-03-02T00:00:00Z&until=2026-03-04T00:00:00Z"),
            (std::vector<std::string>{"w1", "s1"}));
  EXPECT_EQ(list_keys("since=" + std::to_string(kSeedEpochSeconds + 86400) +
                      "&until=" + std::to_string(kSeedEpochSeconds + 3 * 86400)),
            (std::vector<std::string>{"w1", "s1"}));
  // An offset is honoured: 01:00+01:00 is midnight UTC.
  EXPECT_EQ(list_keys("since=2026-03-04T01:00:00%2B01:00"), (std::vector<std::string>{"w2", "t2"}));
}

TEST_F(AdminApi, SearchesWhatThePersonWroteWithPercentDecoding) {
  EXPECT_EQ(list_keys("q=saddle"), std::vector<std::string>{"t1"});
  EXPECT_EQ(list_keys("q=both%20feet"), std::vector<std::string>{"s1"});
  EXPECT_EQ(list_keys("q=leg+gave"), std::vector<std::string>{"t2"});
  EXPECT_EQ(list_keys("q=numbness"), std::vector<std::string>{});  // the bot's words
}

TEST_F(AdminApi, CombinesFilters) {
  EXPECT_EQ(list_keys("platform=telegram&red_flag=any&triage=urgent"),
            std::vector<std::string>{"t2"});
}

TEST_F(AdminApi, PaginatesWithTheCursorAcrossPages) {
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto reply = client_->get(
        "/admin/api/conversations?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), kAuth);
    ASSERT_EQ(reply.status, 200) << reply.body;
    const auto body = reply.json();
    const auto page = keys(body);
    EXPECT_LE(page.size(), 2u);
    seen.insert(seen.end(), page.begin(), page.end());
    cursor = body["next_cursor"].is_string() ? body["next_cursor"].get<std::string>() : "";
    ++pages;
  } while (!cursor.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"w2", "t2", "w1", "s1", "t1"}));
}

TEST_F(AdminApi, DetailHasMessagesAndAssessment) {
  const auto reply = client_->get(detail_path("t1"), kAuth);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Cache-Control"), "no-store");
  const auto body = reply.json();
  EXPECT_EQ(body["id"], ids_["t1"]);
  EXPECT_EQ(body["triage"], "emergency");
  ASSERT_EQ(body["messages"].size(), 3u);
  EXPECT_EQ(body["messages"][0]["from"], "user");
  EXPECT_EQ(body["messages"][0]["text"], "I can't feel my SADDLE area");
  EXPECT_EQ(body["messages"][1]["choices"][1],
            nlohmann::json({{"id", "both_legs"}, {"label", "Both legs"}}));
  EXPECT_FALSE(body["messages"][0].contains("choices"));
  EXPECT_EQ(body["assessment"], seed_assessment("emergency", {"saddle_anesthesia"}));
  EXPECT_EQ(body["messages"][2]["assessment"], body["assessment"]);
}

TEST_F(AdminApi, DetailWithoutAssessmentOmitsIt) {
  const auto body = client_->get(detail_path("w1"), kAuth).json();
  EXPECT_FALSE(body.contains("assessment")) << body.dump();
  EXPECT_EQ(body["messages"].size(), 2u);
}

TEST_F(AdminApi, UnknownConversationIs404) {
  expect_json_error(client_->get("/admin/api/conversations/999999", kAuth), 404, "not_found");
  expect_json_error(client_->get("/admin/api/conversations/abc", kAuth), 404, "not_found");
  expect_json_error(client_->get("/admin/api/conversations/-1", kAuth), 404, "not_found");
  expect_json_error(client_->get("/admin/api/conversations/99999999999999999999999", kAuth), 404,
                    "not_found");
}

TEST_F(AdminApi, VerdictIs201AndVisibleInListAndDetail) {
  const auto reply = client_->post(
      detail_path("s1") + "/verdicts",
      R"({"verdict":"under_triage","note":"Both feet for a week: see a GP soon.","reviewer":"Dr Ana Lima"})",
      kAuth);
  ASSERT_EQ(reply.status, 201) << reply.body;
  const auto created = reply.json();
  EXPECT_EQ(created["verdict"], "under_triage");
  EXPECT_EQ(created["reviewer"], "Dr Ana Lima");
  ASSERT_TRUE(created["at"].is_string());

  const auto detail = client_->get(detail_path("s1"), kAuth).json();
  ASSERT_EQ(detail["verdicts"].size(), 1u);
  EXPECT_EQ(detail["verdicts"][0], created);
  const auto list = client_->get("/admin/api/conversations?platform=slack", kAuth).json();
  EXPECT_EQ(list["conversations"][0]["verdicts"], nlohmann::json::array({created}));
}

TEST_F(AdminApi, VerdictNoteMayBeExactly2000Characters) {
  const nlohmann::json body = {{"verdict", "other"},
                               {"note", std::string(1000, 'a') + std::string(500, 'x') +
                                            [] {
                                              std::string s;
                                              for (int i = 0; i < 500; ++i) s += "\xC3\xA9";  // é
                                              return s;
                                            }()},
                               {"reviewer", "Dr B"}};
  EXPECT_EQ(client_->post(detail_path("t1") + "/verdicts", body.dump(), kAuth).status, 201);
}

TEST_F(AdminApi, BadVerdictBodiesAre400AndWriteNothing) {
  const std::string path = detail_path("t2") + "/verdicts";
  const std::vector<std::string> bodies = {
      "",
      "not json",
      "[]",
      R"({"note":"x","reviewer":"Dr A"})",
      R"({"verdict":"fine","note":"x","reviewer":"Dr A"})",
      R"({"verdict":1,"note":"x","reviewer":"Dr A"})",
      R"({"verdict":"agree","note":5,"reviewer":"Dr A"})",
      R"({"verdict":"agree","note":"x"})",
      R"({"verdict":"agree","note":"x","reviewer":"   "})",
      R"({"verdict":"agree","note":"x","reviewer":"Dr\nA"})",
      nlohmann::json({{"verdict", "agree"}, {"note", std::string(2001, 'n')}, {"reviewer", "A"}})
          .dump(),
      nlohmann::json({{"verdict", "agree"}, {"note", ""}, {"reviewer", std::string(101, 'r')}})
          .dump(),
      "{\"verdict\":\"agree\",\"note\":\"\xff\xfe\",\"reviewer\":\"A\"}",
  };
  for (const auto& body : bodies) {
    SCOPED_TRACE(body.substr(0, 60));
    expect_json_error(client_->post(path, body, kAuth), 400, "bad_request");
  }
  EXPECT_EQ(client_->get(detail_path("t2"), kAuth).json()["verdicts"], nlohmann::json::array());
}

TEST_F(AdminApi, VerdictForUnknownConversationIs404) {
  const std::string body = R"({"verdict":"agree","note":"","reviewer":"Dr A"})";
  expect_json_error(client_->post("/admin/api/conversations/424242/verdicts", body, kAuth), 404,
                    "not_found");
  expect_json_error(client_->post("/admin/api/conversations/x/verdicts", body, kAuth), 404,
                    "not_found");
}

TEST_F(AdminApi, HostileQueryStringsAre400NotACrash) {
  const std::vector<std::string> queries = {
      "q=%",
      "q=%4",
      "q=%zz",
      "q=%00",
      "q=%ff%fe",
      "limit=0",
      "limit=201",
      "limit=99999999999999999999",
      "limit=-5",
      "limit=ten",
      "cursor=abc",
      "cursor=-3",
      "cursor=" + std::string(5000, '9'),
      "since=yesterday",
      "until=2026-02-30",
      "since=2026-13-01T00:00:00Z",
      "since=2026-03-05&until=2026-03-01",
      "platform=myspace",
      "triage=panic",
      "red_flag=%3Cscript%3E",
      "safety=%3Cscript%3E",
      "safety=heartache",
      "q=" + std::string(201, 'a'),
      "bogus=1",
      "platform=slack&platform=widget",
  };
  for (const auto& query : queries) {
    SCOPED_TRACE(query.substr(0, 60));
    expect_json_error(client_->get("/admin/api/conversations?" + query, kAuth), 400, "bad_request");
  }
  EXPECT_EQ(client_->get("/healthz").status, 200);  // still serving
}

TEST_F(AdminApi, EmptyParametersMeanNoFilter) {
  EXPECT_EQ(list_keys("platform=&triage=&q=&cursor=&&limit=").size(), 5u);
}

TEST_F(AdminApi, PageIsServedAsHtmlWithoutAToken) {
  const auto page = client_->get("/admin");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("Cache-Control"), "no-store");
  EXPECT_NE(page.header("Content-Security-Policy").value_or("").find("default-src 'none'"),
            std::string::npos);
  EXPECT_NE(page.body.find("<script src=\"/admin/admin.js\""), std::string::npos);
  const auto script = client_->get("/admin/admin.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(script.body.find("sessionStorage"), std::string::npos);
  EXPECT_EQ(script.body.find("innerHTML"), std::string::npos);  // textContent only
  EXPECT_EQ(client_->get("/admin/admin.css").header("Content-Type"), "text/css; charset=utf-8");
}

// A writer whose queue is full: the verdict gets 503 with Retry-After, not a hang.
class AdminApiOverloaded : public AdminApi {
 protected:
  AdminApiOverloaded() : AdminApi(overloadable()) {}
  static storage::StoreOptions overloadable() {
    storage::StoreOptions options;
    options.queue_capacity = 1;
    return options;
  }
};

TEST_F(AdminApiOverloaded, VerdictIs503WhenTheWriterQueueIsFull) {
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  ASSERT_TRUE(store_->writer().submit({[&, released](storage::WriteTransaction&) -> Result<void> {
                                         entered.set_value();
                                         released.wait();
                                         return {};
                                       },
                                       nullptr}));
  entered.get_future().wait();  // the writer is busy; the queue is empty
  ASSERT_TRUE(store_->writer().submit({[](storage::WriteTransaction&) { return Result<void>(); },
                                       nullptr}));  // the queue is now full
  const auto reply = client_->post(detail_path("t1") + "/verdicts",
                                   R"({"verdict":"agree","note":"","reviewer":"Dr A"})", kAuth);
  release.set_value();
  expect_json_error(reply, 503, "overloaded");
  EXPECT_EQ(reply.header("Retry-After"), "1");
}

}  // namespace
}  // namespace admin_routes_test
}  // namespace triagebot::testing
