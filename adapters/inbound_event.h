// InboundEvent: what an adapter's inbound side makes of a platform request, and what
// the pipeline feeds to the interview (DESIGN.md "The path of one message", step 1).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"

namespace triagebot::adapters {

enum class Platform { telegram, slack, widget };

std::string_view to_string(Platform platform);
std::optional<Platform> platform_from_string(std::string_view name);

struct InboundEvent {
  Platform platform = Platform::widget;
  // One conversation per key: Telegram private chat id, Slack channel (+thread),
  // widget session id.
  std::string conversation_key;
  std::string
      user_key;  // the person (for /forget): Telegram user id, Slack user id, widget session
  // Platform's idempotency key (update_id, event_id, or a widget-generated id). Events
  // with an id already seen are dropped by the store.
  std::string event_id;
  // False when the server made the id itself (a widget turn): it cannot arrive twice, so
  // no dedup row is written for it (one statement and one index entry less per turn).
  bool deduplicate = true;
  dialogs::Input input;
  std::chrono::system_clock::time_point at;
  // Where replies go and how (chat_id, channel + thread_ts, callback_query_id ...):
  // the adapter's outbound side reads it back when rendering. Stored in the outbox.
  nlohmann::json reply_address = nlohmann::json::object();
};

}  // namespace triagebot::adapters
