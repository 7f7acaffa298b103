// Which question comes next (brief §4, issue 10 §1): red-flag screens and the questions
// that close a partly met red-flag rule first, then the core questions, then the one
// that best separates the causes still in play, until the answer is clear or the budget
// is spent. Pure; any thread.
#pragma once

#include <vector>

#include "dialogs/engine_state.h"
#include "dialogs/knowledge_data.h"
#include "dialogs/reasoner.h"
#include "dialogs/red_flag_closure.h"

namespace triagebot::dialogs {

// Issue 10: the median may rise to 12 questions when safety needs it, never above 18,
// re-asks included. Closing a red flag may use questions up to this limit; questions
// chosen for information gain stop at settings.max_questions.
constexpr int kHardQuestionLimit = 18;

// A question is settled when what it asks is already known: its finding (yes/no) or its
// group (one of side, onset, duration, age, sex).
bool settled(const KnowledgeData& k, const Facts& facts, const QuestionDef& q);

struct NextQuestion {
  const QuestionDef* question = nullptr;  // null: conclude
  int for_flag = -1;                      // asked to close this red flag's open rule
};

// `post`: posterior(k, facts), which the caller has already worked out.
NextQuestion next_question(const KnowledgeData& k, const EngineState& st, const Facts& facts,
                           const ClosureStep& closure, const std::vector<double>& post);

}  // namespace triagebot::dialogs
