#include "bot/channels/registry.h"

#include "bot/channels/slack/channel.h"
#include "bot/channels/telegram/channel.h"
#include "bot/channels/widget/channel.h"

namespace triagebot::bot {

const std::vector<ChannelKind>& builtin_channels() {
  // One line per platform; the order is the order routes and loops are set up in.
  static const std::vector<ChannelKind> kinds = {
      widget_channel_kind(),
      telegram_channel_kind(),
      slack_channel_kind(),
  };
  return kinds;
}

Result<std::vector<std::unique_ptr<Channel>>> enabled_channels(const Config& config,
                                                               const ServeRequest& request) {
  std::vector<std::unique_ptr<Channel>> channels;
  bool loop_found = request.loop_of.empty();
  for (const auto& kind : builtin_channels()) {
    auto channel = kind.from_credentials(config, request);
    if (!channel) return channel.error();
    if (!*channel) continue;
    if (kind.name == request.loop_of) loop_found = true;
    channels.push_back(std::move(*channel));
  }
  if (!loop_found) {
    return make_error(ErrorCode::bad_config,
                      "the " + request.loop_of + " channel is not configured");
  }
  return channels;
}

}  // namespace triagebot::bot
