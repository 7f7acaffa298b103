#include "bot/http/router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace triagebot::bot::http {
namespace router_test {
namespace {

Handler noop() {
  return [](adapters::HttpRequest, Respond) {};
}

TEST(Router, FillsPlaceholdersAndLabelsWithThePattern) {
  Router router;
  router.add("GET", "/api/widget/sessions/{id}/messages", noop());
  const auto match = router.match("GET", "/api/widget/sessions/abc123/messages");
  ASSERT_NE(match.handler, nullptr);
  EXPECT_EQ(match.label, "/api/widget/sessions/{id}/messages");
  ASSERT_EQ(match.params.size(), 1u);
  EXPECT_EQ(match.params[0], (std::pair<std::string, std::string>{"id", "abc123"}));
}

TEST(Router, UnknownPathIs404WithUnmatchedLabel) {
  Router router;
  router.add("GET", "/healthz", noop());
  const auto match = router.match("GET", "/healthz/extra");
  EXPECT_EQ(match.handler, nullptr);
  EXPECT_EQ(match.label, "unmatched");
  EXPECT_EQ(match.error.status, 404);
  EXPECT_EQ(nlohmann::json::parse(match.error.body).value("error", ""), "not_found");
}

TEST(Router, WrongMethodIs405ListingAllowedMethods) {
  Router router;
  router.add("POST", "/things/{id}", noop());
  router.add("GET", "/things/{id}", noop());
  router.add("OPTIONS", "/things/{id}", noop());
  const auto match = router.match("DELETE", "/things/7");
  EXPECT_EQ(match.handler, nullptr);
  EXPECT_EQ(match.error.status, 405);
  EXPECT_EQ(match.error.headers.get("Allow"), "GET, HEAD, OPTIONS, POST");
  EXPECT_EQ(match.label, "/things/{id}");
}

TEST(Router, LiteralSegmentBeatsPlaceholder) {
  Router router;
  router.add("GET", "/conversations/{id}", noop(), "by-id");
  router.add("GET", "/conversations/export", noop(), "export");
  EXPECT_EQ(router.match("GET", "/conversations/export").label, "export");
  EXPECT_EQ(router.match("GET", "/conversations/17").label, "by-id");
}

TEST(Router, PlaceholderNeedsANonEmptySegment) {
  Router router;
  router.add("GET", "/things/{id}", noop());
  EXPECT_EQ(router.match("GET", "/things/").error.status, 404);
}

}  // namespace
}  // namespace router_test
}  // namespace triagebot::bot::http
