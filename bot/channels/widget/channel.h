// The web widget channel: the widget API (routes.h) and the pages that carry it
// (static_routes.h: the demo page and widget.js). Replies go back in the HTTP answer
// (Rasa's CollectingOutputChannel), so it has no outbound side and no loop. Always on:
// it needs no credentials.
#pragma once

#include "bot/channels/registry.h"

namespace triagebot::bot {

// The registry's entry for the widget.
ChannelKind widget_channel_kind();

}  // namespace triagebot::bot
