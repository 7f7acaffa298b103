// The shape of a command-line command (`triagebot <command> ...`), shared by the CLI's
// table (cli/) and the commands a channel contributes (`triagebot telegram ...`), which
// sit below the CLI and so cannot include it. Call from main's thread.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/config/config.h"
#include "dialogs/result.h"

namespace triagebot::bot {

struct CommandIo {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// `args` are the arguments after the command's name. Returns the exit code: 0 success,
// 1 a runtime failure, 2 a usage or configuration error.
using CommandFunction =
    std::function<int(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io)>;

struct Command {
  std::string_view name;
  std::string_view summary;  // one line for --help
  CommandFunction run;
};

// How the server is to run when a channel's command starts it: with that channel's
// background loop on (`triagebot telegram poll` names "telegram"), beside every loop a
// channel runs by itself.
struct ServeRequest {
  std::string loop_of;  // a channel's name, or empty
};
// Runs the server until SIGTERM/SIGINT; returns the exit code. The app hands it to the
// channels' commands, which cannot include the app.
using ServeFunction = std::function<int(const Config&, const ServeRequest&)>;

// Loads the config for a command; on failure prints `triagebot: <message>` to io.err.
// Handy for commands that add their own arguments (see load_config's `rest`).
Result<Config> load_config_or_report(const EnvLookup& env, const std::vector<std::string>& args,
                                     CommandIo io, std::vector<std::string>* rest = nullptr);

// True when the arguments ask for help (--help or -h).
bool wants_help(const std::vector<std::string>& args);

// How every `triagebot <channel> <action> [flags]` command starts: the usage (ending in
// a newline) on no arguments (exit 2) or on --help (exit 0); else the configuration from
// the environment and the flags after the action, with its log level set. Without a
// config, `exit_code` is what the command returns.
struct ActionCommand {
  std::string action;
  std::optional<Config> config;
  std::vector<std::string> rest;  // arguments after the action that are not config flags
  int exit_code = 0;
};
ActionCommand start_action_command(const EnvLookup& env, const std::vector<std::string>& args,
                                   CommandIo io, std::string_view usage);

}  // namespace triagebot::bot
