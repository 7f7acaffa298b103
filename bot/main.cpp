// triagebot: the command-line entry point. Everything lives in triagebot_bot (cli.h).
#include <iostream>
#include <string>
#include <vector>

#include "bot/cli/cli.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return triagebot::bot::run_cli(args, triagebot::bot::process_environment(),
                                 {std::cin, std::cout, std::cerr});
}
