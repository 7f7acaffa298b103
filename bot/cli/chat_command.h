// `triagebot chat`: the interview in a terminal. Reads one line per answer from `in`,
// writes the bot's messages to `out` with choices numbered ("1) Yes"); a number picks
// that choice, anything else is typed text. Works piped (no prompts, no terminal
// control); end of input ends the chat with exit code 0. The session lives only in
// memory. Called once from main on the main thread.
#pragma once

#include <iosfwd>

#include "dialogs/engine.h"
#include "dialogs/knowledge.h"

namespace triagebot::bot {

int run_chat(const dialogs::Knowledge& knowledge, const dialogs::EngineOptions& options,
             std::istream& in, std::ostream& out);

}  // namespace triagebot::bot
