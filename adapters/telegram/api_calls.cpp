#include "adapters/telegram/api_calls.h"

#include <chrono>
#include <limits>

#include "adapters/common/json_limits.h"
#include "adapters/telegram/inbound.h"
#include "adapters/telegram/outbound.h"
#include "dialogs/rfc3339.h"

namespace triagebot::adapters::telegram {
namespace {

using nlohmann::json;

// Bot API answers are shallow; anything deeper is not one.
constexpr std::size_t kMaxAnswerDepth = 96;

std::optional<json> read_answer(std::string_view body) {
  if (common::json_nesting_depth(body) > kMaxAnswerDepth) return std::nullopt;
  json answer = json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) return std::nullopt;
  auto ok = answer.find("ok");
  if (ok == answer.end() || !ok->is_boolean()) return std::nullopt;
  return answer;
}

std::int64_t error_code_of(const json& answer) {
  auto it = answer.find("error_code");
  if (it == answer.end() || !it->is_number_integer()) return 0;
  return it->get<std::int64_t>();
}

std::string description_of(const json& answer) {
  auto it = answer.find("description");
  return (it != answer.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

Error api_error(const json& answer) {
  const std::int64_t code = error_code_of(answer);
  const std::string description = description_of(answer);
  if (code == 409) {
    // Telegram names the cause in the description (PLATFORMS.md §1.2).
    std::string advice = description.find("webhook") != std::string::npos
                             ? "a webhook is set for this bot; run `triagebot telegram "
                               "delete-webhook` to poll instead"
                             : "another getUpdates poller runs with this token; make sure only "
                               "one bot instance is running";
    return make_error(ErrorCode::conflict, advice + " (Telegram: " + description + ")");
  }
  if (code == 401)
    return make_error(ErrorCode::unauthorized, "the bot token was refused: " + description);
  return make_error(ErrorCode::api_error,
                    "Telegram answered error " + std::to_string(code) + ": " +
                        (description.empty() ? "no description" : description));
}

// The `result` of an ok answer to `method`, when it is of the wanted kind; otherwise the
// error the callers report ("bad_response", or the API's own error).
enum class ResultKind { array, object };
Result<json> result_of(std::string_view body, const char* method, ResultKind kind) {
  auto answer = read_answer(body);
  if (!answer)
    return make_error(ErrorCode::bad_response, std::string(method) + " answer is not Bot API JSON");
  if (!(*answer)["ok"].get<bool>()) return api_error(*answer);
  auto result = answer->find("result");
  const bool fits = result != answer->end() &&
                    (kind == ResultKind::array ? result->is_array() : result->is_object());
  if (!fits) {
    return make_error(ErrorCode::bad_response,
                      std::string(method) + " answer has no result " +
                          (kind == ResultKind::array ? "array" : "object"));
  }
  return std::move(*result);
}

std::string rfc3339(std::int64_t unix_seconds) {
  // Past year 2262 the nanosecond clock would overflow: show such a value as it came.
  constexpr std::int64_t kLimit = 9'000'000'000;
  if (unix_seconds > kLimit || unix_seconds < -kLimit) return std::to_string(unix_seconds);
  return format_rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds)),
                        Rfc3339Precision::seconds);
}

std::string scalar_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) {
      if (!joined.empty()) joined += ", ";
      joined += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return joined.empty() ? "(all default kinds)" : joined;
  }
  return value.dump();
}

}  // namespace

std::vector<std::string> allowed_updates() {
  return {"message", "callback_query", "my_chat_member"};
}

OutboundCall render_get_updates(std::string_view token, std::int64_t offset,
                                std::chrono::seconds timeout,
                                const std::vector<std::string>& allowed) {
  json body{{"timeout", timeout.count()}, {"allowed_updates", allowed}};
  if (offset != 0) body["offset"] = offset;
  return render_method(token, "getUpdates", body);
}

