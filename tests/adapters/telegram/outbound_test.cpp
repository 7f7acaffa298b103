#include "adapters/telegram/outbound.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/adapters/telegram/fixture.h"

namespace triagebot::adapters::telegram {
namespace outbound_test {
namespace {

using nlohmann::json;
using Kind = DeliveryOutcome::Kind;
using testing::telegram_fixture;

const json kAddress{{"chat_id", 6112309874LL}};
constexpr std::string_view kToken = "123456:ABC-def";

dialogs::Reply question() {
  return dialogs::Reply{"Does the numbness run down the back of your leg, below the knee?",
                        {{"yes", "Yes"}, {"no", "No"}, {"unsure", "Not sure"}},
                        std::nullopt};
}

bool valid_utf8(std::string_view text) {
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted.push_back('"');
  quoted.append(text);
  quoted.push_back('"');
  return !json::parse(quoted, nullptr, false).is_discarded();
}

TEST(TelegramRender, ReplyWithChoicesIsOneSendMessageWithInlineKeyboard) {
  auto calls = render_reply(question(), kAddress, kToken);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].method, "POST");
  EXPECT_EQ(calls[0].path, "/bot123456:ABC-def/sendMessage");
  EXPECT_EQ(calls[0].log_name, "telegram.sendMessage");
  EXPECT_EQ(calls[0].headers.get("Content-Type"), "application/json");
  EXPECT_EQ(json::parse(calls[0].body), json::parse(R"({
    "chat_id": 6112309874,
    "text": "Does the numbness run down the back of your leg, below the knee?",
    "reply_markup": {"inline_keyboard": [[
      {"text": "Yes", "callback_data": "yes"},
      {"text": "No", "callback_data": "no"},
      {"text": "Not sure", "callback_data": "unsure"}]]}})"));
}

TEST(TelegramRender, PlainReplyHasNoMarkupAndNoParseMode) {
  auto calls =
      render_reply(dialogs::Reply{"Take care *now* <b>_</b>.", {}, std::nullopt}, kAddress, kToken);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(json::parse(calls[0].body),
            json({{"chat_id", 6112309874LL}, {"text", "Take care *now* <b>_</b>."}}));
}

TEST(TelegramRender, LongLabelsGetOneRowEach) {
  dialogs::Reply reply{
      "Which side?", {{"left", "Only my left leg"}, {"right", "Only my right leg"}}, std::nullopt};
  json body = json::parse(render_reply(reply, kAddress, kToken)[0].body);
  EXPECT_EQ(body["reply_markup"]["inline_keyboard"].size(), 2u);
  EXPECT_EQ(body["reply_markup"]["inline_keyboard"][1][0]["callback_data"], "right");
}

TEST(TelegramRender, OverlongChoiceIdFallsBackToNumberedText) {
  dialogs::Reply reply{
      "Pick one", {{std::string(65, 'x'), "First"}, {"b", "Second"}}, std::nullopt};
  auto calls = render_reply(reply, kAddress, kToken);
  ASSERT_EQ(calls.size(), 1u);
  json body = json::parse(calls[0].body);
  EXPECT_FALSE(body.contains("reply_markup"));
  EXPECT_EQ(body["text"], "Pick one\n\n1. First\n2. Second");
}

TEST(TelegramRender, ChoiceIdOfExactly64BytesIsAButton) {
  dialogs::Reply reply{"Pick", {{std::string(64, 'x'), "X"}}, std::nullopt};
  json body = json::parse(render_reply(reply, kAddress, kToken)[0].body);
  EXPECT_EQ(body["reply_markup"]["inline_keyboard"][0][0]["callback_data"], std::string(64, 'x'));
}

TEST(TelegramRender, NoChatIdMeansNoCall) {
  EXPECT_TRUE(render_reply(question(), json::object(), kToken).empty());
  EXPECT_TRUE(render_reply(question(), json{{"chat_id", "61"}}, kToken).empty());
}

TEST(TelegramRender, LongTextSplitsAtParagraphsWithKeyboardOnLastPart) {
  std::string first(3000, 'a');
  std::string second(3000, 'b');
  dialogs::Reply reply{first + "\n\n" + second, {{"ok", "OK"}}, std::nullopt};
  auto calls = render_reply(reply, kAddress, kToken);
  ASSERT_EQ(calls.size(), 2u);
  json one = json::parse(calls[0].body);
  json two = json::parse(calls[1].body);
  EXPECT_EQ(one["text"], first);
  EXPECT_FALSE(one.contains("reply_markup"));
  EXPECT_EQ(two["text"], second);
  EXPECT_TRUE(two.contains("reply_markup"));
}

TEST(TelegramSplit, PrefersParagraphThenLineThenSpace) {
  EXPECT_EQ(split_text("aaaa\n\nbb\ncc dd", 10), (std::vector<std::string>{"aaaa", "bb\ncc dd"}));
  EXPECT_EQ(split_text("aaaa\nbbbbb cc", 10), (std::vector<std::string>{"aaaa", "bbbbb cc"}));
  EXPECT_EQ(split_text("aaa bbb ccc", 8), (std::vector<std::string>{"aaa bbb", "ccc"}));
  EXPECT_EQ(split_text("abcdefghij", 4), (std::vector<std::string>{"abcd", "efgh", "ij"}));
}

TEST(TelegramSplit, MultibyteTextNeverSplitsInsideASequence) {
  // "é" is 2 bytes / 1 unit; "😀" is 4 bytes / 2 UTF-16 units.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "😀é";  // 9000 units, no spaces
  auto parts = split_text(text);
  ASSERT_EQ(parts.size(), 3u);
  std::string joined;
  for (const auto& part : parts) {
    EXPECT_LE(utf16_length(part), kMaxMessageUnits);
    EXPECT_TRUE(valid_utf8(part));
    joined += part;
  }
  EXPECT_EQ(joined, text);
  EXPECT_EQ(utf16_length(parts[0]), 4095u);  // a surrogate pair does not fit in the last unit
}

TEST(TelegramSplit, TextOfExactly4096UnitsIsOnePart) {
  std::string text;
  for (int i = 0; i < 2048; ++i) text += "😀";
  EXPECT_EQ(utf16_length(text), 4096u);
  EXPECT_EQ(split_text(text).size(), 1u);
  EXPECT_EQ(split_text(text + "a").size(), 2u);
}

TEST(TelegramSplit, TextOfNoMoreBytesThanTheLimitComesBackWholeAsItWas) {
  // Bytes never undercount UTF-16 units, so these fit without a count: as they were,
  // leading and trailing breaks included (only a cut trims them).
  for (const std::string text : {"\nabc def\n", "ééééé", "a😀b😀", "x"}) {
    EXPECT_EQ(split_text(text, text.size()), std::vector<std::string>{text}) << text;
    EXPECT_EQ(split_text(text, text.size() + 7), std::vector<std::string>{text}) << text;
  }
  EXPECT_TRUE(split_text("", 10).empty());
  // One byte over: counted, and still one part when the units fit.
  EXPECT_EQ(split_text("ééééé", 9), std::vector<std::string>{"ééééé"});
  EXPECT_EQ(split_text("ééééé", 4), (std::vector<std::string>{"éééé", "é"}));
}

TEST(TelegramRender, AnswerCallbackQuery) {
  OutboundCall call = render_answer_callback("2625082318374620211", kToken);
  EXPECT_EQ(call.path, "/bot123456:ABC-def/answerCallbackQuery");
  EXPECT_EQ(call.log_name, "telegram.answerCallbackQuery");
  EXPECT_EQ(json::parse(call.body), json({{"callback_query_id", "2625082318374620211"}}));
}

TEST(TelegramRender, GroupPointerRepliesToTheMention) {
  OutboundCall call = render_group_pointer({-100123, 55}, "leg_triage_demo_bot", kToken);
  json body = json::parse(call.body);
  EXPECT_EQ(body["chat_id"], -100123);
  EXPECT_EQ(body["text"], group_pointer_text("leg_triage_demo_bot"));
  EXPECT_EQ(body["reply_parameters"]["message_id"], 55);
  EXPECT_FALSE(body.contains("reply_markup"));
}

struct ClassifyCase {
  int status;
  std::string body;
  Kind kind;
  std::string reason;
  int retry_after = 0;
};

TEST(TelegramClassify, Table) {
  const std::vector<ClassifyCase> cases = {
      {200, telegram_fixture("telegram_send_message_ok.json"), Kind::delivered, ""},
      {429, telegram_fixture("telegram_429.json"), Kind::retry_after,
       "Too Many Requests: retry after 7", 7},
      {500, R"({"ok":false,"error_code":500,"description":"Internal Server Error"})",
       Kind::back_off, "http 500: Internal Server Error"},
      {502, "<html>Bad Gateway</html>", Kind::back_off, "http 502"},
      {200, "not json", Kind::back_off, "unreadable answer"},
      {400, "<html>", Kind::back_off, "http 400"},
      {400,
       R"({"ok":false,"error_code":400,"description":"Bad Request: query is too old and response timeout expired or query ID is invalid"})",
       Kind::dead,
       "Bad Request: query is too old and response timeout expired or query ID is invalid"},
      {403,
       R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})",
       Kind::dead, "Forbidden: bot was blocked by the user"},
      {401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})", Kind::dead,
       "unauthorized"},
      {400,
       R"({"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001234567890}})",
       Kind::dead, "migrated to chat -1001234567890"},
      {404, R"({"ok":false,"error_code":404})", Kind::dead, "http 404"},
      {429, R"({"ok":false,"error_code":429,"parameters":"seven"})", Kind::back_off,
       "rate limited without retry_after"},
  };
  for (const auto& c : cases) {
    DeliveryOutcome outcome = classify(c.status, c.body, Headers{});
    EXPECT_EQ(outcome.kind, c.kind) << c.status << " " << c.body;
    EXPECT_EQ(outcome.reason, c.reason) << c.status << " " << c.body;
    EXPECT_EQ(outcome.retry_after, std::chrono::seconds(c.retry_after)) << c.body;
  }
}

TEST(TelegramClassify, RetryAfterHeaderIsTheFallback) {
  Headers headers;
  headers.set("Retry-After", "3");
  DeliveryOutcome outcome = classify(429, "", headers);
  EXPECT_EQ(outcome.kind, Kind::retry_after);
  EXPECT_EQ(outcome.retry_after, std::chrono::seconds(3));
}

TEST(TelegramClassify, OkFalseWith200IsNotDelivered) {
  EXPECT_NE(classify(200, R"({"ok":false})", Headers{}).kind, Kind::delivered);
}

}  // namespace
}  // namespace outbound_test
}  // namespace triagebot::adapters::telegram
