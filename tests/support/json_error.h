// The error answer API.md fixes for every route, as tests check it: the status,
// Content-Type application/json, and a body of exactly {"error": code, "message": text}
// with a non-empty human text.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/support/http_client.h"

namespace triagebot::testing {

inline void expect_json_error(const HttpResult& reply, int status, std::string_view code) {
  EXPECT_EQ(reply.status, status) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/json");
  const auto body = reply.json();
  ASSERT_TRUE(body.is_object()) << reply.body;
  EXPECT_EQ(body.size(), 2u) << reply.body;
  EXPECT_EQ(body.value("error", ""), code) << reply.body;
  ASSERT_TRUE(body.contains("message") && body["message"].is_string()) << reply.body;
  EXPECT_FALSE(body["message"].get<std::string>().empty()) << reply.body;
}

}  // namespace triagebot::testing
