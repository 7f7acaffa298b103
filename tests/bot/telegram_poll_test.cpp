// `triagebot telegram poll` end to end: updates come from the fake Bot API's getUpdates
// queue instead of the webhook. A whole interview, the command menu registered once per
// start, the webhook route off, a restart that resumes at the stored offset, a prompt
// exit on SIGTERM mid long poll, and the 409 of a webhook still set (PLATFORMS.md §1.2).
#include <gtest/gtest.h>

#include "tests/bot/telegram_harness.h"
#include "tests/support/http_client.h"
#include "tests/support/wait.h"

namespace triagebot::testing::telegram_bot {
namespace telegram_poll_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

TelegramBotOptions polling() { return {.args = {"telegram", "poll"}}; }

// setMyCommands as Telegram's menu needs it (adapters/telegram/api_calls.h).
json expected_commands() {
  return json::parse(R"({
    "commands": [
      {"command": "start", "description": "Start the interview about a numb leg or foot"},
      {"command": "restart", "description": "Start again from the first question"},
      {"command": "help", "description": "What I do and how to answer"},
      {"command": "forget", "description": "Delete everything you have told me"}],
    "scope": {"type": "all_private_chats"}})");
}

// SIGTERM ends the poller without waiting for a long poll (25 s) or a conflict's pause
// (10 s); a few seconds leave room for a slow sanitizer build.
void expect_prompt_exit(TelegramBot& bot) {
  const auto asked = std::chrono::steady_clock::now();
  bot.process().terminate();
  EXPECT_EQ(bot.process().wait_for_exit(5s), 0) << bot.process().stderr_text();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 5s);
}

class TelegramPoll : public ::testing::Test {
 protected:
  // Queues an update on the fake's getUpdates; returns its id.
  std::int64_t queue(const json& update) { return fake_.add_update(update); }

  // Until the bot confirmed everything queued (by asking past it) and answered it all.
  bool caught_up() {
    return wait_until([&] { return fake_.pending_updates() == 0; }) && bot_.settled();
  }

  FakeApiServer fake_;
  TelegramBot bot_{fake_, polling()};
};

TEST_F(TelegramPoll, RunsAWholeInterviewThroughGetUpdates) {
  const int pressed = walk_interview(
      fake_, "my left leg has been numb for three weeks, I am 41",
      [&](const json& update) { queue(update); }, [&] { return bot_.next_update_id(); });
  ASSERT_GT(pressed, 0);
  ASSERT_TRUE(caught_up());
  EXPECT_EQ(fake_.requests_to("/answerCallbackQuery").size(), static_cast<std::size_t>(pressed));
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM conversations WHERE status = 'completed'"), 1);
  // Long polling: every getUpdates asks Telegram to hold the request open.
  for (const auto& request : fake_.requests_to("/getUpdates")) {
    EXPECT_EQ(request.json()["timeout"], 25);
  }
}

TEST_F(TelegramPoll, RegistersTheCommandsOnceEachTimePollingStarts) {
  queue(private_text(bot_.next_update_id(), "my left leg is numb"));
  queue(private_text(bot_.next_update_id(), "/help"));
  ASSERT_TRUE(caught_up());
  const auto registered = fake_.requests_to("/setMyCommands");
  ASSERT_EQ(registered.size(), 1u);  // at start, not per update
  EXPECT_EQ(registered[0].path, "/bot" + std::string(kBotToken) + "/setMyCommands");
  EXPECT_EQ(registered[0].json(), expected_commands());
  // Before the first getUpdates, so the menu is there when the first person writes.
  EXPECT_LT(registered[0].at, fake_.requests_to("/getUpdates").front().at);
  EXPECT_TRUE(bot_.process().wait_for_stderr("telegram.commands_registered"));

  bot_.stop();
  // Counted before the start: the new process may have sent its first getUpdates (which
  // the fake then holds as a long poll) by the time start() returns.
  const std::size_t polls = fake_.requests_to("/getUpdates").size();
  bot_.start();
  ASSERT_TRUE(wait_until([&] { return fake_.requests_to("/getUpdates").size() > polls; }));
  EXPECT_EQ(fake_.requests_to("/setMyCommands").size(), 2u);  // once more for the new start
}

TEST_F(TelegramPoll, TheWebhookRouteIsOffWhilePolling) {
  EXPECT_EQ(bot_.post(private_text(bot_.next_update_id(), "my left leg is numb")), 404);
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM processed_events"), 0);
}

TEST_F(TelegramPoll, CommandsThatCannotBeRegisteredDoNotStopPolling) {
  bot_.stop();
  fake_.set_default("/setMyCommands", FakeAnswer::server_error());
  bot_.start();
  ASSERT_TRUE(bot_.process().wait_for_stderr("telegram.commands_not_registered"))
      << bot_.process().stderr_text();
  queue(private_text(bot_.next_update_id(), "my left leg is numb"));
  EXPECT_TRUE(caught_up());
}

TEST_F(TelegramPoll, RestartResumesAtTheStoredOffsetLosingAndRepeatingNothing) {
  const std::int64_t first = queue(private_text(bot_.next_update_id(), "my left leg is numb"));
  ASSERT_TRUE(caught_up());
  bot_.stop();

  // Arrives while the bot is down.
  queue(private_text(bot_.next_update_id(), "/help"));
  const std::int64_t last = queue(private_text(bot_.next_update_id(), "it has been three weeks"));
  const std::size_t asked_before = fake_.requests_to("/getUpdates").size();
  bot_.start();
  ASSERT_TRUE(caught_up());

  // The new process asked past the committed update at once, so it never saw it again.
  const auto polls = fake_.requests_to("/getUpdates");
  ASSERT_GT(polls.size(), asked_before);
  EXPECT_EQ(polls[asked_before].json()["offset"], first + 1);
  EXPECT_EQ(polls.back().json()["offset"], last + 1);
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM messages WHERE direction = 'user'"), 3);
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM processed_events"), 3);
  EXPECT_EQ(sent_messages(fake_).size(), outbox_messages(bot_.outbox()));  // each reply once
  EXPECT_EQ(metric_value(bot_.metrics(), R"(triagebot_duplicate_events_total{platform="telegram"})")
                .value_or(0),
            0);
}

TEST_F(TelegramPoll, SigtermDuringALongPollExitsPromptly) {
  // Nothing queued: the fake holds the getUpdates open for its whole 25 s timeout.
  ASSERT_TRUE(wait_until([&] { return !fake_.requests_to("/getUpdates").empty(); }));
  expect_prompt_exit(bot_);
}

TEST(TelegramPollConflict, WebhookStillSetIsReportedClearlyAndSigtermStillExits) {
  FakeApiServer fake;
  HttpClient api("127.0.0.1", fake.port());
  ASSERT_EQ(api.post("/bot" + std::string(kBotToken) + "/setWebhook",
                     R"({"url":"https://bot.example.org/webhooks/telegram"})",
                     {{"Content-Type", "application/json"}})
                .status,
            200);
  TelegramBot bot(fake, polling());
  ASSERT_TRUE(bot.process().wait_for_stderr("telegram.poll_conflict"))
      << bot.process().stderr_text();
  EXPECT_TRUE(bot.process().wait_for_stderr("triagebot telegram delete-webhook"));
  EXPECT_EQ(fake.requests_to("/deleteWebhook").size(), 0u);  // only when told to
  expect_prompt_exit(bot);                                   // not after the conflict's 10 s pause
}

}  // namespace
}  // namespace telegram_poll_test
}  // namespace triagebot::testing::telegram_bot
