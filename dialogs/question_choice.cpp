#include "dialogs/question_choice.h"

#include <algorithm>

namespace triagebot::dialogs {
namespace {

bool eligible(const KnowledgeData& k, const EngineState& st, const Facts& facts,
              const QuestionDef& q) {
  return !st.was_asked(q.id) && !settled(k, facts, q) &&
         (q.ask_if.empty() || facts.holds(q.ask_if));
}

const QuestionDef* first_screen(const KnowledgeData& k, const EngineState& st, const Facts& facts) {
  const QuestionDef* screen = nullptr;
  for (const auto& q : k.questions) {
    if (q.screen > 0 && eligible(k, st, facts, q) && (!screen || q.screen < screen->screen))
      screen = &q;
  }
  return screen;
}

// The leader is clear (brief §4): stop asking for the causes' sake.
bool leader_is_clear(const KnowledgeData& k, const std::vector<double>& post) {
  std::vector<double> sorted = post;
  std::sort(sorted.rbegin(), sorted.rend());
  return sorted[0] >= k.settings.stop_posterior && sorted[0] >= k.settings.stop_ratio * sorted[1];
}

// Self-care needs the benign feature that defines it confirmed (issue 10 §7): when the
// leader would give self-care, ask what confirms it rather than settle for routine.
const QuestionDef* confirming_self_care(const KnowledgeData& k, const EngineState& st,
                                        const Facts& facts, const std::vector<double>& post) {
  const CauseDef& leader =
      k.causes[static_cast<size_t>(std::max_element(post.begin(), post.end()) - post.begin())];
  if (leader.triage != Triage::self_care || leader.self_care_when.empty()) return nullptr;
  for (int f : deciding_findings(leader.self_care_when, facts)) {
    for (const auto& q : k.questions) {
      bool decides = std::find(q.determines.begin(), q.determines.end(), f) != q.determines.end();
      if (decides && eligible(k, st, facts, q)) return &q;
    }
  }
  return nullptr;
}

const QuestionDef* most_informative(const KnowledgeData& k, const EngineState& st,
                                    const Facts& facts, const std::vector<double>& post) {
  if (leader_is_clear(k, post)) return nullptr;
  const QuestionDef* best = nullptr;
  double best_gain = k.settings.min_gain;
  for (const auto& q : k.questions) {
    if (q.screen > 0 || q.core || !eligible(k, st, facts, q)) continue;
    double gain = expected_gain(k, facts, post, q);
    if (gain > best_gain) {
      best_gain = gain;
      best = &q;
    }
  }
  return best;
}

}  // namespace

bool settled(const KnowledgeData& k, const Facts& facts, const QuestionDef& q) {
  if (q.kind == QuestionKind::yes_no) return facts.known(q.finding);
  for (int f : q.determines) {
    if (!k.findings[f].group.empty() && facts.known(f)) return true;
  }
  return std::all_of(q.determines.begin(), q.determines.end(),
                     [&](int f) { return facts.known(f); });
}

NextQuestion next_question(const KnowledgeData& k, const EngineState& st, const Facts& facts,
                           const ClosureStep& closure, const std::vector<double>& post) {
  if (st.questions >= kHardQuestionLimit) return {};
  // A partly met red-flag rule is closed before the screens of less urgent flags and
  // whatever the cause posterior says: the interview may not conclude around it.
  const QuestionDef* screen = first_screen(k, st, facts);
  if (closure.question && (!screen || closure.rank <= screen->screen))
    return {closure.question, closure.flag};
  if (screen) return {screen, -1};
  for (const auto& q : k.questions) {
    if (q.core && eligible(k, st, facts, q)) return {&q, -1};
  }
  if (st.questions >= k.settings.max_questions) return {};
  if (const QuestionDef* q = most_informative(k, st, facts, post)) return {q, -1};
  // Before concluding: confirm the benign feature a self-care leader needs.
  return {confirming_self_care(k, st, facts, post), -1};
}

}  // namespace triagebot::dialogs
