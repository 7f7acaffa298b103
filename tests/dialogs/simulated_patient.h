// The simulated patient of clinical/VIGNETTES.md and the scoring of a vignette file, as
// a helper every vignette test shares.
// Single-threaded test code.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"

namespace triagebot::dialogs::testing {

struct VignetteOutcome {
  std::string id;
  std::optional<Triage> triage;
  std::vector<std::string> top;  // the assessment's first three cause ids
  int questions = 0;
  bool finished = false;
  nlohmann::json vignette;
};

struct VignetteScore {
  int vignettes = 0, emergencies = 0, emergencies_caught = 0, non_emergencies = 0, over = 0;
  int acceptable = 0, top3 = 0, unfinished = 0, max_questions = 0;
  double median_questions = 0;
  double sensitivity() const;  // percent of emergencies ending in `emergency`
  double accuracy() const;     // percent ending at an acceptable level
  double top3_rate() const;    // percent with an expected cause among the first three
  double over_triage() const;  // percent of non-emergencies sent to `emergency`
};

// One JSON object per non-blank line; unreadable lines are skipped.
std::vector<nlohmann::json> read_vignettes(const std::string& path);

// Plays the vignette against the real engine (VIGNETTES.md "How the simulated patient
// answers"). TRIAGEBOT_VIGNETTE_TRACE=<id> prints that conversation;
// TRIAGEBOT_VIGNETTE_TYPED=1 makes the patient type every answer instead of pressing.
// `observe`, when given, is told how long each `step` call took (bench/dialogs times
// the engine on exactly the conversations the tests score).
using StepObserver = std::function<void(const Input& input, std::chrono::nanoseconds took)>;
VignetteOutcome play(const nlohmann::json& vignette, const StepObserver& observe = {});

// Scores the outcomes and prints the per-vignette table and the summary line.
VignetteScore score(const std::string& title, const std::vector<VignetteOutcome>& outcomes);

std::string vignette_data_file(const char* name);

// TRIAGEBOT_VIGNETTES when it is set (a held-out set drops in unchanged), else the
// named file of tests/dialogs/data/.
std::string vignette_file_or_override(const char* name);

}  // namespace triagebot::dialogs::testing
