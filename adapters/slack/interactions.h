// Slack interactivity inbound (PLATFORMS.md §2.3): what a verified POST to
// /webhooks/slack/interactions (form field `payload` = URL-encoded JSON), or the
// payload of a Socket Mode `interactive` envelope, means. Pure; any thread. Verify
// (signature.h) over the raw form body before parsing.
//
// A `block_actions` press on one of our buttons in a DM is an answer, exactly like a
// typed one: its `value` is the choice id. The pressed message is then updated to show
// the answer without buttons (render_update_pressed in outbound.h), so an old button
// cannot be pressed twice to confusing effect. Other payload types (shortcuts, modals)
// are ignored.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/http_types.h"
#include "adapters/inbound_event.h"
#include "adapters/slack/events.h"
#include "dialogs/result.h"

namespace triagebot::adapters::slack {

// The message whose button was pressed, enough to rewrite it with chat.update (or
// through response_url) without reading anything back from Slack or the store.
struct PressedMessage {
  std::string channel;        // container.channel_id
  std::string message_ts;     // container.message_ts
  std::string question_text;  // the message's `text` (our fallback), unescaped
  std::string chosen_label;   // the pressed button's text
  std::string response_url;   // hooks.slack.com; at most 5 uses within 30 minutes
};

enum class InteractionKind { button_press, ignored };

struct ParsedInteraction {
  InteractionKind kind = InteractionKind::ignored;
  // The answer for the pipeline. Its event_id is press_key(): the presser, the pressed
  // message and the press's own action_ts identify one press, and Slack repeats all
  // three in a redelivery. (trigger_id would do too, but Slack documents it as a
  // short-lived handle for opening modals, not as an identifier.)
  std::optional<InboundEvent> event;
  std::optional<PressedMessage> pressed;
  std::string ignored_reason;  // a short word for logs, as in events.h
};

// The form body must have a `payload` field holding a JSON object with a string `type`;
// fields we read with the wrong type are Error{ErrorCode::bad_request, ...}. Presses that are
// not ours to answer (not a button, not in a DM, no value, an ephemeral message) parse
// as ignored.
Result<ParsedInteraction> parse_interaction_request(const HttpRequest& request,
                                                    const InboundOptions& options);
Result<ParsedInteraction> parse_interaction_payload(const nlohmann::json& payload,
                                                    const InboundOptions& options);

// "slack:press:<user>:<channel>:<message_ts>:<action_ts>".
std::string press_key(std::string_view user_id, std::string_view channel,
                      std::string_view message_ts, std::string_view action_ts);

}  // namespace triagebot::adapters::slack
