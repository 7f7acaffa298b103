#include "adapters/widget/session_request.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace triagebot::adapters::widget {
namespace session_request_test {
namespace {

TEST(WidgetSessionRequest, EmptyBodyOrAnObjectIsAccepted) {
  // widget.js sends no body at all.
  for (std::string body :
       std::vector<std::string>{"", " \r\n", "{}", R"({"future_option": [1, 2]})"}) {
    EXPECT_TRUE(check_session_request(body).has_value()) << body;
  }
}

TEST(WidgetSessionRequest, MalformedOrNonObjectBodiesAreBadRequests) {
  for (std::string body :
       std::vector<std::string>{"{", "not json", "[]", "\"text\"", "null", "{\"a\":1}x",
                                std::string(1000, '[') + std::string(1000, ']')}) {
    auto checked = check_session_request(body);
    ASSERT_FALSE(checked.has_value()) << body.substr(0, 40);
    EXPECT_EQ(checked.error().code, ErrorCode::bad_request);
  }
}

}  // namespace
}  // namespace session_request_test
}  // namespace triagebot::adapters::widget
