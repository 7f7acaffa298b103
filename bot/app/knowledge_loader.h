// Loads the knowledge base a Config names: the TRIAGEBOT_KNOWLEDGE file when set,
// else the one compiled into the binary. Validation is dialogs::load_knowledge's;
// this adds reading the file and naming the source in the error. Any thread.
#pragma once

#include "bot/config/config.h"
#include "dialogs/knowledge.h"
#include "dialogs/result.h"

namespace triagebot::bot {

// Errors read "TRIAGEBOT_KNOWLEDGE: <path>: <what is wrong>" (or "built-in knowledge
// base: ..."), ready for `triagebot: ` and exit code 2.
Result<dialogs::Knowledge> load_configured_knowledge(const Config& config);

}  // namespace triagebot::bot
