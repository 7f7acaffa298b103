#include "adapters/slack/interactions.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/slack/signature.h"
#include "tests/adapters/slack/fixture.h"

namespace triagebot::adapters::slack {
namespace interactions_test {
namespace {

using nlohmann::json;
using testing::kSlackSecret;
using testing::slack_fixture;
using testing::slack_now;
using testing::slack_request;

const InboundOptions kOptions{.bot_user_id = "U07BOT4TRI", .now = slack_now()};

// Form encoding as Slack sends it: spaces as '+', everything but unreserved characters
// as %XX.
std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

HttpRequest interaction_request(const json& payload) {
  return slack_request("payload=" + form_encode(payload.dump()), "/webhooks/slack/interactions",
                       "application/x-www-form-urlencoded");
}

json press() { return json::parse(slack_fixture("slack_block_actions.json")); }

ParsedInteraction parsed(const json& payload) {
  auto result = parse_interaction_request(interaction_request(payload), kOptions);
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? *result : ParsedInteraction{};
}

std::string parse_error(const json& payload) {
  auto result = parse_interaction_request(interaction_request(payload), kOptions);
  EXPECT_FALSE(result.has_value());
  return result ? std::string("parsed")
                : std::string(to_string(result.error().code)) + ": " + result.error().message;
}

TEST(SlackInteractions, SignatureCoversTheRawFormBody) {
  HttpRequest request = interaction_request(press());
  EXPECT_EQ(check_signature(request, kSlackSecret, slack_now()), SignatureCheck::valid);
  request.body.back() = request.body.back() == 'D' ? 'E' : 'D';
  EXPECT_EQ(check_signature(request, kSlackSecret, slack_now()), SignatureCheck::mismatch);
}

TEST(SlackInteractions, ButtonPressIsAChoice) {
  auto interaction = parsed(press());
  ASSERT_EQ(interaction.kind, InteractionKind::button_press);
  ASSERT_TRUE(interaction.event.has_value());
  const InboundEvent& event = *interaction.event;
  EXPECT_EQ(event.platform, Platform::slack);
  EXPECT_EQ(event.input.kind, dialogs::Input::Kind::choice);
  EXPECT_EQ(event.input.choice_id, "yes");
  EXPECT_EQ(event.conversation_key, "T04QZ7R9B2L:U05MAR1AJ7K");
  EXPECT_EQ(event.user_key, "U05MAR1AJ7K");
  EXPECT_EQ(event.event_id,
            "slack:press:U05MAR1AJ7K:D07QK1M2R3S:1732540122.004100:1732540131.662408");
  EXPECT_EQ(event.at, std::chrono::system_clock::time_point(std::chrono::seconds(1732540131)));
  EXPECT_EQ(event.reply_address, json({{"channel", "D07QK1M2R3S"}}));
  ASSERT_TRUE(interaction.pressed.has_value());
  EXPECT_EQ(interaction.pressed->channel, "D07QK1M2R3S");
  EXPECT_EQ(interaction.pressed->message_ts, "1732540122.004100");
  EXPECT_EQ(interaction.pressed->question_text,
            "Does the numbness run down the back of your leg, below the knee?");
  EXPECT_EQ(interaction.pressed->chosen_label, "Yes");
  EXPECT_EQ(interaction.pressed->response_url,
            "https://hooks.slack.com/actions/T04QZ7R9B2L/8023117755012/Zq7kX2mN9pL4vB1cR8tY3wE6");
}

TEST(SlackInteractions, SamePressGivesTheSameKeyAndAnotherPressAnother) {
  const std::string first = parsed(press()).event->event_id;
  EXPECT_EQ(parsed(press()).event->event_id, first);
  json again = press();
  again["actions"][0]["action_ts"] = "1732540140.000001";
  again["trigger_id"] = "another";
  EXPECT_NE(parsed(again).event->event_id, first);
}

TEST(SlackInteractions, EscapedQuestionTextIsUnescaped) {
  json payload = press();
  payload["message"]["text"] = "Pain &gt; 5 &amp; numb?";
  EXPECT_EQ(parsed(payload).pressed->question_text, "Pain > 5 & numb?");
}

TEST(SlackInteractions, OtherPayloadTypesAreIgnored) {
  for (std::string type : {"shortcut", "message_action", "view_submission", "view_closed"}) {
    auto interaction = parsed(json{{"type", type}, {"user", {{"id", "U05MAR1AJ7K"}}}});
    EXPECT_EQ(interaction.kind, InteractionKind::ignored) << type;
    EXPECT_EQ(interaction.ignored_reason, "payload_type:" + type);
    EXPECT_FALSE(interaction.event.has_value());
  }
}

TEST(SlackInteractions, PressesThatAreNotOursAreIgnored) {
  json payload = press();
  payload["container"]["channel_id"] = "C06CLINIC42";
  EXPECT_EQ(parsed(payload).ignored_reason, "not_a_direct_message");
  payload = press();
  payload["container"]["is_ephemeral"] = true;
  EXPECT_EQ(parsed(payload).ignored_reason, "not_a_message");
  payload = press();
  payload["container"]["type"] = "view";
  EXPECT_EQ(parsed(payload).ignored_reason, "not_a_message");
  payload = press();
  payload["actions"][0]["type"] = "static_select";
  EXPECT_EQ(parsed(payload).ignored_reason, "action_type:static_select");
  payload = press();
  payload["actions"][0].erase("value");
  EXPECT_EQ(parsed(payload).ignored_reason, "no_value");
  payload = press();
  payload["actions"] = json::array();
  EXPECT_EQ(parsed(payload).ignored_reason, "no_action");
  payload = press();
  payload["actions"][0].erase("action_ts");
  EXPECT_EQ(parsed(payload).ignored_reason, "incomplete");
}

TEST(SlackInteractions, KnownFieldsOfTheWrongTypeAreBadRequests) {
  json payload = press();
  payload["actions"] = {{"value", "yes"}};
  EXPECT_EQ(parse_error(payload), "bad_request: payload.actions is not an array");
  payload = press();
  payload["actions"][0]["value"] = 1;
  EXPECT_EQ(parse_error(payload), "bad_request: actions[0].value is not a string");
  payload = press();
  payload["user"] = "U05MAR1AJ7K";
  EXPECT_EQ(parse_error(payload), "bad_request: payload.user is not an object");
  payload = press();
  payload["container"]["message_ts"] = 1732540122.0041;
  EXPECT_EQ(parse_error(payload), "bad_request: container.message_ts is not a string");
  payload = press();
  payload["actions"][0]["value"] = std::string("y\0s", 3);
  EXPECT_EQ(parse_error(payload), "bad_request: actions[0].value contains a NUL character");
}

TEST(SlackInteractions, ActionTimesOutOfRangeAreBadRequests) {
  for (const char* ts : {"99999999999.1", "18446744073709551616.5", "soon"}) {
    json payload = press();
    payload["actions"][0]["action_ts"] = ts;
    EXPECT_EQ(parse_error(payload), "bad_request: actions[0].action_ts is not a Slack timestamp")
        << ts;
  }
}

TEST(SlackInteractions, MalformedFormsAreBadRequests) {
  auto error = [](std::string body) {
    HttpRequest request = slack_request(std::move(body), "/webhooks/slack/interactions",
                                        "application/x-www-form-urlencoded");
    auto result = parse_interaction_request(request, kOptions);
    return result ? std::string("parsed") : result.error().message;
  };
  EXPECT_EQ(error("token=abc"), "form has no well-formed payload field");
  EXPECT_EQ(error("payload=%7B%ZZ"), "form has no well-formed payload field");
  EXPECT_EQ(error("payload=not+json"), "payload is not JSON");
  EXPECT_EQ(error("payload=%5B%5D"), "payload is not a JSON object");
  EXPECT_EQ(error("payload=%7B%7D"), "payload has no type");
}

TEST(SlackInteractions, EveryTruncationOfAFormIsRefusedCleanly) {
  const std::string body = interaction_request(press()).body;
  for (std::size_t length = 0; length + 3 < body.size(); ++length) {
    HttpRequest request = slack_request(body.substr(0, length), "/webhooks/slack/interactions",
                                        "application/x-www-form-urlencoded");
    auto result = parse_interaction_request(request, kOptions);
    ASSERT_FALSE(result.has_value()) << length;
    EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  }
}

}  // namespace
}  // namespace interactions_test
}  // namespace triagebot::adapters::slack
