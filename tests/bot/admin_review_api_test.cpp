// The review API's additions (issue 14): the verdict filter and GET /admin/api/stats,
// against a real store and a real server on 127.0.0.1.
#include <gtest/gtest.h>

#include "bot/review/admin_routes.h"
#include "tests/bot/in_process_server.h"
#include "tests/bot/review_seed.h"
#include "tests/support/http_client.h"
#include "tests/support/json_error.h"
#include "tests/support/temp_dir.h"

namespace triagebot::testing {
namespace admin_review_api_test {
namespace {

constexpr const char* kToken = "admin-review-token-of-32-characters-or-more";
const HeaderList kAuth = {{"Authorization", std::string("Bearer ") + kToken}};

class AdminReviewApi : public ::testing::Test {
 protected:
  AdminReviewApi() {
    storage::StoreOptions options;
    options.path = dir_ / "review.db";
    auto store = storage::Store::open(options);
    if (!store) throw std::runtime_error(store.error().message);
    store_ = std::move(*store);
    ids_ = write_standard_seeds(*store_);
    auto verdicts = store_->writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
      for (const auto& [key, kind] : std::vector<std::pair<std::string, std::string>>{
               {"t1", "under_triage"}, {"t2", "agree"}, {"t2", "agree"}}) {
        auto added = tx.add_verdict(ids_[key], {kind, "", "Dr A", seed_day(6)});
        if (!added) return added.error();
      }
      return {};
    });
    if (!verdicts) throw std::runtime_error(verdicts.error().message);
    server_ = std::make_unique<InProcessServer>(
        bot::http::ServerOptions{},
        [this](bot::http::Router& router) { bot::add_admin_routes(router, *store_, kToken); });
    client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port);
  }
  ~AdminReviewApi() override {
    client_.reset();
    server_.reset();
  }

  std::vector<std::int64_t> listed(const std::string& query) {
    const auto reply = client_->get("/admin/api/conversations?" + query, kAuth);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.body;
    std::vector<std::int64_t> ids;
    const auto body = reply.json();
    for (const auto& summary : body["conversations"]) ids.push_back(summary["id"]);
    return ids;
  }

  TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::map<std::string, std::int64_t> ids_;
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(AdminReviewApi, VerdictFilterIsTheReviewQueue) {
  EXPECT_EQ(listed("verdict=none"),
            (std::vector<std::int64_t>{ids_["w2"], ids_["w1"], ids_["s1"]}));
  EXPECT_EQ(listed("verdict=any"), (std::vector<std::int64_t>{ids_["t2"], ids_["t1"]}));
  EXPECT_EQ(listed("verdict=under_triage"), std::vector<std::int64_t>{ids_["t1"]});
  EXPECT_EQ(listed("verdict=agree&platform=telegram"), std::vector<std::int64_t>{ids_["t2"]});
  EXPECT_EQ(listed("verdict="), listed(""));
  expect_json_error(client_->get("/admin/api/conversations?verdict=maybe", kAuth), 400,
                    "bad_request");
}

TEST_F(AdminReviewApi, StatsCountTheSeedsAndTheVerdicts) {
  const auto reply = client_->get("/admin/api/stats", kAuth);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Cache-Control"), "no-store");
  const auto stats = reply.json();
  EXPECT_EQ(stats["under_triage"], 1);
  EXPECT_EQ(stats["conversations"], 5);
  EXPECT_EQ(stats["completed"], 4);  // every seed with a triage
  EXPECT_EQ(stats["triage"]["none"], 1);
  EXPECT_EQ(stats["platforms"]["telegram"], 2);
  EXPECT_EQ(stats["red_flags"]["saddle_anesthesia"], 1);
  EXPECT_EQ(stats["red_flags"]["sudden_weakness"], 1);
  EXPECT_EQ(stats["verdict_total"], 3);
  EXPECT_DOUBLE_EQ(stats["agreement_rate"].get<double>(), 2.0 / 3);
  // Seeds start on 2026-03-01 .. 03-05; March 2 is a Monday.
  const auto weekly = client_->get("/admin/api/stats?since=2026-03-02&by=week", kAuth).json();
  EXPECT_EQ(weekly["conversations"], 4);
  ASSERT_EQ(weekly["periods"].size(), 1u);
  EXPECT_EQ(weekly["periods"][0]["start"], "2026-03-02");
}

TEST_F(AdminReviewApi, StatsRefuseBadInputAndAnonymousCallers) {
  expect_json_error(client_->get("/admin/api/stats"), 401, "unauthorized");
  for (const char* query : {"by=month", "since=soon", "since=2026-03-02&until=2026-03-01",
                            "until=x", "color=red", "by=day&by=week"}) {
    expect_json_error(client_->get(std::string("/admin/api/stats?") + query, kAuth), 400,
                      "bad_request");
  }
}

}  // namespace
}  // namespace admin_review_api_test
}  // namespace triagebot::testing
