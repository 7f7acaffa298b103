// After a button press the pressed message shows the chosen answer instead of its
// buttons (editMessageText through the outbox), once per message however often it is
// pressed or the press is delivered; "message is not modified" counts as done.
#include <gtest/gtest.h>

#include <set>

#include "tests/bot/telegram_harness.h"
#include "tests/support/wait.h"

namespace triagebot::testing::telegram_bot {
namespace telegram_press_test {
namespace {

using nlohmann::json;

// The label of the button carrying `data` in a sendMessage body.
std::string label_of(const json& question, const std::string& data) {
  for (const auto& row : question["reply_markup"]["inline_keyboard"]) {
    for (const auto& button : row) {
      if (button["callback_data"] == data) return button["text"];
    }
  }
  ADD_FAILURE() << "no button " << data;
  return {};
}

std::size_t rows_of_kind(const std::vector<OutboxRecord>& rows, const std::string& kind) {
  std::size_t n = 0;
  for (const auto& row : rows) n += row.kind == kind ? 1 : 0;
  return n;
}

class TelegramPress : public ::testing::Test {
 protected:
  void deliver(const json& update) { ASSERT_EQ(bot_.post(update), 200) << update.dump(); }
  std::int64_t next_id() { return bot_.next_update_id(); }

  // Sends the opening message and waits for the first question; `index` is its place
  // among the sendMessage calls (its message id is sent_message_id(index)).
  json first_question(std::size_t& index) {
    deliver(private_text(next_id(), "my left leg has been numb for three weeks"));
    json question;
    EXPECT_TRUE(wait_until([&] {
      const auto sent = sent_messages(fake_);
      for (std::size_t i = 0; i < sent.size(); ++i) {
        if (sent[i].contains("reply_markup")) {
          question = sent[i];
          index = i;
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

TEST_F(TelegramPress, PressEditsThePressedMessageOnceToShowTheAnswerWithoutButtons) {
  std::size_t index = 0;
  const json question = first_question(index);
  const std::int64_t message_id = sent_message_id(index);
  const std::string choice = harmless_choice(question);
  const json press = press_on(next_id(), question, message_id, choice);
  deliver(press);
  ASSERT_TRUE(wait_until([&] { return edits(fake_).size() == 1; }));
  const json expected = {
      {"chat_id", kChat},
      {"message_id", message_id},
      {"text", question["text"].get<std::string>() + "\n\n\u2713 " + label_of(question, choice)}};
  EXPECT_EQ(edits(fake_)[0], expected);  // no reply_markup: the keyboard is gone
  EXPECT_EQ(fake_.requests_to("/editMessageText").size(), 1u);

  // The same press delivered again (Telegram's resend), and a second tap on the same
  // old message before its buttons were gone: each is acknowledged, none edits again.
  deliver(press);
  const std::int64_t second = next_id();
  deliver(press_on(second, question, message_id, callback_data(question).front()));
  ASSERT_TRUE(wait_until([&] { return fake_.requests_to("/answerCallbackQuery").size() == 2; }));
  ASSERT_TRUE(bot_.settled());
  EXPECT_EQ(fake_.requests_to("/answerCallbackQuery").back().json()["callback_query_id"],
            callback_id(second));
  EXPECT_EQ(edits(fake_).size(), 1u);
  EXPECT_EQ(rows_of_kind(bot_.outbox(), "chosen_answer"), 1u);
}

TEST_F(TelegramPress, WholeInterviewEditsEveryPressedQuestionOnce) {
  const int pressed = walk_interview(
      fake_, "my left leg has been numb for three weeks, I am 41",
      [&](const json& update) { deliver(update); }, [&] { return next_id(); });
  ASSERT_GT(pressed, 0);
  ASSERT_TRUE(bot_.settled());
  const auto done = edits(fake_);
  ASSERT_EQ(done.size(), static_cast<std::size_t>(pressed));
  std::set<std::int64_t> messages;
  for (const auto& edit : done) {
    messages.insert(edit["message_id"].get<std::int64_t>());
    EXPECT_NE(edit["text"].get<std::string>().find("\n\n\u2713 "), std::string::npos) << edit;
    EXPECT_FALSE(edit.contains("reply_markup")) << edit;
  }
  EXPECT_EQ(messages.size(), done.size());  // each question its own edit
}

TEST_F(TelegramPress, MessageNotModifiedIsDoneNotRetried) {
  fake_.enqueue(FakeAnswer::telegram_error(
                    400,
                    "Bad Request: message is not modified: specified new message content and "
                    "reply markup are exactly the same as a current content and reply markup "
                    "of the message"),
                "/editMessageText");
  std::size_t index = 0;
  const json question = first_question(index);
  deliver(press_on(next_id(), question, sent_message_id(index), harmless_choice(question)));
  ASSERT_TRUE(wait_until([&] { return edits(fake_).size() == 1; }));
  ASSERT_TRUE(bot_.settled(Settled::finally));
  for (const auto& row : bot_.outbox()) EXPECT_EQ(row.status, "delivered") << row.kind;
  EXPECT_EQ(edits(fake_).size(), 1u);
  EXPECT_EQ(bot_.sends("dead"), 0);
}

TEST_F(TelegramPress, PressWithoutTheMessageStillContinuesAndEditsNothing) {
  std::size_t index = 0;
  const json question = first_question(index);
  json press = button_press(next_id(), harmless_choice(question));
  press["callback_query"].erase("message");  // Telegram may leave it out for old messages
  const std::size_t before = sent_messages(fake_).size();
  deliver(press);
  ASSERT_TRUE(wait_for_sent(fake_, before + 1));
  ASSERT_TRUE(bot_.settled());
  EXPECT_TRUE(edits(fake_).empty());
  EXPECT_EQ(fake_.requests_to("/answerCallbackQuery").size(), 1u);
}

}  // namespace
}  // namespace telegram_press_test
}  // namespace triagebot::testing::telegram_bot
