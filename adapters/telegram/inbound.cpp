#include "adapters/telegram/inbound.h"

#include <openssl/crypto.h>

#include <cctype>
#include <limits>

#include <nlohmann/json.hpp>

#include "adapters/json_fields.h"

namespace triagebot::adapters::telegram {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxDepth = 64;

const json* object_field(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return (it != object.end() && it->is_object()) ? &*it : nullptr;
}

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

std::chrono::system_clock::time_point time_of(const json& message,
                                              std::chrono::system_clock::time_point fallback) {
  auto date = int64_at(message, "date");
  if (!date || *date <= 0) return fallback;
  return std::chrono::system_clock::time_point(std::chrono::seconds(*date));
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

void parse_message(const json& message, const ParseOptions& options, ParsedUpdate& out) {
  const json* chat = object_field(message, "chat");
  if (chat == nullptr) return;
  auto chat_id = int64_at(*chat, "id");
  auto chat_type = string_at(*chat, "type");
  if (!chat_id || !chat_type) return;
  const json* from = object_field(message, "from");
  // In a private chat the chat id is the user's id; `from` is read when present.
  const std::int64_t user_id =
      (from != nullptr ? int64_at(*from, "id") : std::nullopt).value_or(*chat_id);
  if (from != nullptr) {
    auto is_bot = from->find("is_bot");
    if (is_bot != from->end() && is_bot->is_boolean() && is_bot->get<bool>()) return;
  }
  auto text = string_at(message, "text");

  if (*chat_type == "private") {
    if (!text) {
      out.text_only_chat_id = *chat_id;
      return;
    }
    if (text->empty()) return;
    InboundEvent event = base_event(out.update_id, *chat_id, user_id);
    event.input = dialogs::Input::typed(strip_own_suffix(std::move(*text), options.bot_username));
    event.at = time_of(message, options.now);
    out.events.push_back(std::move(event));
    return;
  }
  if (*chat_type == "group" || *chat_type == "supergroup") {
    // Without our username there is no link to give; say nothing rather than a broken one.
    if (!text || options.bot_username.empty()) return;
    // Only a direct mention or a command meant for us gets the private-chat pointer; a
    // bare "/cmd" counts, since Telegram only delivers it to bots it concerns.
    auto command = leading_command(*text);
    bool addressed =
        mentions(*text, options.bot_username) ||
        (command && (command->target.empty() || iequals(command->target, options.bot_username)));
    if (!addressed) return;
    out.group_pointer = GroupPointer{*chat_id, int64_at(message, "message_id").value_or(0)};
  }
}

void parse_callback(const json& callback, const ParseOptions& options, ParsedUpdate& out) {
  auto id = string_at(callback, "id");
  if (!id || id->empty()) return;
  const json* from = object_field(callback, "from");
  std::optional<std::int64_t> user_id = from ? int64_at(*from, "id") : std::nullopt;
  // `message` may be missing or inaccessible for old messages (PLATFORMS.md §1.3); then
  // the press came from the user's private chat, whose id equals the user's id.
  std::optional<std::int64_t> chat_id;
  std::string chat_type = "private";
  if (const json* message = object_field(callback, "message")) {
    if (const json* chat = object_field(*message, "chat")) {
      chat_id = int64_at(*chat, "id");
      chat_type = string_at(*chat, "type").value_or("");
    }
  }
  if (!chat_id) chat_id = user_id;
  auto data = string_at(callback, "data");
  if (!chat_id || !user_id || chat_type != "private" || !data || data->empty()) {
    out.unanswered_callback_query_id = *id;
    return;
  }
  out.pressed = read_pressed_message(callback, *chat_id, *data);
  InboundEvent event = base_event(out.update_id, *chat_id, *user_id);
  event.input = dialogs::Input::pressed(std::move(*data));
  event.at = options.now;
  event.reply_address["callback_query_id"] = *id;
  out.events.push_back(std::move(event));
}

void parse_my_chat_member(const json& change, ParsedUpdate& out) {
  const json* chat = object_field(change, "chat");
  const json* member = object_field(change, "new_chat_member");
  if (chat == nullptr || member == nullptr) return;
  if (string_at(*chat, "type").value_or("") != "private") return;
  auto chat_id = int64_at(*chat, "id");
  auto status = string_at(*member, "status");
  if (!chat_id || !status) return;
  if (*status == "kicked") out.membership = ChatMembership{*chat_id, true};
  if (*status == "member") out.membership = ChatMembership{*chat_id, false};
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
    return make_error("unauthorized", "no webhook secret configured");
  }
  auto given = request.headers.get(kSecretHeader);
  if (!given) return make_error("unauthorized", "missing secret token header");
  // The length check reveals only the length, which the format (1–256 chars) already
  // bounds; the content is compared in constant time.
  if (given->size() != secret.size() ||
      CRYPTO_memcmp(given->data(), secret.data(), secret.size()) != 0) {
    return make_error("unauthorized", "wrong secret token");
  }
  return {};
}

std::size_t json_nesting_depth(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<ParsedUpdate> parse_body(std::string_view body, const ParseOptions& options) {
  if (json_nesting_depth(body) > kMaxDepth) {
    return make_error("bad_request", "update nested too deeply");
  }
  json update = json::parse(body, nullptr, false);
  if (update.is_discarded() || !update.is_object()) {
    return make_error("bad_request", "update is not a JSON object");
  }
  auto update_id = int64_at(update, "update_id");
  if (!update_id) return make_error("bad_request", "update_id missing or not an integer");

  ParsedUpdate out;
  out.update_id = *update_id;
  // At most one optional field is present per update; kinds not named here (and new
  // ones Telegram adds) are ignored, never rejected (PLATFORMS.md §1.3).
  if (const json* message = object_field(update, "message")) {
    parse_message(*message, options, out);
  } else if (const json* callback = object_field(update, "callback_query")) {
    parse_callback(*callback, options, out);
  } else if (const json* change = object_field(update, "my_chat_member")) {
    parse_my_chat_member(*change, out);
  }
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
