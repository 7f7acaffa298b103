#include "adapters/slack/socket_mode.h"

#include "adapters/common/json_limits.h"
#include "adapters/slack/json_fields.h"

namespace triagebot::adapters::slack {
namespace {

using nlohmann::json;

// Envelopes wrap a payload of the same depth limit as the HTTP bodies, plus one level.
constexpr std::size_t kMaxEnvelopeDepth = common::kMaxJsonDepth + 1;
// Slack retries an envelope a handful of times; a count beyond this is not Slack's.
constexpr std::int64_t kMaxRetryAttempt = 1000;

EnvelopeKind kind_of(std::string_view type) {
  if (type == "hello") return EnvelopeKind::hello;
  if (type == "disconnect") return EnvelopeKind::disconnect;
  if (type == "events_api") return EnvelopeKind::events_api;
  if (type == "interactive") return EnvelopeKind::interactive;
  if (type == "slash_commands") return EnvelopeKind::slash_commands;
  return EnvelopeKind::other;
}

}  // namespace

Result<Envelope> parse_envelope(std::string_view frame) {
  if (common::json_nesting_depth(frame) > kMaxEnvelopeDepth) {
    return make_error(ErrorCode::bad_request, "frame nested too deeply");
  }
  json object = json::parse(frame, nullptr, false);
  if (object.is_discarded() || !object.is_object()) {
    return make_error(ErrorCode::bad_request, "frame is not a JSON object");
  }
  auto type = fields::string_at(object, "type", "frame");
  if (!type) return type.error();
  if (!*type) return make_error(ErrorCode::bad_request, "frame has no type");
  Envelope envelope;
  envelope.type = std::move(**type);
  envelope.kind = kind_of(envelope.type);

  auto id = fields::string_at(object, "envelope_id", "frame");
  if (!id) return id.error();
  envelope.envelope_id = id->value_or("");
  auto reason = fields::string_at(object, "reason", "frame");
  if (!reason) return reason.error();
  if (envelope.kind == EnvelopeKind::disconnect) envelope.disconnect_reason = reason->value_or("");
  auto attempt = fields::integer_in(object, "retry_attempt", "frame", 0, kMaxRetryAttempt);
  if (!attempt) return attempt.error();
  envelope.redelivery.attempt = attempt->value_or(0);
  auto retry_reason = fields::string_at(object, "retry_reason", "frame");
  if (!retry_reason) return retry_reason.error();
  envelope.redelivery.reason = retry_reason->value_or("");
  auto payload = fields::object_at(object, "payload", "frame");
  if (!payload) return payload.error();
  if (*payload != nullptr) envelope.payload = **payload;

  if (envelope.kind == EnvelopeKind::events_api || envelope.kind == EnvelopeKind::interactive ||
      envelope.kind == EnvelopeKind::slash_commands) {
    if (envelope.envelope_id.empty()) {
      return make_error(ErrorCode::bad_request, envelope.type + " envelope has no envelope_id");
    }
    if (*payload == nullptr)
      return make_error(ErrorCode::bad_request, envelope.type + " envelope has no payload");
  }
  return envelope;
}

std::string ack_message(std::string_view envelope_id, const json& payload) {
  json ack{{"envelope_id", std::string(envelope_id)}};
  if (!payload.is_null()) ack["payload"] = payload;
  return ack.dump();
}

Result<ParsedEvent> parse_events_envelope(const Envelope& envelope, const InboundOptions& options) {
  if (envelope.kind != EnvelopeKind::events_api) {
    return make_error(ErrorCode::bad_request, "not an events_api envelope");
  }
  auto parsed = parse_event_payload(envelope.payload, options);
  if (!parsed) return parsed;
  parsed->redelivery = envelope.redelivery;
  return parsed;
}

Result<ParsedInteraction> parse_interactive_envelope(const Envelope& envelope,
                                                     const InboundOptions& options) {
  if (envelope.kind != EnvelopeKind::interactive) {
    return make_error(ErrorCode::bad_request, "not an interactive envelope");
  }
  return parse_interaction_payload(envelope.payload, options);
}

Result<ParsedSlashCommand> parse_slash_commands_envelope(const Envelope& envelope,
                                                         const InboundOptions& options) {
  if (envelope.kind != EnvelopeKind::slash_commands) {
    return make_error(ErrorCode::bad_request, "not a slash_commands envelope");
  }
  return parse_slash_command_payload(envelope.payload, options);
}

}  // namespace triagebot::adapters::slack
