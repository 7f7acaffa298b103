// Telegram fixtures (copied from platforms/fixtures so a fresh clone runs alone) and a
// helper that wraps a body into a webhook request.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "adapters/http_types.h"

namespace triagebot::testing {

inline std::string telegram_fixture(const std::string& name) {
  std::ifstream in(std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/adapters/telegram/fixtures/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline adapters::HttpRequest telegram_request(std::string body,
                                              std::string secret = "s3cret-Token_1") {
  adapters::HttpRequest request;
  request.method = "POST";
  request.path = "/webhooks/telegram";
  request.headers.set("Content-Type", "application/json");
  if (!secret.empty()) request.headers.set("X-Telegram-Bot-Api-Secret-Token", std::move(secret));
  request.body = std::move(body);
  return request;
}

}  // namespace triagebot::testing
