// Widget inbound: the same verify/parse pair as Telegram's (STYLE.md §2), for a turn
// posted to /api/widget/sessions/{id}/messages (API.md). Pure functions over plain
// structs: no storage, no clock, no randomness (the caller passes the event id and the
// time). Safe from any thread.
//
// The shell looks the session up (its stored token hash), then calls verify() and,
// only when that succeeds, parse().
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http_types.h"
#include "adapters/inbound_event.h"
#include "dialogs/result.h"

namespace triagebot::adapters::widget {

// The request's bearer token against the session's stored token hash, compared in
// constant time. No token, another scheme, or no stored hash (fail closed), or a token
// that does not match → Error{ErrorCode::unauthorized, ...}. Neither value appears in the error.
Result<void> verify(const HttpRequest& request, std::optional<std::string_view> stored_hash);

struct ParseOptions {
  // The turn's idempotency key. Each POST is a new turn (the widget has no delivery
  // retries of its own to dedup), so the shell draws a fresh one per request.
  std::string event_id;
  std::chrono::system_clock::time_point now{};
};

// The turn of session `request.param("id")` as one event; the body as parse_turn()
// (turn.h) reads it, so a malformed body is Error{ErrorCode::bad_request, ...}.
Result<std::vector<InboundEvent>> parse(const HttpRequest& request, const ParseOptions& options);

// The event that opens a new session: an implicit /start the person never typed, under
// an id derived from the session so it is applied once.
InboundEvent opening_event(std::string_view session_id, std::chrono::system_clock::time_point now);

// The event id of a turn from a fresh random id ("widget:<id>").
std::string turn_event_id(std::string_view random_id);

}  // namespace triagebot::adapters::widget
