#include "adapters/widget/inbound.h"

#include <utility>

#include "adapters/widget/tokens.h"
#include "adapters/widget/turn.h"

namespace triagebot::adapters::widget {
namespace {

InboundEvent session_event(std::string_view session_id, std::string event_id, dialogs::Input input,
                           std::chrono::system_clock::time_point now) {
  InboundEvent event;
  event.platform = Platform::widget;
  event.conversation_key = std::string(session_id);
  event.user_key = std::string(session_id);
  event.event_id = std::move(event_id);  // made by the server for this request
  event.deduplicate = false;
  event.input = std::move(input);
  event.at = now;
  return event;
}

}  // namespace

Result<void> verify(const HttpRequest& request, std::optional<std::string_view> stored_hash) {
  auto token = bearer_token(request.headers);
  if (!token) return make_error(ErrorCode::unauthorized, "A bearer token is required.");
  if (!stored_hash || !token_matches(*token, *stored_hash)) {
    return make_error(ErrorCode::unauthorized, "The token does not match this session.");
  }
  return {};
}

Result<std::vector<InboundEvent>> parse(const HttpRequest& request, const ParseOptions& options) {
  auto input = parse_turn(request.body);
  if (!input) return input.error();
  std::vector<InboundEvent> events;
  events.push_back(
      session_event(request.param("id"), options.event_id, std::move(*input), options.now));
  return events;
}

InboundEvent opening_event(std::string_view session_id, std::chrono::system_clock::time_point now) {
  return session_event(session_id, "widget:" + std::string(session_id) + ":open",
                       dialogs::Input::typed("/start"), now);
}

std::string turn_event_id(std::string_view random_id) { return "widget:" + std::string(random_id); }

}  // namespace triagebot::adapters::widget
