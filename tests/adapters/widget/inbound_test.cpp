#include "adapters/widget/inbound.h"

#include <gtest/gtest.h>

#include <chrono>

#include "adapters/widget/tokens.h"

namespace triagebot::adapters::widget {
namespace inbound_test {
namespace {

HttpRequest turn_request(std::string body, std::string token) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/api/widget/sessions/abc/messages";
  request.params = {{"id", "0123456789abcdef0123456789abcdef"}};
  request.body = std::move(body);
  if (!token.empty()) request.headers.set("Authorization", "Bearer " + token);
  return request;
}

TEST(WidgetInbound, VerifyAcceptsTheSessionsToken) {
  const std::string token = new_token();
  const std::string hash = token_hash(token);
  EXPECT_TRUE(verify(turn_request("{}", token), hash));
}

TEST(WidgetInbound, VerifyRefusesMissingWrongOrUnstoredTokens) {
  const std::string token = new_token();
  const std::string hash = token_hash(token);
  for (const auto& refused :
       {verify(turn_request("{}", ""), hash), verify(turn_request("{}", new_token()), hash),
        verify(turn_request("{}", token), std::nullopt)}) {
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::unauthorized);
    EXPECT_EQ(refused.error().message.find(token), std::string::npos);
  }
}

TEST(WidgetInbound, ParseMakesOneEventOfTheSession) {
  const auto now = std::chrono::system_clock::time_point{} + std::chrono::hours(1000);
  auto events = parse(turn_request(R"({"text": "  my legs are numb "})", ""),
                      {.event_id = turn_event_id("r1"), .now = now});
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 1u);
  const auto& event = events->front();
  EXPECT_EQ(event.platform, Platform::widget);
  EXPECT_EQ(event.conversation_key, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(event.user_key, event.conversation_key);
  EXPECT_EQ(event.event_id, "widget:r1");
  EXPECT_EQ(event.input.text, "my legs are numb");
  EXPECT_EQ(event.at, now);
}

TEST(WidgetInbound, ParseRefusesAMalformedBody) {
  auto events = parse(turn_request(R"({"text": 3})", ""), {.event_id = "widget:x", .now = {}});
  ASSERT_FALSE(events);
  EXPECT_EQ(events.error().code, ErrorCode::bad_request);
}

TEST(WidgetInbound, OpeningEventIsAnImplicitStartAppliedOnce) {
  const auto event = opening_event("s1", {});
  EXPECT_EQ(event.event_id, "widget:s1:open");
  EXPECT_EQ(event.input.text, "/start");
  EXPECT_EQ(event.conversation_key, "s1");
}

}  // namespace
}  // namespace inbound_test
}  // namespace triagebot::adapters::widget
