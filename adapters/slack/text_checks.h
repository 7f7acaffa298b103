// The bounds every text we accept from Slack must meet before it reaches the
// interview, shared by events and interactions (not a public API). Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/slack/events.h"
#include "adapters/slack/mrkdwn.h"
#include "dialogs/result.h"

namespace triagebot::adapters::slack {

// A NUL would cut the text short in any C string downstream, and no Slack client sends
// one; over kMaxTextChars it cannot be a real Slack message (§2.4).
inline std::optional<Error> check_text(std::string_view text, std::string_view where) {
  if (text.find('\0') != std::string_view::npos) {
    return make_error(ErrorCode::bad_request, std::string(where) + " contains a NUL character");
  }
  if (character_count(text) > kMaxTextChars) {
    return make_error(ErrorCode::bad_request, std::string(where) + " is longer than " +
                                                  std::to_string(kMaxTextChars) + " characters");
  }
  return std::nullopt;
}

}  // namespace triagebot::adapters::slack
