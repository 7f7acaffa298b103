// Slack Events API inbound (PLATFORMS.md §2.1): what a verified POST to
// /webhooks/slack/events, or the payload of a Socket Mode `events_api` envelope, means.
// Pure functions over plain structs: no network, no storage, no clock (the caller
// passes `now`). Safe from any thread. Verify (signature.h) before parsing.
//
// Health questions are private: a direct message (`message` with channel_type `im`) is
// a turn of the interview; an `app_mention` in a channel is answered in its thread with
// a pointer only, and the interview starts in a DM. Everything else that Slack sends is
// authentic but not for us (bots, our own echoes, edits, deletions, joins, other
// subtypes and event types): it parses as `ignored`, is answered 200 and stores nothing.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/http_types.h"
#include "adapters/inbound_event.h"
#include "dialogs/result.h"

namespace triagebot::adapters::slack {

// Slack truncates messages beyond this; a longer text cannot be a real message.
inline constexpr std::size_t kMaxTextChars = 40000;
inline constexpr std::string_view kRetryNumHeader = "X-Slack-Retry-Num";
inline constexpr std::string_view kRetryReasonHeader = "X-Slack-Retry-Reason";
// Set to "1" on a 400 answer: a malformed body stays malformed, so Slack's retries of
// it could only add load (§2.1).
inline constexpr std::string_view kNoRetryHeader = "X-Slack-No-Retry";

struct InboundOptions {
  // Our bot's user id (auth.test `user_id`): its own posts are ignored, and its mention
  // is stripped from the text. When empty, only the leading mention is stripped.
  std::string bot_user_id;
  // The event time when the payload carries none.
  std::chrono::system_clock::time_point now{};
};

// Slack's redelivery marks: X-Slack-Retry-Num / X-Slack-Retry-Reason over HTTP,
// retry_attempt / retry_reason in a Socket Mode envelope. For logs and metrics only:
// dedup is by event id alone, since a retry may be the only copy that ever reached us
// (§2.1 "Design").
struct Redelivery {
  std::int64_t attempt = 0;  // 0 = first delivery
  std::string reason;        // "http_timeout", "http_error", ...
};

// Where the public, non-clinical pointer to the DM goes after a mention: a reply in the
// mention's thread (its thread_ts, or its own ts when it started none).
struct ThreadPointer {
  std::string channel;
  std::string thread_ts;
  std::string user;  // who mentioned us; the pointer greets them by mention
};

enum class EventKind {
  url_verification,  // answer 200 with url_verification_answer(challenge)
  turn,              // a DM: `event` goes to the pipeline
  mention,           // `event` starts the interview in a DM; `thread_pointer` is posted
  ignored,           // 200, nothing stored
};

struct ParsedEvent {
  EventKind kind = EventKind::ignored;
  std::string challenge;  // url_verification
  // The idempotency key ("slack:<event_id>") of an event_callback, whatever its kind.
  std::string event_id;
  std::optional<InboundEvent> event;            // turn and mention
  std::optional<ThreadPointer> thread_pointer;  // mention
  // Why an event was ignored, as a short word for logs ("bot", "own_message",
  // "subtype:message_changed", "not_a_direct_message", "event_type:reaction_added" ...).
  std::string ignored_reason;
  Redelivery redelivery;
};

// The body must be a JSON object (nested at most 64 deep) with a string `type`; an
// event_callback needs a string `event_id` and an object `event`. Fields we read that
// have the wrong type, and texts over kMaxTextChars or with a NUL, are
// Error{ErrorCode::bad_request, ...} (answer 400). Unknown fields are ignored. Records the retry
// headers.
Result<ParsedEvent> parse_event_request(const HttpRequest& request, const InboundOptions& options);
// The same for a body alone, and for an already parsed payload (Socket Mode).
Result<ParsedEvent> parse_event_body(std::string_view body, const InboundOptions& options);
Result<ParsedEvent> parse_event_payload(const nlohmann::json& payload,
                                        const InboundOptions& options);

// The 200 body for url_verification: {"challenge": "..."}.
std::string url_verification_answer(std::string_view challenge);

// "slack:<id>": the dedup key of an event (event_id) or of a button press.
std::string event_key(std::string_view id);

// The text without our mention ("<@U123>" or "<@U123|name>"), trimmed. Other people's
// mentions stay. With an empty bot_user_id, a leading mention of anyone is removed.
std::string strip_mention(std::string_view text, std::string_view bot_user_id);

}  // namespace triagebot::adapters::slack
