// Telegram's administrative calls: long polling (getUpdates) and webhook management
// (setWebhook, deleteWebhook, getWebhookInfo). Pure rendering and reading, like
// outbound.h; the poll loop and the CLI commands in bot/ do the sending. Safe from any
// thread. Paths hold the token: log `log_name` only.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/outbound.h"
#include "dialogs/result.h"

namespace triagebot::adapters::telegram {

// The update kinds triagebot reads (PLATFORMS.md §1.3). Sent explicitly with setWebhook
// and getUpdates: an empty list would mean "all kinds", and omitting it keeps whatever
// was configured before.
std::vector<std::string> allowed_updates();

// getUpdates with `offset` = last committed update_id + 1 (0 = from the earliest
// unconfirmed). `timeout` is the long-poll hold; the HTTP client's own timeout must be
// longer (e.g. timeout + 10 s).
OutboundCall render_get_updates(std::string_view token, std::int64_t offset,
                                std::chrono::seconds timeout,
                                const std::vector<std::string>& allowed = allowed_updates());

// Reads a getUpdates answer into (update_id, raw update JSON) pairs, oldest first, so
// each update can go through parse_body() exactly as a webhook body would. Errors:
//  - "conflict": 409, a webhook is set or another poller runs on this token; the message
//    says which and what to do (never delete the webhook unasked)
//  - "unauthorized": 401, the token is wrong or revoked
//  - "api_error": any other ok:false answer (use classify() for retry timing)
//  - "bad_response": not a Bot API answer, or an update without an integer update_id
Result<std::vector<std::pair<std::int64_t, std::string>>> split_updates(std::string_view body);

// True when the answer is a getUpdates 409 conflict.
bool is_conflict(int http_status, std::string_view body);

struct WebhookSettings {
  std::string url;           // HTTPS URL Telegram POSTs updates to
  std::string secret_token;  // echoed in X-Telegram-Bot-Api-Secret-Token; see is_valid_secret_token
  std::optional<int> max_connections;  // 1–100; Telegram's default (40) when unset
};

// setWebhook with secret_token and allowed_updates(). Never sends drop_pending_updates:
// it discards real users' queued messages (PLATFORMS.md §3, "Messages lost on restart").
OutboundCall render_set_webhook(std::string_view token, const WebhookSettings& settings);
// deleteWebhook, keeping pending updates (they are then available to getUpdates).
OutboundCall render_delete_webhook(std::string_view token);
OutboundCall render_get_webhook_info(std::string_view token);

// getWebhookInfo's result as readable "name: value" lines (url, pending_update_count,
// last_error_date as RFC 3339, last_error_message, max_connections, allowed_updates,
// ip_address). Holds no token. Error "api_error"/"bad_response" as for split_updates.
Result<std::vector<std::string>> describe_webhook_info(std::string_view body);

// getMe: the bot's own user. Its username (without '@') is what ParseOptions needs to
// recognise mentions in groups and to build the t.me link.
OutboundCall render_get_me(std::string_view token);
Result<std::string> read_bot_username(std::string_view body);

// One entry of the bot's command menu: `command` without the '/', lowercase (1-32
// characters of a-z 0-9 _), `description` 1-256 characters.
struct BotCommand {
  std::string command;
  std::string description;
};

// The commands every platform understands (README "What it does"), with short
// descriptions in the bot's language (the built-in interview speaks English).
const std::vector<BotCommand>& bot_commands();

// setMyCommands for private chats (scope all_private_chats): the interview never runs
// in groups, so the menu is not offered there. Registered when the webhook is set and
// when polling starts, so the commands appear in Telegram's menu.
OutboundCall render_set_my_commands(std::string_view token,
                                    const std::vector<BotCommand>& commands = bot_commands());

// The `description` of an ok:false answer, or a short word when there is none.
std::string error_description(std::string_view body);

}  // namespace triagebot::adapters::telegram
