#include "bot/config/command.h"

#include <algorithm>
#include <ostream>

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

}  // namespace triagebot::bot
