#include "adapters/telegram/inbound.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/adapters/telegram/fixture.h"

namespace triagebot::adapters::telegram {
namespace inbound_test {
namespace {

using nlohmann::json;
using testing::telegram_fixture;
using testing::telegram_request;

const ParseOptions kOptions{
    .bot_username = "leg_triage_demo_bot",
    .now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000))};

ParsedUpdate parsed(const std::string& body) {
  auto result = parse(telegram_request(body), kOptions);
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? *result : ParsedUpdate{};
}

json group_message(const std::string& text) {
  return json{{"update_id", 900},
              {"message",
               {{"message_id", 55},
                {"date", 1732540211},
                {"from", {{"id", 42}, {"is_bot", false}, {"first_name", "Ann"}}},
                {"chat", {{"id", -1001234567890LL}, {"type", "supergroup"}, {"title", "Family"}}},
                {"text", text}}}};
}

TEST(TelegramVerify, AcceptsTheConfiguredSecret) {
  EXPECT_TRUE(verify(telegram_request("{}", "s3cret-Token_1"), "s3cret-Token_1").has_value());
}

TEST(TelegramVerify, HeaderNameIsCaseInsensitive) {
  HttpRequest request = telegram_request("{}", "");
  request.headers.set("x-telegram-bot-api-secret-token", "s3cret-Token_1");
  EXPECT_TRUE(verify(request, "s3cret-Token_1").has_value());
}

TEST(TelegramVerify, RejectsMissingHeader) {
  auto result = verify(telegram_request("{}", ""), "s3cret-Token_1");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::unauthorized);
}

TEST(TelegramVerify, RejectsWrongSecretOfSameLength) {
  auto result = verify(telegram_request("{}", "s3cret-Token_2"), "s3cret-Token_1");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::unauthorized);
}

TEST(TelegramVerify, RejectsSecretOfDifferentLength) {
  EXPECT_FALSE(verify(telegram_request("{}", "s3cret-Token_1x"), "s3cret-Token_1").has_value());
  EXPECT_FALSE(verify(telegram_request("{}", "s3cret-Token_"), "s3cret-Token_1").has_value());
}

TEST(TelegramVerify, EmptyConfiguredSecretFailsClosed) {
  HttpRequest request = telegram_request("{}", "");
  request.headers.set("X-Telegram-Bot-Api-Secret-Token", "");
  auto result = verify(request, "");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::unauthorized);
}

TEST(TelegramVerify, ErrorNeverEchoesTheSecret) {
  auto result = verify(telegram_request("{}", "guess-guess"), "s3cret-Token_1");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().message.find("s3cret"), std::string::npos);
  EXPECT_EQ(result.error().message.find("guess"), std::string::npos);
}

TEST(TelegramSecretToken, AcceptsOnlyTelegramsAlphabet) {
  EXPECT_TRUE(is_valid_secret_token("abc_DEF-123"));
  EXPECT_TRUE(is_valid_secret_token(std::string(256, 'a')));
  EXPECT_FALSE(is_valid_secret_token(""));
  EXPECT_FALSE(is_valid_secret_token(std::string(257, 'a')));
  EXPECT_FALSE(is_valid_secret_token("123456:ABC-token"));  // a bot token is not a secret
  EXPECT_FALSE(is_valid_secret_token("with space"));
}

TEST(TelegramParse, TextMessageInPrivateChatIsATextEvent) {
  ParsedUpdate update = parsed(telegram_fixture("telegram_message.json"));
  EXPECT_EQ(update.update_id, 804211537);
  ASSERT_EQ(update.events.size(), 1u);
  const InboundEvent& event = update.events[0];
  EXPECT_EQ(event.platform, Platform::telegram);
  EXPECT_EQ(event.conversation_key, "6112309874");
  EXPECT_EQ(event.user_key, "6112309874");
  EXPECT_EQ(event.event_id, "tg:804211537");
  EXPECT_EQ(event.input.kind, dialogs::Input::Kind::text);
  EXPECT_EQ(event.input.text, "Hi, my left foot has been tingling and numb since Monday");
  EXPECT_EQ(event.at, std::chrono::system_clock::time_point(std::chrono::seconds(1732540211)));
  EXPECT_EQ(event.reply_address, json({{"chat_id", 6112309874LL}}));
  EXPECT_TRUE(event.reply_address["chat_id"].is_number_integer());
}

