#include "adapters/telegram/inbound.h"

#include <openssl/crypto.h>

#include <cctype>
#include <limits>

#include <nlohmann/json.hpp>

#include "adapters/common/epoch_time.h"
#include "adapters/common/json_fields.h"
#include "adapters/common/json_limits.h"
#include "adapters/common/text_measure.h"
#include "adapters/telegram/outbound.h"
#include "dialogs/json_reader.h"

namespace triagebot::adapters::telegram {
namespace {

using nlohmann::json;
namespace fields = common::fields;

bool is_username_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// "@bot" anywhere in the text as a whole username (Telegram usernames are
// case-insensitive). Searching the text rather than trusting entity offsets (UTF-16
// units) keeps this simple and still exact about word boundaries.
bool mentions(std::string_view text, std::string_view bot_username) {
  if (bot_username.empty()) return false;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (at > 0 && is_username_char(text[at - 1])) continue;
    std::string_view rest = text.substr(at + 1);
    if (rest.size() < bot_username.size()) return false;
    if (!iequals(rest.substr(0, bot_username.size()), bot_username)) continue;
    if (rest.size() > bot_username.size() && is_username_char(rest[bot_username.size()])) continue;
    return true;
  }
  return false;
}

// A leading "/command" or "/command@target". Returns the command's length (without
// suffix) and the target (empty when there is none).
struct LeadingCommand {
  std::size_t name_end = 0;   // index just past "/command"
  std::size_t token_end = 0;  // index just past "/command@target"
  std::string_view target;
};
std::optional<LeadingCommand> leading_command(std::string_view text) {
  if (text.empty() || text[0] != '/') return std::nullopt;
  std::size_t i = 1;
  while (i < text.size() && is_username_char(text[i])) ++i;
  if (i == 1) return std::nullopt;
  LeadingCommand command{i, i, {}};
  if (i < text.size() && text[i] == '@') {
    std::size_t j = i + 1;
    while (j < text.size() && is_username_char(text[j])) ++j;
    command.target = text.substr(i + 1, j - i - 1);
    command.token_end = j;
  }
  return command;
}

// "/start@our_bot payload" → "/start payload", so the engine sees the same command
// wherever it was typed. Commands for another bot are left alone.
std::string strip_own_suffix(std::string text, std::string_view bot_username) {
  auto command = leading_command(text);
  if (!command || command->target.empty() || !iequals(command->target, bot_username)) {
    return text;
  }
  text.erase(command->name_end, command->token_end - command->name_end);
  return text;
}

InboundEvent base_event(std::int64_t update_id, std::int64_t chat_id, std::int64_t user_id) {
  InboundEvent event;
  event.platform = Platform::telegram;
  event.conversation_key = std::to_string(chat_id);
  event.user_key = std::to_string(user_id);
  event.event_id = update_event_id(update_id);
  event.reply_address = json{{"chat_id", chat_id}};
  return event;
}

// Ids are bounded by what JSON carries exactly (Telegram's use at most 52 significant
// bits); message ids are Telegram's 32-bit Integer. Checked where read, before any use.
Result<std::optional<std::int64_t>> chat_id_at(const json& chat, std::string_view where) {
  return fields::integer_in(chat, "id", where, -fields::kMaxJsonSafeInteger,
                            fields::kMaxJsonSafeInteger);
}
Result<std::optional<std::int64_t>> user_id_at(const json& user, std::string_view where) {
  return fields::integer_in(user, "id", where, 1, fields::kMaxJsonSafeInteger);
}

// Telegram itself refuses longer texts and never sends a NUL, so a text that breaks
// either rule did not come from Telegram; a NUL would also cut the text short in any C
// string downstream.
std::optional<Error> check_text(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    return make_error(ErrorCode::bad_request, "message.text contains a NUL character");
  }
  if (utf16_length(text) > kMaxMessageUnits) {
    return make_error(ErrorCode::bad_request, "message.text is longer than 4096 characters");
  }
  return std::nullopt;
}

