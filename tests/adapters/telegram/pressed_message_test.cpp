// The pressed message of a callback_query (what the bot edits after a press) and how
// its edit is rendered: the question stays, the chosen answer shows, no buttons.
#include "adapters/telegram/pressed_message.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/telegram/inbound.h"
#include "adapters/telegram/outbound.h"
#include "tests/adapters/telegram/fixture.h"

namespace triagebot::adapters::telegram {
namespace pressed_message_test {
namespace {

using nlohmann::json;
using testing::telegram_fixture;
using testing::telegram_request;

constexpr std::string_view kToken = "123456:ABC-def";
constexpr std::int64_t kChat = 6112309874;
constexpr std::string_view kQuestion =
    "Does the numbness run down the back of your leg, below the knee?";

json fixture_callback() {
  return json::parse(telegram_fixture("telegram_callback_query.json"))["callback_query"];
}

TEST(TelegramPressedMessage, ParseKeepsTheMessageItsTextAndThePressedLabel) {
  auto update = parse(telegram_request(telegram_fixture("telegram_callback_query.json")), {});
  ASSERT_TRUE(update.has_value());
  ASSERT_TRUE(update->pressed.has_value());
  EXPECT_EQ(update->pressed->chat_id, kChat);
  EXPECT_EQ(update->pressed->message_id, 1190);
  EXPECT_EQ(update->pressed->text, kQuestion);
  EXPECT_EQ(update->pressed->label, "Yes");
}

TEST(TelegramPressedMessage, LabelIsFoundInAnyRow) {
  auto pressed = read_pressed_message(fixture_callback(), kChat, "unsure");
  ASSERT_TRUE(pressed.has_value());
  EXPECT_EQ(pressed->label, "Not sure");
}

TEST(TelegramPressedMessage, UnknownKeyboardOrTextLeavesThemEmpty) {
  json callback = fixture_callback();
  callback["message"].erase("reply_markup");
  callback["message"].erase("text");
  auto pressed = read_pressed_message(callback, kChat, "yes");
  ASSERT_TRUE(pressed.has_value());
  EXPECT_EQ(pressed->message_id, 1190);
  EXPECT_EQ(pressed->text, "");
  EXPECT_EQ(pressed->label, "");
  // Data that no button carries (the keyboard changed since) names no label either.
  EXPECT_EQ(read_pressed_message(fixture_callback(), kChat, "left")->label, "");
}

TEST(TelegramPressedMessage, NoMessageOrAnInaccessibleOneIsNothingToEdit) {
  json without = fixture_callback();
  without.erase("message");
  EXPECT_FALSE(read_pressed_message(without, kChat, "yes").has_value());
  // InaccessibleMessage: chat, message_id and date 0 (PLATFORMS.md §1.3).
  json inaccessible = fixture_callback();
  inaccessible["message"] = {
      {"chat", {{"id", kChat}, {"type", "private"}}}, {"message_id", 1190}, {"date", 0}};
  EXPECT_FALSE(read_pressed_message(inaccessible, kChat, "yes").has_value());
  json wrong_type = fixture_callback();
  wrong_type["message"]["message_id"] = "1190";
  EXPECT_FALSE(read_pressed_message(wrong_type, kChat, "yes").has_value());
}

TEST(TelegramPressedMessage, PressWithoutAnEventHasNoPressedMessage) {
  json update = json::parse(telegram_fixture("telegram_callback_query.json"));
  update["callback_query"].erase("data");
  auto parsed = parse(telegram_request(update.dump()), {});
  ASSERT_TRUE(parsed.has_value());
  EXPECT_FALSE(parsed->pressed.has_value());
  EXPECT_FALSE(
      parse(telegram_request(telegram_fixture("telegram_message.json")), {})->pressed.has_value());
}

TEST(TelegramChosenAnswer, EditsTheTextToShowTheAnswerWithoutButtons) {
  auto pressed = read_pressed_message(fixture_callback(), kChat, "no");
  ASSERT_TRUE(pressed.has_value());
  OutboundCall call = render_chosen_answer(*pressed, kToken);
  EXPECT_EQ(call.path, "/bot123456:ABC-def/editMessageText");
  EXPECT_EQ(call.log_name, "telegram.editMessageText");
  EXPECT_EQ(call.headers.get("Content-Type"), "application/json");
  // No reply_markup: the edit takes the keyboard away. No parse_mode: shown literally.
  EXPECT_EQ(json::parse(call.body), (json{{"chat_id", kChat},
                                          {"message_id", 1190},
                                          {"text", std::string(kQuestion) + "\n\n\u2713 No"}}));
}

TEST(TelegramChosenAnswer, WithoutTextOrLabelOnlyTheKeyboardGoes) {
  for (auto [text, label] : {std::pair<std::string, std::string>{"", "Yes"}, {"Question?", ""}}) {
    OutboundCall call = render_chosen_answer({kChat, 77, text, label}, kToken);
    EXPECT_EQ(call.path, "/bot123456:ABC-def/editMessageReplyMarkup");
    EXPECT_EQ(json::parse(call.body), (json{{"chat_id", kChat}, {"message_id", 77}}));
  }
}

TEST(TelegramChosenAnswer, TextThatWouldPassTheLimitKeepsItsWordsAndLosesOnlyTheKeyboard) {
  const std::string label = "Yes";
  const std::string suffix = chosen_answer_text("", label);
  const std::string fits(kMaxMessageUnits - utf16_length(suffix), 'a');
  EXPECT_EQ(utf16_length(chosen_answer_text(fits, label)), kMaxMessageUnits);
  EXPECT_EQ(render_chosen_answer({kChat, 5, fits, label}, kToken).log_name,
            "telegram.editMessageText");
  EXPECT_EQ(render_chosen_answer({kChat, 5, fits + "a", label}, kToken).log_name,
            "telegram.editMessageReplyMarkup");
}

TEST(TelegramChosenAnswer, MessageNotModifiedCountsAsDone) {
  // A retried edit whose first attempt got through: nothing left to do, nothing to retry.
  auto outcome = classify(
      400,
      R"({"ok":false,"error_code":400,"description":"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"})",
      Headers{});
  EXPECT_EQ(outcome.kind, DeliveryOutcome::Kind::delivered);
  auto gone = classify(
      400,
      R"({"ok":false,"error_code":400,"description":"Bad Request: message to edit not found"})",
      Headers{});
  EXPECT_EQ(gone.kind, DeliveryOutcome::Kind::dead);
  EXPECT_EQ(gone.reason, "Bad Request: message to edit not found");
}

}  // namespace
}  // namespace pressed_message_test
}  // namespace triagebot::adapters::telegram
