// The chat an outbox row goes to, by which the dispatcher orders delivery: rows for one
// chat go out one at a time in the order they were written, whether or not they belong
// to a conversation. A conversation's rows all go to its own chat and are ordered as its
// rows; a notice (a row of no conversation: a group pointer, a note to a chat that has no
// conversation yet) is ordered by this key, and a reply waits for an earlier notice to
// its chat (claim_due). A note to a chat that is a conversation's own, the "I can only
// read text" note to a Telegram private chat, joins that conversation when queued
// (enqueue_notice), so it never overtakes a reply waiting for a retry, nor is overtaken.
//
// The key is the platform and the member of the row's target that names the chat:
// `chat_id` (Telegram) or `channel` (Slack). A target that names neither (Telegram's
// answerCallbackQuery for a stale button, addressed by its callback query alone) has no
// key and is ordered only within its conversation, if any. Migration 6 computes the same
// key for the rows already queued; keep the two in step.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "storage/records.h"

namespace triagebot::storage {

// "telegram:6112309874", "slack:D024BE91L"; nullopt when the target names no chat.
std::optional<std::string> outbox_chat_key(std::string_view platform, const nlohmann::json& target);

// The row WriteTransaction::enqueue_outbox writes for this target and payload.
RenderedOutbox render_outbox(std::string_view platform, const nlohmann::json& target,
                             const nlohmann::json& payload);
// The same with the payload already written as JSON text.
RenderedOutbox render_outbox(std::string_view platform, const nlohmann::json& target,
                             std::string payload_text);

}  // namespace triagebot::storage