TEST(TelegramParse, CallbackQueryIsAChoiceEventWithCallbackId) {
  ParsedUpdate update = parsed(telegram_fixture("telegram_callback_query.json"));
  ASSERT_EQ(update.events.size(), 1u);
  const InboundEvent& event = update.events[0];
  EXPECT_EQ(event.input.kind, dialogs::Input::Kind::choice);
  EXPECT_EQ(event.input.choice_id, "yes");
  EXPECT_EQ(event.conversation_key, "6112309874");
  EXPECT_EQ(event.event_id, "tg:804211541");
  EXPECT_EQ(event.at, kOptions.now);
  EXPECT_EQ(event.reply_address,
            json({{"chat_id", 6112309874LL}, {"callback_query_id", "2625082318374620211"}}));
  EXPECT_FALSE(update.unanswered_callback_query_id.has_value());
}

TEST(TelegramParse, CallbackWithoutMessageUsesTheSendersId) {
  json update = json::parse(telegram_fixture("telegram_callback_query.json"));
  update["callback_query"].erase("message");
  ParsedUpdate result = parsed(update.dump());
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].reply_address["chat_id"], 6112309874LL);
}

TEST(TelegramParse, CallbackWithoutDataStillNeedsAnAnswer) {
  json update = json::parse(telegram_fixture("telegram_callback_query.json"));
  update["callback_query"].erase("data");
  ParsedUpdate result = parsed(update.dump());
  EXPECT_TRUE(result.events.empty());
  EXPECT_EQ(result.unanswered_callback_query_id, "2625082318374620211");
}

TEST(TelegramParse, EditedMessageIsIgnored) {
  ParsedUpdate update = parsed(telegram_fixture("telegram_edited_message.json"));
  EXPECT_EQ(update.update_id, 804211539);
  EXPECT_TRUE(update.events.empty());
  EXPECT_FALSE(update.membership.has_value());
}

TEST(TelegramParse, PhotoWithoutTextGivesNoEventButATextOnlyHint) {
  ParsedUpdate update = parsed(telegram_fixture("telegram_photo_message.json"));
  EXPECT_TRUE(update.events.empty());
  EXPECT_EQ(update.text_only_chat_id, 6112309874LL);
}

TEST(TelegramParse, BlockingTheBotIsAMembershipNotice) {
  ParsedUpdate update = parsed(telegram_fixture("telegram_my_chat_member.json"));
  EXPECT_TRUE(update.events.empty());
  ASSERT_TRUE(update.membership.has_value());
  EXPECT_EQ(update.membership->chat_id, 6112309874LL);
  EXPECT_TRUE(update.membership->blocked);
}

TEST(TelegramParse, UnblockingTheBotIsAMembershipNotice) {
  json update = json::parse(telegram_fixture("telegram_my_chat_member.json"));
  update["my_chat_member"]["new_chat_member"]["status"] = "member";
  ParsedUpdate result = parsed(update.dump());
  ASSERT_TRUE(result.membership.has_value());
  EXPECT_FALSE(result.membership->blocked);
}

TEST(TelegramParse, OtherUpdateKindsGiveNothing) {
  for (const char* kind :
       {"channel_post", "chat_member", "message_reaction", "poll", "brand_new"}) {
    json update{{"update_id", 7}, {kind, {{"chat", {{"id", 1}, {"type", "channel"}}}}}};
    ParsedUpdate result = parsed(update.dump());
    EXPECT_TRUE(result.events.empty()) << kind;
    EXPECT_FALSE(result.membership || result.group_pointer || result.text_only_chat_id) << kind;
  }
}

TEST(TelegramParse, StartCommandPassesAsTextWithOwnSuffixStripped) {
  json update = json::parse(telegram_fixture("telegram_message.json"));
  update["message"]["text"] = "/start@Leg_Triage_Demo_Bot hello";
  ParsedUpdate result = parsed(update.dump());
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].input.text, "/start hello");

  update["message"]["text"] = "/help";
  ASSERT_EQ(parsed(update.dump()).events.size(), 1u);
  EXPECT_EQ(parsed(update.dump()).events[0].input.text, "/help");
}

TEST(TelegramParse, GroupMentionGetsOnlyAPointer) {
  ParsedUpdate result = parsed(group_message("@leg_triage_demo_bot my calf is numb").dump());
  EXPECT_TRUE(result.events.empty());
  ASSERT_TRUE(result.group_pointer.has_value());
  EXPECT_EQ(result.group_pointer->chat_id, -1001234567890LL);
  EXPECT_EQ(result.group_pointer->message_id, 55);
}

TEST(TelegramParse, GroupCommandForUsGetsAPointer) {
  EXPECT_TRUE(parsed(group_message("/start@leg_triage_demo_bot").dump()).group_pointer);
  EXPECT_TRUE(parsed(group_message("/start").dump()).group_pointer);
}

