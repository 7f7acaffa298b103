// Widget API bodies: the turn of POST /api/widget/sessions/{id}/messages (parse_turn,
// through the adapter's parse with a session id) and the body of POST
// /api/widget/sessions (check_session_request). Input: the body.
#include <chrono>

#include "adapters/widget/inbound.h"
#include "adapters/widget/session_request.h"
#include "adapters/widget/turn.h"
#include "fuzz/fuzz_input.h"

namespace widget = triagebot::adapters::widget;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = triagebot::fuzz::as_text(data, size);
  triagebot::adapters::HttpRequest request;
  request.method = "POST";
  request.body = std::string(body);
  request.params = {{"id", "0123456789abcdef0123456789abcdef"}};
  auto events =
      widget::parse(request, {.event_id = widget::turn_event_id("fuzz"),
                              .now = std::chrono::system_clock::time_point(
                                  std::chrono::seconds(triagebot::fuzz::kFixedNowSeconds))});
  // A turn the parser took must meet the bounds it promises (turn.h).
  if (events && events->front().input.kind == triagebot::dialogs::Input::Kind::text) {
    const auto length = widget::utf8_length(events->front().input.text);
    if (!length || *length == 0 || *length > widget::kMaxTextCodePoints) __builtin_trap();
  }
  (void)widget::check_session_request(body);
  return 0;
}
