// Slack delivery end to end: the real binary's outbox against a fake Web API that is
// slow, rate-limits (HTTP 429 with Retry-After, or ok:false "ratelimited"), or refuses
// (channel_not_found, invalid_auth) — the events endpoint keeps answering at once, and
// every reply goes out once (PLATFORMS.md §2.4, issue 12).
#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "tests/bot/slack_harness.h"
#include "tests/support/wait.h"

namespace triagebot::testing::slack_bot {
namespace slack_delivery_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class SlackDelivery : public ::testing::Test {
 protected:
  SlackDelivery() { script_slack_api(fake_); }

  SlackBot& bot() {
    if (!bot_) bot_ = std::make_unique<SlackBot>(fake_);
    return *bot_;
  }
  void send_opening(const std::string& event_id = "Ev0OPEN1") {
    const auto answer =
        bot().post_event(dm_event(event_id, "my left leg has been numb for three weeks"));
    ASSERT_EQ(answer.status, 200) << answer.body;
  }
  static std::chrono::milliseconds gap(const RecordedRequest& a, const RecordedRequest& b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b.at - a.at);
  }
  static FakeAnswer ok_false(std::string error,
                             std::vector<std::pair<std::string, std::string>> headers = {}) {
    return FakeAnswer{200, std::move(headers), json{{"ok", false}, {"error", error}}.dump()};
  }

  FakeApiServer fake_;
  std::unique_ptr<SlackBot> bot_;
};

TEST_F(SlackDelivery, EventsAreAcknowledgedWhileTheWebApiTakesSecondsPerCall) {
  // Every Web API call takes 3 s; Slack wants its answer within 3 s, and the answer
  // must not wait for any of them.
  fake_.set_default("/chat.postMessage",
                    FakeAnswer{200, {}, R"({"ok":true,"ts":"1.2"})", std::chrono::seconds(3)});
  bot();
  const auto started = std::chrono::steady_clock::now();
  send_opening();
  const auto acknowledged = std::chrono::steady_clock::now();
  // The answer came before any reply could have been delivered (generous under ASan on
  // two busy cores; an unloaded Release build answers in a few milliseconds).
  EXPECT_LT(acknowledged - started, 1500ms);
  ASSERT_TRUE(fake_.wait_for_requests(2));  // auth.test at start, then the first post
  EXPECT_TRUE(bot().query("SELECT COUNT(*) FROM outbox WHERE status = 'delivered'") == 0)
      << "the answer did not wait for the Web API";
  // A second person's event is answered at once too, while the first call is in flight.
  const auto second_started = std::chrono::steady_clock::now();
  json other = dm_event("Ev0OPEN2", "both my feet are numb");
  other["event"]["user"] = "U0OTHER01";
  other["event"]["channel"] = "D0OTHER01";
  EXPECT_EQ(bot().post_event(other).status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - second_started, 1500ms);
  EXPECT_TRUE(telegram_bot::wait_until_settled(bot().db(), telegram_bot::Settled::delivered,
                                               std::chrono::seconds(30)));
}

TEST_F(SlackDelivery, Http429IsRetriedAfterRetryAfterExactlyOnce) {
  fake_.enqueue(FakeAnswer{429, {{"Retry-After", "1"}}, ""}, "/chat.postMessage");
  send_opening();
  ASSERT_TRUE(telegram_bot::wait_until_settled(bot().db()));
  const auto calls = fake_.requests_to("/chat.postMessage");
  ASSERT_GE(calls.size(), 2u);
  EXPECT_EQ(calls[1].body, calls[0].body);  // the same message, resent
  EXPECT_GE(gap(calls[0], calls[1]), 1000ms) << "never earlier than Retry-After";
  EXPECT_EQ(calls.size(),
            static_cast<std::size_t>(bot().query(telegram_bot::outbox_messages_sql())) + 1);
}

TEST_F(SlackDelivery, OkFalseRatelimitedIsRetriedAfterRetryAfter) {
  fake_.enqueue(ok_false("ratelimited", {{"Retry-After", "1"}}), "/chat.postMessage");
  send_opening();
  ASSERT_TRUE(telegram_bot::wait_until_settled(bot().db()));
  const auto calls = fake_.requests_to("/chat.postMessage");
  ASSERT_GE(calls.size(), 2u);
  EXPECT_EQ(calls[1].body, calls[0].body);
  EXPECT_GE(gap(calls[0], calls[1]), 1000ms);
  EXPECT_EQ(calls.size(),
            static_cast<std::size_t>(bot().query(telegram_bot::outbox_messages_sql())) + 1);
}

TEST_F(SlackDelivery, RatelimitedConversationsOpenIsWaitedOutThenThePostGoesOnce) {
  fake_.enqueue(FakeAnswer{429, {{"Retry-After", "1"}}, ""}, "/conversations.open");
  const auto answer = bot().post_event(mention_event("Ev0MENTION", "my calf is numb"));
  ASSERT_EQ(answer.status, 200);
  ASSERT_TRUE(telegram_bot::wait_until_settled(bot().db()));
  const auto opens = fake_.requests_to("/conversations.open");
  ASSERT_EQ(opens.size(), 2u);
  EXPECT_GE(gap(opens[0], opens[1]), 1000ms);
  // Each DM reply was posted once, into the opened DM.
  const auto rows =
      bot().query(telegram_bot::outbox_messages_sql("WHERE target LIKE '%\"user\"%'"));
  EXPECT_EQ(static_cast<std::size_t>(rows), dm_posts(fake_).size());
}

TEST_F(SlackDelivery, OtherErrorsAreDeadWithSlacksReasonAndNotRetried) {
  fake_.set_default("/chat.postMessage", ok_false("channel_not_found"));
  send_opening();
  ASSERT_TRUE(telegram_bot::wait_until_settled(bot().db(), telegram_bot::Settled::finally));
  const auto rows = bot().outbox();
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) {
    EXPECT_EQ(row.status, "dead");
    EXPECT_EQ(row.last_error, "channel_not_found");
    EXPECT_EQ(row.attempts, 1);
  }
  EXPECT_EQ(fake_.requests_to("/chat.postMessage").size(), rows.size());
}

TEST_F(SlackDelivery, ARevokedTokenIsDeadAndToldToTheOperator) {
  fake_.set_default("/chat.postMessage", ok_false("invalid_auth"));
  send_opening();
  ASSERT_TRUE(telegram_bot::wait_until_settled(bot().db(), telegram_bot::Settled::finally));
  EXPECT_EQ(bot().outbox().front().last_error, "invalid_auth");
  EXPECT_TRUE(bot().process().wait_for_stderr("slack.credentials_refused"));
  EXPECT_EQ(bot().process().stderr_text().find(std::string(kToken)), std::string::npos);
}

TEST_F(SlackDelivery, ServerErrorsAreRetriedUntilDelivered) {
  for (int i = 0; i < 2; ++i)
    fake_.enqueue(FakeAnswer{503, {}, "unavailable"}, "/chat.postMessage");
  send_opening();
  ASSERT_TRUE(telegram_bot::wait_until_settled(bot().db()));
  const auto calls = fake_.requests_to("/chat.postMessage");
  EXPECT_EQ(calls.size(),
            static_cast<std::size_t>(bot().query(telegram_bot::outbox_messages_sql())) + 2);
}

}  // namespace
}  // namespace slack_delivery_test
}  // namespace triagebot::testing::slack_bot