TEST(TelegramParse, GroupMessageWithoutMentionGetsNothing) {
  for (const char* text : {"my calf is numb", "ask @leg_triage_demo_bot_fan", "/start@other_bot",
                           "mail me at x@leg_triage_demo_bot"}) {
    ParsedUpdate result = parsed(group_message(text).dump());
    EXPECT_TRUE(result.events.empty()) << text;
    EXPECT_FALSE(result.group_pointer.has_value()) << text;
  }
}

TEST(TelegramParse, GroupGetsNothingWhenTheBotUsernameIsUnknown) {
  auto result = parse(testing::telegram_request(group_message("/start").dump()),
                      ParseOptions{.bot_username = "", .now = {}});
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(result->group_pointer.has_value());
  EXPECT_TRUE(result->events.empty());
}

TEST(TelegramParse, GroupPointerTextLinksToPrivateChatAndSaysNothingClinical) {
  std::string text = group_pointer_text("leg_triage_demo_bot");
  EXPECT_NE(text.find("https://t.me/leg_triage_demo_bot?start="), std::string::npos);
  for (const char* clinical : {"numb", "emergency", "911", "doctor", "symptom"}) {
    EXPECT_EQ(text.find(clinical), std::string::npos) << clinical;
  }
}

TEST(TelegramParse, IdsBeyond32BitsStayExact) {
  json update = json::parse(telegram_fixture("telegram_message.json"));
  update["update_id"] = 9007199254740991LL;  // 2^53 - 1, the largest exact JSON integer
  update["message"]["chat"]["id"] = 9007199254740991LL;
  ParsedUpdate result = parsed(update.dump());
  EXPECT_EQ(result.update_id, 9007199254740991LL);
  ASSERT_EQ(result.events.size(), 1u);
  EXPECT_EQ(result.events[0].conversation_key, "9007199254740991");
  EXPECT_EQ(result.events[0].event_id, "tg:9007199254740991");
}

void expect_bad_request(const json& update) {
  auto result = parse(telegram_request(update.dump()), kOptions);
  ASSERT_FALSE(result.has_value()) << update.dump().substr(0, 200);
  EXPECT_EQ(result.error().code, ErrorCode::bad_request);
}

// Found by mutating the fixtures: 2^53 seconds overflowed the conversion to
// system_clock's nanoseconds (undefined behaviour under UBSan).
TEST(TelegramParse, DatesOutOfRangeAreBadRequests) {
  for (std::int64_t date :
       std::vector<std::int64_t>{9007199254740992LL, 4102444801LL, -1LL, INT64_MAX, INT64_MIN}) {
    json update = json::parse(telegram_fixture("telegram_message.json"));
    update["message"]["date"] = date;
    expect_bad_request(update);
  }
  json latest = json::parse(telegram_fixture("telegram_message.json"));
  latest["message"]["date"] = 4102444800LL;  // 2100-01-01, the last date accepted
  EXPECT_EQ(parsed(latest.dump()).events.at(0).at.time_since_epoch(),
            std::chrono::seconds(4102444800LL));
  json undated = json::parse(telegram_fixture("telegram_message.json"));
  undated["message"]["date"] = 0;  // Telegram's "no date": the caller's clock stands in
  EXPECT_EQ(parsed(undated.dump()).events.at(0).at, kOptions.now);
}

TEST(TelegramParse, IdsOutOfRangeAreBadRequests) {
  const std::int64_t too_big = 9007199254740992LL;  // 2^53
  auto message = [] { return json::parse(telegram_fixture("telegram_message.json")); };
  auto callback = [] { return json::parse(telegram_fixture("telegram_callback_query.json")); };
  std::vector<json> updates;
  updates.push_back(message());
  updates.back()["update_id"] = too_big;
  updates.push_back(message());
  updates.back()["update_id"] = -1;
  updates.push_back(message());
  updates.back()["message"]["chat"]["id"] = too_big;
  updates.push_back(message());
  updates.back()["message"]["chat"]["id"] = -too_big;
  updates.push_back(message());
  updates.back()["message"]["from"]["id"] = 0;
  updates.push_back(message());
  updates.back()["message"]["message_id"] = 2147483648LL;
  updates.push_back(callback());
  updates.back()["callback_query"]["from"]["id"] = too_big;
  updates.push_back(callback());
  updates.back()["callback_query"]["message"]["chat"]["id"] = INT64_MIN;
  json blocked = json::parse(telegram_fixture("telegram_my_chat_member.json"));
  blocked["my_chat_member"]["chat"]["id"] = too_big;
  updates.push_back(blocked);
  for (const json& update : updates) expect_bad_request(update);
}

