// Replay: how one stored conversation would have ended with another knowledge base —
// the check a knowledge-base change gets against real traffic before it ships
// (`triagebot replay`, docs/reviewing.md "Checking a knowledge-base change").
//
// The person's answers are recovered by running their messages, in order, through the
// interview with the knowledge base in use (`current`): the question pending before each
// message is the one it answered. Then the interview runs again with `candidate`,
// typing each question's recorded answer as text, so the candidate file's own reading
// of the words is what is tested; a question the person was never asked is answered
// "I'm not sure" and counted as not recorded. Both runs go through the same engine, so
// an unchanged file gives exactly the same outcome.
//
// Pure over its arguments (dialogs::step is); any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dialogs/engine.h"
#include "storage/records.h"

namespace triagebot::bot {

struct ReplayOutcome {
  std::optional<dialogs::Triage> triage;  // nullopt: the interview gave no assessment
  std::optional<std::string> top_cause;
};

struct ReplayResult {
  ReplayOutcome before;  // with the current knowledge base
  ReplayOutcome after;   // with the candidate
  int not_recorded = 0;  // candidate questions the person was never asked
};

// Ordered by how much a reviewer must care: a lost emergency first.
enum class ReplayChange { none, emergency_lost, down_triaged, up_triaged, top_cause_changed };
std::string_view to_string(ReplayChange change);
ReplayChange classify(const ReplayResult& result);

// `messages` is the stored transcript, oldest first (only the person's are used).
ReplayResult replay_conversation(const dialogs::Knowledge& current,
                                 const dialogs::Knowledge& candidate,
                                 const dialogs::EngineOptions& options,
                                 const std::vector<storage::MessageView>& messages);

}  // namespace triagebot::bot
