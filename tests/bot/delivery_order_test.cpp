// Outbox delivery, end to end against the fake Bot API (issue 15): rows are ordered per
// chat, not per conversation, so the "I can only read text" note never overtakes a reply
// to the same chat that is waiting for a retry; and a send in flight at SIGTERM is waited
// for, so it goes out exactly once across the restart.
#include <gtest/gtest.h>

#include "adapters/telegram/outbound.h"
#include "tests/bot/telegram_harness.h"
#include "tests/support/wait.h"

namespace triagebot::testing::telegram_bot {
namespace delivery_order_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json text_only_note() {
  return json{{"chat_id", kChat}, {"text", adapters::telegram::text_only_note()}};
}

TEST(DeliveryOrder, ANoteQueuedAfterAFailedReplyWaitsAndGoesAfterIt) {
  FakeApiServer fake;
  // A retry after 0.5-1 s: long enough for the note to be queued while the reply waits.
  TelegramBot bot(fake, {.env = {{"TRIAGEBOT_OUTBOX_BACKOFF", "1s"}}});
  fake.enqueue(FakeAnswer::server_error(), "/sendMessage");
  // Two replies: the greeting (refused with a 500, retried) and the first question.
  ASSERT_EQ(bot.post(private_text(bot.next_update_id(), "my left leg is numb")), 200);
  ASSERT_TRUE(wait_for_sent(fake, 1));
  ASSERT_EQ(bot.post(fixture_update("telegram_photo_message.json", bot.next_update_id())), 200);
  ASSERT_TRUE(bot.settled());

  const auto sent = sent_messages(fake);
  ASSERT_EQ(sent.size(), 4u);  // the greeting twice (500, then 200), the question, the note
  EXPECT_EQ(sent[0], sent[1]);
  EXPECT_NE(sent[2], text_only_note());
  EXPECT_EQ(sent[3], text_only_note()) << "the note overtook a reply queued before it";
}

TEST(DeliveryShutdown, ASendInFlightAtSigtermIsWaitedForAndDeliveredOnceAcrossTheRestart) {
  FakeApiServer fake;
  TelegramBot bot(fake);
  // Slower than the 5 s a stopping dispatcher used to wait, within the client's deadline.
  FakeAnswer slow = FakeAnswer::ok(json{{"message_id", 1}});
  slow.delay = 6s;
  fake.enqueue(slow, "/sendMessage");
  ASSERT_EQ(bot.post(private_text(bot.next_update_id(), "my left leg is numb")), 200);
  ASSERT_TRUE(wait_for_sent(fake, 1));
  bot.stop();  // SIGTERM while the greeting is in flight; exits 0

  // The answer came and was recorded before the exit; the question, the turn's second
  // part, waited its turn: the row is left for the next start with one part sent.
  auto rows = bot.outbox();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].parts, 2);
  EXPECT_EQ(rows[0].status, "sending");
  EXPECT_EQ(rows[0].attempts, 1);
  EXPECT_EQ(bot.query("SELECT parts_sent FROM outbox"), 1);
  EXPECT_EQ(sent_messages(fake).size(), 1u);

  bot.start();
  ASSERT_TRUE(bot.settled());
  const auto sent = sent_messages(fake);
  ASSERT_EQ(sent.size(), 2u) << "the greeting went out again after the restart";
  EXPECT_NE(sent[0], sent[1]);
  EXPECT_EQ(bot.outbox()[0].attempts, 2);  // claimed again, from the second part
}

}  // namespace
}  // namespace delivery_order_test
}  // namespace triagebot::testing::telegram_bot
