// Slack slash commands: `/triage [start|restart|help|forget]` (PLATFORMS.md §2.2 signs
// them like every other request). Slack posts a form (`command`, `text`, `user_id`,
// `team_id`, `channel_id`, `trigger_id`, `response_url` ...) to
// /webhooks/slack/commands, or puts the same fields as a JSON object in the payload of
// a Socket Mode `slash_commands` envelope. Pure; any thread. Verify (signature.h) over
// the raw form body before parsing.
//
// Why one command with sub-commands: slash command names are workspace-wide, so
// `/help` or `/start` would collide with other apps (and Slack refuses any message
// that starts with `/` and names no registered command). Each sub-command is the DM
// command of the same name, run through the same pipeline as if it had been typed in
// the person's DM: its replies go to that DM (opened with conversations.open, as after
// a mention), never to the channel where the command was typed. The person gets an
// ephemeral answer (only they see it) that says what happened and nothing clinical.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/http_types.h"
#include "adapters/inbound_event.h"
#include "adapters/slack/events.h"
#include "dialogs/result.h"

namespace triagebot::adapters::slack {

// The one command the manifest registers.
inline constexpr std::string_view kSlashCommandName = "/triage";
// Slack's ids and trigger ids are a few dozen characters; a longer one is not Slack's.
inline constexpr std::size_t kMaxSlashIdChars = 255;

enum class SlashAction {
  start,    // `/triage`, `/triage start`: the DM's /start
  restart,  // the DM's /restart
  help,     // the DM's /help
  forget,   // the DM's /forget: deletes everything stored about the person
  usage,    // an unknown sub-command or command: the help text alone, nothing stored
  // Not a command: Slack checking the request URL's certificate (a form with
  // ssl_check=1 and no command). Answered 200 with an empty body; nothing stored.
  ssl_check,
};

struct ParsedSlashCommand {
  SlashAction action = SlashAction::usage;
  // The DM command for the pipeline (not for `usage`): keyed like the person's DM
  // (conversation_key(team, user)), addressed {"user": …} so the DM is opened first,
  // with the dedup key slash_command_key(), which a Socket Mode redelivery repeats.
  std::optional<InboundEvent> event;
  // For logs: the command as Slack named it (an unknown one is answered with usage).
  std::string command;
};

// The form body (HTTP) or the envelope's payload (Socket Mode). `command`, `user_id`,
// `team_id` and `trigger_id` must be present, non-empty and at most kMaxSlashIdChars;
// `text` may be absent or empty, and is refused over kMaxTextChars or with a NUL. Any
// of these wrong (or a field of the wrong type in JSON) is
// Error{ErrorCode::bad_request, ...}: nothing is stored. Sub-commands are read
// case-insensitively; anything else (two words, an unknown word, another command) is
// `usage`. A form with ssl_check=1 and no command is `ssl_check`.
Result<ParsedSlashCommand> parse_slash_command_request(const HttpRequest& request,
                                                       const InboundOptions& options);
Result<ParsedSlashCommand> parse_slash_command_payload(const nlohmann::json& payload,
                                                       const InboundOptions& options);

// "slack:command:<team>:<user>:<trigger_id>": one invocation of the command.
std::string slash_command_key(std::string_view team_id, std::string_view user_id,
                              std::string_view trigger_id);

// The ephemeral answer: {"response_type": "ephemeral", "text": "..."}, never
// `in_channel` (health data). Says what the action did, in words with nothing clinical;
// `usage` lists the sub-commands. `ssl_check` has none: null.
nlohmann::json slash_command_answer(SlashAction action);

}  // namespace triagebot::adapters::slack
