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
// button press that carried no turn, and the "text only" note. A press that is a turn
// queues its acknowledgement and the edit of the pressed message ahead of its replies.
// `offset_key`, when set, records update_id + 1 there (long polling's resume point) atomically with
// the rest.
Submission telegram_submission(const adapters::telegram::ParsedUpdate& update,
                               std::optional<std::string> offset_key = std::nullopt);

// The outbox payload kind of a pressed question's edit (render_chosen_answer):
// {"kind": "chosen_answer", "message_id", "text", "label"} to {"chat_id"}.
inline constexpr std::string_view kChosenAnswerKind = "chosen_answer";

// The dedup key that says a pressed message was already queued for its edit.
std::string chosen_answer_mark(const adapters::telegram::PressedMessage& pressed);

// Where the blocked flag of a chat lives in the key-value table.
std::string telegram_blocked_key(std::int64_t chat_id);

void add_telegram_routes(http::Router& router, Pipeline& pipeline,
                         std::shared_ptr<const TelegramIdentity> identity);

}  // namespace triagebot::bot
