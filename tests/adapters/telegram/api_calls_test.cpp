#include "adapters/telegram/api_calls.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/telegram/inbound.h"
#include "tests/adapters/telegram/fixture.h"

namespace triagebot::adapters::telegram {
namespace api_calls_test {
namespace {

using nlohmann::json;
using testing::telegram_fixture;

constexpr std::string_view kToken = "123456:ABC-def";

TEST(TelegramGetUpdates, RendersOffsetTimeoutAndAllowedUpdates) {
  OutboundCall call = render_get_updates(kToken, 804211538, std::chrono::seconds(30));
  EXPECT_EQ(call.path, "/bot123456:ABC-def/getUpdates");
  EXPECT_EQ(call.log_name, "telegram.getUpdates");
  EXPECT_EQ(json::parse(call.body), json::parse(R"({"offset":804211538,"timeout":30,
                            "allowed_updates":["message","callback_query","my_chat_member"]})"));
}

TEST(TelegramGetUpdates, SplitsUpdatesIntoIdsAndParsableBodies) {
  json answer{{"ok", true},
              {"result",
               {json::parse(telegram_fixture("telegram_message.json")),
                json::parse(telegram_fixture("telegram_callback_query.json"))}}};
  auto updates = split_updates(answer.dump());
  ASSERT_TRUE(updates.has_value());
  ASSERT_EQ(updates->size(), 2u);
  EXPECT_EQ((*updates)[0].first, 804211537);
  EXPECT_EQ((*updates)[1].first, 804211541);
  auto parsed = parse_body((*updates)[1].second,
                           ParseOptions{.bot_username = "leg_triage_demo_bot", .now = {}});
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->events.size(), 1u);
  EXPECT_EQ(parsed->events[0].input.choice_id, "yes");
}

TEST(TelegramGetUpdates, EmptyResultIsNoUpdates) {
  auto updates = split_updates(R"({"ok":true,"result":[]})");
  ASSERT_TRUE(updates.has_value());
  EXPECT_TRUE(updates->empty());
}

TEST(TelegramGetUpdates, WebhookConflictSaysHowToFixIt) {
  const std::string body =
      R"({"ok":false,"error_code":409,"description":"Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})";
  auto updates = split_updates(body);
  ASSERT_FALSE(updates.has_value());
  EXPECT_EQ(updates.error().code, ErrorCode::conflict);
  EXPECT_NE(updates.error().message.find("delete-webhook"), std::string::npos);
  EXPECT_TRUE(is_conflict(409, body));
}

TEST(TelegramGetUpdates, SecondPollerConflictSaysOneInstance) {
  auto updates = split_updates(
      R"({"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"})");
  ASSERT_FALSE(updates.has_value());
  EXPECT_EQ(updates.error().code, ErrorCode::conflict);
  EXPECT_NE(updates.error().message.find("only one bot instance"), std::string::npos);
}

TEST(TelegramGetUpdates, OtherFailuresAreNamed) {
  EXPECT_EQ(
      split_updates(R"({"ok":false,"error_code":401,"description":"Unauthorized"})").error().code,
      ErrorCode::unauthorized);
  EXPECT_EQ(split_updates(R"({"ok":false,"error_code":502})").error().code, ErrorCode::api_error);
  EXPECT_EQ(split_updates("<html>").error().code, ErrorCode::bad_response);
  EXPECT_EQ(split_updates(R"({"ok":true,"result":[{"message":{}}]})").error().code,
            ErrorCode::bad_response);
  EXPECT_EQ(split_updates(R"({"ok":true,"result":{}})").error().code, ErrorCode::bad_response);
  EXPECT_FALSE(is_conflict(200, R"({"ok":true,"result":[]})"));
}