Result<std::vector<std::pair<std::int64_t, std::string>>> split_updates(std::string_view body) {
  auto result = result_of(body, "getUpdates", ResultKind::array);
  if (!result) return result.error();
  std::vector<std::pair<std::int64_t, std::string>> updates;
  updates.reserve(result->size());
  for (const auto& update : *result) {
    auto id = update.is_object() ? update.find("update_id") : update.end();
    if (!update.is_object() || id == update.end() || !id->is_number_integer() ||
        (id->is_number_unsigned() &&
         id->get<std::uint64_t>() >
             static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
      return make_error(ErrorCode::bad_response, "an update has no integer update_id");
    }
    updates.emplace_back(id->get<std::int64_t>(), update.dump());
  }
  return updates;
}

bool is_conflict(int http_status, std::string_view body) {
  if (http_status == 409) return true;
  auto answer = read_answer(body);
  return answer && error_code_of(*answer) == 409;
}

OutboundCall render_set_webhook(std::string_view token, const WebhookSettings& settings) {
  json body{{"url", settings.url},
            {"secret_token", settings.secret_token},
            {"allowed_updates", allowed_updates()}};
  if (settings.max_connections) body["max_connections"] = *settings.max_connections;
  return render_method(token, "setWebhook", body);
}

OutboundCall render_delete_webhook(std::string_view token) {
  return render_method(token, "deleteWebhook", json::object());
}

OutboundCall render_get_webhook_info(std::string_view token) {
  return render_method(token, "getWebhookInfo", json::object());
}

Result<std::vector<std::string>> describe_webhook_info(std::string_view body) {
  auto result = result_of(body, "getWebhookInfo", ResultKind::object);
  if (!result) return result.error();
  std::vector<std::string> lines;
  auto url = result->find("url");
  const bool has_url = url != result->end() && url->is_string() && !url->get<std::string>().empty();
  lines.push_back("url: " +
                  (has_url ? url->get<std::string>() : std::string("(none: no webhook set)")));
  for (const char* key : {"pending_update_count", "max_connections", "ip_address",
                          "has_custom_certificate", "allowed_updates", "last_error_date",
                          "last_error_message", "last_synchronization_error_date"}) {
    auto it = result->find(key);
    if (it == result->end() || it->is_null()) continue;
    const std::string name(key);
    if (name.ends_with("_date") && it->is_number_integer()) {
      lines.push_back(name + ": " + rfc3339(it->get<std::int64_t>()));
    } else {
      lines.push_back(name + ": " + scalar_text(*it));
    }
  }
  return lines;
}

OutboundCall render_get_me(std::string_view token) {
  return render_method(token, "getMe", json::object());
}

Result<std::string> read_bot_username(std::string_view body) {
  auto result = result_of(body, "getMe", ResultKind::object);
  if (!result) return result.error();
  auto username = result->find("username");
  if (username == result->end() || !username->is_string() || username->get<std::string>().empty()) {
    return make_error(ErrorCode::bad_response, "getMe answer has no username");
  }
  return username->get<std::string>();
}

const std::vector<BotCommand>& bot_commands() {
  static const std::vector<BotCommand> commands = {
      {"start", "Start the interview about a numb leg or foot"},
      {"restart", "Start again from the first question"},
      {"help", "What I do and how to answer"},
      {"forget", "Delete everything you have told me"},
  };
  return commands;
}

OutboundCall render_set_my_commands(std::string_view token,
                                    const std::vector<BotCommand>& commands) {
  json list = json::array();
  for (const auto& command : commands) {
    list.push_back({{"command", command.command}, {"description", command.description}});
  }
  return render_method(
      token, "setMyCommands",
      json{{"commands", std::move(list)}, {"scope", {{"type", "all_private_chats"}}}});
}

std::string error_description(std::string_view body) {
  auto answer = read_answer(body);
  if (!answer) return "unreadable answer";
  std::string description = description_of(*answer);
  return description.empty() ? "no description" : description;
}

}  // namespace triagebot::adapters::telegram
