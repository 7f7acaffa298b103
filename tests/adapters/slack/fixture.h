// Slack fixtures (copied from platforms/fixtures into data/ so a fresh clone runs
// alone) and helpers that wrap bodies into signed requests as Slack sends them.
#pragma once

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "adapters/http_types.h"
#include "adapters/slack/signature.h"

namespace triagebot::testing {

inline constexpr std::string_view kSlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";
inline constexpr std::int64_t kSlackNow = 1'732'540'200;

inline std::chrono::system_clock::time_point slack_now() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(kSlackNow));
}

inline std::string slack_fixture(const std::string& name) {
  std::ifstream in(std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/adapters/slack/data/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A POST signed with kSlackSecret at `timestamp` (kSlackNow unless given).
inline adapters::HttpRequest slack_request(std::string body, std::string path,
                                           std::string content_type,
                                           std::int64_t timestamp = kSlackNow) {
  adapters::HttpRequest request;
  request.method = "POST";
  request.path = std::move(path);
  request.headers.set("Content-Type", std::move(content_type));
  const std::string stamp = std::to_string(timestamp);
  request.headers.set("X-Slack-Request-Timestamp", stamp);
  request.headers.set("X-Slack-Signature", adapters::slack::sign(kSlackSecret, stamp, body));
  request.body = std::move(body);
  return request;
}

inline adapters::HttpRequest slack_event_request(std::string body,
                                                 std::int64_t timestamp = kSlackNow) {
  return slack_request(std::move(body), "/webhooks/slack/events", "application/json", timestamp);
}

}  // namespace triagebot::testing
