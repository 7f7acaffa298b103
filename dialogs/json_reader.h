// JSON text read with simdjson (SIMD, validating UTF-8) into nlohmann trees. nlohmann's
// own reader spent ~10 µs on each Slack event's body (~1 KiB), most of it lexing; this one
// spends ~2 µs, and a reader that uses a few members of a big object keeps only those.
// It reads the bodies the server reads per message: Slack events, Telegram updates, and
// stored sessions (bench/reports/2026-12-05-server.md).
//
// The trees are those nlohmann::json::parse gives for the same text: object members in
// key order, a later duplicate key replacing an earlier one, non-negative integers
// unsigned, negative ones signed, other numbers double. Two differences: "-0" is an
// unsigned 0 here and a signed one there (the same value and the same text when
// written); and a number that no 64-bit integer or double holds (2^64, 1e400) makes the
// text unreadable here, where nlohmann would give a double or infinity. None of the
// texts read this way has one; such a body is refused as not JSON, which is what a
// caller says for any unreadable one. fuzz/stored_session_fuzzer.cpp holds the two
// readers to each other.
//
// Threads: any; each thread reuses its own parser for texts up to 16 KiB.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

namespace triagebot::dialogs {

// The members of a top-level object that a reader keeps: those in `whole` entire, and
// the one named `part_key` with only its members in `part` (entire, if it is not an
// object). A text that is not an object is kept entire.
struct KeptMembers {
  std::span<const std::string_view> whole;
  std::string_view part_key;
  std::span<const std::string_view> part;
};

// nullopt: not JSON (or not UTF-8, or a number no 64-bit type holds).
std::optional<nlohmann::json> read_json(std::string_view text);
std::optional<nlohmann::json> read_json(std::string_view text, const KeptMembers& kept);

}  // namespace triagebot::dialogs
