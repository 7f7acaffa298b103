#include "adapters/slack/socket_mode.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/adapters/slack/fixture.h"

namespace triagebot::adapters::slack {
namespace socket_mode_test {
namespace {

using nlohmann::json;
using testing::slack_fixture;
using testing::slack_now;

const InboundOptions kOptions{.bot_user_id = "U0TRIAGEBOT", .now = slack_now()};

Envelope envelope_of(const std::string& frame) {
  auto envelope = parse_envelope(frame);
  EXPECT_TRUE(envelope.has_value()) << (envelope ? "" : envelope.error().message);
  return envelope ? *envelope : Envelope{};
}

TEST(SlackSocketMode, HelloMeansReady) {
  Envelope hello = envelope_of(slack_fixture("slack_socket_hello.json"));
  EXPECT_EQ(hello.kind, EnvelopeKind::hello);
  EXPECT_EQ(hello.type, "hello");
  EXPECT_EQ(hello.envelope_id, "");
}

TEST(SlackSocketMode, DisconnectCarriesItsReason) {
  Envelope disconnect = envelope_of(slack_fixture("slack_socket_disconnect.json"));
  EXPECT_EQ(disconnect.kind, EnvelopeKind::disconnect);
  EXPECT_EQ(disconnect.disconnect_reason, "refresh_requested");
}

TEST(SlackSocketMode, EventsEnvelopeGoesThroughTheEventParser) {
  Envelope envelope = envelope_of(slack_fixture("slack_socket_events_api.json"));
  EXPECT_EQ(envelope.kind, EnvelopeKind::events_api);
  EXPECT_EQ(envelope.envelope_id, "57d6a792-4d35-4d0b-b6aa-3361493e1caf");
  auto parsed = parse_events_envelope(envelope, kOptions);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->kind, EventKind::turn);
  EXPECT_EQ(parsed->event_id, "slack:Ev0SOCKET001");
  EXPECT_EQ(parsed->event->input.text, "my left foot has been numb since this morning");
  EXPECT_EQ(parsed->event->conversation_key, "T0CLINIC1:U0PATIENT1");
  EXPECT_EQ(parsed->event->reply_address, json({{"channel", "D0DMCHAN01"}}));
  EXPECT_EQ(parsed->redelivery.attempt, 0);
}

TEST(SlackSocketMode, RedeliveryIsRecordedWithTheSameKey) {
  json frame = json::parse(slack_fixture("slack_socket_events_api.json"));
  frame["retry_attempt"] = 1;
  frame["retry_reason"] = "timeout";
  auto parsed = parse_events_envelope(envelope_of(frame.dump()), kOptions);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->redelivery.attempt, 1);
  EXPECT_EQ(parsed->redelivery.reason, "timeout");
  EXPECT_EQ(parsed->event_id, "slack:Ev0SOCKET001");
}

TEST(SlackSocketMode, InteractiveEnvelopeGoesThroughTheInteractionParser) {
  json frame{{"envelope_id", "e-2"},
             {"type", "interactive"},
             {"accepts_response_payload", false},
             {"payload", json::parse(slack_fixture("slack_block_actions.json"))}};
  Envelope envelope = envelope_of(frame.dump());
  EXPECT_EQ(envelope.kind, EnvelopeKind::interactive);
  auto parsed = parse_interactive_envelope(envelope, kOptions);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->kind, InteractionKind::button_press);
  EXPECT_EQ(parsed->event->input.choice_id, "yes");
  EXPECT_FALSE(parse_events_envelope(envelope, kOptions).has_value());
}

TEST(SlackSocketMode, OtherEnvelopesAreStillAcknowledgeable) {
  Envelope envelope =
      envelope_of(R"({"type": "a_type_slack_adds_later", "envelope_id": "e-3", "payload": {}})");
  EXPECT_EQ(envelope.kind, EnvelopeKind::other);
  EXPECT_EQ(envelope.envelope_id, "e-3");
  EXPECT_EQ(ack_message(envelope.envelope_id), R"({"envelope_id":"e-3"})");
}

