// `triagebot telegram set-webhook | delete-webhook | info` against the fake Bot API,
// set-webhook with the command menu it registers.
#include "bot/channels/telegram/commands.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/fake_api_server.h"

namespace triagebot::bot {
namespace telegram_commands_test {
namespace {

using nlohmann::json;
using testing::FakeAnswer;
using testing::FakeApiServer;

constexpr const char* kToken = "123456:ABC-secret-token";

struct CommandRun {
  int code = -1;
  std::string out;
  std::string err;
};

Config config_for(const FakeApiServer& fake) {
  Config config;
  config.telegram_token = kToken;
  config.telegram_secret = "s3cret-Token_1";
  config.telegram_api = fake.base_url();
  return config;
}

CommandRun run(const Config& config, std::vector<std::string> args) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  CommandRun result;
  result.code = run_telegram_command(config, args, CommandIo{in, out, err});
  result.out = out.str();
  result.err = err.str();
  // The token is a full credential: no output may show it.
  EXPECT_EQ(result.out.find("ABC-secret-token"), std::string::npos);
  EXPECT_EQ(result.err.find("ABC-secret-token"), std::string::npos);
  return result;
}

TEST(TelegramCommands, SetWebhookSendsSecretAndAllowedUpdates) {
  FakeApiServer fake;
  CommandRun result =
      run(config_for(fake), {"set-webhook", "--url", "https://bot.example.org/webhooks/telegram"});
  EXPECT_EQ(result.code, 0) << result.err;
  auto requests = fake.requests_to("/setWebhook");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, std::string("/bot") + kToken + "/setWebhook");
  EXPECT_EQ(requests[0].json(), json::parse(R"({
    "url": "https://bot.example.org/webhooks/telegram",
    "secret_token": "s3cret-Token_1",
    "allowed_updates": ["message", "callback_query", "my_chat_member"]})"));
  EXPECT_EQ(fake.webhook_url(), "https://bot.example.org/webhooks/telegram");
  EXPECT_NE(result.out.find("webhook set: https://bot.example.org/webhooks/telegram"),
            std::string::npos);
}

TEST(TelegramCommands, SetWebhookRegistersTheCommandMenuOnceAfterTheWebhook) {
  FakeApiServer fake;
  CommandRun result =
      run(config_for(fake), {"set-webhook", "--url", "https://bot.example.org/webhooks/telegram"});
  EXPECT_EQ(result.code, 0) << result.err;
  auto registered = fake.requests_to("/setMyCommands");
  ASSERT_EQ(registered.size(), 1u);
  EXPECT_EQ(registered[0].path, std::string("/bot") + kToken + "/setMyCommands");
  EXPECT_EQ(registered[0].json(), json::parse(R"({
    "commands": [
      {"command": "start", "description": "Start the interview about a numb leg or foot"},
      {"command": "restart", "description": "Start again from the first question"},
      {"command": "help", "description": "What I do and how to answer"},
      {"command": "forget", "description": "Delete everything you have told me"}],
    "scope": {"type": "all_private_chats"}})"));
  // After the webhook, which is what the command is for.
  EXPECT_LT(fake.requests_to("/setWebhook").at(0).at, registered[0].at);
  EXPECT_NE(result.out.find("commands registered: /start /restart /help /forget\n"),
            std::string::npos)
      << result.out;
}

TEST(TelegramCommands, CommandsRefusedAfterTheWebhookIsExitOneSayingWhatToDo) {
  FakeApiServer fake;
  fake.enqueue(FakeAnswer::telegram_error(400, "Bad Request: BOT_COMMAND_INVALID"),
               "/setMyCommands");
  CommandRun result = run(config_for(fake), {"set-webhook", "--url", "https://bot.example.org/tg"});
  EXPECT_EQ(result.code, 1);
  EXPECT_EQ(fake.webhook_url(), "https://bot.example.org/tg");
  EXPECT_NE(result.err.find("BOT_COMMAND_INVALID"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("run set-webhook again"), std::string::npos) << result.err;
}

TEST(TelegramCommands, RefusedWebhookRegistersNoCommands) {
  FakeApiServer fake;
  fake.enqueue(FakeAnswer::telegram_error(400, "Bad Request: bad webhook"), "/setWebhook");
  EXPECT_EQ(run(config_for(fake), {"set-webhook", "--url", "https://bot.example.org/tg"}).code, 1);
  EXPECT_TRUE(fake.requests_to("/setMyCommands").empty());
}

TEST(TelegramCommands, SetWebhookAcceptsUrlEqualsForm) {
  FakeApiServer fake;
  EXPECT_EQ(run(config_for(fake), {"set-webhook", "--url=https://bot.example.org:8443/tg"}).code,
            0);
  EXPECT_EQ(fake.webhook_url(), "https://bot.example.org:8443/tg");
}

TEST(TelegramCommands, SetWebhookRefusesUrlsTelegramWouldRefuse) {
  FakeApiServer fake;
  for (const char* url : {"http://bot.example.org/webhooks/telegram",
                          "https://bot.example.org:8080/x", "bot.example.org"}) {
    CommandRun result = run(config_for(fake), {"set-webhook", "--url", url});
    EXPECT_EQ(result.code, 2) << url;
    EXPECT_NE(result.err.find("--url"), std::string::npos) << url;
  }
  EXPECT_TRUE(fake.requests().empty());
}

TEST(TelegramCommands, SetWebhookNeedsAUrl) {
  FakeApiServer fake;
  EXPECT_EQ(run(config_for(fake), {"set-webhook"}).code, 2);
  EXPECT_EQ(run(config_for(fake), {"set-webhook", "--uri", "https://x.org"}).code, 2);
  EXPECT_TRUE(fake.requests().empty());
}

TEST(TelegramCommands, SetWebhookRefusesAMissingOrMalformedSecret) {
  FakeApiServer fake;
  Config config = config_for(fake);
  config.telegram_secret.reset();
  CommandRun missing = run(config, {"set-webhook", "--url", "https://bot.example.org/tg"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("TRIAGEBOT_TELEGRAM_SECRET"), std::string::npos);
  config.telegram_secret = "123456:not-allowed";  // the token's ':' is refused by Telegram
  EXPECT_EQ(run(config, {"set-webhook", "--url", "https://bot.example.org/tg"}).code, 2);
  EXPECT_TRUE(fake.requests().empty());
}

TEST(TelegramCommands, InfoPrintsWebhookFieldsInReadableLines) {
  FakeApiServer fake;
  ASSERT_EQ(run(config_for(fake), {"set-webhook", "--url", "https://bot.example.org/tg"}).code, 0);
  fake.add_update(json{{"message", {{"text", "queued"}}}});
  CommandRun result = run(config_for(fake), {"info"});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_NE(result.out.find("url: https://bot.example.org/tg\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("pending_update_count: 1\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("allowed_updates: message, callback_query, my_chat_member\n"),
            std::string::npos)
      << result.out;
}

TEST(TelegramCommands, DeleteWebhookRemovesItAndKeepsPendingUpdates) {
  FakeApiServer fake;
  ASSERT_EQ(run(config_for(fake), {"set-webhook", "--url", "https://bot.example.org/tg"}).code, 0);
  CommandRun result = run(config_for(fake), {"delete-webhook"});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(fake.webhook_url(), "");
  auto requests = fake.requests_to("/deleteWebhook");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_FALSE(requests[0].json().contains("drop_pending_updates"));
}

TEST(TelegramCommands, RefusalByTelegramIsExitOneWithItsDescription) {
  FakeApiServer fake;
  fake.enqueue(FakeAnswer::telegram_error(401, "Unauthorized"));
  CommandRun result = run(config_for(fake), {"info"});
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.err.find("Unauthorized"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("TRIAGEBOT_TELEGRAM_TOKEN"), std::string::npos) << result.err;
}

TEST(TelegramCommands, UnreachableApiIsExitOne) {
  FakeApiServer fake;
  fake.go_down();
  CommandRun result = run(config_for(fake), {"delete-webhook"});
  EXPECT_EQ(result.code, 1);
  EXPECT_NE(result.err.find("cannot reach the Bot API"), std::string::npos) << result.err;
}

TEST(TelegramCommands, MissingTokenOrUnknownSubcommandIsExitTwo) {
  FakeApiServer fake;
  Config config = config_for(fake);
  EXPECT_EQ(run(config, {}).code, 2);
  EXPECT_EQ(run(config, {"set-webhok"}).code, 2);
  config.telegram_token.reset();
  CommandRun result = run(config, {"info"});
  EXPECT_EQ(result.code, 2);
  EXPECT_NE(result.err.find("TRIAGEBOT_TELEGRAM_TOKEN"), std::string::npos);
  EXPECT_TRUE(fake.requests().empty());
}

TEST(TelegramCommands, WebhookUrlProblems) {
  EXPECT_EQ(webhook_url_problem("https://bot.example.org/webhooks/telegram"), "");
  EXPECT_EQ(webhook_url_problem("https://bot.example.org:88/x"), "");
  EXPECT_NE(webhook_url_problem("http://bot.example.org/x"), "");
  EXPECT_NE(webhook_url_problem("https://bot.example.org:9000/x"), "");
  EXPECT_NE(webhook_url_problem("https:///x"), "");
}

}  // namespace
}  // namespace telegram_commands_test
}  // namespace triagebot::bot
