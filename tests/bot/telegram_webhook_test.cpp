// The Telegram webhook end to end: the real binary (`triagebot serve`) gets updates on
// POST /webhooks/telegram and answers through the outbox to the fake Bot API — buttons,
// callback answers, a whole interview, the secret check, dedup, ignored kinds, blocked
// chats, groups and red flags (API.md "Outbound calls", PLATFORMS.md §1).
#include <gtest/gtest.h>

#include <algorithm>

#include "adapters/telegram/inbound.h"
#include "tests/bot/telegram_harness.h"
#include "tests/support/wait.h"

namespace triagebot::testing::telegram_bot {
namespace telegram_webhook_test {
namespace {

using nlohmann::json;

class TelegramWebhook : public ::testing::Test {
 protected:
  // Posts an update and expects the 200 Telegram needs.
  void deliver(const json& update) { ASSERT_EQ(bot_.post(update), 200) << update.dump(); }
  std::int64_t next_id() { return bot_.next_update_id(); }

  // The first sendMessage at or after `from` that carries a keyboard.
  json wait_for_question(std::size_t from = 0) {
    json question;
    EXPECT_TRUE(wait_until([&] {
      const auto sent = sent_messages(fake_);
      for (std::size_t i = from; i < sent.size(); ++i) {
        if (sent[i].contains("reply_markup")) {
          question = sent[i];
          return true;
        }
      }
      return false;
    })) << "no question arrived";
    return question;
  }

  FakeApiServer fake_;
  TelegramBot bot_{fake_};
};

TEST_F(TelegramWebhook, PrivateMessageIsAnsweredWithButtonsCarryingChoiceIds) {
  deliver(private_text(next_id(), "my left leg has been numb for three weeks"));
  const json question = wait_for_question();
  const auto requests = fake_.requests_to("/sendMessage");
  EXPECT_EQ(requests.front().path, "/bot" + std::string(kBotToken) + "/sendMessage");
  EXPECT_EQ(question["chat_id"], kChat);
  EXPECT_FALSE(question.contains("parse_mode"));  // user and knowledge text shown literally
  const auto data = callback_data(question);
  ASSERT_FALSE(data.empty());
  const auto& known = knowledge_choice_ids();
  for (const auto& id : data) {
    EXPECT_FALSE(id.empty());
    EXPECT_LE(id.size(), 64u) << id;  // Telegram's callback_data limit, in bytes
    EXPECT_NE(std::find(known.begin(), known.end(), id), known.end()) << id << " is no choice id";
  }
}

TEST_F(TelegramWebhook, ButtonPressContinuesTheInterviewAndIsAnswered) {
  deliver(private_text(next_id(), "my left leg has been numb for three weeks"));
  const json first = wait_for_question();
  const std::size_t before = sent_messages(fake_).size();
  const std::int64_t press = next_id();
  deliver(button_press(press, harmless_choice(first)));
  const json second = wait_for_question(before);
  EXPECT_NE(second["text"], first["text"]);
  const auto answers = fake_.requests_to("/answerCallbackQuery");
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].json(), (json{{"callback_query_id", callback_id(press)}}));
  // The spinner stops before the next question arrives (acknowledgement queued first).
  EXPECT_LT(answers[0].at, fake_.requests_to("/sendMessage").back().at);
}

TEST_F(TelegramWebhook, WholeInterviewByButtonsReachesTheAssessment) {
  const int pressed = walk_interview(
      fake_,
      "My left calf goes numb every time I walk 300 metres and a minute standing still sorts it",
      [&](const json& update) { deliver(update); }, [&] { return next_id(); });
  ASSERT_GT(pressed, 0);
  ASSERT_TRUE(bot_.settled(Settled::finally));
  EXPECT_EQ(fake_.requests_to("/answerCallbackQuery").size(), static_cast<std::size_t>(pressed));
  const auto sent = sent_messages(fake_);
  EXPECT_TRUE(is_assessment(sent.back()));
  EXPECT_NE(sent.back()["text"].get<std::string>().find(kEmergencyNumber), std::string::npos);
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM conversations WHERE status = 'completed'"
                       " AND triage IS NOT NULL"),
            1);
  // Every reply went out once: one call per outbox row, none dead. Each press also
  // queued its acknowledgement and the edit of the pressed question.
  EXPECT_EQ(bot_.query(outbox_messages_sql("WHERE status = 'delivered'")),
            static_cast<std::int64_t>(sent.size()) + 2 * pressed);
  // Commands are registered with set-webhook, not by a server taking webhooks.
  EXPECT_TRUE(fake_.requests_to("/setMyCommands").empty());
  // The assessment is stored once, in its transcript row: the outbox row that sent its
  // text holds the text, not the assessment again.
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM messages WHERE assessment IS NOT NULL"), 1);
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%\"assessment\"%'"), 0);
}

