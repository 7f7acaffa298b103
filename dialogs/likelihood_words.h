// Scores become words (issue 10 §7, docs/interview.md). A naive-Bayes posterior over a
// hand-set model is a ranking, not a measured probability: "96%" beside an emergency
// warning claims a precision nobody has. The person reads a word; the number stays in
// the stored assessment (CauseScore::score) for review. Pure; any thread.
#pragma once

#include <string>
#include <string_view>

#include "dialogs/knowledge_data.h"

namespace triagebot::dialogs {

enum class Likelihood {
  most_likely,  // the leader, at or above settings.most_likely_posterior
  possible,     // at or above settings.possible_posterior
  less_likely,  // below it
  to_rule_out,  // a cause a fired red flag points at: never "less likely" (brief §5.9)
};

// Wire names (CauseScore::likelihood) are the enum names.
std::string_view to_string(Likelihood likelihood);

// `leader`: no cause scores higher. `flagged`: a fired red flag points at this cause.
Likelihood likelihood_of(const Settings& settings, double score, bool leader, bool flagged);

// The words the person reads, from the knowledge base's texts ("most likely", ...).
const std::string& likelihood_text(const KnowledgeData& k, Likelihood likelihood);

}  // namespace triagebot::dialogs
