// Bounds every adapter applies to a JSON text before parsing it. Pure; any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace triagebot::adapters::common {

// Deepest nesting of arrays/objects in a JSON text (strings skipped), computed without
// parsing so hostile bodies are refused before a recursive walk could overflow the stack.
std::size_t json_nesting_depth(std::string_view text);

// The deepest nesting any platform's body may have: far beyond what Telegram, Slack or
// the widget send, far below what a recursive parse could not survive.
inline constexpr std::size_t kMaxJsonDepth = 64;

}  // namespace triagebot::adapters::common
