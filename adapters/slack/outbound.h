// Slack outbound: the Web API calls that deliver the interview (chat.postMessage,
// chat.update, conversations.open) and what Slack's answers mean for an outbox row
// (PLATFORMS.md §2.4). Pure: no network, no storage, no clock. Safe from any thread.
//
// Every call's `path` is "/<method>", appended to TRIAGEBOT_SLACK_API
// ("https://slack.com/api"). The bot token rides in the Authorization header (never in
// a URL), so calls' headers must never be logged; `log_name` ("slack.chat.postMessage")
// is what logs and metrics show.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/http_types.h"
#include "adapters/outbound.h"
#include "adapters/slack/events.h"
#include "adapters/slack/interactions.h"
#include "dialogs/reply.h"
#include "dialogs/result.h"

namespace triagebot::adapters::slack {

// How long to wait on `ratelimited` when Slack sends no Retry-After.
inline constexpr std::chrono::seconds kDefaultRetryAfter{10};

// POST "/<method>" with `Authorization: Bearer <token>` and a JSON body
// (`application/json; charset=utf-8`, as Slack asks); log_name "slack.<method>".
OutboundCall render_method(std::string_view token, std::string_view method,
                           const nlohmann::json& body);

// A reply as chat.postMessage calls (layout_reply in blocks.h: one call per message,
// in order) to the address's `channel`. Returns no calls when the address has no
// channel (open the DM first: render_open_dm) or the reply is empty. The result is a
// function of its arguments alone, so a stored row can be rendered again identically.
std::vector<OutboundCall> render_reply(const dialogs::Reply& reply,
                                       const nlohmann::json& reply_address, std::string_view token);

// chat.update of a pressed question: its text and the chosen answer, without buttons.
OutboundCall render_update_pressed(const PressedMessage& pressed, std::string_view token);

// The public answer to a mention: a thread reply that greets the person and points to
// the DM, and nothing else — no echo of what they wrote, nothing clinical.
OutboundCall render_thread_pointer(const ThreadPointer& pointer, std::string_view token);
std::string thread_pointer_text(std::string_view user_id);

// conversations.open with the person (scope im:write); the DM's channel id is in the
// answer (read_opened_channel). Opening an open DM just returns it again.
OutboundCall render_open_dm(std::string_view user_id, std::string_view token);
// The `channel.id` of a successful conversations.open answer. Errors: "unauthorized"
// (a credential error), "api_error" (another ok:false, with Slack's error word) or
// "bad_response" (not such an answer).
Result<std::string> read_opened_channel(int http_status, std::string_view body);

// What a Web API answer means for the outbox row (§2.4 error table):
//  - HTTP 429, or ok:false with `ratelimited` → retry_after (Retry-After header, else
//    kDefaultRetryAfter)
//  - 2xx with ok:true (a `warning` may come along) → delivered
//  - 5xx, 408, an unreadable 2xx (sent or not is unknown: a duplicate is the lesser
//    harm than a lost reply), or ok:false with internal_error, fatal_error,
//    service_unavailable, request_timeout → back_off
//  - any other ok:false → dead with Slack's error word as the reason
//    (channel_not_found, not_in_channel, is_archived, msg_too_long, invalid_blocks ...;
//    see needs_operator for the ones every later call will repeat)
//  - another 4xx without a readable answer → dead, reason "http <status>"
DeliveryOutcome classify(int http_status, std::string_view body, const Headers& headers);

// True for dead reasons that are about our credentials or app setup, not this row
// (not_authed, invalid_auth, token_revoked, token_expired, account_inactive,
// missing_scope, ...): the dispatcher should alert the operator.
bool needs_operator(std::string_view reason);

}  // namespace triagebot::adapters::slack
