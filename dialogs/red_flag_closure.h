// Red-flag closure (issue 10 §1, docs/interview.md): after every turn each rule of each
// red flag is fired, ruled out or undecided, and an undecided rule that is partly met
// keeps the interview from concluding until the finding that decides it is asked.
//
// Definitions (over the facts known now; "positive members" are a rule's `all` and `any`):
// - fired: the rule holds (Facts::holds).
// - ruled out: it can no longer hold, whatever the unknown findings turn out to be: a
//   member of `all` is false, every member of `any` is false, a member of `none` is true
//   or a member of `not_false` is false.
// - open: neither, and at least one positive member is true (the rule is partly met).
//   The engine must ask a question that decides it before any assessment.
// - idle: neither, and no positive member is true. Nothing the person said points at it;
//   the red-flag screens (asked of everyone) cover it. An idle rule is still closed when
//   its flag is plausible: a cause the flag points at has a posterior at or above
//   settings.triage_posterior (the level at which causes drive triage, brief §1).
// Pure; any thread.
#pragma once

#include <string>
#include <vector>

#include "dialogs/knowledge_data.h"
#include "dialogs/reasoner.h"

namespace triagebot::dialogs {

enum class RuleState { fired, ruled_out, open, idle };

RuleState rule_state(const Condition& rule, const Facts& facts);

// The unknown findings whose answers would decide an undecided rule: unknown members of
// `all`, and unknown members of `any` while none of them is true.
std::vector<int> deciding_findings(const Condition& rule, const Facts& facts);

struct ClosureStep {
  // The next question that decides an open rule (null when none can), and its red flag.
  // A question asked before and left unanswered is allowed once more (as the re-ask).
  const QuestionDef* question = nullptr;
  int flag = -1;
  int rank = 0;  // the flag's place in the screen order (brief §4): most time-critical first
  // Flags with an open rule whose only missing findings were left "not sure" after the
  // re-ask: the rest of the rule is met, so the engine escalates to that flag (brief §5.4
  // read with issue 10 §1: not a generic `urgent`).
  std::vector<int> escalate;
  // Flags with an open rule that no remaining question can decide (only when a finding
  // has no question, which the loader refuses, or the question budget is spent).
  std::vector<int> undecided;
};

// `posterior`: the cause posterior now. `unresolved`: ids of red-flag questions still
// "not sure" after the plainer re-ask; they are never asked again, and their findings
// count as "not sure".
ClosureStep close_red_flags(const KnowledgeData& k, const Facts& facts,
                            const std::vector<double>& posterior,
                            const std::vector<std::string>& unresolved);

// Findings a question settles that its unresolved answer leaves unknown.
std::vector<int> unresolved_findings(const KnowledgeData& k,
                                     const std::vector<std::string>& unresolved);

}  // namespace triagebot::dialogs
