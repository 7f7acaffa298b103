// The safety screen's third stage: a learned backstop (docs/safety.md "The learned
// backstop"). Rules (safety_rules.h) and signs that add up (safety_signs.h) read the
// ways of writing someone has seen; each held-out round of new writers still found a
// quarter of its crises worded past them. A linear model over the message's words and
// word pairs, trained on every labelled line the project has (the crisis sets and their
// look-alikes, and the thousands of ordinary leg messages of the clinical sets as
// negatives), catches many of those on their first run (docs/safety.md gives the
// leave-one-round-out figures). It speaks only when the rules found nothing, and only
// above a threshold set for few false alarms on ordinary messages.
//
// One logistic regression per category (one against the rest). Its weights are a JSON
// file compiled into the binary (dialogs/knowledge/safety_model.json), written by
// tests/dialogs/safety_model_training.h from the committed data; the tests hold the two to
// each other. Immutable after load; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialogs/result.h"
#include "dialogs/safety_screen.h"
#include "dialogs/safety_text.h"

namespace triagebot::dialogs::safety {

// A message of fewer words is left to the rules: a fragment's few features say too
// little ("there's blood", "honestly i just want to"), and the rules read short messages,
// and crises split over turns, well.
inline constexpr std::size_t kModelMinWords = 6;

// The categories the model scores, in the order of its weight arrays: the brief's six
// and abuse at home. Abuse was left to the rules while the sets held a few dozen lines of
// it; told without its name ("he makes me kneel on the tiles for hours", "she keeps my
// passport") the rules caught 4 of 22 fresh lines (2026-12-07), and the sets now hold
// enough of it to learn from.
inline constexpr std::array<SafetyCategory, 7> kModelCategories = {
    SafetyCategory::chest_pain,
    SafetyCategory::breathing,
    SafetyCategory::collapse_unresponsive,
    SafetyCategory::severe_bleeding,
    SafetyCategory::overdose_poisoning,
    SafetyCategory::self_harm,
    SafetyCategory::abuse};

// A message's features as hashes: each word, and each pair of neighbouring words in a
// clause ("chest" "hurts" -> "chest hurts"). The same for training and scoring.
std::vector<std::uint64_t> model_features(const std::vector<Clause>& clauses);
std::vector<std::uint64_t> model_features(const std::vector<IndexedClause>& clauses);
std::uint64_t feature_hash(std::string_view feature);

// The logistic function, its argument held to [-30, 30].
double logistic(double z);

struct ModelVerdict {
  SafetyCategory category;
  double probability;
};

class SafetyModel {
 public:
  // From the JSON the trainer writes; an error names what is wrong.
  static Result<SafetyModel> from_json(std::string_view text);

  // The likeliest category and its probability.
  ModelVerdict best(const std::vector<std::uint64_t>& features) const;
  // The category when its probability reaches the threshold, else none.
  std::optional<SafetyCategory> verdict(const std::vector<std::uint64_t>& features) const;
  // The same for a message's clauses: none below kModelMinWords words.
  std::optional<SafetyCategory> verdict(const std::vector<IndexedClause>& clauses) const;
  double threshold() const { return threshold_; }

 private:
  double threshold_ = 1.0;
  std::array<double, kModelCategories.size()> bias_{};
  // Sorted by feature hash: a few thousand entries in one block, searched by bisection
  // (a hash map's nodes would cost the server a few MiB).
  using Weights = std::array<float, kModelCategories.size()>;
  std::vector<std::pair<std::uint64_t, Weights>> weights_;
};

// The model compiled into the binary (dialogs/knowledge/safety_model.json).
const SafetyModel& builtin_safety_model();
// The backstop's answer as the screen takes it (screen_for_safety, and the tests that
// measure the screen): the model's verdict, unless it names a physical emergency in a
// message that opens by supposing one ("what if the numbness spreads up to my chest and
// I stop breathing?", "if he ever passed out what would I do"). The rules take such a
// match as a question, not an emergency now; self-harm told with an "if" still counts,
// as in the rules. Nor self-harm when the harm is aimed at someone else and never at the
// writer ("he texted 'I'll kill you' lol"), or when the only death named is a limb's
// numbness ("leg's gone dead again after chapel") and no word of self-harm is there.
std::optional<SafetyCategory> backstop_verdict(const SafetyModel& model,
                                               const std::vector<IndexedClause>& clauses);

std::string_view builtin_safety_model_json();

}  // namespace triagebot::dialogs::safety
