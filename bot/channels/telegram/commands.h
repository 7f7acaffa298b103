// `triagebot telegram set-webhook | delete-webhook | info`: the operator's webhook
// management (API.md "Process", PLATFORMS.md §1.1), and `poll`, which runs the server
// with long polling instead of the webhook.
//
//   set-webhook --url URL   registers URL (https, port 443/80/88/8443) with secret_token =
//                           TRIAGEBOT_TELEGRAM_SECRET and allowed_updates = message,
//                           callback_query, my_chat_member. Pending updates are kept.
//                           Then registers the command menu (setMyCommands).
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

#include "bot/config/command.h"
#include "bot/config/config.h"

namespace triagebot::bot {

// The platform's name in the registry, the outbox and the metrics.
inline constexpr std::string_view kTelegramChannelName = "telegram";

// `args` starts with the subcommand: {"set-webhook", "--url", "https://..."}.
int run_telegram_command(const Config& config, const std::vector<std::string>& args, CommandIo io);

// `triagebot telegram ...` as the CLI runs it: loads the config from env and flags
// (config flags may be mixed in); `poll` runs the server through `serve` with the
// polling loop on, the rest go to run_telegram_command.
int telegram_command_line(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io,
                          const ServeFunction& serve);

// Checks a webhook URL as Telegram will: https, a host, and port 443, 80, 88 or 8443.
// Returns an empty string when fine, else what is wrong.
std::string webhook_url_problem(std::string_view url);

}  // namespace triagebot::bot