Result<void> parse_message(const json& message, const ParseOptions& options, ParsedUpdate& out) {
  auto chat = fields::object_at(message, "chat", "message");
  if (!chat) return chat.error();
  auto from = fields::object_at(message, "from", "message");
  if (!from) return from.error();
  auto text = fields::string_at(message, "text", "message");
  if (!text) return text.error();
  auto date = fields::integer_in(message, "date", "message", 0, common::kLatestEpochSeconds);
  if (!date) return date.error();
  auto message_id = fields::integer_in(message, "message_id", "message", 0,
                                       std::numeric_limits<std::int32_t>::max());
  if (!message_id) return message_id.error();
  if (*text) {
    if (auto bad = check_text(**text)) return *bad;
  }
  if (*chat == nullptr) return {};
  auto chat_id = chat_id_at(**chat, "message.chat");
  if (!chat_id) return chat_id.error();
  auto chat_type = fields::string_at(**chat, "type", "message.chat");
  if (!chat_type) return chat_type.error();
  if (!*chat_id || !*chat_type) return {};
  // In a private chat the chat id is the user's id; `from` is read when present.
  std::optional<std::int64_t> user_id;
  if (*from != nullptr) {
    auto from_id = user_id_at(**from, "message.from");
    if (!from_id) return from_id.error();
    user_id = *from_id;
    auto is_bot = fields::boolean_at(**from, "is_bot", "message.from");
    if (!is_bot) return is_bot.error();
    if (is_bot->value_or(false)) return {};
  }

  if (**chat_type == "private") {
    if (!*text) {
      out.text_only_chat_id = **chat_id;
      return {};
    }
    if ((*text)->empty()) return {};
    InboundEvent event = base_event(out.update_id, **chat_id, user_id.value_or(**chat_id));
    event.input = dialogs::Input::typed(strip_own_suffix(std::move(**text), options.bot_username));
    // Date 0 (or none) means Telegram did not say when; the caller's clock stands in.
    event.at = common::time_from_epoch_seconds(date->value_or(0)).value_or(options.now);
    out.events.push_back(std::move(event));
    return {};
  }
  if (**chat_type == "group" || **chat_type == "supergroup") {
    // Without our username there is no link to give; say nothing rather than a broken one.
    if (!*text || options.bot_username.empty()) return {};
    // Only a direct mention or a command meant for us gets the private-chat pointer; a
    // bare "/cmd" counts, since Telegram only delivers it to bots it concerns.
    auto command = leading_command(**text);
    bool addressed =
        mentions(**text, options.bot_username) ||
        (command && (command->target.empty() || iequals(command->target, options.bot_username)));
    if (!addressed) return {};
    out.group_pointer = GroupPointer{**chat_id, message_id->value_or(0)};
  }
  return {};
}

Result<void> parse_callback(const json& callback, const ParseOptions& options, ParsedUpdate& out) {
  auto id = fields::string_at(callback, "id", "callback_query");
  if (!id) return id.error();
  auto from = fields::object_at(callback, "from", "callback_query");
  if (!from) return from.error();
  auto message = fields::object_at(callback, "message", "callback_query");
  if (!message) return message.error();
  auto data = fields::string_at(callback, "data", "callback_query");
  if (!data) return data.error();
  // Telegram refuses buttons whose callback_data is over 64 bytes, so longer data (or a
  // NUL) cannot come from one of our buttons.
  if (*data &&
      ((*data)->size() > kMaxCallbackDataBytes || (*data)->find('\0') != std::string::npos)) {
    return make_error(ErrorCode::bad_request,
                      "callback_query.data is not 1-64 bytes of button data");
  }
  std::optional<std::int64_t> user_id;
  if (*from != nullptr) {
    auto read = user_id_at(**from, "callback_query.from");
    if (!read) return read.error();
    user_id = *read;
  }
  // `message` may be missing or inaccessible for old messages (PLATFORMS.md §1.3); then
  // the press came from the user's private chat, whose id equals the user's id.
  std::optional<std::int64_t> chat_id;
  std::string chat_type = "private";
  if (*message != nullptr) {
    auto chat = fields::object_at(**message, "chat", "callback_query.message");
    if (!chat) return chat.error();
    if (*chat != nullptr) {
      auto read_id = chat_id_at(**chat, "callback_query.message.chat");
      if (!read_id) return read_id.error();
      auto read_type = fields::string_at(**chat, "type", "callback_query.message.chat");
      if (!read_type) return read_type.error();
      chat_id = *read_id;
      chat_type = read_type->value_or("");
    }
  }
  if (!*id || (*id)->empty()) return {};
  if (!chat_id) chat_id = user_id;
  if (!chat_id || !user_id || chat_type != "private" || !*data || (*data)->empty()) {
    out.unanswered_callback_query_id = **id;
    return {};
  }
  out.pressed = read_pressed_message(callback, *chat_id, **data);
  InboundEvent event = base_event(out.update_id, *chat_id, *user_id);
  event.input = dialogs::Input::pressed(std::move(**data));
  event.at = options.now;
  event.reply_address["callback_query_id"] = **id;
  out.events.push_back(std::move(event));
  return {};
}

