#include "bot/config/command.h"

#include <algorithm>
#include <ostream>

#include "bot/obs/log.h"

namespace triagebot::bot {

Result<Config> load_config_or_report(const EnvLookup& env, const std::vector<std::string>& args,
                                     CommandIo io, std::vector<std::string>* rest) {
  auto config = load_config(env, args, rest);
  if (!config) io.err << "triagebot: " << config.error().message << "\n";
  return config;
}

bool wants_help(const std::vector<std::string>& args) {
  return std::any_of(args.begin(), args.end(),
                     [](const std::string& arg) { return arg == "--help" || arg == "-h"; });
}

ActionCommand start_action_command(const EnvLookup& env, const std::vector<std::string>& args,
                                   CommandIo io, std::string_view usage) {
  ActionCommand command;
  if (args.empty() || wants_help(args)) {
    (args.empty() ? io.err : io.out) << usage;
    command.exit_code = args.empty() ? 2 : 0;
    return command;
  }
  command.action = args.front();
  auto config = load_config_or_report(env, {args.begin() + 1, args.end()}, io, &command.rest);
  if (!config) {
    command.exit_code = 2;
    return command;
  }
  set_log_level(config->log_level);
  command.config = std::move(*config);
  return command;
}

}  // namespace triagebot::bot
