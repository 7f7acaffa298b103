#include "dialogs/choice_label.h"

#include <gtest/gtest.h>

#include "dialogs/engine.h"

namespace triagebot::dialogs {
namespace choice_label_test {
namespace {

Knowledge builtin() {
  auto knowledge = load_knowledge(builtin_knowledge_json());
  EXPECT_TRUE(knowledge.has_value());
  return std::move(knowledge).value();
}

TEST(ChoiceLabel, NamesTheButtonsTheEngineOffers) {
  const Knowledge knowledge = builtin();
  const auto now = std::chrono::system_clock::time_point{};
  auto opened = step(knowledge, {}, Session{}, Input::typed("/start"), now);
  // /start asks for the story in the person's words; the questions with buttons follow.
  auto turn = step(knowledge, {}, opened.next, Input::typed("my left leg is numb"), now);
  bool checked = false;
  for (const auto& reply : turn.replies) {
    for (const auto& choice : reply.choices) {
      EXPECT_EQ(choice_label(knowledge, choice.id), choice.label) << choice.id;
      checked = true;
    }
  }
  EXPECT_TRUE(checked) << "the opening turn offered no buttons to check";
}

TEST(ChoiceLabel, UnknownIdsHaveNoLabel) {
  const Knowledge knowledge = builtin();
  EXPECT_EQ(choice_label(knowledge, "no-colon"), std::nullopt);
  EXPECT_EQ(choice_label(knowledge, "unknown_question:yes"), std::nullopt);
  EXPECT_EQ(choice_label(knowledge, ""), std::nullopt);
}

}  // namespace
}  // namespace choice_label_test
}  // namespace triagebot::dialogs
