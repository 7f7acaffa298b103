#include "storage/synchronous.h"

namespace triagebot::storage {

std::string_view to_string(Synchronous level) {
  return level == Synchronous::full ? "FULL" : "NORMAL";
}

std::optional<Synchronous> synchronous_from_string(std::string_view name) {
  if (name == "FULL" || name == "full") return Synchronous::full;
  if (name == "NORMAL" || name == "normal") return Synchronous::normal;
  return std::nullopt;
}

}  // namespace triagebot::storage
