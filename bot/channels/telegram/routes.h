// Telegram inbound: the webhook route and the translation of a parsed update into one
// pipeline Submission (shared with long polling, so both paths store exactly the same).
//
// The webhook answers 401 before parsing when the secret header is wrong (nothing is
// stored), 400 for a body that is not an update, and 200 with an empty body once the
// update is committed — ignored kinds included, or Telegram would resend them
// (PLATFORMS.md §1.1). Replies are never sent in the webhook response: the outbox
// delivers them so every reply has a known outcome.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "adapters/telegram/inbound.h"
#include "bot/flow/pipeline.h"
#include "bot/http/router.h"

namespace triagebot::bot {

// The bot's identity, shared between the routes, the poller and the dispatcher. The
// username is learnt with getMe at start (TRIAGEBOT_TELEGRAM_USERNAME skips that).
struct TelegramIdentity {
  std::string token;
  std::string secret;
  std::string bot_username;
};

// One update → one Submission: its events (interview turns), plus in the same
// transaction the chat's blocked flag, the group pointer note, the acknowledgement of a
// button press that carried no turn, and the "text only" note. `offset_key`, when set,
// records update_id + 1 there (long polling's resume point) atomically with the rest.
Submission telegram_submission(const adapters::telegram::ParsedUpdate& update,
                               std::optional<std::string> offset_key = std::nullopt);

// Where the blocked flag of a chat lives in the key-value table.
std::string telegram_blocked_key(std::int64_t chat_id);

void add_telegram_routes(http::Router& router, Pipeline& pipeline,
                         std::shared_ptr<const TelegramIdentity> identity);

}  // namespace triagebot::bot
