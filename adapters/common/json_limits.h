// Bounds every adapter applies to a JSON text before parsing it. Pure; any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace triagebot::adapters::common {

// Deepest nesting of arrays/objects in a JSON text (strings skipped), computed without
// parsing so hostile bodies are refused before a recursive walk could overflow the stack.
std::size_t json_nesting_depth(std::string_view text);

}  // namespace triagebot::adapters::common
