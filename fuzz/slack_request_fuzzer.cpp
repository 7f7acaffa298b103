// Slack's inbound parsers, one per first byte of the input (mod 5):
//   0: signature check of a signed request: the rest is "timestamp\nsignature\nbody"
//   1: an Events API request body (JSON)
//   2: an interactivity request body (form-encoded payload=...)
//   3: a Socket Mode frame, and the event, interaction or slash command its envelope
//      carries
//   4: a slash command request body (form-encoded command=/triage&text=...)
// Seeds (scripts/fuzz_seeds.sh) start with the selector byte of their kind.
#include <chrono>

#include "adapters/slack/events.h"
#include "adapters/slack/interactions.h"
#include "adapters/slack/signature.h"
#include "adapters/slack/slash_command.h"
#include "adapters/slack/socket_mode.h"
#include "fuzz/fuzz_input.h"

namespace slack = triagebot::adapters::slack;
using triagebot::adapters::HttpRequest;
using triagebot::fuzz::split_first_line;

namespace {

const auto kNow =
    std::chrono::system_clock::time_point(std::chrono::seconds(triagebot::fuzz::kFixedNowSeconds));
const slack::InboundOptions kOptions{.bot_user_id = "U07BOT4TRI", .now = kNow};

HttpRequest request_with_body(std::string_view body, std::string_view content_type) {
  HttpRequest request;
  request.method = "POST";
  request.headers.set("Content-Type", std::string(content_type));
  request.body = std::string(body);
  return request;
}

void check_signature(std::string_view text) {
  const auto [timestamp, after_timestamp] = split_first_line(text);
  const auto [signature, body] = split_first_line(after_timestamp);
  HttpRequest request = request_with_body(body, "application/json");
  request.headers.set(std::string(slack::kTimestampHeader), std::string(timestamp));
  request.headers.set(std::string(slack::kSignatureHeader), std::string(signature));
  (void)slack::verify(request, "8f742231b10e8888abcd99yyyzzz85a5", kNow);
}

void parse_frame(std::string_view frame) {
  auto envelope = slack::parse_envelope(frame);
  if (!envelope) return;
  (void)slack::ack_message(envelope->envelope_id);
  if (envelope->kind == slack::EnvelopeKind::events_api) {
    (void)slack::parse_events_envelope(*envelope, kOptions);
  } else if (envelope->kind == slack::EnvelopeKind::interactive) {
    (void)slack::parse_interactive_envelope(*envelope, kOptions);
  } else if (envelope->kind == slack::EnvelopeKind::slash_commands) {
    auto command = slack::parse_slash_commands_envelope(*envelope, kOptions);
    if (command) {
      (void)slack::ack_message(envelope->envelope_id, slack::slash_command_answer(command->action));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto rest = triagebot::fuzz::as_text(data + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
      check_signature(rest);
      break;
    case 1:
      (void)slack::parse_event_request(request_with_body(rest, "application/json"), kOptions);
      break;
    case 2:
      (void)slack::parse_interaction_request(
          request_with_body(rest, "application/x-www-form-urlencoded"), kOptions);
      break;
    case 3:
      parse_frame(rest);
      break;
    default:
      (void)slack::parse_slash_command_request(
          request_with_body(rest, "application/x-www-form-urlencoded"), kOptions);
      break;
  }
  return 0;
}
