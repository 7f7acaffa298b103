#include "dialogs/choice_label.h"

#include "dialogs/knowledge_data.h"

namespace triagebot::dialogs {

std::optional<std::string> choice_label(const Knowledge& knowledge, std::string_view choice_id) {
  // Choice ids are "<question id>:<choice key>" (knowledge_data.h).
  const auto colon = choice_id.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const QuestionDef* question = knowledge.data().question(std::string(choice_id.substr(0, colon)));
  if (question == nullptr) return std::nullopt;
  for (const auto& choice : question->choices) {
    if (choice.id == choice_id) return choice.label;
  }
  return std::nullopt;
}

}  // namespace triagebot::dialogs