Result<void> parse_my_chat_member(const json& change, ParsedUpdate& out) {
  auto chat = fields::object_at(change, "chat", "my_chat_member");
  if (!chat) return chat.error();
  auto member = fields::object_at(change, "new_chat_member", "my_chat_member");
  if (!member) return member.error();
  if (*chat == nullptr || *member == nullptr) return {};
  auto chat_type = fields::string_at(**chat, "type", "my_chat_member.chat");
  if (!chat_type) return chat_type.error();
  auto chat_id = chat_id_at(**chat, "my_chat_member.chat");
  if (!chat_id) return chat_id.error();
  auto status = fields::string_at(**member, "status", "my_chat_member.new_chat_member");
  if (!status) return status.error();
  if (chat_type->value_or("") != "private" || !*chat_id || !*status) return {};
  if (**status == "kicked") out.membership = ChatMembership{**chat_id, true};
  if (**status == "member") out.membership = ChatMembership{**chat_id, false};
  return {};
}

}  // namespace

bool is_valid_secret_token(std::string_view secret) {
  if (secret.empty() || secret.size() > 256) return false;
  for (char c : secret) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-')) return false;
  }
  return true;
}

Result<void> verify(const HttpRequest& request, std::string_view secret) {
  if (secret.empty()) {
    return make_error(ErrorCode::unauthorized, "no webhook secret configured");
  }
  auto given = request.headers.get(kSecretHeader);
  if (!given) return make_error(ErrorCode::unauthorized, "missing secret token header");
  // The length check reveals only the length, which the format (1–256 chars) already
  // bounds; the content is compared in constant time.
  if (given->size() != secret.size() ||
      CRYPTO_memcmp(given->data(), secret.data(), secret.size()) != 0) {
    return make_error(ErrorCode::unauthorized, "wrong secret token");
  }
  return {};
}

Result<ParsedUpdate> parse_body(std::string_view body, const ParseOptions& options) {
  if (common::json_nesting_depth(body) > common::kMaxJsonDepth) {
    return make_error(ErrorCode::bad_request, "update nested too deeply");
  }
  const auto parsed = dialogs::read_json(body);
  if (!parsed || !parsed->is_object()) {
    return make_error(ErrorCode::bad_request, "update is not a JSON object");
  }
  const json& update = *parsed;
  auto update_id =
      fields::integer_in(update, "update_id", "update", 0, fields::kMaxJsonSafeInteger);
  if (!update_id) return update_id.error();
  if (!*update_id) return make_error(ErrorCode::bad_request, "update has no update_id");

  ParsedUpdate out;
  out.update_id = **update_id;
  // At most one optional field is present per update; kinds not named here (and new
  // ones Telegram adds) are ignored, never rejected (PLATFORMS.md §1.3). A kind we read
  // that is not an object is malformed: 400.
  auto message = fields::object_at(update, "message", "update");
  if (!message) return message.error();
  auto callback = fields::object_at(update, "callback_query", "update");
  if (!callback) return callback.error();
  auto change = fields::object_at(update, "my_chat_member", "update");
  if (!change) return change.error();
  Result<void> read;
  if (*message != nullptr) {
    read = parse_message(**message, options, out);
  } else if (*callback != nullptr) {
    read = parse_callback(**callback, options, out);
  } else if (*change != nullptr) {
    read = parse_my_chat_member(**change, out);
  }
  if (!read) return read.error();
  return out;
}

Result<ParsedUpdate> parse(const HttpRequest& request, const ParseOptions& options) {
  return parse_body(request.body, options);
}

std::string update_event_id(std::int64_t update_id) { return "tg:" + std::to_string(update_id); }

std::string group_pointer_text(std::string_view bot_username) {
  return "Hi! Health questions are private, so I only talk about them one to one. "
         "Open a private chat with me here: https://t.me/" +
         std::string(bot_username) + "?start=group";
}

std::string text_only_note() {
  return "Sorry, I can only read text messages. Please describe what you feel in words.";
}

}  // namespace triagebot::adapters::telegram
