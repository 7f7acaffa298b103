#include "adapters/telegram/pressed_message.h"

#include "adapters/json_fields.h"

namespace triagebot::adapters::telegram {

namespace {

// The text of the button whose callback_data is `data`, from the keyboard the message
// carried when it was pressed (reply_markup.inline_keyboard: rows of buttons).
std::string label_of(const nlohmann::json& message, std::string_view data) {
  const auto& rows = member_at(member_at(message, "reply_markup"), "inline_keyboard");
  if (!rows.is_array()) return {};
  for (const auto& row : rows) {
    if (!row.is_array()) continue;
    for (const auto& button : row) {
      if (string_at(button, "callback_data") == data) return string_at(button, "text").value_or("");
    }
  }
  return {};
}

}  // namespace

std::optional<PressedMessage> read_pressed_message(const nlohmann::json& callback,
                                                   std::int64_t chat_id, std::string_view data) {
  const auto& message = member_at(callback, "message");
  const auto message_id = int64_at(message, "message_id");
  if (!message_id || *message_id <= 0) return std::nullopt;
  if (int64_at(message, "date").value_or(0) == 0) return std::nullopt;
  PressedMessage pressed;
  pressed.chat_id = chat_id;
  pressed.message_id = *message_id;
  pressed.text = string_at(message, "text").value_or("");
  pressed.label = label_of(message, data);
  return pressed;
}

}  // namespace triagebot::adapters::telegram
