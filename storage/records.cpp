#include "storage/records.h"

namespace triagebot::storage {

using nlohmann::json;

std::string_view to_string(ConversationStatus status) {
  switch (status) {
    case ConversationStatus::active:
      return "active";
    case ConversationStatus::completed:
      return "completed";
    case ConversationStatus::abandoned:
      return "abandoned";
  }
  return "active";
}

std::optional<ConversationStatus> conversation_status_from_string(std::string_view name) {
  for (auto s :
       {ConversationStatus::active, ConversationStatus::completed, ConversationStatus::abandoned}) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view to_string(Direction direction) {
  return direction == Direction::bot ? "bot" : "user";
}

RenderedMessage render_message(MessageRecord message) {
  RenderedMessage out;
  out.direction = message.direction;
  out.text = std::move(message.text);
  if (message.choices.is_array() && !message.choices.empty()) out.choices = message.choices.dump();
  if (message.assessment && !message.assessment->is_null()) {
    out.assessment = message.assessment->dump();
  }
  out.at = message.at;
  out.platform_message_id = std::move(message.platform_message_id);
  return out;
}

json to_json(const MessageView& message) {
  json out{{"from", to_string(message.direction)}, {"text", message.text}, {"at", message.at}};
  if (message.choices.is_array() && !message.choices.empty()) out["choices"] = message.choices;
  if (message.assessment) out["assessment"] = *message.assessment;
  return out;
}

json to_json(const Summary& summary) {
  json verdicts = json::array();
  for (const auto& v : summary.verdicts) {
    verdicts.push_back(
        {{"verdict", v.verdict}, {"note", v.note}, {"reviewer", v.reviewer}, {"at", v.at}});
  }
  json out{{"id", summary.id},
           {"platform", summary.platform},
           {"started_at", summary.started_at},
           {"updated_at", summary.updated_at},
           {"status", to_string(summary.status)},
           {"red_flags", summary.red_flags},
           {"safety", summary.safety},
           {"message_count", summary.message_count},
           {"verdicts", std::move(verdicts)}};
  if (summary.triage) out["triage"] = *summary.triage;
  if (summary.questions_to_assessment) {
    out["questions_to_assessment"] = *summary.questions_to_assessment;
  }
  return out;
}

json to_json(const ConversationDetail& detail) {
  json out = to_json(detail.summary);
  json messages = json::array();
  for (const auto& m : detail.messages) messages.push_back(to_json(m));
  out["messages"] = std::move(messages);
  if (detail.assessment) out["assessment"] = *detail.assessment;
  return out;
}

const SharedSession& fresh_session() {
  static const SharedSession fresh = std::make_shared<const dialogs::Session>();
  return fresh;
}

}  // namespace triagebot::storage
