// The Telegram channel: the webhook route (routes.h), delivery of its outbox rows
// through the Bot API (render + classify in adapters/telegram/outbound.h), long polling
// as its background loop, instead of the webhook route, when `triagebot telegram poll`
// or TRIAGEBOT_TELEGRAM_MODE=poll asks for it (poller.h), the
// `triagebot telegram ...` commands (commands.h), and getMe at start for the bot's
// @username. On when TRIAGEBOT_TELEGRAM_TOKEN is set.
#pragma once

#include "bot/channels/registry.h"

namespace triagebot::bot {

// The registry's entry for Telegram.
ChannelKind telegram_channel_kind();

}  // namespace triagebot::bot
