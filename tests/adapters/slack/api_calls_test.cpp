#include "adapters/slack/api_calls.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/adapters/slack/fixture.h"

namespace triagebot::adapters::slack {
namespace api_calls_test {
namespace {

using nlohmann::json;
using testing::slack_fixture;

constexpr std::string_view kAuthTestOk = R"({
  "ok": true, "url": "https://northside-clinic.slack.com/", "team": "Northside Clinic",
  "user": "triagebot", "team_id": "T04QZ7R9B2L", "user_id": "U07BOT4TRI",
  "bot_id": "B07TRIBOT1", "is_enterprise_install": false})";

Headers scopes(std::string list) {
  Headers headers;
  headers.set("X-OAuth-Scopes", std::move(list));
  return headers;
}

TEST(SlackAuthTest, CallUsesTheBotToken) {
  OutboundCall call = render_auth_test("xoxb-1");
  EXPECT_EQ(call.path, "/auth.test");
  EXPECT_EQ(call.log_name, "slack.auth.test");
  EXPECT_EQ(call.headers.get("Authorization"), "Bearer xoxb-1");
  EXPECT_EQ(call.body, "{}");
}

TEST(SlackAuthTest, ReadsTheWorkspaceAndBotUser) {
  auto info = read_auth_test(200, kAuthTestOk,
                             scopes("chat:write,im:history,im:write,app_mentions:read,commands,"
                                    "users:read"));
  ASSERT_TRUE(info.has_value()) << info.error().message;
  EXPECT_EQ(info->team, "Northside Clinic");
  EXPECT_EQ(info->team_id, "T04QZ7R9B2L");
  EXPECT_EQ(info->bot_user_id, "U07BOT4TRI");
  EXPECT_EQ(info->bot_id, "B07TRIBOT1");
  EXPECT_EQ(info->url, "https://northside-clinic.slack.com/");
  EXPECT_TRUE(info->scopes_known);
  EXPECT_EQ(info->granted_scopes.size(), 6u);
  EXPECT_TRUE(info->missing_scopes.empty());
}

TEST(SlackAuthTest, NamesTheMissingScopesInOrder) {
  auto info = read_auth_test(200, kAuthTestOk, scopes("chat:write, im:write"));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->missing_scopes,
            (std::vector<std::string>{"im:history", "app_mentions:read", "commands"}));
}

TEST(SlackAuthTest, WithoutTheScopesHeaderNothingIsClaimed) {
  auto info = read_auth_test(200, kAuthTestOk, {});
  ASSERT_TRUE(info.has_value());
  EXPECT_FALSE(info->scopes_known);
  EXPECT_TRUE(info->missing_scopes.empty());
}

TEST(SlackAuthTest, ErrorsSayWhatIsWrong) {
  auto refused = read_auth_test(200, R"({"ok": false, "error": "invalid_auth"})", {});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(refused.error().message, "Slack refused the token: invalid_auth");
  auto other = read_auth_test(200, R"({"ok": false, "error": "team_is_restricted"})", {});
  EXPECT_EQ(other.error().code, ErrorCode::api_error);
  EXPECT_EQ(other.error().message, "auth.test failed: team_is_restricted");
  EXPECT_EQ(read_auth_test(502, "<html>", {}).error().code, ErrorCode::bad_response);
  EXPECT_EQ(read_auth_test(200, R"({"ok": true})", {}).error().code, ErrorCode::bad_response);
}

TEST(SlackRequiredScopes, AreTheFiveTheInterviewAndTheSlashCommandNeed) {
  EXPECT_EQ(required_scopes(), (std::vector<std::string>{"chat:write", "im:history", "im:write",
                                                         "app_mentions:read", "commands"}));
}

TEST(SlackConnectionsOpen, CallUsesTheAppToken) {
  OutboundCall call = render_connections_open("xapp-1-A0TRIAGE01-123");
  EXPECT_EQ(call.path, "/apps.connections.open");
  EXPECT_EQ(call.log_name, "slack.apps.connections.open");
  EXPECT_EQ(call.headers.get("Authorization"), "Bearer xapp-1-A0TRIAGE01-123");
}

TEST(SlackConnectionsOpen, ReadsTheSocketUrl) {
  auto url = read_connection_url(200, slack_fixture("slack_apps_connections_open_ok.json"));
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(*url,
            "wss://wss-primary.slack.com/link/?ticket=0c1f2e3d-4a5b-6c7d-8e9f-a0b1c2d3e4f5&app_id="
            "A0TRIAGE01");
  EXPECT_EQ(read_connection_url(200, R"({"ok": true, "url": "https://x"})").error().code,
            ErrorCode::bad_response);
  EXPECT_EQ(read_connection_url(200, R"({"ok": false, "error": "invalid_auth"})").error().code,
            ErrorCode::unauthorized);
  EXPECT_EQ(
      read_connection_url(200, R"({"ok": false, "error": "not_allowed_token_type"})").error().code,
      ErrorCode::unauthorized);
}

}  // namespace
}  // namespace api_calls_test
}  // namespace triagebot::adapters::slack
