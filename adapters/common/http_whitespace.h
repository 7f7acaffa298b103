// HTTP's optional whitespace (RFC 9110 §5.6.3: spaces and horizontal tabs), which may
// surround a header value and each entry of a comma-separated list. Pure; any thread.
#pragma once

#include <string_view>

namespace triagebot::adapters::common {

inline std::string_view trim_http_whitespace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace triagebot::adapters::common
