// Socket Mode frames (PLATFORMS.md §2.4 "Socket Mode"): what Slack sends over the
// WebSocket and the acknowledgement we send back. Socket Mode is Slack's counterpart
// of Telegram polling, for setups without a public HTTPS address: the same events,
// interactions and slash commands arrive unsigned (the TLS connection we opened with
// our app token is the proof of origin) in envelopes, and their payloads go through the
// same parsers as the HTTP endpoints. Pure; any thread. The socket loop in bot/ does the I/O.
//
// Each envelope with an `envelope_id` must be acknowledged, after its event is
// committed, within 3 s, or Slack delivers it again (`retry_attempt` > 0).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/slack/events.h"
#include "adapters/slack/interactions.h"
#include "adapters/slack/slash_command.h"
#include "dialogs/result.h"

namespace triagebot::adapters::slack {

enum class EnvelopeKind {
  hello,           // the connection is ready
  disconnect,      // it will close soon: open a fresh URL and reconnect at once
  events_api,      // payload: an Events API body (parse_events_envelope)
  interactive,     // payload: an interactivity payload as JSON (parse_interactive_envelope)
  slash_commands,  // payload: a slash command's fields as JSON (parse_slash_commands_envelope)
  other,           // types Slack adds later: acknowledge, do nothing
};

struct Envelope {
  EnvelopeKind kind = EnvelopeKind::other;
  std::string type;               // as Slack named it
  std::string envelope_id;        // empty for hello and disconnect
  std::string disconnect_reason;  // refresh_requested, link_disabled, warning ...
  nlohmann::json payload;  // events_api, interactive, slash_commands (and other, when present)
  Redelivery redelivery;   // retry_attempt, retry_reason
};

// A frame must be a JSON object with a string `type`; events_api, interactive and
// slash_commands envelopes also need a string envelope_id and an object payload. Otherwise
// Error{ErrorCode::bad_request, ...}: log it and go on reading (Slack redelivers what it meant).
Result<Envelope> parse_envelope(std::string_view frame);

// {"envelope_id": "..."}, and {"envelope_id": "...", "payload": {...}} when `payload` is
// not null: Slack shows a slash command's acknowledgement payload as the command's
// answer (slash_command_answer).
std::string ack_message(std::string_view envelope_id,
                        const nlohmann::json& payload = nlohmann::json());

// The payload through parse_event_payload / parse_interaction_payload, with the
// envelope's redelivery marks. A wrong envelope kind is Error{ErrorCode::bad_request, ...}.
Result<ParsedEvent> parse_events_envelope(const Envelope& envelope, const InboundOptions& options);
Result<ParsedInteraction> parse_interactive_envelope(const Envelope& envelope,
                                                     const InboundOptions& options);
Result<ParsedSlashCommand> parse_slash_commands_envelope(const Envelope& envelope,
                                                         const InboundOptions& options);

}  // namespace triagebot::adapters::slack
