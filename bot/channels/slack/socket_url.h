// The WebSocket URL in an apps.connections.open answer, for the Socket Mode loop.
// Slack always hands out wss:// (adapters/slack/api_calls.h reads that); a ws:// URL is
// also taken when its host is a literal loopback address, which only a test's fake
// Socket Mode server on 127.0.0.1 hands out. The WebSocket client enforces the same
// rule again when it connects. Pure; any thread.
#pragma once

#include <string>
#include <string_view>

#include "dialogs/result.h"

namespace triagebot::bot::slack {

// Errors as read_connection_url's: "unauthorized" (the app token was refused),
// "api_error" (another ok:false), "bad_response".
Result<std::string> socket_url(int http_status, std::string_view body);

}  // namespace triagebot::bot::slack
