#include "bot/obs/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

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

}  // namespace

void set_log_level(LogLevel level) { g_min_level = level; }

void log(LogLevel level, std::string_view event, nlohmann::json fields) {
  if (level < g_min_level.load()) return;
  nlohmann::json line = {{"ts", utc_now()}, {"level", level_name(level)}, {"event", event}};
  if (fields.is_object()) line.update(fields);
  // `replace` keeps a line valid JSON even if a field held invalid UTF-8.
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  std::lock_guard lock(g_write_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace triagebot::bot
