// `triagebot telegram set-webhook | delete-webhook | info`: the operator's webhook
// management (API.md "Process", PLATFORMS.md §1.1). `poll` is the pipeline's and is
// dispatched before these.
//
//   set-webhook --url URL   registers URL (https, port 443/80/88/8443) with secret_token =
//                           TRIAGEBOT_TELEGRAM_SECRET and allowed_updates = message,
//                           callback_query, my_chat_member. Pending updates are kept.
//   delete-webhook          removes the webhook, keeping pending updates (for `poll`).
//   info                    prints getWebhookInfo as "name: value" lines.
//
// Talks to config.telegram_api with a blocking request. Never prints or logs the token.
// Exit codes as the CLI's: 0 done, 1 Telegram refused or could not be reached, 2 usage
// or configuration error (one line `triagebot: ...` on io.err). Call from one thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/cli/cli.h"
#include "bot/config/config.h"

namespace triagebot::bot {

// `args` starts with the subcommand: {"set-webhook", "--url", "https://..."}.
int run_telegram_command(const Config& config, const std::vector<std::string>& args, CommandIo io);

// The same as a CLI table entry: loads the config from env and flags (config flags may
// be mixed in), then runs run_telegram_command on the remaining arguments.
int telegram_command(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io);

// Checks a webhook URL as Telegram will: https, a host, and port 443, 80, 88 or 8443.
// Returns an empty string when fine, else what is wrong.
std::string webhook_url_problem(std::string_view url);

}  // namespace triagebot::bot
