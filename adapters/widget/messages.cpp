#include "adapters/widget/messages.h"

#include <cstdio>
#include <ctime>

namespace triagebot::adapters::widget {

using nlohmann::json;

std::string_view to_string(From from) { return from == From::user ? "user" : "bot"; }

std::string format_rfc3339(std::chrono::system_clock::time_point at) {
  using namespace std::chrono;
  const auto since_epoch = at.time_since_epoch();
  auto whole = floor<seconds>(since_epoch);
  const auto millis = duration_cast<milliseconds>(since_epoch - whole).count();
  const std::time_t t = static_cast<std::time_t>(whole.count());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[40];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis));
  return std::string(buffer, n) + fraction;
}

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
