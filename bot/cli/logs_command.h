// `triagebot logs ...`: review stored conversations from the command line, straight
// from the database file (storage::Store), so no server has to run (API.md "Process").
//
//   triagebot logs list [--platform P] [--triage T] [--red-flag R] [--verdict V]
//                       [--since T] [--until T] [--q TEXT] [--limit N] [--json]
//   triagebot logs show <id> [--json]
//   triagebot logs stats [--since T] [--until T] [--by day|week] [--json]
//   triagebot logs purge --older-than DAYS        (or --older-than-days N)
//   triagebot logs export [--since T] [--until T] [--platform P] [--triage T]
//                         [--red-flag R] [--verdict V] [--q TEXT] [--format jsonl|csv]
//   triagebot logs forget --platform P --user U [--yes]
//
// The database is TRIAGEBOT_DB or --db (the config flags are accepted anywhere).
// Readable output escapes control characters, so text a person sent cannot drive the
// reviewer's terminal. Exit codes as cli.h: 0 ok, 1 runtime failure (no such
// database or conversation, storage error), 2 usage error (one line on stderr).
// Called once, from main's thread.
#pragma once

#include <string>
#include <vector>

#include "bot/cli/cli.h"

namespace triagebot::bot {

int logs_command(const EnvLookup& env, const std::vector<std::string>& args, CommandIo io);

// The help text of `triagebot logs --help`.
std::string logs_usage_text();

}  // namespace triagebot::bot
