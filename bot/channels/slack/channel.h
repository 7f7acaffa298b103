// The Slack channel: the Events API, interactivity and slash command routes (routes.h),
// delivery of its outbox rows through the Web API (outbound.h), Socket Mode as its
// background loop when TRIAGEBOT_SLACK_APP_TOKEN is set (socket_mode_loop.h, fed by
// envelope_handler.h), the `triagebot slack ...` commands (commands.h), and auth.test
// at start for the bot's user id. On when TRIAGEBOT_SLACK_TOKEN is set with a signing
// secret, an app token, or both.
#pragma once

#include "bot/channels/registry.h"

namespace triagebot::bot {

// The registry's entry for Slack.
ChannelKind slack_channel_kind();

}  // namespace triagebot::bot
