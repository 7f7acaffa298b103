// Slack's setup calls: auth.test (what `triagebot slack check` reports, and the bot
// user id the inbound side needs to ignore our own posts) and apps.connections.open
// (the Socket Mode URL). Pure rendering and reading, like outbound.h; the CLI and the
// socket loop in bot/ do the sending. Safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/http_types.h"
#include "adapters/outbound.h"
#include "dialogs/result.h"

namespace triagebot::adapters::slack {

// The bot scopes the interview needs (issue 12 "Setup"): post, read and open DMs, hear
// mentions, and receive the `/triage` slash command.
std::vector<std::string> required_scopes();

// auth.test with the bot token (`xoxb-…`).
OutboundCall render_auth_test(std::string_view bot_token);

struct AuthInfo {
  std::string team;  // workspace name
  std::string team_id;
  std::string bot_user_id;  // `user_id`: InboundOptions::bot_user_id
  std::string bot_id;
  std::string url;  // the workspace's URL
  // Scopes Slack lists in the `x-oauth-scopes` answer header, and the required ones
  // missing from it, in required_scopes() order. Without that header nothing can be
  // said about scopes: `scopes_known` is false and `missing_scopes` empty.
  bool scopes_known = false;
  std::vector<std::string> granted_scopes;
  std::vector<std::string> missing_scopes;
};

// Errors: "unauthorized" (ok:false with invalid_auth, not_authed, token_revoked,
// account_inactive ...: the token is wrong), "api_error" (any other ok:false),
// "bad_response" (not Web API JSON, or no user_id).
Result<AuthInfo> read_auth_test(int http_status, std::string_view body, const Headers& headers);

// apps.connections.open with the app-level token (`xapp-…`, scope connections:write).
OutboundCall render_connections_open(std::string_view app_token);
// The single-use `wss://` URL of its answer. Errors as for read_auth_test.
Result<std::string> read_connection_url(int http_status, std::string_view body);

}  // namespace triagebot::adapters::slack
