// The cause model: naive-Bayes posterior over causes from known findings, expected
// information gain for choosing the next question, triage (cause model + floors, brief
// §1 and §5) and the plain-language reasons behind each cause. Pure; any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dialogs/knowledge_data.h"

namespace triagebot::dialogs {

// What is known about the person: per finding, unknown, false or true.
class Facts {
 public:
  enum Value : signed char { unknown = -1, no = 0, yes = 1 };

  explicit Facts(const KnowledgeData& k) : k_(&k), values_(k.findings.size(), unknown) {}

  Value get(int f) const { return values_[f]; }
  bool is_true(int f) const { return values_[f] == yes; }
  bool is_false(int f) const { return values_[f] == no; }
  bool known(int f) const { return values_[f] != unknown; }
  // Setting a grouped finding true makes its siblings false (one side, one onset, ...).
  void set(int f, bool value);
  bool holds(const Condition& c) const;
  // Whether `c` could hold once some of `may_turn_true` are set true (each one's group
  // siblings becoming false) over these facts, where no finding already true is made
  // false: what a reading that can state only those findings could change. A false
  // answer is certain; a true one only says it is not ruled out.
  bool could_hold(const Condition& c, const std::vector<int>& may_turn_true) const;
  bool group_has_true(int f) const;

 private:
  const KnowledgeData* k_;
  std::vector<Value> values_;
};

std::vector<double> posterior(const KnowledgeData& k, const Facts& facts);

// Expected reduction in entropy (bits) of the cause posterior from asking `q`.
double expected_gain(const KnowledgeData& k, const Facts& facts, const std::vector<double>& post,
                     const QuestionDef& q);

struct TriageDecision {
  Triage level = Triage::routine;
  std::vector<std::string> floors;  // ids of the floors that raised it
};

TriageDecision decide_triage(const KnowledgeData& k, const Facts& facts,
                             const std::vector<double>& post);

// Reasons that raise cause `c` above the average cause, drawn only from what the person
// stated (`said`: finding -> their own words, or "" when they answered a question):
// quoted when their words are known, else the finding's plain description (issue 10 §7).
std::vector<std::string> reasons_for(const KnowledgeData& k, const Facts& facts, int c,
                                     const std::map<int, std::string>& said);

Triage more_urgent(Triage a, Triage b);

}  // namespace triagebot::dialogs
