// JSON shapes of the widget API (API.md "Shapes" and the widget routes), built in one
// place so every route answers with exactly the same Message. Pure; any thread.
//
//   Message = {"from": "bot"|"user", "text": str, "at": RFC3339,
//              "choices"?: [{"id", "label"}], "assessment"?: Assessment}
//
// "choices" is present only when non-empty and "assessment" only when set, as in
// dialogs::Reply's JSON.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/reply.h"
#include "dialogs/rfc3339.h"

namespace triagebot::adapters::widget {

enum class From { bot, user };

std::string_view to_string(From from);

// UTC with millisecond precision and a "Z" suffix, e.g. "2024-05-01T09:30:00.250Z": the
// one formatter of dialogs/rfc3339.h.
using ::triagebot::format_rfc3339;

struct MessageFields {
  From from = From::bot;
  std::string text;
  std::string at;  // RFC 3339, as format_rfc3339 writes it or as the store kept it
  std::vector<dialogs::Choice> choices;
  std::optional<dialogs::Assessment> assessment;
};

nlohmann::json message_json(const MessageFields& message);
nlohmann::json message_json(From from, std::string_view text, std::string_view at,
                            const std::vector<dialogs::Choice>& choices = {},
                            const std::optional<dialogs::Assessment>& assessment = std::nullopt);

// A bot reply as a Message.
nlohmann::json reply_message_json(const dialogs::Reply& reply, std::string_view at);

// 201 body of POST /api/widget/sessions: {"session_id", "token", "messages"}.
nlohmann::json session_created_json(std::string_view session_id, std::string_view token,
                                    nlohmann::json messages);

// 200 body of the messages routes: {"messages": [...]}.
nlohmann::json messages_json(nlohmann::json messages);

// API.md error body: {"error": code, "message": human text}.
nlohmann::json error_json(std::string_view code, std::string_view message);

}  // namespace triagebot::adapters::widget
