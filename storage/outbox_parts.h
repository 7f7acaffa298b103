// The parts of an outbox row. A turn's replies to a push platform are one row (issue
// 13, "a few rows per message"): its payload holds the messages, split to the
// platform's limits, in the order they go out, and the row's parts_sent says how many
// of them were delivered, so a retry resumes at the first unsent part and never sends a
// delivered one again.
//
// A payload with one part is that part, as every row was before migration 9; one with
// several is {"kind": <the first part's kind>, "parts": [part, ...]}. Renderers only
// ever see a single part (outbox_part).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace triagebot::storage {

// The payload holding `parts` in order (at least one).
nlohmann::json parts_payload(std::vector<nlohmann::json> parts);

// The same payload as text, from parts already written as JSON text, each an object
// whose "kind" is `kind`: byte for byte `parts_payload(parsed parts).dump()`, without a
// tree (the pipeline writes each turn's row this way, issue 13).
std::string parts_payload_text(const std::vector<std::string>& parts, std::string_view kind);

// How many parts `payload` holds: 1 for a payload without "parts".
std::size_t outbox_part_count(const nlohmann::json& payload);

// The part at `index` (< outbox_part_count): the payload itself when it has no "parts".
const nlohmann::json& outbox_part(const nlohmann::json& payload, std::size_t index);

}  // namespace triagebot::storage
