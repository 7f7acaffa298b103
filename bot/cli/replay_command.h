// `triagebot replay --knowledge FILE [list filters] [--json]`: re-runs stored
// conversations through the interview with another knowledge-base file and reports
// every one whose triage level or top cause would change, grouped by direction
// (emergencies lost first, then down-triaged, up-triaged, top cause changed), with a
// summary line (bot/review/replay.h says how answers are replayed).
//
// Read-only and safe beside a running server: it opens the database with one reader
// and no writer (storage::Store::open_readers). The knowledge base compared against is
// the configured one (TRIAGEBOT_KNOWLEDGE, else the built-in file); `--knowledge` here
// names the candidate, not the configuration. Exit codes: 0 ran (whatever changed),
// 1 runtime failure, 2 usage error or a knowledge file that does not load.
#pragma once

#include <string>
#include <vector>

#include "bot/config/command.h"

namespace triagebot::bot {

int replay_command(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io);

std::string replay_usage_text();

}  // namespace triagebot::bot
