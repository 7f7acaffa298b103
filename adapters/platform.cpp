#include "adapters/inbound_event.h"

namespace triagebot::adapters {

std::string_view to_string(Platform platform) {
  switch (platform) {
    case Platform::telegram:
      return "telegram";
    case Platform::slack:
      return "slack";
    case Platform::widget:
      return "widget";
  }
  return "widget";
}

std::optional<Platform> platform_from_string(std::string_view name) {
  for (Platform p : {Platform::telegram, Platform::slack, Platform::widget}) {
    if (to_string(p) == name) return p;
  }
  return std::nullopt;
}

}  // namespace triagebot::adapters
