#include "storage/outbox_chat.h"

#include <utility>

namespace triagebot::storage {

std::optional<std::string> outbox_chat_key(std::string_view platform,
                                           const nlohmann::json& target) {
  if (!target.is_object()) return std::nullopt;
  for (const char* member : {"chat_id", "channel"}) {
    auto it = target.find(member);
    if (it == target.end()) continue;
    // As SQLite's json_extract renders it (migration 6): a string without its quotes,
    // an integer in decimal.
    std::string chat;
    if (it->is_string()) {
      chat = it->get<std::string>();
    } else if (it->is_number_integer()) {
      chat = it->dump();
    } else {
      continue;
    }
    if (chat.empty()) continue;
    std::string key(platform);
    key += ':';
    key += chat;
    return key;
  }
  return std::nullopt;
}

RenderedOutbox render_outbox(std::string_view platform, const nlohmann::json& target,
                             const nlohmann::json& payload) {
  return render_outbox(platform, target, payload.dump());
}

RenderedOutbox render_outbox(std::string_view platform, const nlohmann::json& target,
                             std::string payload_text) {
  return RenderedOutbox{target.dump(), std::move(payload_text), outbox_chat_key(platform, target)};
}

}  // namespace triagebot::storage
