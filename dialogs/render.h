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

Assessment build_assessment(const KnowledgeData& k, const Facts& facts,
                            const std::vector<double>& post, Triage triage,
                            std::vector<std::string> red_flags);

// Extra lines for the assessment: notes that depend on what the person said.
struct AssessmentNotes {
  bool unsure_screens = false;
  bool pregnant = false;
  bool child = false;
  bool medicine = false;
  bool chemo = false;
};

std::string render_assessment(const KnowledgeData& k, const EngineOptions& options,
                              const Assessment& assessment, const AssessmentNotes& notes);

// The interruption: the red flags in plain words, their guidance naming the number, the
// emergency advice, the causes ranked so far.
std::string render_emergency(const KnowledgeData& k, const EngineOptions& options,
                             const Assessment& assessment, const std::vector<int>& new_flags);

std::string flag_names(const KnowledgeData& k, const std::vector<std::string>& ids);

}  // namespace triagebot::dialogs
