// Reading fields of JSON a platform sent, or a row we stored, without exceptions
// (STYLE.md §4: no at(), no throwing value()): a missing field, a field of another type,
// or a value that is not an object at all reads as std::nullopt. Pure; any thread.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace triagebot::adapters {

// Telegram ids exceed 32 bits (up to 52 significant bits): read them as int64, never via
// double, and refuse unsigned values that would wrap (PLATFORMS.md §1.3).
inline std::optional<std::int64_t> int64_at(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  if (it->is_number_unsigned() &&
      it->get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return std::nullopt;
  }
  return it->get<std::int64_t>();
}

inline std::optional<std::string> string_at(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// The member `key` when `object` is an object that has it, else null JSON.
inline const nlohmann::json& member_at(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

}  // namespace triagebot::adapters
