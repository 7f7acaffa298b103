#include "adapters/telegram/outbound.h"

#include <charconv>
#include <limits>

#include "adapters/common/text_measure.h"
#include "adapters/json_fields.h"

namespace triagebot::adapters::telegram {
namespace {

using nlohmann::json;

// Labels this short share a row (up to three), the way "Yes / No / Not sure" look in
// Telegram's own bots; longer labels get a row each so they are not truncated.
constexpr std::size_t kShortLabelUnits = 12;
constexpr std::size_t kButtonsPerShortRow = 3;

using common::utf8_sequence_length;

bool choices_fit_buttons(const std::vector<dialogs::Choice>& choices) {
  for (const auto& choice : choices) {
    if (choice.id.empty() || choice.id.size() > kMaxCallbackDataBytes) return false;
  }
  return true;
}

json inline_keyboard(const std::vector<dialogs::Choice>& choices) {
  bool all_short = true;
  for (const auto& choice : choices) {
    if (utf16_length(choice.label) > kShortLabelUnits) all_short = false;
  }
  const std::size_t per_row = all_short ? kButtonsPerShortRow : 1;
  json rows = json::array();
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i % per_row == 0) rows.push_back(json::array());
    const auto& choice = choices[i];
    rows.back().push_back(
        {{"text", choice.label.empty() ? choice.id : choice.label}, {"callback_data", choice.id}});
  }
  return json{{"inline_keyboard", std::move(rows)}};
}

std::string with_numbered_choices(std::string text, const std::vector<dialogs::Choice>& choices) {
  if (!text.empty()) text += "\n\n";
  for (std::size_t i = 0; i < choices.size(); ++i) {
    text += std::to_string(i + 1) + ". " +
            (choices[i].label.empty() ? choices[i].id : choices[i].label);
    if (i + 1 < choices.size()) text += "\n";
  }
  return text;
}

std::optional<std::int64_t> header_seconds(const Headers& headers) {
  auto value = headers.get("Retry-After");
  if (!value) return std::nullopt;
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
  if (ec != std::errc() || end != value->data() + value->size()) return std::nullopt;
  return seconds;
}

DeliveryOutcome outcome(DeliveryOutcome::Kind kind, std::string reason = {},
                        std::chrono::seconds after = std::chrono::seconds(0)) {
  DeliveryOutcome result;
  result.kind = kind;
  result.reason = std::move(reason);
  result.retry_after = after;
  return result;
}

}  // namespace

std::string method_path(std::string_view token, std::string_view method) {
  std::string path = "/bot";
  path += token;
  path += '/';
  path += method;
  return path;
}

OutboundCall render_method(std::string_view token, std::string_view method,
                           const nlohmann::json& body) {
  OutboundCall call;
  call.method = "POST";
  call.path = method_path(token, method);
  call.log_name = "telegram." + std::string(method);
  call.headers.set("Content-Type", "application/json");
  call.body = body.dump();
  return call;
}

std::vector<std::string> split_text(std::string_view text, std::size_t max_units) {
  std::vector<std::string> parts;
  if (max_units < 2) max_units = 2;  // room for one surrogate pair
  // A UTF-8 sequence is never shorter in bytes than in UTF-16 units, so a text of no more
  // bytes than the limit fits whole: almost every reply, without counting its units.
  if (!text.empty() && text.size() <= max_units) return {std::string(text)};
  while (!text.empty()) {
    // Longest prefix within max_units that ends on a code point boundary.
    std::size_t limit = 0;
    std::size_t units = 0;
    while (limit < text.size()) {
      std::size_t length = utf8_sequence_length(static_cast<unsigned char>(text[limit]));
      std::size_t cost = length == 4 ? 2 : 1;
      if (units + cost > max_units) break;
      units += cost;
      limit = std::min(text.size(), limit + length);
    }
    if (limit == text.size()) {
      parts.emplace_back(text);
      break;
    }
    std::string_view window = text.substr(0, limit);
    std::size_t cut = 0;
    std::size_t skip = 0;
    for (auto [separator, width] :
         {std::pair<std::string_view, std::size_t>{"\n\n", 2}, {"\n", 1}, {" ", 1}}) {
      std::size_t at = window.rfind(separator);
      if (at != std::string_view::npos && at > 0) {
        cut = at;
        skip = width;
        break;
      }
    }
    if (cut == 0) cut = limit;  // one unbroken word: cut at a code point boundary
    parts.emplace_back(text.substr(0, cut));
    text.remove_prefix(cut + skip);
    while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.remove_prefix(1);
  }
  return parts;
}

