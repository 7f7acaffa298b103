// The security headers every answer carries (bot/http/security_headers.h): in-process
// for the rules, and on the real binary for the pages people load (/, /widget.js, the
// demo page's style, /admin), whose HTML must hold nothing inline for their policy.
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "bot/http/responses.h"
#include "bot/http/security_headers.h"
#include "tests/bot/in_process_server.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"

namespace triagebot::embedded {
std::string_view asset_index_html();
std::string_view asset_admin_html();
}  // namespace triagebot::embedded

namespace triagebot::testing {
namespace security_headers_test {
namespace {

using bot::http::kNoContentPolicy;
using bot::http::kPagePolicy;
using bot::http::Respond;
using bot::http::Router;

void expect_common_headers(const HttpResult& reply, const std::string& what) {
  EXPECT_EQ(reply.header("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(reply.header("Referrer-Policy"), "no-referrer") << what;
  const auto policy = reply.header("Content-Security-Policy");
  ASSERT_TRUE(policy) << what;
  EXPECT_NE(policy->find("frame-ancestors 'none'"), std::string::npos) << what << ": " << *policy;
}

adapters::HttpResponse html(std::string body) {
  adapters::HttpResponse response;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  return response;
}

TEST(SecurityHeaders, EveryAnswerGetsThemAndHtmlGetsThePagePolicy) {
  InProcessServer server({}, [](Router& router) {
    router.add("GET", "/page",
               [](adapters::HttpRequest, Respond respond) { respond(html("<p>hi</p>")); });
    router.add("GET", "/own", [](adapters::HttpRequest, Respond respond) {
      auto response = html("<p>own</p>");
      response.headers.set("Content-Security-Policy", "default-src 'self'");
      response.headers.set("Referrer-Policy", "same-origin");
      respond(std::move(response));
    });
  });
  HttpClient client("127.0.0.1", server.port);

  const auto page = client.get("/page");
  expect_common_headers(page, "/page");
  EXPECT_EQ(page.header("Content-Security-Policy"), std::string(kPagePolicy));

  for (const std::string target : {"/healthz", "/metrics", "/no/such/route"}) {
    const auto reply = client.get(target);
    expect_common_headers(reply, target);
    EXPECT_EQ(reply.header("Content-Security-Policy"), std::string(kNoContentPolicy)) << target;
  }

  // A handler's own policy is kept, not doubled.
  const auto own = client.get("/own");
  EXPECT_EQ(own.header("Content-Security-Policy"), "default-src 'self'");
  EXPECT_EQ(own.header("Referrer-Policy"), "same-origin");
  std::size_t policies = 0;
  for (const auto& [name, value] : own.headers) {
    policies += adapters::iequals(name, "Content-Security-Policy");
  }
  EXPECT_EQ(policies, 1u);
}

TEST(SecurityHeaders, ThePagesOfTheRealServer) {
  ServerProcess server(
      {.env = {{"TRIAGEBOT_ADMIN_TOKEN", "a-long-admin-token-for-the-headers-test"}}});
  ASSERT_TRUE(server.wait_for_listening()) << server.stderr_text();
  HttpClient client("127.0.0.1", server.port());

  const auto demo = client.get("/");
  ASSERT_EQ(demo.status, 200);
  expect_common_headers(demo, "/");
  EXPECT_EQ(demo.header("Content-Security-Policy"), std::string(kPagePolicy));

  const auto style = client.get("/demo.css");
  ASSERT_EQ(style.status, 200);
  EXPECT_EQ(style.header("Content-Type"), "text/css; charset=utf-8");
  expect_common_headers(style, "/demo.css");

  // Embedded on clinics' pages: nothing may stop another origin from loading it.
  const auto script = client.get("/widget.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.header("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(script.header("Cross-Origin-Resource-Policy"));
  EXPECT_FALSE(script.header("X-Frame-Options"));

  const auto admin = client.get("/admin");
  ASSERT_EQ(admin.status, 200);
  expect_common_headers(admin, "/admin");
  server.terminate();
  EXPECT_EQ(server.wait_for_exit(), 0);
}

// The page policy allows no inline script or style: the pages must not need any.
TEST(SecurityHeaders, OurPagesHoldNothingInline) {
  const std::regex inline_script(R"(<script(?![^>]*\bsrc=)[^>]*>)", std::regex::icase);
  const std::regex inline_style(R"(<style\b|\sstyle\s*=)", std::regex::icase);
  const std::regex handler_attribute(R"(\son[a-z]+\s*=)", std::regex::icase);
  for (const auto& [name, text] : {std::pair{"index.html", embedded::asset_index_html()},
                                   std::pair{"admin.html", embedded::asset_admin_html()}}) {
    const std::string page(text);
    EXPECT_FALSE(std::regex_search(page, inline_script)) << name;
    EXPECT_FALSE(std::regex_search(page, inline_style)) << name;
    EXPECT_FALSE(std::regex_search(page, handler_attribute)) << name;
  }
}

}  // namespace
}  // namespace security_headers_test
}  // namespace triagebot::testing
