#include "adapters/slack/events.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/adapters/slack/fixture.h"

namespace triagebot::adapters::slack {
namespace events_test {
namespace {

using nlohmann::json;
using testing::slack_event_request;
using testing::slack_fixture;
using testing::slack_now;

const InboundOptions kOptions{.bot_user_id = "U07BOT4TRI", .now = slack_now()};

json fixture_json(const std::string& name) { return json::parse(slack_fixture(name)); }

ParsedEvent parsed(const json& body, const InboundOptions& options = kOptions) {
  auto result = parse_event_body(body.dump(), options);
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? *result : ParsedEvent{};
}

std::string parse_error(const std::string& body) {
  auto result = parse_event_body(body, kOptions);
  EXPECT_FALSE(result.has_value());
  return result ? std::string("parsed")
                : std::string(to_string(result.error().code)) + ": " + result.error().message;
}

json dm_with(const json& changes) {
  json body = fixture_json("slack_event_message_im.json");
  body["event"].merge_patch(changes);
  return body;
}

// Seconds past 2100 would overflow system_clock's nanoseconds once converted: refused
// where they are read, with nothing parsed.
TEST(SlackEvents, TimesOutOfRangeAreBadRequests) {
  json late_envelope = fixture_json("slack_event_message_im.json");
  late_envelope["event_time"] = 9007199254740992LL;
  EXPECT_EQ(parse_error(late_envelope.dump()), "bad_request: payload.event_time is out of range");
  json negative = fixture_json("slack_event_message_im.json");
  negative["event_time"] = -5;
  EXPECT_EQ(parse_error(negative.dump()), "bad_request: payload.event_time is out of range");
  for (const char* ts : {"99999999999.000100", "9007199254740992.000100", "not-a-ts", ""}) {
    EXPECT_EQ(parse_error(dm_with({{"ts", ts}}).dump()),
              "bad_request: event.ts is not a Slack timestamp")
        << ts;
  }
  // The last second accepted.
  EXPECT_EQ(parsed(dm_with({{"ts", "4102444800.000100"}})).event->at.time_since_epoch(),
            std::chrono::seconds(4102444800LL));
}

TEST(SlackEvents, UrlVerificationGivesTheChallenge) {
  auto event = parsed(fixture_json("slack_url_verification.json"));
  EXPECT_EQ(event.kind, EventKind::url_verification);
  EXPECT_EQ(event.challenge, "q8Vn2LfX0dR7pK3tW9eB6mZ1sJ4hG5cY0aU8iO2rT6wQ1xE");
  EXPECT_EQ(json::parse(url_verification_answer(event.challenge)),
            json({{"challenge", "q8Vn2LfX0dR7pK3tW9eB6mZ1sJ4hG5cY0aU8iO2rT6wQ1xE"}}));
}

TEST(SlackEvents, DirectMessageIsATurn) {
  auto event = parsed(fixture_json("slack_event_message_im.json"));
  ASSERT_EQ(event.kind, EventKind::turn);
  EXPECT_EQ(event.event_id, "slack:Ev081HR5Q2UC");
  ASSERT_TRUE(event.event.has_value());
  const InboundEvent& turn = *event.event;
  EXPECT_EQ(turn.platform, Platform::slack);
  EXPECT_EQ(turn.conversation_key, "T04QZ7R9B2L:U05MAR1AJ7K");
  EXPECT_EQ(turn.user_key, "U05MAR1AJ7K");
  EXPECT_EQ(turn.event_id, "slack:Ev081HR5Q2UC");
  EXPECT_EQ(turn.input.kind, dialogs::Input::Kind::text);
  EXPECT_EQ(turn.input.text, "both my feet feel numb, started about a month ago");
  EXPECT_EQ(turn.at, std::chrono::system_clock::time_point(std::chrono::seconds(1732540101)));
  EXPECT_EQ(turn.reply_address, json({{"channel", "D07QK1M2R3S"}}));
  EXPECT_FALSE(event.thread_pointer.has_value());
}

TEST(SlackEvents, TypedTextIsUnescaped) {
  auto event = parsed(dm_with({{"text", "pain &gt; 5 &amp; numb &lt;3"}}));
  ASSERT_TRUE(event.event.has_value());
  EXPECT_EQ(event.event->input.text, "pain > 5 & numb <3");
}

TEST(SlackEvents, MentionStartsADirectInterviewAndAThreadPointer) {
  auto event = parsed(fixture_json("slack_event_app_mention.json"));
  ASSERT_EQ(event.kind, EventKind::mention);
  ASSERT_TRUE(event.event.has_value());
  EXPECT_EQ(event.event->input.text, "my right calf goes numb when I walk");
  EXPECT_EQ(event.event->conversation_key, "T04QZ7R9B2L:U05MAR1AJ7K");
  EXPECT_EQ(event.event->event_id, "slack:Ev081J2K7W9D");
  // The channel is public: replies must go to a DM that is still to be opened.
  EXPECT_EQ(event.event->reply_address, json({{"user", "U05MAR1AJ7K"}}));
  ASSERT_TRUE(event.thread_pointer.has_value());
  EXPECT_EQ(event.thread_pointer->channel, "C06CLINIC42");
  EXPECT_EQ(event.thread_pointer->thread_ts, "1732540555.001900");
  EXPECT_EQ(event.thread_pointer->user, "U05MAR1AJ7K");
}

TEST(SlackEvents, MentionInAThreadAnswersInThatThread) {
  json body = fixture_json("slack_event_app_mention.json");
  body["event"]["thread_ts"] = "1732540000.000100";
  EXPECT_EQ(parsed(body).thread_pointer->thread_ts, "1732540000.000100");
}

TEST(SlackEvents, BareMentionStartsTheInterview) {
  json body = fixture_json("slack_event_app_mention.json");
  body["event"]["text"] = "<@U07BOT4TRI>";
  auto event = parsed(body);
  ASSERT_EQ(event.kind, EventKind::mention);
  EXPECT_EQ(event.event->input.text, "/start");
}

TEST(SlackEvents, MentionInADirectMessageIsLeftToMessageIm) {
  json body = fixture_json("slack_event_app_mention.json");
  body["event"]["channel"] = "D07QK1M2R3S";
  auto event = parsed(body);
  EXPECT_EQ(event.kind, EventKind::ignored);
  EXPECT_EQ(event.ignored_reason, "mention_in_direct_message");
}

TEST(SlackEvents, StripsOnlyOurMention) {
  EXPECT_EQ(strip_mention("<@U07BOT4TRI> my calf", "U07BOT4TRI"), "my calf");
  EXPECT_EQ(strip_mention("<@U07BOT4TRI|triagebot>: my calf", "U07BOT4TRI"), "my calf");
  EXPECT_EQ(strip_mention("hey <@U07BOT4TRI>, my calf", "U07BOT4TRI"), "hey , my calf");
  EXPECT_EQ(strip_mention("<@U0OTHER> and <@U07BOT4TRI> help", "U07BOT4TRI"),
            "<@U0OTHER> and  help");
  EXPECT_EQ(strip_mention("<@U0ANY> my calf", ""), "my calf");
  EXPECT_EQ(strip_mention("my calf <@U0ANY>", ""), "my calf <@U0ANY>");
  EXPECT_EQ(strip_mention("<@U07BOT4TRI unclosed", "U07BOT4TRI"), "<@U07BOT4TRI unclosed");
}

TEST(SlackEvents, BotMessagesAreIgnored) {
  auto event = parsed(fixture_json("slack_event_bot_message.json"));
  EXPECT_EQ(event.kind, EventKind::ignored);
  EXPECT_EQ(event.ignored_reason, "subtype:bot_message");
  EXPECT_EQ(event.event_id, "slack:Ev081K9PZ3MQ");
  EXPECT_FALSE(event.event.has_value());
}

TEST(SlackEvents, OurOwnEchoWithBotIdAndNoSubtypeIsIgnored) {
  auto event = parsed(dm_with({{"bot_id", "B07TRIBOT1"}, {"user", "U07BOT4TRI"}}));
  EXPECT_EQ(event.kind, EventKind::ignored);
  EXPECT_EQ(event.ignored_reason, "bot");
}

TEST(SlackEvents, OurOwnUserIsIgnoredEvenWithoutBotId) {
  auto event = parsed(dm_with({{"user", "U07BOT4TRI"}}));
  EXPECT_EQ(event.kind, EventKind::ignored);
  EXPECT_EQ(event.ignored_reason, "own_message");
}

TEST(SlackEvents, EverySubtypeIsIgnored) {
  for (std::string subtype : {"message_changed", "message_deleted", "channel_join", "file_share",
                              "thread_broadcast", "me_message"}) {
    auto event = parsed(dm_with({{"subtype", subtype}}));
    EXPECT_EQ(event.kind, EventKind::ignored) << subtype;
    EXPECT_EQ(event.ignored_reason, "subtype:" + subtype);
    EXPECT_FALSE(event.event.has_value());
  }
}

TEST(SlackEvents, ChannelMessagesAreNeverTurns) {
  for (std::string type : {"channel", "group", "mpim"}) {
    auto event = parsed(dm_with({{"channel_type", type}, {"channel", "C06CLINIC42"}}));
    EXPECT_EQ(event.kind, EventKind::ignored) << type;
    EXPECT_EQ(event.ignored_reason, "not_a_direct_message");
  }
}

TEST(SlackEvents, OtherEventTypesAndPayloadTypesAreIgnored) {
  json reaction = fixture_json("slack_event_message_im.json");
  reaction["event"] = {{"type", "reaction_added"}, {"user", "U05MAR1AJ7K"}};
  EXPECT_EQ(parsed(reaction).ignored_reason, "event_type:reaction_added");
  auto limited = parsed(json{{"type", "app_rate_limited"}, {"minute_rate_limited", 1518467820}});
  EXPECT_EQ(limited.kind, EventKind::ignored);
  EXPECT_EQ(limited.ignored_reason, "payload_type:app_rate_limited");
}

TEST(SlackEvents, EmptyOrMissingTextIsIgnored) {
  EXPECT_EQ(parsed(dm_with({{"text", "  "}})).ignored_reason, "no_text");
  json body = fixture_json("slack_event_message_im.json");
  body["event"].erase("text");
  EXPECT_EQ(parsed(body).ignored_reason, "no_text");
}

TEST(SlackEvents, MessageWithoutUserOrChannelIsIgnored) {
  json body = fixture_json("slack_event_message_im.json");
  body["event"].erase("user");
  EXPECT_EQ(parsed(body).ignored_reason, "incomplete");
}

TEST(SlackEvents, NullOptionalFieldsReadAsAbsent) {
  auto event = parsed(dm_with({{"bot_id", nullptr}, {"subtype", nullptr}}));
  EXPECT_EQ(event.kind, EventKind::turn);
}

TEST(SlackEvents, UnknownFieldsAreIgnored) {
  json body = dm_with({{"brand_new_field", {{"nested", true}}}});
  body["another_new_field"] = 42;
  EXPECT_EQ(parsed(body).kind, EventKind::turn);
}

TEST(SlackEvents, KnownFieldsOfTheWrongTypeAreBadRequests) {
  EXPECT_EQ(parse_error(dm_with({{"text", 42}}).dump()), "bad_request: event.text is not a string");
  EXPECT_EQ(parse_error(dm_with({{"user", {{"id", "U1"}}}}).dump()),
            "bad_request: event.user is not a string");
  EXPECT_EQ(parse_error(dm_with({{"subtype", true}}).dump()),
            "bad_request: event.subtype is not a string");
  json body = fixture_json("slack_event_message_im.json");
  body["event_id"] = 7;
  EXPECT_EQ(parse_error(body.dump()), "bad_request: payload.event_id is not a string");
  body = fixture_json("slack_event_message_im.json");
  body["event"] = "message";
  EXPECT_EQ(parse_error(body.dump()), "bad_request: payload.event is not an object");
  body = fixture_json("slack_event_message_im.json");
  body["event_time"] = "1732540101";
  EXPECT_EQ(parse_error(body.dump()), "bad_request: payload.event_time is not an integer");
}

TEST(SlackEvents, MalformedBodiesAreBadRequests) {
  EXPECT_EQ(parse_error("not json"), "bad_request: body is not JSON");
  EXPECT_EQ(parse_error("[1,2]"), "bad_request: payload is not a JSON object");
  EXPECT_EQ(parse_error("{}"), "bad_request: payload has no type");
  EXPECT_EQ(parse_error(R"({"type":"url_verification"})"),
            "bad_request: url_verification has no challenge");
  EXPECT_EQ(parse_error(R"({"type":"event_callback","event":{"type":"message"}})"),
            "bad_request: event_callback has no event_id");
  EXPECT_EQ(parse_error(R"({"type":"event_callback","event_id":"Ev1"})"),
            "bad_request: event_callback has no event");
  EXPECT_EQ(parse_error(std::string(100, '[') + std::string(100, ']')),
            "bad_request: payload nested too deeply");
}

TEST(SlackEvents, TextIsBoundedAndFreeOfNul) {
  EXPECT_EQ(parsed(dm_with({{"text", std::string(40000, 'a')}})).kind, EventKind::turn);
  EXPECT_EQ(parse_error(dm_with({{"text", std::string(40001, 'a')}}).dump()),
            "bad_request: event.text is longer than 40000 characters");
  EXPECT_EQ(parse_error(dm_with({{"text", std::string("numb\0foot", 9)}}).dump()),
            "bad_request: event.text contains a NUL character");
}

TEST(SlackEvents, RetryHeadersAreRecordedAndDoNotChangeTheKey) {
  HttpRequest request = slack_event_request(slack_fixture("slack_event_message_im.json"));
  request.headers.set("X-Slack-Retry-Num", "2");
  request.headers.set("X-Slack-Retry-Reason", "http_timeout");
  auto result = parse_event_request(request, kOptions);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->redelivery.attempt, 2);
  EXPECT_EQ(result->redelivery.reason, "http_timeout");
  EXPECT_EQ(result->event->event_id, "slack:Ev081HR5Q2UC");