TEST(TelegramWebhook, SetWebhookSendsSecretAndAllowedUpdatesNeverDropsPending) {
  OutboundCall call =
      render_set_webhook(kToken, WebhookSettings{.url = "https://bot.example.org/webhooks/telegram",
                                                 .secret_token = "s3cret-Token_1",
                                                 .max_connections = std::nullopt});
  EXPECT_EQ(call.path, "/bot123456:ABC-def/setWebhook");
  EXPECT_EQ(call.log_name, "telegram.setWebhook");
  EXPECT_EQ(json::parse(call.body), json::parse(R"({
    "url": "https://bot.example.org/webhooks/telegram",
    "secret_token": "s3cret-Token_1",
    "allowed_updates": ["message", "callback_query", "my_chat_member"]})"));
}

TEST(TelegramWebhook, DeleteWebhookKeepsPendingUpdates) {
  OutboundCall call = render_delete_webhook(kToken);
  EXPECT_EQ(call.path, "/bot123456:ABC-def/deleteWebhook");
  EXPECT_FALSE(json::parse(call.body).contains("drop_pending_updates"));
  EXPECT_EQ(render_get_webhook_info(kToken).path, "/bot123456:ABC-def/getWebhookInfo");
}

TEST(TelegramWebhook, DescribesWebhookInfoInReadableLines) {
  auto lines = describe_webhook_info(R"({"ok":true,"result":{
      "url":"https://bot.example.org/webhooks/telegram","has_custom_certificate":false,
      "pending_update_count":3,"last_error_date":1732540211,
      "last_error_message":"Wrong response from the webhook: 401 Unauthorized",
      "max_connections":40,"allowed_updates":["message","callback_query"]}})");
  ASSERT_TRUE(lines.has_value());
  EXPECT_EQ(*lines, (std::vector<std::string>{
                        "url: https://bot.example.org/webhooks/telegram",
                        "pending_update_count: 3",
                        "max_connections: 40",
                        "has_custom_certificate: false",
                        "allowed_updates: message, callback_query",
                        "last_error_date: 2024-11-25T13:10:11Z",
                        "last_error_message: Wrong response from the webhook: 401 Unauthorized",
                    }));
}

TEST(TelegramWebhook, NoWebhookIsSaidPlainly) {
  auto lines = describe_webhook_info(R"({"ok":true,"result":{"url":"","pending_update_count":0}})");
  ASSERT_TRUE(lines.has_value());
  EXPECT_EQ((*lines)[0], "url: (none: no webhook set)");
}

TEST(TelegramCommands, SetMyCommandsListsTheFourCommandsForPrivateChats) {
  OutboundCall call = render_set_my_commands(kToken);
  EXPECT_EQ(call.path, "/bot123456:ABC-def/setMyCommands");
  EXPECT_EQ(call.log_name, "telegram.setMyCommands");
  const json body = json::parse(call.body);
  EXPECT_EQ(body["scope"], json({{"type", "all_private_chats"}}));
  std::vector<std::string> names;
  for (const auto& command : body["commands"]) {
    names.push_back(command["command"]);
    // Telegram's limits: a description of 1-256 characters (here one short line).
    const std::string description = command["description"];
    EXPECT_FALSE(description.empty());
    EXPECT_LE(description.size(), 64u) << description;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"start", "restart", "help", "forget"}));
}

TEST(TelegramGetMe, ReadsTheBotsUsername) {
  EXPECT_EQ(render_get_me(kToken).path, "/bot123456:ABC-def/getMe");
  auto name = read_bot_username(
      R"({"ok":true,"result":{"id":7356620194,"is_bot":true,"first_name":"Leg Numbness Triage","username":"leg_triage_demo_bot"}})");
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(*name, "leg_triage_demo_bot");
  EXPECT_EQ(read_bot_username(R"({"ok":true,"result":{"id":1}})").error().code,
            ErrorCode::bad_response);
  EXPECT_EQ(read_bot_username(R"({"ok":false,"error_code":401,"description":"Unauthorized"})")
                .error()
                .code,
            ErrorCode::unauthorized);
}

}  // namespace
}  // namespace api_calls_test
}  // namespace triagebot::adapters::telegram
