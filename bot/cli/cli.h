// The command line: `triagebot <command> [flags]`, --help and --version.
//
// Commands live in one table in cli.cpp; adding one is one line there plus its
// function `int (const EnvLookup&, const std::vector<std::string>& args, CommandIo)`.
// Exit codes: 0 success, 1 a runtime failure, 2 a usage or configuration error (one
// line `triagebot: <what is wrong>` on stderr). Called once, from main's thread.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "bot/config/config.h"

namespace triagebot::bot {

struct CommandIo {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

using CommandFunction = int (*)(const EnvLookup& env, const std::vector<std::string>& args,
                                CommandIo io);

struct Command {
  std::string_view name;
  std::string_view summary;  // one line for --help
  CommandFunction run;
};

const std::vector<Command>& commands();

// `args` are argv without the program name.
int run_cli(const std::vector<std::string>& args, const EnvLookup& env, CommandIo io);

// The usage text of `triagebot --help`.
std::string usage_text();

// Loads the config for a command; on failure prints `triagebot: <message>` to io.err.
// Handy for commands that add their own arguments (see load_config's `rest`).
Result<Config> load_config_or_report(const EnvLookup& env, const std::vector<std::string>& args,
                                     CommandIo io, std::vector<std::string>* rest = nullptr);

}  // namespace triagebot::bot
