// Telegram inbound: verify a webhook delivery, then parse its Update into events
// (STYLE.md §2, PLATFORMS.md §1.1 and §1.3). Pure functions over plain structs: no
// network, no storage, no clock (the caller passes `now`). Safe from any thread.
//
// Callers must verify() before parse(): the secret header is Telegram's only proof of
// origin (it does not sign bodies). parse() also serves long polling: each update that
// getUpdates returns goes through it exactly as a webhook body would.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http_types.h"
#include "adapters/inbound_event.h"
#include "adapters/telegram/pressed_message.h"
#include "dialogs/result.h"

namespace triagebot::adapters::telegram {

// The header Telegram echoes `secret_token` in (setWebhook).
inline constexpr std::string_view kSecretHeader = "X-Telegram-Bot-Api-Secret-Token";

// setWebhook accepts 1–256 characters from [A-Za-z0-9_-]; anything else (the bot
// token's ':' for one) is refused with 400 by Telegram (PLATFORMS.md §1.1).
bool is_valid_secret_token(std::string_view secret);

// Constant-time check of the secret header. Missing, different, or an empty configured
// secret (fail closed) → Error{ErrorCode::unauthorized, ...}. Neither value appears in the error.
Result<void> verify(const HttpRequest& request, std::string_view secret);

struct ParseOptions {
  std::string bot_username;  // without '@'; recognises mentions and /cmd@bot in groups
  // Used as the event time when the update carries no date of its own (callback_query).
  std::chrono::system_clock::time_point now{};
};

// The bot's own membership changed in a private chat (my_chat_member): the user blocked
// ("kicked") or unblocked ("member") the bot. The pipeline stores it so the dispatcher
// stops sending to a blocked chat.
struct ChatMembership {
  std::int64_t chat_id = 0;
  bool blocked = false;
};

// Someone addressed the bot in a group or supergroup. Health questions are private, so
// the pipeline answers with group_pointer_text() only (render_group_pointer in
// outbound.h) and never runs the interview there.
struct GroupPointer {
  std::int64_t chat_id = 0;
  std::int64_t message_id = 0;  // the message that addressed the bot (reply target)
};

struct ParsedUpdate {
  std::int64_t update_id = 0;
  std::vector<InboundEvent> events;  // zero or one today; ignored kinds give none
  std::optional<ChatMembership> membership;
  std::optional<GroupPointer> group_pointer;
  // A button press that yields no event (no data, or not in a private chat) still needs
  // answerCallbackQuery so the client's spinner stops (render_answer_callback).
  std::optional<std::string> unanswered_callback_query_id;
  // A private message without text (photo, sticker, voice): the pipeline may answer
  // text_only_note() to this chat. Never set for groups.
  std::optional<std::int64_t> text_only_chat_id;
  // With the event of a button press: the message that carried the button, to be shown
  // answered (pressed_message.h).
  std::optional<PressedMessage> pressed;
};

// Body must be a JSON object with an integer update_id, nested at most 64 deep;
// otherwise Error{ErrorCode::bad_request, ...} (answer 400). So is an update no Telegram server
// would send: a field we read with the wrong type (`"message": "hello"`), an id, date
// or message id out of range (ids within ±(2^53-1), dates up to 2100), a text over
// 4096 UTF-16 units or holding NUL, callback data over 64 bytes. Unknown fields are
// ignored, and every authentic but useless update (edited_message, channel_post,
// chat_member, unknown kinds) parses to zero events.
Result<ParsedUpdate> parse(const HttpRequest& request, const ParseOptions& options);
// The same for a bare update body (long polling).
Result<ParsedUpdate> parse_body(std::string_view body, const ParseOptions& options);

// The idempotency key of an update ("tg:<update_id>"): every event it yields carries it,
// and updates that yield only notes are deduplicated on it too.
std::string update_event_id(std::int64_t update_id);

// The short, non-clinical note a group gets, with a https://t.me/<bot>?start= link.
std::string group_pointer_text(std::string_view bot_username);
// The polite answer to a private message that has no text.
std::string text_only_note();

}  // namespace triagebot::adapters::telegram
