// TRIAGEBOT_TELEGRAM_MODE=poll: `triagebot serve` polls Telegram itself, with the webhook
// route off, so one process serves the widget and polls (issue 15). The command menu is
// registered once when polling starts.
#include <gtest/gtest.h>

#include "tests/bot/telegram_harness.h"
#include "tests/support/http_client.h"
#include "tests/support/wait.h"

namespace triagebot::testing::telegram_bot {
namespace telegram_serve_poll_test {
namespace {

using nlohmann::json;

TelegramBotOptions serve_polling() {
  return {.args = {"serve"}, .env = {{"TRIAGEBOT_TELEGRAM_MODE", "poll"}}};
}

TEST(TelegramServePoll, OneProcessPollsTelegramAndServesTheWidget) {
  FakeApiServer fake;
  TelegramBot bot(fake, serve_polling());
  EXPECT_TRUE(bot.process().wait_for_stderr(R"("telegram":"polling")"))
      << bot.process().stderr_text();

  // Telegram: a whole interview through getUpdates.
  const int pressed = walk_interview(
      fake, "my left leg has been numb for three weeks, I am 41",
      [&](const json& update) { fake.add_update(update); }, [&] { return bot.next_update_id(); });
  ASSERT_GT(pressed, 0);
  ASSERT_TRUE(wait_until([&] { return fake.pending_updates() == 0; }));
  ASSERT_TRUE(bot.settled());
  EXPECT_EQ(bot.query("SELECT COUNT(*) FROM conversations WHERE platform = 'telegram'"
                      " AND status = 'completed'"),
            1);
  EXPECT_EQ(fake.requests_to("/setMyCommands").size(), 1u);  // once, not per update

  // The webhook route is off; the widget is served by the same process.
  EXPECT_EQ(bot.post(private_text(bot.next_update_id(), "my leg is numb")), 404);
  HttpClient widget(bot.process().host(), bot.process().port());
  const auto session = widget.post("/api/widget/sessions", "{}");
  EXPECT_EQ(session.status, 201) << session.body;
  EXPECT_EQ(bot.query("SELECT COUNT(*) FROM conversations WHERE platform = 'widget'"), 1);

  bot.stop();  // SIGTERM ends the long poll at once and exits 0
}

TEST(TelegramServePoll, WebhookModeIsTheDefaultAndPollsNothing) {
  FakeApiServer fake;
  TelegramBot bot(fake, {.args = {"serve"}, .env = {{"TRIAGEBOT_TELEGRAM_MODE", "webhook"}}});
  ASSERT_EQ(bot.post(private_text(bot.next_update_id(), "my left leg is numb")), 200);
  ASSERT_TRUE(wait_for_sent(fake, 1));
  EXPECT_TRUE(fake.requests_to("/getUpdates").empty());
  EXPECT_TRUE(fake.requests_to("/setMyCommands").empty());
}

}  // namespace
}  // namespace telegram_serve_poll_test
}  // namespace triagebot::testing::telegram_bot
