#include "bot/cli/cli.h"

#include <algorithm>
#include <iostream>
#include <sstream>

#include "bot/app/serve.h"
#include "bot/channels/registry.h"
#include "bot/cli/chat_cli.h"
#include "bot/cli/healthcheck.h"
#include "bot/cli/logs_command.h"
#include "bot/cli/replay_command.h"
#include "bot/obs/log.h"

namespace triagebot::bot {
namespace {

int serve_command(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io) {
  if (wants_help(args)) {
    io.out << usage_text();
    return 0;
  }
  auto config = load_config_or_report(env, args, io);
  if (!config) return 2;
  set_log_level(config->log_level);
  return run_serve(*config);
}

int healthcheck_command(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io) {
  auto config = load_config_or_report(env, args, io);
  if (!config) return 2;
  if (config->listen_port == 0) {
    io.err << "triagebot: healthcheck needs a fixed port in TRIAGEBOT_LISTEN, not 0\n";
    return 2;
  }
  const auto status = http_get_status(config->listen_host, config->listen_port, "/healthz",
                                      std::chrono::seconds(5));
  if (!status) {
    io.err << "triagebot: healthcheck: " << status.error().message << "\n";
    return 1;
  }
  if (*status != 200) {
    io.err << "triagebot: healthcheck: /healthz answered " << *status << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = [] {
    std::vector<Command> all = {
        {"serve", "run the server: webhooks, web widget, admin API, /healthz, /metrics",
         serve_command},
        {"logs",
         "review stored conversations: list, show, stats, export, forget, purge (no server "
         "needed)",
         logs_command},
        {"replay",
         "re-run stored conversations with another knowledge file and list what would change",
         replay_command},
    };
    // Each platform's own commands (`triagebot telegram ...`), from the registry.
    for (const auto& kind : builtin_channels()) {
      if (!kind.command) continue;
      all.push_back(
          {kind.command->name, kind.command->summary,
           [run = kind.command->run](const EnvLookup& env, const std::vector<std::string>& args,
                                     CommandIo io) { return run(env, args, io, run_serve); }});
    }
    all.push_back({"chat", "the interview in the terminal, no server needed (nothing is stored)",
                   chat_command});
    all.push_back({"healthcheck",
                   "exit 0 when the local server's /healthz answers 200 (Docker HEALTHCHECK)",
                   healthcheck_command});
    return all;
  }();
  return table;
}

std::string usage_text() {
  std::ostringstream out;
  out << "usage: triagebot <command> [--flag value ...]\n"
         "       triagebot --help | --version\n\ncommands:\n";
  for (const auto& command : commands()) {
    out << "  " << command.name
        << std::string(14 - std::min<std::size_t>(13, command.name.size()), ' ') << command.summary
        << "\n";
  }
  out << "\nconfiguration (environment variable, or the flag, which wins):\n";
  for (const auto& variable : config_variables()) {
    out << "  " << variable.name << ", " << flag_name(variable.name) << "\n      "
        << variable.meaning << " (default: " << variable.default_value << ")\n";
  }
  out << "\ndurations take a unit (500ms, 10s, 2m). Exit codes: 0 ok, 1 failure, 2 bad usage "
         "or configuration.\n";
  return out.str();
}

int run_cli(const std::vector<std::string>& args, const EnvLookup& env, CommandIo io) {
  if (args.empty()) {
    io.err << "triagebot: no command given\n" << usage_text();
    return 2;
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    io.out << usage_text();
    return 0;
  }
  if (first == "--version") {
    io.out << "triagebot " << TRIAGEBOT_VERSION << "\n";
    return 0;
  }
  for (const auto& command : commands()) {
    if (command.name == first) {
      return command.run(env, std::vector<std::string>(args.begin() + 1, args.end()), io);
    }
  }
  io.err << "triagebot: unknown command '" << first << "' (see triagebot --help)\n";
  return 2;
}

}  // namespace triagebot::bot
