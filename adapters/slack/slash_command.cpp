#include "adapters/slack/slash_command.h"

#include <functional>

#include "adapters/slack/address.h"
#include "adapters/slack/form.h"
#include "adapters/slack/json_fields.h"
#include "adapters/slack/text_checks.h"

namespace triagebot::adapters::slack {
namespace {

using nlohmann::json;

// The fields we read, whichever way they came (a form over HTTP, JSON over Socket Mode).
struct CommandFields {
  std::string command, text, user_id, team_id, trigger_id;
};

// One field by name: nullopt when absent; an Error when present but unusable.
using FieldReader = std::function<Result<std::optional<std::string>>(std::string_view name)>;

Result<CommandFields> read_fields(const FieldReader& read) {
  CommandFields out;
  struct Required {
    std::string_view name;
    std::string* value;
  };
  for (Required field :
       {Required{"command", &out.command}, Required{"user_id", &out.user_id},
        Required{"team_id", &out.team_id}, Required{"trigger_id", &out.trigger_id}}) {
    auto value = read(field.name);
    if (!value) return value.error();
    if (!*value || (*value)->empty()) {
      return make_error(ErrorCode::bad_request, "slash command has no " + std::string(field.name));
    }
    if ((*value)->size() > kMaxSlashIdChars) {
      return make_error(ErrorCode::bad_request, "slash command " + std::string(field.name) +
                                                    " is longer than " +
                                                    std::to_string(kMaxSlashIdChars) + " bytes");
    }
    *field.value = std::move(**value);
  }
  auto text = read("text");
  if (!text) return text.error();
  out.text = text->value_or("");
  if (auto bad = check_text(out.text, "slash command text")) return *bad;
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// The sub-command word: case does not matter, and "/forget" reads as "forget" for a
// person who types the DM command after /triage out of habit.
SlashAction action_of(std::string_view text) {
  std::string word(trimmed(text));
  if (!word.empty() && word.front() == '/') word.erase(0, 1);
  for (char& c : word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (word.empty() || word == "start") return SlashAction::start;
  if (word == "restart") return SlashAction::restart;
  if (word == "help") return SlashAction::help;
  if (word == "forget") return SlashAction::forget;
  return SlashAction::usage;
}

std::string_view dm_command(SlashAction action) {
  switch (action) {
    case SlashAction::start:
      return "/start";
    case SlashAction::restart:
      return "/restart";
    case SlashAction::help:
      return "/help";
    case SlashAction::forget:
      return "/forget";
    case SlashAction::usage:
    case SlashAction::ssl_check:
      break;
  }
  return "";
}

ParsedSlashCommand parsed_from(CommandFields fields, const InboundOptions& options) {
  ParsedSlashCommand out;
  out.command = fields.command;
  // Another app's command sent to our URL by a misconfigured manifest: say what we answer.
  out.action = fields.command == kSlashCommandName ? action_of(fields.text) : SlashAction::usage;
  if (out.action == SlashAction::usage) return out;
  InboundEvent event;
  event.platform = Platform::slack;
  event.conversation_key = conversation_key(fields.team_id, fields.user_id);
  event.user_key = fields.user_id;
  event.event_id = slash_command_key(fields.team_id, fields.user_id, fields.trigger_id);
  event.input = dialogs::Input::typed(std::string(dm_command(out.action)));
  event.at = options.now;  // a command carries no time of its own
  // The person's DM, whatever channel the command was typed in: {"user"} makes the
  // outbound side open it (conversations.open) and post there.
  event.reply_address = address_json(ReplyAddress{{}, fields.user_id});
  out.event = std::move(event);
  return out;
}

constexpr std::string_view kUsage =
    "Type `/triage` in any channel: only you see my answers to it, and our conversation "
    "stays in our direct message.\n"
    "\xE2\x80\xA2 `/triage` or `/triage start`: begin in our direct message\n"
    "\xE2\x80\xA2 `/triage restart`: start again from the first question\n"
    "\xE2\x80\xA2 `/triage help`: this list, and what I do\n"
    "\xE2\x80\xA2 `/triage forget`: delete everything you told me";

}  // namespace

std::string slash_command_key(std::string_view team_id, std::string_view user_id,
                              std::string_view trigger_id) {
  std::string key = "command:";
  for (std::string_view part : {team_id, user_id}) {
    key += part;
    key += ':';
  }
  key += trigger_id;
  return event_key(key);
}

Result<ParsedSlashCommand> parse_slash_command_request(const HttpRequest& request,
                                                       const InboundOptions& options) {
  // Slack checks the certificate of a command's request URL now and then with a signed
  // form that names no command.
  if (form_field(request.body, "ssl_check") == "1" && !form_field(request.body, "command")) {
    ParsedSlashCommand check;
    check.action = SlashAction::ssl_check;
    return check;
  }
  auto fields = read_fields([&](std::string_view name) -> Result<std::optional<std::string>> {
    // form_field cannot tell an absent field from a malformed one; both are refused
    // where the field is required.
    return form_field(request.body, name);
  });
  if (!fields) return fields.error();
  return parsed_from(std::move(*fields), options);
}

Result<ParsedSlashCommand> parse_slash_command_payload(const json& payload,
                                                       const InboundOptions& options) {
  if (!payload.is_object()) {
    return make_error(ErrorCode::bad_request, "payload is not a JSON object");
  }
  auto fields = read_fields([&](std::string_view name) -> Result<std::optional<std::string>> {
    return fields::string_at(payload, name, "payload");
  });
  if (!fields) return fields.error();
  return parsed_from(std::move(*fields), options);
}

json slash_command_answer(SlashAction action) {
  std::string text;
  switch (action) {
    case SlashAction::start:
      text = "I've started in our direct message: answer me there.";
      break;
    case SlashAction::restart:
      text = "I've started again in our direct message.";
      break;
    case SlashAction::help:
      text = std::string(kUsage) + "\nI've also sent what I do to our direct message.";
      break;
    case SlashAction::forget:
      text = "Deleted everything you told me.";
      break;
    case SlashAction::usage:
      text = std::string(kUsage);
      break;
    case SlashAction::ssl_check:
      return json();
  }
  // Never "in_channel": what a person asks about their health is for them alone.
  return json{{"response_type", "ephemeral"}, {"text", std::move(text)}};
}

}  // namespace triagebot::adapters::slack
