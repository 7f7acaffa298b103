// One string for an id that is unique only within its platform (a conversation key, an
// event id): the session cache and the pipeline's set of recent event ids key by it.
#pragma once

#include <string>
#include <string_view>

namespace triagebot::storage {

inline std::string platform_key(std::string_view platform, std::string_view id) {
  // The unit separator cannot appear in a platform name, so keys never collide.
  std::string out;
  out.reserve(platform.size() + 1 + id.size());
  out += platform;
  out += '\x1f';
  out += id;
  return out;
}

}  // namespace triagebot::storage
