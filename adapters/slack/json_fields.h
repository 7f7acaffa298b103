// Typed reads of Slack JSON for the Slack adapter's own files (not a public API).
// Slack payloads carry many fields we never read; the ones we do read must have the
// type Slack documents, and a wrong type is a malformed request (400), not a missing
// field. So each reader tells three cases apart: absent (or null), present with the
// right type, present with a wrong type. Pure; any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dialogs/result.h"

namespace triagebot::adapters::slack::fields {

// Slack sends `null` for some optional fields (enterprise, bot_id in old payloads);
// null is read as absent.
inline const nlohmann::json* find(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

inline Error wrong_type(std::string_view where, std::string_view key, std::string_view wanted) {
  return make_error(ErrorCode::bad_request,
                    std::string(where) + "." + std::string(key) + " is not " + std::string(wanted));
}

// Absent → nullopt; a string → its value; anything else → a bad_request error.
inline Result<std::optional<std::string>> string_at(const nlohmann::json& object,
                                                    std::string_view key, std::string_view where) {
  const nlohmann::json* value = find(object, key);
  if (value == nullptr) return std::optional<std::string>();
  if (!value->is_string()) return wrong_type(where, key, "a string");
  return std::optional<std::string>(value->get<std::string>());
}

// Absent → nullptr; an object → it; anything else → a bad_request error.
inline Result<const nlohmann::json*> object_at(const nlohmann::json& object, std::string_view key,
                                               std::string_view where) {
  const nlohmann::json* value = find(object, key);
  if (value == nullptr) return static_cast<const nlohmann::json*>(nullptr);
  if (!value->is_object()) return wrong_type(where, key, "an object");
  return value;
}

// Absent → nullopt; an integer that fits int64 → it; anything else → bad_request.
inline Result<std::optional<std::int64_t>> integer_at(const nlohmann::json& object,
                                                      std::string_view key,
                                                      std::string_view where) {
  const nlohmann::json* value = find(object, key);
  if (value == nullptr) return std::optional<std::int64_t>();
  if (!value->is_number_integer() ||
      (value->is_number_unsigned() &&
       value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
    return wrong_type(where, key, "an integer");
  }
  return std::optional<std::int64_t>(value->get<std::int64_t>());
}

// For answers we only read (Web API results): a string field or empty, never an error.
inline std::string string_or_empty(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = find(object, key);
  return (value != nullptr && value->is_string()) ? value->get<std::string>() : std::string();
}

// A Slack timestamp ("1732540101.000200": epoch seconds, a dot, a sequence number) as a
// time point, to the second. Over 12 digits of seconds (beyond year 33000) or anything
// that is not digits is refused before any arithmetic.
inline std::optional<std::chrono::system_clock::time_point> time_of_ts(std::string_view ts) {
  std::string_view seconds = ts.substr(0, ts.find('.'));
  if (seconds.empty() || seconds.size() > 12) return std::nullopt;
  std::int64_t value = 0;
  for (char c : seconds) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return std::chrono::system_clock::time_point(std::chrono::seconds(value));
}

}  // namespace triagebot::adapters::slack::fields