std::vector<OutboundCall> render_reply(const dialogs::Reply& reply,
                                       const nlohmann::json& reply_address,
                                       std::string_view token) {
  auto chat_id = int64_at(reply_address, "chat_id");
  if (!chat_id) return {};
  std::string text = reply.text;
  json keyboard;
  if (!reply.choices.empty()) {
    if (choices_fit_buttons(reply.choices)) {
      keyboard = inline_keyboard(reply.choices);
    } else {
      // A 400 BUTTON_DATA_INVALID would lose the whole reply; typed labels are
      // understood as answers too (DESIGN.md "The dialog core").
      text = with_numbered_choices(std::move(text), reply.choices);
    }
  }
  if (text.empty() && !keyboard.is_null()) text = "Please choose:";
  std::vector<OutboundCall> calls;
  auto parts = split_text(text);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    json body{{"chat_id", *chat_id}, {"text", parts[i]}};
    if (i + 1 == parts.size() && !keyboard.is_null()) body["reply_markup"] = keyboard;
    calls.push_back(render_method(token, "sendMessage", body));
  }
  return calls;
}

OutboundCall render_answer_callback(std::string_view callback_query_id, std::string_view token) {
  return render_method(token, "answerCallbackQuery",
                       json{{"callback_query_id", std::string(callback_query_id)}});
}

OutboundCall render_group_pointer(const GroupPointer& pointer, std::string_view bot_username,
                                  std::string_view token) {
  json body{{"chat_id", pointer.chat_id}, {"text", group_pointer_text(bot_username)}};
  if (pointer.message_id > 0) {
    // allow_sending_without_reply: the note still goes out if the message was deleted.
    body["reply_parameters"] = {{"message_id", pointer.message_id},
                                {"allow_sending_without_reply", true}};
  }
  return render_method(token, "sendMessage", body);
}

std::string chosen_answer_text(std::string_view question, std::string_view label) {
  std::string text(question);
  text += "\n\n\u2713 ";  // ✓
  text += label;
  return text;
}

OutboundCall render_chosen_answer(const PressedMessage& pressed, std::string_view token) {
  json body{{"chat_id", pressed.chat_id}, {"message_id", pressed.message_id}};
  if (!pressed.text.empty() && !pressed.label.empty()) {
    std::string text = chosen_answer_text(pressed.text, pressed.label);
    if (utf16_length(text) <= kMaxMessageUnits) {
      // Without reply_markup the edit removes the inline keyboard too.
      body["text"] = std::move(text);
      return render_method(token, "editMessageText", body);
    }
  }
  return render_method(token, "editMessageReplyMarkup", body);
}

DeliveryOutcome classify(int http_status, std::string_view body, const Headers& headers) {
  using Kind = DeliveryOutcome::Kind;
  json answer = json::parse(body, nullptr, false);
  const bool readable = !answer.is_discarded() && answer.is_object();
  std::string description;
  json parameters = json::object();
  if (readable) {
    auto it = answer.find("description");
    if (it != answer.end() && it->is_string()) description = it->get<std::string>();
    auto params = answer.find("parameters");
    if (params != answer.end() && params->is_object()) parameters = *params;
  }
  if (http_status >= 200 && http_status < 300) {
    auto ok = readable ? answer.find("ok") : answer.end();
    if (readable && ok != answer.end() && ok->is_boolean() && ok->get<bool>()) {
      return outcome(Kind::delivered);
    }
    // A 2xx we cannot read: we do not know whether it was sent; retrying risks a
    // duplicate, dropping risks a lost reply — a duplicate is the lesser harm.
    return outcome(Kind::back_off, description.empty() ? "unreadable answer" : description);
  }
  if (http_status == 429) {
    auto seconds = int64_at(parameters, "retry_after");
    if (!seconds) seconds = header_seconds(headers);
    if (!seconds) return outcome(Kind::back_off, "rate limited without retry_after");
    return outcome(Kind::retry_after, description.empty() ? "rate limited" : description,
                   std::chrono::seconds(std::max<std::int64_t>(1, *seconds)));
  }
  if (http_status == 401) return outcome(Kind::dead, "unauthorized");
  if (http_status >= 500 || !readable) {
    return outcome(Kind::back_off, "http " + std::to_string(http_status) +
                                       (description.empty() ? std::string() : ": " + description));
  }
  // Telegram refuses an edit that changes nothing: what the edit wanted is already there.
  if (http_status == 400 && description.find("message is not modified") != std::string::npos) {
    return outcome(Kind::delivered);
  }
  if (auto migrated = int64_at(parameters, "migrate_to_chat_id")) {
    return outcome(Kind::dead, "migrated to chat " + std::to_string(*migrated));
  }
  if (http_status >= 400) {
    return outcome(Kind::dead,
                   description.empty() ? "http " + std::to_string(http_status) : description);
  }
  return outcome(Kind::back_off, "http " + std::to_string(http_status));
}

}  // namespace triagebot::adapters::telegram
