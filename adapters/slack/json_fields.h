// Typed reads of Slack JSON for the Slack adapter's own files (not a public API): the
// three-case readers of adapters/common/json_fields.h (absent, right type, wrong type →
// 400), plus Slack's own timestamp format. Pure; any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/common/epoch_time.h"
#include "adapters/common/json_fields.h"

namespace triagebot::adapters::slack::fields {

using common::fields::find;
using common::fields::integer_at;
using common::fields::integer_in;
using common::fields::object_at;
using common::fields::string_at;
using common::fields::wrong_type;

// For answers we only read (Web API results): a string field or empty, never an error.
inline std::string string_or_empty(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = find(object, key);
  return (value != nullptr && value->is_string()) ? value->get<std::string>() : std::string();
}

// A Slack timestamp ("1732540101.000200": epoch seconds, a dot, a sequence number) as a
// time point, to the second. Anything that is not digits, or seconds past
// common::kLatestEpochSeconds, is refused before any arithmetic could overflow.
inline std::optional<std::chrono::system_clock::time_point> time_of_ts(std::string_view ts) {
  std::string_view seconds = ts.substr(0, ts.find('.'));
  // 11 digits already exceed kLatestEpochSeconds; the cap keeps the sum below in range.
  if (seconds.empty() || seconds.size() > 11) return std::nullopt;
  std::int64_t value = 0;
  for (char c : seconds) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return common::time_from_epoch_seconds(value);
}

}  // namespace triagebot::adapters::slack::fields