TEST(SlackSocketMode, SlashCommandsEnvelopeGoesThroughTheCommandParser) {
  Envelope envelope = envelope_of(R"({"type": "slash_commands", "envelope_id": "e-4",
      "accepts_response_payload": true, "payload": {"command": "/triage", "text": "restart",
      "user_id": "U0PATIENT1", "team_id": "T0CLINIC1", "channel_id": "C0GENERAL",
      "trigger_id": "13345224609.738474920.8088930838d88f008e0"}})");
  EXPECT_EQ(envelope.kind, EnvelopeKind::slash_commands);
  auto parsed = parse_slash_commands_envelope(envelope, kOptions);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->action, SlashAction::restart);
  EXPECT_EQ(parsed->event->input.text, "/restart");
  EXPECT_FALSE(parse_events_envelope(envelope, kOptions).has_value());
  EXPECT_FALSE(parse_interactive_envelope(envelope, kOptions).has_value());
  EXPECT_EQ(parse_slash_commands_envelope(
                envelope_of(slack_fixture("slack_socket_events_api.json")), kOptions)
                .error()
                .code,
            ErrorCode::bad_request);
}

TEST(SlackSocketMode, AnAckCarriesAPayloadWhenGivenOne) {
  EXPECT_EQ(json::parse(ack_message("e-5", json{{"text", "Done."}})),
            (json{{"envelope_id", "e-5"}, {"payload", {{"text", "Done."}}}}));
  EXPECT_EQ(ack_message("e-6", json()), R"({"envelope_id":"e-6"})");
}

TEST(SlackSocketMode, AckEchoesTheEnvelopeId) {
  EXPECT_EQ(json::parse(ack_message("57d6a792-4d35-4d0b-b6aa-3361493e1caf")),
            json::parse(slack_fixture("slack_socket_ack.json")));
}

TEST(SlackSocketMode, MalformedFramesAreErrors) {
  auto error = [](std::string frame) {
    auto envelope = parse_envelope(frame);
    return envelope ? std::string("parsed") : envelope.error().message;
  };
  EXPECT_EQ(error("ping"), "frame is not a JSON object");
  EXPECT_EQ(error("{}"), "frame has no type");
  EXPECT_EQ(error(R"({"type": "events_api", "payload": {}})"),
            "events_api envelope has no envelope_id");
  EXPECT_EQ(error(R"({"type": "interactive", "envelope_id": "e"})"),
            "interactive envelope has no payload");
  EXPECT_EQ(error(R"({"type": "slash_commands", "payload": {}})"),
            "slash_commands envelope has no envelope_id");
  EXPECT_EQ(error(R"({"type": "events_api", "envelope_id": 5, "payload": {}})"),
            "frame.envelope_id is not a string");
  EXPECT_EQ(error(R"({"type": "events_api", "envelope_id": "e", "payload": "{}"})"),
            "frame.payload is not an object");
  EXPECT_EQ(
      error(R"({"type": "events_api", "envelope_id": "e", "payload": {}, "retry_attempt": "1"})"),
      "frame.retry_attempt is not an integer");
  EXPECT_EQ(error(R"({"type": "hello", "retry_attempt": 1001})"),
            "frame.retry_attempt is out of range");
  EXPECT_EQ(error(R"({"type": "hello", "retry_attempt": -1})"),
            "frame.retry_attempt is out of range");
}

TEST(SlackSocketMode, EveryTruncationOfAFrameIsRefusedCleanly) {
  const std::string frame = slack_fixture("slack_socket_events_api.json");
  for (std::size_t length = 0; length + 2 < frame.size(); ++length) {
    auto envelope = parse_envelope(frame.substr(0, length));
    ASSERT_FALSE(envelope.has_value()) << length;
    EXPECT_EQ(envelope.error().code, ErrorCode::bad_request);
  }
}

}  // namespace
}  // namespace socket_mode_test
}  // namespace triagebot::adapters::slack