  auto first = parse_event_request(
      slack_event_request(slack_fixture("slack_event_message_im.json")), kOptions);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->redelivery.attempt, 0);
  EXPECT_EQ(first->redelivery.reason, "");
}

TEST(SlackEvents, GarbledRetryNumberIsNotAnError) {
  HttpRequest request = slack_event_request(slack_fixture("slack_event_message_im.json"));
  request.headers.set("X-Slack-Retry-Num", "two");
  auto result = parse_event_request(request, kOptions);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->redelivery.attempt, 0);
}

TEST(SlackEvents, EventTimeFallsBackToEnvelopeThenNow) {
  json body = fixture_json("slack_event_message_im.json");
  body["event"].erase("ts");
  EXPECT_EQ(parsed(body).event->at,
            std::chrono::system_clock::time_point(std::chrono::seconds(1732540101)));
  body.erase("event_time");
  EXPECT_EQ(parsed(body).event->at, slack_now());
}

TEST(SlackEvents, WithoutAWorkspaceTheKeyIsTheUser) {
  json body = fixture_json("slack_event_message_im.json");
  body.erase("team_id");
  body["event"].erase("team");
  EXPECT_EQ(parsed(body).event->conversation_key, "U05MAR1AJ7K");
}

TEST(SlackEvents, EveryTruncationOfABodyIsRefusedCleanly) {
  // Walk the failure path byte by byte: a cut body is never a half-parsed event.
  const std::string body = slack_fixture("slack_event_app_mention.json");
  for (std::size_t length = 0; length + 2 < body.size(); ++length) {
    auto result = parse_event_body(body.substr(0, length), kOptions);
    ASSERT_FALSE(result.has_value()) << length;
    EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  }
}

TEST(SlackEvents, InvalidUtf8IsNotJson) {
  EXPECT_EQ(parse_error(dm_with({{"text", "x"}}).dump().replace(0, 1, "{\"\xff\":1,")),
            "bad_request: body is not JSON");
}

}  // namespace
}  // namespace events_test
}  // namespace triagebot::adapters::slack
