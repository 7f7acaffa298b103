// The command line: `triagebot <command> [flags]`, --help and --version.
//
// Commands live in one table in cli.cpp; adding one is one line there plus its
// function `int (const EnvLookup&, const std::vector<std::string>& args, CommandIo)`.
// Each channel in the registry adds its own, whether or not it is enabled (`triagebot telegram
// ...`). Exit codes: 0 success, 1 a runtime failure, 2 a usage or configuration error (one line
// `triagebot: <what is wrong>` on stderr). Called once, from main's thread.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "bot/config/command.h"
#include "bot/config/config.h"

namespace triagebot::bot {

// The built-in commands, then the channels'.
const std::vector<Command>& commands();

// `args` are argv without the program name.
int run_cli(const std::vector<std::string>& args, const EnvLookup& env, CommandIo io);

// The usage text of `triagebot --help`.
std::string usage_text();

}  // namespace triagebot::bot
