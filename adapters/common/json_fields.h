// Typed reads of JSON a platform sent, for the adapters' parse functions. Payloads carry
// many fields we never read; the ones we do read must have the type the platform
// documents, and a wrong type is a malformed request (400), not a missing field. So each
// reader tells three cases apart: absent (or null), present with the right type, present
// with a wrong type. Integers are range-checked where they are read, before any
// arithmetic. Never throws (STYLE.md §4). Pure; any thread.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dialogs/result.h"

namespace triagebot::adapters::common::fields {

// The largest integer a JSON number is guaranteed to carry exactly (2^53 - 1, RFC 8259
// §6). Platform ids (Telegram's have up to 52 significant bits) fit in it.
inline constexpr std::int64_t kMaxJsonSafeInteger = 9'007'199'254'740'991;

// Platforms send `null` for some optional fields; null is read as absent.
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

// Absent → nullopt; a boolean → it; anything else → a bad_request error.
inline Result<std::optional<bool>> boolean_at(const nlohmann::json& object, std::string_view key,
                                              std::string_view where) {
  const nlohmann::json* value = find(object, key);
  if (value == nullptr) return std::optional<bool>();
  if (!value->is_boolean()) return wrong_type(where, key, "a boolean");
  return std::optional<bool>(value->get<bool>());
}

// Absent → nullopt; an integer in [low, high] → it; anything else (a fraction, a string,
// a number out of range, one that does not fit int64) → a bad_request error naming the
// field.
inline Result<std::optional<std::int64_t>> integer_in(const nlohmann::json& object,
                                                      std::string_view key, std::string_view where,
                                                      std::int64_t low, std::int64_t high) {
  const nlohmann::json* value = find(object, key);
  if (value == nullptr) return std::optional<std::int64_t>();
  if (!value->is_number_integer()) return wrong_type(where, key, "an integer");
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return make_error(ErrorCode::bad_request,
                      std::string(where) + "." + std::string(key) + " is out of range");
  }
  const auto number = value->get<std::int64_t>();
  if (number < low || number > high) {
    return make_error(ErrorCode::bad_request,
                      std::string(where) + "." + std::string(key) + " is out of range");
  }
  return std::optional<std::int64_t>(number);
}

// Any integer that fits int64 (callers that do arithmetic use integer_in instead).
inline Result<std::optional<std::int64_t>> integer_at(const nlohmann::json& object,
                                                      std::string_view key,
                                                      std::string_view where) {
  return integer_in(object, key, where, std::numeric_limits<std::int64_t>::min(),
                    std::numeric_limits<std::int64_t>::max());
}

}  // namespace triagebot::adapters::common::fields
