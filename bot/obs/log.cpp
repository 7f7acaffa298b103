#include "bot/obs/log.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include "dialogs/json_text.h"
#include "dialogs/rfc3339.h"

namespace triagebot::bot {
namespace {

std::atomic<LogLevel> g_min_level{LogLevel::info};
std::mutex g_write_mutex;

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::debug:
      return "debug";
    case LogLevel::info:
      return "info";
    case LogLevel::warn:
      return "warn";
    case LogLevel::error:
      return "error";
  }
  return "info";
}

std::string utc_now() { return format_rfc3339(std::chrono::system_clock::now()); }

void write_log_line(std::string line) {
  line.push_back('\n');
  std::lock_guard lock(g_write_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

bool printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

}  // namespace

void set_log_level(LogLevel level) { g_min_level = level; }

bool log_enabled(LogLevel level) { return level >= g_min_level.load(); }

void log(LogLevel level, std::string_view event, nlohmann::json fields) {
  if (!log_enabled(level)) return;
  nlohmann::json line = {{"ts", utc_now()}, {"level", level_name(level)}, {"event", event}};
  if (fields.is_object()) line.update(fields);
  // `replace` keeps a line valid JSON even if a field held invalid UTF-8.
  write_log_line(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void log_http_request(std::string_view method, std::string_view route, int status,
                      double duration_ms, std::size_t bytes) {
  if (!log_enabled(LogLevel::info)) return;
  if (!printable_ascii(method) || !printable_ascii(route)) {
    log(LogLevel::info, "http",
        {{"method", method},
         {"route", route},
         {"status", status},
         {"duration_ms", duration_ms},
         {"bytes", bytes}});
    return;
  }
  // The members in key order, as log()'s object (a std::map) writes them.
  std::string line = "{\"bytes\":" + std::to_string(bytes) + ",\"duration_ms\":";
  line += nlohmann::json(duration_ms).dump();
  line += ",\"event\":\"http\",\"level\":\"info\",\"method\":";
  dialogs::append_json_string(line, method);
  line += ",\"route\":";
  dialogs::append_json_string(line, route);
  line += ",\"status\":" + std::to_string(status) + ",\"ts\":";
  dialogs::append_json_string(line, utc_now());
  line += '}';
  write_log_line(std::move(line));
}

}  // namespace triagebot::bot
