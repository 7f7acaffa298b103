// The message whose inline button was pressed (callback_query.message), as the person's
// client showed it. After the press the bot edits that message to show the chosen
// answer without buttons (render_chosen_answer in outbound.h), so the question stays
// readable and its old keyboard cannot be pressed again. Pure; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace triagebot::adapters::telegram {

struct PressedMessage {
  std::int64_t chat_id = 0;
  std::int64_t message_id = 0;
  std::string text;   // the message's text; empty when it has none
  std::string label;  // the pressed button's text; empty when the keyboard is not in the update
};

// Reads the pressed message of a callback_query whose button carried `data`, in the
// private chat `chat_id`. Nothing when the update names no message, or names one the
// bot can no longer see (an InaccessibleMessage, whose date is always 0): there is
// nothing to edit then.
std::optional<PressedMessage> read_pressed_message(const nlohmann::json& callback,
                                                   std::int64_t chat_id, std::string_view data);

}  // namespace triagebot::adapters::telegram
