// The line written for every HTTP request (log_http_request) is the line log() writes for
// the same fields, made without a tree: one format for every line of the log.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/obs/log.h"

namespace triagebot::bot {
namespace log_line_test {
namespace {

// The line without its time, which differs between two calls.
std::string without_time(const std::string& line) {
  return std::regex_replace(line, std::regex(R"re("ts":"[^"]*")re"), R"("ts":"")");
}

std::string captured(const std::function<void()>& write) {
  ::testing::internal::CaptureStderr();
  write();
  return ::testing::internal::GetCapturedStderr();
}

TEST(HttpLogLine, IsTheLineLogWritesForTheSameFields) {
  for (double duration_ms : {0.0, 1.25, 0.1, 12345.678901}) {
    const auto fast =
        captured([&] { log_http_request("POST", "/webhooks/slack/events", 200, duration_ms, 17); });
    const auto general = captured([&] {
      log(LogLevel::info, "http",
          {{"method", "POST"},
           {"route", "/webhooks/slack/events"},
           {"status", 200},
           {"duration_ms", duration_ms},
           {"bytes", 17}});
    });
    ASSERT_FALSE(fast.empty());
    EXPECT_EQ(without_time(fast), without_time(general));
    const auto parsed = nlohmann::json::parse(fast);
    EXPECT_EQ(parsed["event"], "http");
    EXPECT_FALSE(parsed["ts"].get<std::string>().empty());
  }
}

TEST(HttpLogLine, ARouteThatIsNotPlainAsciiIsStillOneValidLine) {
  const auto line =
      captured([] { log_http_request("GET", "/caf\xc3\xa9/\"x\"\n\xff", 404, 0.5, 0); });
  ASSERT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
  const auto parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["status"], 404);
  EXPECT_EQ(parsed["method"], "GET");
}

TEST(HttpLogLine, IsNotWrittenBelowTheLevel) {
  set_log_level(LogLevel::warn);
  const auto line = captured([] { log_http_request("GET", "/healthz", 200, 0.5, 2); });
  set_log_level(LogLevel::info);
  EXPECT_EQ(line, "");
}

}  // namespace
}  // namespace log_line_test
}  // namespace triagebot::bot
