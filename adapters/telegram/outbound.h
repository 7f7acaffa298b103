// Telegram outbound: render replies into Bot API calls and classify the answers
// (STYLE.md §2, PLATFORMS.md §1.4 and §1.5). Pure: no network, no storage, no clock.
// Safe from any thread.
//
// Every call's `path` is "/bot<token>/<method>" — it holds the token, so only
// `log_name` ("telegram.sendMessage") may be logged. Bodies are JSON without
// `parse_mode`: plain text is shown literally, which is safe for user text and
// knowledge-base strings alike (a parse failure would be a lost reply).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/common/text_measure.h"
#include "adapters/http_types.h"
#include "adapters/outbound.h"
#include "adapters/telegram/inbound.h"
#include "adapters/telegram/pressed_message.h"
#include "dialogs/reply.h"

namespace triagebot::adapters::telegram {

// sendMessage's limit, counted in UTF-16 code units as Telegram counts characters.
inline constexpr std::size_t kMaxMessageUnits = 4096;
// callback_data must be 1–64 bytes; longer data fails the whole call (BUTTON_DATA_INVALID).
inline constexpr std::size_t kMaxCallbackDataBytes = 64;

// A reply as one or more sendMessage calls to reply_address["chat_id"]. Text over
// kMaxMessageUnits is split (paragraph break, else line break, else space, else at a
// code point), and the inline keyboard (callback_data = choice id) rides on the last
// part. If any choice id is empty or over 64 bytes, the choices become a numbered list
// in the text instead, so the reply is never lost to a 400. Returns no calls when
// reply_address has no integer chat_id or the reply has neither text nor choices.
std::vector<OutboundCall> render_reply(const dialogs::Reply& reply,
                                       const nlohmann::json& reply_address, std::string_view token);

// answerCallbackQuery for a button press: stops the client's progress indicator.
OutboundCall render_answer_callback(std::string_view callback_query_id, std::string_view token);

// The group note (group_pointer_text) as a reply to the message that addressed the bot.
OutboundCall render_group_pointer(const GroupPointer& pointer, std::string_view bot_username,
                                  std::string_view token);

// A pressed question shown answered: its text with the chosen answer under it
// (chosen_answer_text) and no keyboard, by editMessageText without reply_markup. When
// the text or the button's label is unknown, or the two together would pass
// kMaxMessageUnits, only the keyboard is taken away (editMessageReplyMarkup without
// reply_markup): the question stays as it was and cannot be pressed again.
OutboundCall render_chosen_answer(const PressedMessage& pressed, std::string_view token);
// "<question>\n\n✓ <label>": the question as it was, then the answer the person chose.
std::string chosen_answer_text(std::string_view question, std::string_view label);

// What a Bot API answer means for the outbox row (PLATFORMS.md §1.5):
//  - 2xx with "ok": true                       → delivered
//  - 429 with parameters.retry_after (or a Retry-After header) → retry_after N seconds
//  - 5xx, other unexpected statuses, or a body that is not Bot API JSON → back_off
//  - 400 with parameters.migrate_to_chat_id    → dead, reason "migrated to chat <id>":
//    the group became a supergroup; we never converse in groups, so no resend
//  - 400 "message is not modified"             → delivered: an edit found the message
//    already showing what it asked for (a retry after its first attempt got through)
//  - 401                                       → dead, reason "unauthorized": the token is
//    wrong or revoked. Every later call will fail the same way, so the dispatcher should
//    alert the operator (log at error level, count it) rather than treat it as one row's
//    problem.
//  - other 4xx (400 "query is too old", "chat not found", 403 "bot was blocked by the
//    user", ...) → dead with Telegram's description as the reason
DeliveryOutcome classify(int http_status, std::string_view body, const Headers& headers);

// Splits text into parts of at most max_units UTF-16 code units without cutting a UTF-8
// sequence, preferring paragraph breaks, then line breaks, then spaces. Separators at
// a split are dropped; no part is empty.
std::vector<std::string> split_text(std::string_view text,
                                    std::size_t max_units = kMaxMessageUnits);
// Length of UTF-8 text in UTF-16 code units, as Telegram counts (adapters/common).
using common::utf16_length;

// "/bot<token>/<method>", the path every call shares.
std::string method_path(std::string_view token, std::string_view method);
// POST method_path(token, method) with a JSON body; log_name "telegram.<method>".
OutboundCall render_method(std::string_view token, std::string_view method,
                           const nlohmann::json& body);

}  // namespace triagebot::adapters::telegram
