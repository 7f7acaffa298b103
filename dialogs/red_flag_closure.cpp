#include "dialogs/red_flag_closure.h"

#include <algorithm>
#include <climits>

namespace triagebot::dialogs {
namespace {

bool contains(const std::vector<int>& list, int f) {
  return std::find(list.begin(), list.end(), f) != list.end();
}
bool contains(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

bool ruled_out(const Condition& rule, const Facts& facts) {
  auto is_false = [&](int f) { return facts.is_false(f); };
  auto is_true = [&](int f) { return facts.is_true(f); };
  return std::any_of(rule.all.begin(), rule.all.end(), is_false) ||
         (!rule.any.empty() && std::all_of(rule.any.begin(), rule.any.end(), is_false)) ||
         std::any_of(rule.none.begin(), rule.none.end(), is_true) ||
         std::any_of(rule.not_false.begin(), rule.not_false.end(), is_false);
}

// Brief §4 orders the screens most time-critical first; a flag ranks where its first
// screen stands, so closing it comes before screens for less urgent flags.
int flag_rank(const KnowledgeData& k, int flag) {
  int rank = INT_MAX;
  for (const auto& q : k.questions) {
    if (q.screen > 0 && contains(q.red_flags, flag)) rank = std::min(rank, q.screen);
  }
  return rank;
}

// The first question that can still decide `finding`: one that settles it, not left
// unresolved after a re-ask. Yes/no questions first: they ask exactly this finding.
const QuestionDef* deciding_question(const KnowledgeData& k, int finding,
                                     const std::vector<std::string>& unresolved) {
  const QuestionDef* fallback = nullptr;
  for (const auto& q : k.questions) {
    if (!contains(q.determines, finding) || contains(unresolved, q.id)) continue;
    if (q.kind == QuestionKind::yes_no) return &q;
    if (!fallback) fallback = &q;
  }
  return fallback;
}

// A flag is plausible when a cause it points at is in play: at or above the posterior
// at which causes drive triage (brief §1).
bool plausible(const KnowledgeData& k, int flag, const std::vector<double>& posterior) {
  const auto& causes = k.red_flags[flag].causes;
  return std::any_of(causes.begin(), causes.end(),
                     [&](int c) { return posterior[c] >= k.settings.triage_posterior; });
}

}  // namespace

RuleState rule_state(const Condition& rule, const Facts& facts) {
  if (facts.holds(rule)) return RuleState::fired;
  if (ruled_out(rule, facts)) return RuleState::ruled_out;
  auto is_true = [&](int f) { return facts.is_true(f); };
  bool partly_met = std::any_of(rule.all.begin(), rule.all.end(), is_true) ||
                    std::any_of(rule.any.begin(), rule.any.end(), is_true);
  return partly_met ? RuleState::open : RuleState::idle;
}

std::vector<int> deciding_findings(const Condition& rule, const Facts& facts) {
  std::vector<int> out;
  for (int f : rule.all) {
    if (!facts.known(f)) out.push_back(f);
  }
  bool any_met =
      std::any_of(rule.any.begin(), rule.any.end(), [&](int f) { return facts.is_true(f); });
  if (!any_met) {
    for (int f : rule.any) {
      if (!facts.known(f)) out.push_back(f);
    }
  }
  return out;
}

std::vector<int> unresolved_findings(const KnowledgeData& k,
                                     const std::vector<std::string>& unresolved) {
  std::vector<int> out;
  for (const auto& id : unresolved) {
    if (const QuestionDef* q = k.question(id))
      out.insert(out.end(), q->determines.begin(), q->determines.end());
  }
  return out;
}

ClosureStep close_red_flags(const KnowledgeData& k, const Facts& facts,
                            const std::vector<double>& posterior,
                            const std::vector<std::string>& unresolved) {
  ClosureStep out;
  std::vector<int> unsure = unresolved_findings(k, unresolved);
  int best_rank = INT_MAX;
  for (size_t r = 0; r < k.red_flags.size(); ++r) {
    int flag = static_cast<int>(r);
    bool escalate = false, undecided = false;
    bool in_play = plausible(k, flag, posterior);
    for (const auto& rule : k.red_flags[r].rules) {
      RuleState state = rule_state(rule, facts);
      if (state != RuleState::open && !(state == RuleState::idle && in_play)) continue;
      std::vector<int> missing = deciding_findings(rule, facts);
      const QuestionDef* ask = nullptr;
      for (int f : missing) {
        if (contains(unsure, f)) continue;
        if ((ask = deciding_question(k, f, unresolved))) break;
      }
      if (ask) {
        int rank = flag_rank(k, flag);
        if (!out.question || rank < best_rank) {  // a flag without a screen still gets one
          best_rank = rank;
          out.question = ask;
          out.flag = flag;
          out.rank = rank;
        }
        continue;
      }
      if (state == RuleState::idle) continue;  // nothing of it is met: nothing to escalate
      // Nothing left to ask. If every missing finding was left "not sure" after the
      // re-ask, the rest of the rule is met: that is this flag's emergency, not a guess.
      bool all_unsure = !missing.empty() && std::all_of(missing.begin(), missing.end(),
                                                        [&](int f) { return contains(unsure, f); });
      (all_unsure ? escalate : undecided) = true;
    }
    if (escalate) out.escalate.push_back(flag);
    if (undecided && !escalate) out.undecided.push_back(flag);
  }
  return out;
}

}  // namespace triagebot::dialogs
