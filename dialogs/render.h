// Turning the engine's conclusions into what the person reads: the assessment card
// data (API.md shape) and its full plain-text rendering, and the emergency interruption.
// Pure; any thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dialogs/engine.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/reasoner.h"

namespace triagebot::dialogs {

// Replaces each "{key}" in `text` with vars[key].
std::string fill(std::string text, const std::map<std::string, std::string>& vars);

// What an assessment is built from.
struct AssessmentBasis {
  const Facts& facts;
  const std::vector<double>& posterior;
  const std::map<int, std::string>& said;  // what the person stated (EngineState::said)
};

// The causes of the fired `red_flags` come first, then the rest by score; each cause gets
// its likelihood in words and reasons only from what the person said (issue 10 §7).
Assessment build_assessment(const KnowledgeData& k, const AssessmentBasis& basis, Triage triage,
                            std::vector<std::string> red_flags);

// Extra lines for the assessment: notes that depend on what the person said.
struct AssessmentNotes {
  bool unsure_screens = false;
  bool undecided_flags = false;  // the budget ran out with a red flag undecided
  bool pregnant = false;
  bool child = false;
  bool medicine = false;
  bool chemo = false;
};

// `facts` decides which safety-net signs to list: none the person already has.
std::string render_assessment(const KnowledgeData& k, const EngineOptions& options,
                              const Assessment& assessment, const AssessmentNotes& notes,
                              const Facts& facts);

// Why the interview was interrupted: a flag that fired, or one escalated because the
// finding that would decide it was still "not sure" after the plainer re-ask.
enum class FlagBasis { stated, unsure };

// The interruption: the red flags in plain words, their guidance naming the number (it
// leads), the emergency advice, the causes ranked so far.
std::string render_emergency(const KnowledgeData& k, const EngineOptions& options,
                             const Assessment& assessment, const std::vector<int>& new_flags,
                             FlagBasis basis);

std::string flag_names(const KnowledgeData& k, const std::vector<std::string>& ids);

}  // namespace triagebot::dialogs
