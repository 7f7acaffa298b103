#include "adapters/slack/outbound.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/adapters/slack/fixture.h"

namespace triagebot::adapters::slack {
namespace outbound_test {
namespace {

using nlohmann::json;
using testing::slack_fixture;
using Kind = DeliveryOutcome::Kind;

constexpr std::string_view kToken = "xoxb-1234-5678-abcdef";
const json kDirect{{"channel", "D07QK1M2R3S"}};

dialogs::Reply question() {
  return dialogs::Reply{"Does the numbness run down the back of your leg, below the knee?",
                        {{"yes", "Yes"}, {"no", "No"}, {"unsure", "Not sure"}},
                        std::nullopt};
}

Headers retry_after(std::string seconds) {
  Headers headers;
  headers.set("Retry-After", std::move(seconds));
  return headers;
}

DeliveryOutcome classified(int status, std::string body, const Headers& headers = {}) {
  return classify(status, body, headers);
}

std::string error_body(std::string_view error) {
  return json{{"ok", false}, {"error", std::string(error)}}.dump();
}

TEST(SlackRender, QuestionIsOnePostMessageWithButtons) {
  auto calls = render_reply(question(), kDirect, kToken);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].method, "POST");
  EXPECT_EQ(calls[0].path, "/chat.postMessage");
  EXPECT_EQ(calls[0].log_name, "slack.chat.postMessage");
  EXPECT_EQ(calls[0].headers.get("Authorization"), "Bearer xoxb-1234-5678-abcdef");
  EXPECT_EQ(calls[0].headers.get("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(json::parse(calls[0].body), json::parse(R"({
    "channel": "D07QK1M2R3S",
    "text": "Does the numbness run down the back of your leg, below the knee?",
    "unfurl_links": false,
    "unfurl_media": false,
    "blocks": [
      {"type": "section", "text": {"type": "mrkdwn",
        "text": "Does the numbness run down the back of your leg, below the knee?"}},
      {"type": "actions", "elements": [
        {"type": "button", "action_id": "choice_0", "value": "yes",
         "text": {"type": "plain_text", "text": "Yes", "emoji": true}},
        {"type": "button", "action_id": "choice_1", "value": "no",
         "text": {"type": "plain_text", "text": "No", "emoji": true}},
        {"type": "button", "action_id": "choice_2", "value": "unsure",
         "text": {"type": "plain_text", "text": "Not sure", "emoji": true}}]}]})"));
}

TEST(SlackRender, TheTokenIsNeverInThePathOrBody) {
  for (const auto& call : render_reply(question(), kDirect, kToken)) {
    EXPECT_EQ(call.path.find("xoxb"), std::string::npos);
    EXPECT_EQ(call.body.find("xoxb"), std::string::npos);
  }
}

TEST(SlackRender, SplitRepliesAreSeveralCallsInOrder) {
  std::vector<dialogs::Choice> choices;
  for (int i = 0; i < 1300; ++i) choices.push_back({"c" + std::to_string(i), "C"});
  auto calls = render_reply(dialogs::Reply{"Pick", choices, std::nullopt}, kDirect, kToken);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(json::parse(calls[0].body)["text"], "Pick");
  EXPECT_EQ(json::parse(calls[1].body)["channel"], "D07QK1M2R3S");
  EXPECT_EQ(json::parse(calls[1].body)["blocks"].size(), 3u);
}

TEST(SlackRender, NoChannelMeansNoCallUntilTheDirectMessageIsOpen) {
  EXPECT_TRUE(render_reply(question(), json{{"user", "U05MAR1AJ7K"}}, kToken).empty());
  EXPECT_TRUE(render_reply(question(), json::object(), kToken).empty());
  EXPECT_TRUE(render_reply(question(), json{{"channel", 42}}, kToken).empty());
}

TEST(SlackRender, RenderingIsRepeatable) {
  EXPECT_EQ(render_reply(question(), kDirect, kToken)[0].body,
            render_reply(question(), kDirect, kToken)[0].body);
}

TEST(SlackRender, PressedQuestionIsUpdatedWithoutButtons) {
  PressedMessage pressed{"D07QK1M2R3S", "1732540122.004100",
                         "Does the numbness run down the back of your leg, below the knee?", "Yes",
                         "https://hooks.slack.com/actions/T/1/x"};
  OutboundCall call = render_update_pressed(pressed, kToken);
  EXPECT_EQ(call.path, "/chat.update");
  EXPECT_EQ(call.log_name, "slack.chat.update");
  EXPECT_EQ(json::parse(call.body), json::parse(R"({
    "channel": "D07QK1M2R3S",
    "ts": "1732540122.004100",
    "text": "Does the numbness run down the back of your leg, below the knee?\n\n:white_check_mark: You answered: *Yes*",
    "blocks": [
      {"type": "section", "text": {"type": "mrkdwn",
        "text": "Does the numbness run down the back of your leg, below the knee?"}},
      {"type": "context", "elements": [{"type": "mrkdwn", "text": ":white_check_mark: You answered: *Yes*"}]}]})"));
}

TEST(SlackRender, ThreadPointerSaysNothingClinical) {
  OutboundCall call = render_thread_pointer(
      ThreadPointer{"C06CLINIC42", "1732540555.001900", "U05MAR1AJ7K"}, kToken);
  EXPECT_EQ(call.path, "/chat.postMessage");
  EXPECT_EQ(json::parse(call.body),
            json({{"channel", "C06CLINIC42"},
                  {"thread_ts", "1732540555.001900"},
                  {"text",
                   "Hi <@U05MAR1AJ7K>! Health questions are private, so I only talk about them "
                   "one to one. I've sent you a direct message: let's continue there."}}));
}

TEST(SlackRender, ThreadPointerWithoutThreadOrUser) {
  OutboundCall call = render_thread_pointer(ThreadPointer{"C06CLINIC42", "", ""}, kToken);
  json body = json::parse(call.body);
  EXPECT_FALSE(body.contains("thread_ts"));
  EXPECT_TRUE(body["text"].get<std::string>().starts_with("Hi! Health questions"));
}

TEST(SlackRender, OpeningADirectMessage) {
  OutboundCall call = render_open_dm("U05MAR1AJ7K", kToken);
  EXPECT_EQ(call.path, "/conversations.open");
  EXPECT_EQ(call.log_name, "slack.conversations.open");
  EXPECT_EQ(call.headers.get("Authorization"), "Bearer xoxb-1234-5678-abcdef");
  EXPECT_EQ(json::parse(call.body), json({{"users", "U05MAR1AJ7K"}}));
}

TEST(SlackRender, ReadsTheOpenedChannel) {
  auto channel = read_opened_channel(
      200,
      R"({"ok": true, "no_op": true, "already_open": true, "channel": {"id": "D07QK1M2R3S"}})");
  ASSERT_TRUE(channel.has_value());
  EXPECT_EQ(*channel, "D07QK1M2R3S");
  auto refused = read_opened_channel(200, error_body("user_not_found"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::api_error);
  EXPECT_EQ(refused.error().message, "conversations.open failed: user_not_found");
  EXPECT_EQ(read_opened_channel(200, R"({"ok": true, "channel": {}})").error().code,
            ErrorCode::bad_response);
  EXPECT_EQ(read_opened_channel(200, error_body("invalid_auth")).error().code,
            ErrorCode::unauthorized);
  EXPECT_EQ(read_opened_channel(502, "<html>").error().code, ErrorCode::bad_response);
}

TEST(SlackClassify, SuccessIsDelivered) {
  EXPECT_EQ(classified(200, slack_fixture("slack_post_message_ok.json")).kind, Kind::delivered);
  EXPECT_EQ(classified(200, R"({"ok": true, "warning": "missing_charset"})").kind, Kind::delivered);
}

TEST(SlackClassify, Http429WaitsRetryAfter) {
  auto outcome = classified(429, slack_fixture("slack_ratelimited.json"), retry_after("1"));
  EXPECT_EQ(outcome.kind, Kind::retry_after);
  EXPECT_EQ(outcome.retry_after, std::chrono::seconds(1));
  EXPECT_EQ(outcome.reason, "ratelimited");
  EXPECT_EQ(classified(429, "", retry_after("30")).retry_after, std::chrono::seconds(30));
}

TEST(SlackClassify, RatelimitedWithoutHeaderWaitsTheDefault) {
  auto outcome = classified(200, slack_fixture("slack_ratelimited.json"));
  EXPECT_EQ(outcome.kind, Kind::retry_after);
  EXPECT_EQ(outcome.retry_after, kDefaultRetryAfter);
  EXPECT_EQ(classified(429, "", retry_after("soon")).retry_after, kDefaultRetryAfter);
  EXPECT_EQ(classified(429, "", retry_after("0")).retry_after, std::chrono::seconds(1));
  EXPECT_EQ(classified(200, error_body("ratelimited"), retry_after("7")).retry_after,
            std::chrono::seconds(7));
}

TEST(SlackClassify, ServerTroubleBacksOff) {
  for (int status : {500, 502, 503, 504}) {
    auto outcome = classified(status, "<html>bad gateway</html>");
    EXPECT_EQ(outcome.kind, Kind::back_off) << status;
    EXPECT_EQ(outcome.reason, "http " + std::to_string(status));
  }
  EXPECT_EQ(classified(503, error_body("service_unavailable")).kind, Kind::back_off);
  EXPECT_EQ(classified(408, "").kind, Kind::back_off);
  auto unreadable = classified(200, "<html>");
  EXPECT_EQ(unreadable.kind, Kind::back_off);
  EXPECT_EQ(unreadable.reason, "unreadable answer");
}

TEST(SlackClassify, TransientSlackErrorsBackOff) {
  for (std::string error :
       {"internal_error", "fatal_error", "service_unavailable", "request_timeout"}) {
    auto outcome = classified(200, error_body(error));
    EXPECT_EQ(outcome.kind, Kind::back_off) << error;
    EXPECT_EQ(outcome.reason, error);
  }
}

TEST(SlackClassify, PermanentSlackErrorsAreDeadWithTheReason) {
  for (std::string error :
       {"channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "no_text",
        "invalid_blocks", "too_many_attachments", "account_inactive", "invalid_auth",
        "token_revoked", "not_authed", "missing_scope", "some_future_error"}) {
    auto outcome = classified(200, error_body(error));
    EXPECT_EQ(outcome.kind, Kind::dead) << error;
    EXPECT_EQ(outcome.reason, error);
  }
  EXPECT_EQ(classified(200, R"({"ok": false})").reason, "unknown_error");
  auto gone = classified(404, "Not Found");
  EXPECT_EQ(gone.kind, Kind::dead);
  EXPECT_EQ(gone.reason, "http 404");
}

TEST(SlackClassify, CredentialErrorsNeedTheOperator) {
  for (std::string error : {"not_authed", "invalid_auth", "token_revoked", "token_expired",
                            "account_inactive", "missing_scope"}) {
    EXPECT_TRUE(needs_operator(error)) << error;
  }
  for (std::string error : {"channel_not_found", "not_in_channel", "is_archived", "msg_too_long"}) {
    EXPECT_FALSE(needs_operator(error)) << error;
  }
}

}  // namespace
}  // namespace outbound_test
}  // namespace triagebot::adapters::slack
