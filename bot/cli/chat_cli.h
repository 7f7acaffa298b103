// The `chat` entry of the command table (cli.cpp): loads config and knowledge, then
// hands the terminal to run_chat (chat_command.h). Main thread only.
#pragma once

#include <string>
#include <vector>

#include "bot/cli/cli.h"

namespace triagebot::bot {

int chat_command(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io);

}  // namespace triagebot::bot
