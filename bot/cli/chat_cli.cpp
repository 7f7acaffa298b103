#include "bot/cli/chat_cli.h"

#include <algorithm>
#include <ostream>

#include "bot/app/knowledge_loader.h"
#include "bot/app/language_services.h"
#include "bot/cli/chat_command.h"

namespace triagebot::bot {

int chat_command(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io) {
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    io.out << "usage: triagebot chat [--knowledge FILE] [--emergency-number N] [--crisis-line N]\n"
              "  the interview in the terminal: type answers, or a number to pick a choice;\n"
              "  end of input ends the chat. Nothing is stored.\n";
    return 0;
  }
  auto config = load_config_or_report(env, args, io);
  if (!config) return 2;
  const auto knowledge = load_configured_knowledge(*config);
  if (!knowledge) {
    io.err << "triagebot: " << knowledge.error().message << "\n";
    return 2;
  }
  auto language = load_language_services();
  if (!language) {
    io.err << "triagebot: " << language.error().message << "\n";
    return 2;
  }
  const dialogs::EngineOptions options = engine_options(*config, *language);
  return run_chat(*knowledge, options, io.in, io.out);
}

}  // namespace triagebot::bot
