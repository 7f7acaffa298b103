// A Transport that delivers chat.postMessage calls addressed to a person's user id by
// opening their DM first (conversations.open, scope im:write) and posting into the
// channel it answers. Slack's ids say what they name: users are U… or W…, channels
// C…, G… or D…; so the call's own `channel` field tells whether a DM must be opened.
// Opened DMs are remembered (Slack answers the same channel every time), so a person
// costs one extra call per process, not per message.
//
// Threads: the returned Transport may be called from any thread; the directory of
// opened DMs is guarded by a mutex.
#pragma once

#include <string>

#include "bot/net/transport.h"

namespace triagebot::bot {

Transport dm_opening_transport(Transport inner, std::string token);

// True for a Slack user id (U…, W…), which chat.postMessage must not be given as a
// channel here: the DM is opened instead.
bool is_slack_user_id(std::string_view id);

}  // namespace triagebot::bot
