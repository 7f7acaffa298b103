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

}  // namespace triagebot::dialogs::testing
