// Structured logging: one JSON object per line on stderr.
//
// Privacy rule (README "Privacy"): callers pass only operational fields — routes,
// statuses, durations, ids of rows, error codes. Never message text, request bodies,
// tokens, secrets, query strings or outbound URLs (a Telegram URL holds the token).
// Thread-safe: each line is written with one fwrite under a mutex.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace triagebot::bot {

enum class LogLevel { debug, info, warn, error };

// Writes {"ts": RFC3339 UTC, "level", "event", ...fields} to stderr.
void log(LogLevel level, std::string_view event, nlohmann::json fields = nlohmann::json::object());

// Whether a line at `level` is written.
bool log_enabled(LogLevel level);

// The line of one HTTP request: what log(info, "http", {method, route, status,
// duration_ms, bytes}) writes, byte for byte, made without a tree (it is written for
// every request).
void log_http_request(std::string_view method, std::string_view route, int status,
                      double duration_ms, std::size_t bytes);

// Lines below this level are dropped (default info; TRIAGEBOT_LOG_LEVEL=debug shows more).
void set_log_level(LogLevel level);

}  // namespace triagebot::bot
