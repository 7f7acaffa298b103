// `triagebot slack check | socket`.
//
//   check    calls auth.test with TRIAGEBOT_SLACK_TOKEN and says what works and what is
//            missing: a refused token, the bot scopes the interview needs (when Slack
//            lists the granted ones; `commands` for /triage among them), the signing secret for the
//            Events API, and the app token for Socket Mode (which it tries with
//            apps.connections.open).
//   socket   runs the server with Slack's Socket Mode loop (needs the app token), like
//            `telegram poll`: for a setup without a public HTTPS address.
//
// Talks to config.slack_api with blocking requests. Never prints or logs a token.
// Exit codes as the CLI's: 0 ready, 1 Slack refused or could not be reached or a scope
// is missing, 2 usage or configuration error. Call from one thread.
#pragma once

#include <string>
#include <vector>

#include "bot/config/command.h"
#include "bot/config/config.h"

namespace triagebot::bot {

int run_slack_check(const Config& config, CommandIo io);

int slack_command_line(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io,
                       const ServeFunction& serve);

}  // namespace triagebot::bot