TEST(TelegramParse, TextOverTelegramsLimitIsABadRequest) {
  json update = json::parse(telegram_fixture("telegram_message.json"));
  update["message"]["text"] = std::string(4096, 'a');
  EXPECT_EQ(parsed(update.dump()).events.size(), 1u);
  update["message"]["text"] = std::string(4097, 'a');
  expect_bad_request(update);
  // Counted in UTF-16 units as Telegram counts: 2048 emoji are 4096 units, one more is over.
  std::string emoji;
  for (int i = 0; i < 2048; ++i) emoji += "\xf0\x9f\x98\x80";
  update["message"]["text"] = emoji;
  EXPECT_EQ(parsed(update.dump()).events.size(), 1u);
  update["message"]["text"] = emoji + "a";
  expect_bad_request(update);
}

TEST(TelegramParse, TextWithNulIsABadRequest) {
  json update = json::parse(telegram_fixture("telegram_message.json"));
  update["message"]["text"] = std::string("numb\0leg", 8);
  expect_bad_request(update);
}

TEST(TelegramParse, CallbackDataOver64BytesIsABadRequest) {
  json update = json::parse(telegram_fixture("telegram_callback_query.json"));
  update["callback_query"]["data"] = std::string(64, 'x');
  EXPECT_EQ(parsed(update.dump()).events.size(), 1u);
  update["callback_query"]["data"] = std::string(65, 'x');
  expect_bad_request(update);
}

TEST(TelegramParse, HostileBodiesAreBadRequests) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::string deep_in_update =
      "{\"update_id\":1,\"message\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  for (const std::string& body :
       {std::string(""), std::string("null"), std::string("[]"), std::string("\"text\""),
        std::string("{"), std::string("{\"update_id\":\"1\"}"), std::string("{\"update_id\":1.5}"),
        std::string("{\"update_id\":1e400}"), std::string("{\"update_id\":99999999999999999999}"),
        std::string("{\"update_id\":18446744073709551615}"), std::string("{\"message\":{}}"),
        std::string("{\"update_id\":1,\"message\":\"\xff\xfe\"}"), deep, deep_in_update}) {
    auto result = parse(telegram_request(body), kOptions);
    ASSERT_FALSE(result.has_value()) << body.substr(0, 60);
    EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  }
}

TEST(TelegramParse, KnownFieldsOfTheWrongTypeAreBadRequests) {
  for (
      const char* body :
      {R"({"update_id":1,"message":"hello"})", R"({"update_id":1,"message":[1,2]})",
       R"({"update_id":1,"callback_query":true})", R"({"update_id":1,"my_chat_member":7})",
       R"({"update_id":1,"message":{"chat":{"id":"12","type":"private"},"text":"hi"}})",
       R"({"update_id":1,"message":{"chat":{"id":12,"type":"private"},"text":5}})",
       R"({"update_id":1,"message":{"chat":{"id":12,"type":"private"},"date":"today","text":"hi"}})",
       R"({"update_id":1,"message":{"chat":{"id":12,"type":"private"},"from":{"id":3,"is_bot":"yes"},"text":"hi"}})",
       R"({"update_id":1,"message":{"chat":"private","text":"hi"}})",
       R"({"update_id":1,"callback_query":{"id":7,"data":"yes"}})",
       R"({"update_id":1,"callback_query":{"id":"7","from":{"id":3},"data":["yes"]}})",
       R"({"update_id":1,"my_chat_member":{"chat":{"id":1,"type":"private"},"new_chat_member":{"status":3}}})"}) {
    auto result = parse(telegram_request(body), kOptions);
    ASSERT_FALSE(result.has_value()) << body;
    EXPECT_EQ(result.error().code, ErrorCode::bad_request) << body;
  }
}

TEST(TelegramParse, UnknownFieldsAreIgnored) {
  json update = json::parse(telegram_fixture("telegram_message.json"));
  update["business_connection"] = "something new";
  update["message"]["quote"] = 17;
  update["message"]["from"]["is_premium"] = "not read";
  update["message"]["chat"]["title"] = json::array();
  EXPECT_EQ(parsed(update.dump()).events.size(), 1u);
}

TEST(TelegramParse, MessagesFromBotsAreIgnored) {
  json update = json::parse(telegram_fixture("telegram_message.json"));
  update["message"]["from"]["is_bot"] = true;
  EXPECT_TRUE(parsed(update.dump()).events.empty());
}

}  // namespace
}  // namespace inbound_test
}  // namespace triagebot::adapters::telegram
