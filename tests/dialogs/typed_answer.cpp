#include "tests/dialogs/typed_answer.h"

#include <gtest/gtest.h>

#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing {

Answer typed_answer(const char* question_id, const std::string& text) {
  const KnowledgeData& k = builtin().data();
  const QuestionDef* q = k.question(question_id);
  EXPECT_NE(q, nullptr) << question_id;
  return read_message(k, text, q, &spelling()).answer;
}

bool states_finding(const std::string& text, const char* finding_id, const char* question_id) {
  const KnowledgeData& k = builtin().data();
  const QuestionDef* q = question_id ? k.question(question_id) : nullptr;
  const Reading r = read_message(k, text, q, &spelling());
  for (const auto& [f, present] : r.findings)
    if (present && k.findings[f].id == finding_id) return true;
  return false;
}

}  // namespace triagebot::dialogs::testing