TEST_F(TelegramWebhook, WrongOrMissingSecretIsRefusedAndStoresNothing) {
  const json update = private_text(next_id(), "my left leg is numb");
  EXPECT_EQ(bot_.post(update, "wrong-secret"), 401);
  EXPECT_EQ(bot_.post(update, ""), 401);
  EXPECT_EQ(bot_.post(update, "S3CRET-TOKEN_1"), 401);  // compared byte for byte
  EXPECT_EQ(bot_.post(update, std::string(kBotSecret) + "x"), 401);
  for (const char* table : {"conversations", "messages", "outbox", "processed_events"}) {
    EXPECT_EQ(bot_.query(std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
  }
  // Refused deliveries left no trace: not even the update id counts as seen.
  deliver(update);
  EXPECT_TRUE(wait_for_question().is_object());
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM conversations"), 1);
}

// Issue 15: a date of 2^53 seconds overflowed the conversion to system_clock (UB that
// stopped the sanitizer build). Out-of-range integers, over-long texts and known fields
// of the wrong type cannot come from Telegram: 400, and nothing stored.
TEST_F(TelegramWebhook, UpdatesNoTelegramServerSendsAre400AndStoreNothing) {
  json far_future = private_text(next_id(), "my left leg is numb");
  far_future["message"]["date"] = 9007199254740992LL;
  json too_long = private_text(next_id(), std::string(4097, 'a'));
  json not_an_object = {{"update_id", next_id()}, {"message", "hello"}};
  for (const json& update : {far_future, too_long, not_an_object}) {
    EXPECT_EQ(bot_.post(update), 400) << update.dump().substr(0, 120);
  }
  for (const char* table : {"conversations", "messages", "outbox", "processed_events"}) {
    EXPECT_EQ(bot_.query(std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
  }
}

TEST_F(TelegramWebhook, SameUpdateDeliveredTwiceIsAnsweredOnce) {
  const json update = private_text(next_id(), "my left leg has been numb for three weeks");
  deliver(update);
  deliver(update);  // Telegram's resend after a timeout
  ASSERT_TRUE(wait_for_sent(fake_, 1));
  ASSERT_TRUE(bot_.settled(Settled::finally));
  EXPECT_EQ(sent_messages(fake_).size(), outbox_messages(bot_.outbox()));
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM messages WHERE direction = 'user'"), 1);
  EXPECT_EQ(
      metric_value(bot_.metrics(), R"(triagebot_duplicate_events_total{platform="telegram"})"), 1);
}

TEST_F(TelegramWebhook, RepeatedUpdatesThatOnlyLeaveNotesLeaveThemOnce) {
  json stale_press = button_press(next_id(), "q_side:left");
  stale_press["callback_query"].erase("data");  // answered, but no turn
  for (const json& update :
       {group_text(next_id(), "@leg_triage_demo_bot my calf is numb"),
        fixture_update("telegram_photo_message.json", next_id()), stale_press}) {
    deliver(update);
    deliver(update);
  }
  ASSERT_TRUE(bot_.settled(Settled::finally));
  std::vector<std::string> kinds;
  for (const auto& row : bot_.outbox()) kinds.push_back(row.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"group_pointer", "text_only", "acknowledge"}));
  EXPECT_EQ(sent_messages(fake_).size(), 2u);
  EXPECT_EQ(fake_.requests_to("/answerCallbackQuery").size(), 1u);
}

TEST_F(TelegramWebhook, IgnoredKindsAnswer200AndQueueNothing) {
  json channel_post = {{"update_id", next_id()},
                       {"channel_post",
                        {{"message_id", 9},
                         {"chat", {{"id", -1009876543210}, {"type", "channel"}}},
                         {"date", 1732540211},
                         {"text", "my leg is numb"}}}};
  json unknown = {{"update_id", next_id()}, {"message_reaction", {{"chat", {{"id", kChat}}}}}};
  json unblock = fixture_update("telegram_my_chat_member.json", next_id());
  unblock["my_chat_member"]["new_chat_member"]["status"] = "member";
  for (const json& update :
       {fixture_update("telegram_edited_message.json", next_id()), channel_post, unknown, unblock,
        fixture_update("telegram_my_chat_member.json", next_id())}) {
    deliver(update);
  }
  // Each 200 came after its commit: whatever it queued would be in the outbox now.
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM conversations"), 0);
  EXPECT_TRUE(fake_.requests_to("/sendMessage").empty());
}

TEST_F(TelegramWebhook, MessagesWithoutTextGetOnlyTheTextOnlyNote) {
  json sticker = fixture_update("telegram_message.json", next_id());
  sticker["message"].erase("text");
  sticker["message"]["sticker"] = {{"file_id", "CAACAgIAAxkBAAEfake"}, {"emoji", "🦵"}};
  deliver(fixture_update("telegram_photo_message.json", next_id()));
  deliver(sticker);
  ASSERT_TRUE(wait_for_sent(fake_, 2));
  ASSERT_TRUE(bot_.settled(Settled::finally));
  for (const auto& message : sent_messages(fake_)) {
    EXPECT_EQ(message, (json{{"chat_id", kChat}, {"text", adapters::telegram::text_only_note()}}));
  }
  EXPECT_EQ(sent_messages(fake_).size(), 2u);
  EXPECT_EQ(bot_.query("SELECT COUNT(*) FROM conversations"), 0);  // no interview began
}

TEST_F(TelegramWebhook, BlockedChatGetsNoFurtherRepliesUntilUnblocked) {
  fake_.go_down();  // the replies wait in the outbox, retried with backoff
  deliver(private_text(next_id(), "my left leg is numb"));
  ASSERT_TRUE(wait_until([&] { return bot_.sends("retried") >= 1; }));
  deliver(fixture_update("telegram_my_chat_member.json", next_id()));  // "kicked"
  fake_.come_up();
  ASSERT_TRUE(bot_.settled(Settled::finally));
  const auto rows = bot_.outbox();
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) {
    EXPECT_EQ(row.status, "dead");
    EXPECT_EQ(row.last_error, "the user blocked the bot");
  }
  EXPECT_TRUE(fake_.requests_to("/sendMessage").empty());

  json unblock = fixture_update("telegram_my_chat_member.json", next_id());
  unblock["my_chat_member"]["new_chat_member"]["status"] = "member";
  deliver(unblock);
  deliver(private_text(next_id(), "/restart"));
  EXPECT_TRUE(wait_for_sent(fake_, 1));
}

TEST(TelegramWebhookGroups, MentionGetsOnlyThePrivateChatPointerUsingTheNameFromGetMe) {
  FakeApiServer fake;
  fake.set_default("/getMe", FakeAnswer::ok({{"id", 7356620194},
                                             {"is_bot", true},
                                             {"first_name", "Leg Numbness Triage"},
                                             {"username", kBotUsername}}));
  TelegramBot bot(fake, {.with_username = false});
  EXPECT_EQ(fake.requests_to("/getMe").size(), 1u);
  ASSERT_EQ(bot.post(group_text(bot.next_update_id(), "my calf is numb, anyone else?")), 200);
  ASSERT_EQ(bot.post(group_text(bot.next_update_id(), "@leg_triage_demo_bot my calf is numb")),
            200);
  ASSERT_TRUE(wait_for_sent(fake, 1));
  const auto sent = sent_messages(fake);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["chat_id"], kGroupChat);
  EXPECT_EQ(sent[0]["text"], adapters::telegram::group_pointer_text(kBotUsername));
  EXPECT_NE(sent[0]["text"].get<std::string>().find("https://t.me/leg_triage_demo_bot?start="),
            std::string::npos);
  EXPECT_EQ(sent[0]["reply_parameters"]["message_id"], 55);
  EXPECT_FALSE(sent[0].contains("reply_markup"));  // nothing clinical: no question
  // The unmentioned message queued nothing; neither started an interview.
  EXPECT_EQ(bot.query("SELECT COUNT(*) FROM outbox"), 1);
  EXPECT_EQ(bot.query("SELECT COUNT(*) FROM conversations"), 0);
}

TEST_F(TelegramWebhook, RedFlagGetsEmergencyGuidanceFirstNamingTheConfiguredNumber) {
  deliver(private_text(next_id(), "my left leg has been numb for three weeks"));
  wait_for_question();
  const std::size_t before = sent_messages(fake_).size();
  deliver(private_text(next_id(), "my face has started drooping on one side"));
  ASSERT_TRUE(wait_for_sent(fake_, before + 1));
  ASSERT_TRUE(bot_.settled(Settled::finally));
  const auto sent = sent_messages(fake_);
  const std::string first = sent[before]["text"];
  EXPECT_NE(first.find("stroke"), std::string::npos) << first;
  EXPECT_NE(first.find("Call " + std::string(kEmergencyNumber) + " now"), std::string::npos)
      << first;
  for (std::size_t i = before; i < sent.size(); ++i) {
    EXPECT_FALSE(sent[i].contains("reply_markup")) << "no more questions after a red flag";
  }
  EXPECT_EQ(metric_value(bot_.metrics(), R"(triagebot_red_flags_total{red_flag="stroke_signs"})"),
            1);
}

}  // namespace
}  // namespace telegram_webhook_test
}  // namespace triagebot::testing::telegram_bot
