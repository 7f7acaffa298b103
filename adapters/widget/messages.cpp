#include "adapters/widget/messages.h"

namespace triagebot::adapters::widget {

using nlohmann::json;

std::string_view to_string(From from) { return from == From::user ? "user" : "bot"; }

json message_json(const MessageFields& message) {
  json out{{"from", to_string(message.from)}, {"text", message.text}, {"at", message.at}};
  if (!message.choices.empty()) out["choices"] = message.choices;
  if (message.assessment) out["assessment"] = *message.assessment;
  return out;
}

json message_json(From from, std::string_view text, std::string_view at,
                  const std::vector<dialogs::Choice>& choices,
                  const std::optional<dialogs::Assessment>& assessment) {
  return message_json(MessageFields{.from = from,
                                    .text = std::string(text),
                                    .at = std::string(at),
                                    .choices = choices,
                                    .assessment = assessment});
}

json reply_message_json(const dialogs::Reply& reply, std::string_view at) {
  return message_json(From::bot, reply.text, at, reply.choices, reply.assessment);
}

json session_created_json(std::string_view session_id, std::string_view token, json messages) {
  return json{{"session_id", session_id}, {"token", token}, {"messages", std::move(messages)}};
}

json messages_json(json messages) { return json{{"messages", std::move(messages)}}; }

json error_json(std::string_view code, std::string_view message) {
  return json{{"error", code}, {"message", message}};
}

}  // namespace triagebot::adapters::widget
