// `triagebot slack check` and the Slack settings at start, against a fake Web API: what
// works is said, what is missing is named (a refused token, missing scopes, no app
// token for Socket Mode), and a half-configured app is refused with exit code 2.
#include <gtest/gtest.h>

#include "tests/bot/slack_harness.h"

namespace triagebot::testing::slack_bot {
namespace slack_command_test {
namespace {

using nlohmann::json;

struct Ran {
  int code = -1;
  std::string out;
  std::string err;
};

Ran run(const std::vector<std::string>& args, EnvVars env) {
  ServerProcess process({.args = args, .env = std::move(env)});
  Ran ran;
  ran.code = process.wait_for_exit().value_or(-1);
  process.wait_for_output_end();
  ran.out = process.stdout_text();
  ran.err = process.stderr_text();
  return ran;
}

class SlackCheck : public ::testing::Test {
 protected:
  EnvVars env(bool signing_secret = true) const {
    EnvVars vars = {{"TRIAGEBOT_SLACK_TOKEN", std::string(kToken)},
                    {"TRIAGEBOT_SLACK_API", fake_.base_url()}};
    if (signing_secret) vars.emplace_back("TRIAGEBOT_SLACK_SIGNING_SECRET", std::string(kSecret));
    return vars;
  }
  static FakeAnswer auth_ok(const std::string& scopes) {
    FakeAnswer answer{
        200,
        {},
        json{{"ok", true}, {"team", "Northside Clinic"}, {"team_id", kTeam}, {"user_id", kBotUser}}
            .dump()};
    if (!scopes.empty()) answer.headers.emplace_back("x-oauth-scopes", scopes);
    return answer;
  }
  FakeApiServer fake_;
};

TEST_F(SlackCheck, AWorkingTokenWithItsScopesIsReady) {
  fake_.set_default("/auth.test",
                    auth_ok("chat:write,im:history,im:write,app_mentions:read,commands"));
  const auto ran = run({"slack", "check"}, env());
  EXPECT_EQ(ran.code, 0) << ran.err;
  EXPECT_NE(ran.out.find("bot token: ok"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("scopes: ok"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("socket mode: off"), std::string::npos) << ran.out;
  EXPECT_EQ(ran.out.find(std::string(kToken)), std::string::npos);
  const auto calls = fake_.requests_to("/auth.test");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].headers.get("Authorization").value_or(""), "Bearer " + std::string(kToken));
}

TEST_F(SlackCheck, MissingScopesAreNamed) {
  fake_.set_default("/auth.test", auth_ok("chat:write,app_mentions:read"));
  const auto ran = run({"slack", "check"}, env());
  EXPECT_EQ(ran.code, 1);
  EXPECT_NE(ran.err.find("im:history, im:write"), std::string::npos) << ran.err;
}

TEST_F(SlackCheck, AMissingCommandsScopeIsNamedForTheSlashCommand) {
  fake_.set_default("/auth.test", auth_ok("chat:write,im:history,im:write,app_mentions:read"));
  const auto ran = run({"slack", "check"}, env());
  EXPECT_EQ(ran.code, 1);
  EXPECT_NE(ran.err.find("lacks the scopes commands"), std::string::npos) << ran.err;
}

TEST_F(SlackCheck, ARefusedTokenIsSaidPlainly) {
  fake_.set_default("/auth.test",
                    FakeAnswer{200, {}, json{{"ok", false}, {"error", "invalid_auth"}}.dump()});
  const auto ran = run({"slack", "check"}, env());
  EXPECT_EQ(ran.code, 1);
  EXPECT_NE(ran.err.find("Slack refused TRIAGEBOT_SLACK_TOKEN"), std::string::npos) << ran.err;
  EXPECT_EQ(ran.err.find(std::string(kToken)), std::string::npos);
}

TEST_F(SlackCheck, NoTokenIsAUsageError) {
  const auto ran = run({"slack", "check"}, {});
  EXPECT_EQ(ran.code, 2);
  EXPECT_NE(ran.err.find("TRIAGEBOT_SLACK_TOKEN is not set"), std::string::npos) << ran.err;
}

TEST_F(SlackCheck, SocketNeedsTheAppToken) {
  const auto ran = run({"slack", "socket"}, env());
  EXPECT_EQ(ran.code, 2);
  EXPECT_NE(ran.err.find("TRIAGEBOT_SLACK_APP_TOKEN"), std::string::npos) << ran.err;
}

TEST_F(SlackCheck, ServeRefusesATokenWithNoWayForEventsToArrive) {
  const auto ran = run({"serve"}, env(/*signing_secret=*/false));
  EXPECT_EQ(ran.code, 2);
  EXPECT_NE(ran.err.find("TRIAGEBOT_SLACK_SIGNING_SECRET"), std::string::npos) << ran.err;
}

TEST_F(SlackCheck, AnAppTokenInTheBotTokensPlaceIsRefused) {
  const auto ran = run({"serve"}, {{"TRIAGEBOT_SLACK_TOKEN", "xapp-1-A07-123-abc"}});
  EXPECT_EQ(ran.code, 2);
  EXPECT_NE(ran.err.find("TRIAGEBOT_SLACK_APP_TOKEN"), std::string::npos) << ran.err;
  EXPECT_EQ(ran.err.find("xapp-1-A07-123-abc"), std::string::npos);
}

}  // namespace
}  // namespace slack_command_test
}  // namespace triagebot::testing::slack_bot
