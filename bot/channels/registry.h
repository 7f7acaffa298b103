// The built-in channels, in one list (Rasa's BUILTIN_CHANNELS in
// rasa/core/channels/__init__.py). Each entry says how to build the channel from the
// config when its credentials are set, and which command it adds to the CLI. The app
// asks for the enabled channels once, at start; the CLI lists the commands. This is
// the only place outside a channel's own folder that names a platform.
//
// Threads: main's thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/channels/channel.h"
#include "bot/config/command.h"
#include "bot/config/config.h"

namespace triagebot::bot {

// A channel's command, e.g. `triagebot telegram poll | set-webhook ...`. `serve` runs
// the server (for a command that runs the channel's loop, such as `telegram poll`).
struct ChannelCommand {
  std::string_view name;
  std::string_view summary;  // one line for --help
  std::function<int(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io,
                    const ServeFunction& serve)>
      run;
};

struct ChannelKind {
  std::string_view name;
  // The channel when its credentials are in `config`, else null (the platform is off).
  // `request` says whether a command asked for the channel's loop.
  std::function<Result<std::unique_ptr<Channel>>(const Config& config, const ServeRequest& request)>
      from_credentials;
  std::optional<ChannelCommand> command;
};

const std::vector<ChannelKind>& builtin_channels();

// The channels whose credentials are set, in the registry's order. Errors: a command
// asked for the loop of a channel that is off or has none (code "bad_config").
Result<std::vector<std::unique_ptr<Channel>>> enabled_channels(const Config& config,
                                                               const ServeRequest& request);

}  // namespace triagebot::bot
