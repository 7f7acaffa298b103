// The DM commands as a Slack user can type them. The interview's texts name the
// commands as every platform has them ("/restart starts again, /forget deletes ..."),
// but in Slack a message that begins with an unregistered `/name` is refused by the
// client, so there they are sub-commands of `/triage` (slash_command.h). Pure; any
// thread.
#pragma once

#include <string>
#include <string_view>

#include "dialogs/reply.h"

namespace triagebot::adapters::slack {

// Every "/start", "/restart", "/help" and "/forget" that stands as a word of its own
// (not inside a URL or a longer word) becomes "/triage start" and so on; nothing else
// changes.
std::string with_slash_commands(std::string_view text);

// The reply with its text rewritten so; choices and assessment as they were.
dialogs::Reply with_slash_commands(dialogs::Reply reply);

}  // namespace triagebot::adapters::slack
