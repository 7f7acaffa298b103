#include "adapters/widget/cors.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace triagebot::adapters::widget {
namespace cors_test {
namespace {

CorsPolicy clinic_policy() {
  auto policy = parse_cors_policy("https://clinic.example, http://localhost:3000");
  EXPECT_TRUE(policy.has_value());
  return *policy;
}

HttpRequest request_from(std::optional<std::string> origin, std::string host = "bot.example") {
  HttpRequest request;
  request.method = "POST";
  request.path = "/api/widget/sessions";
  request.headers.set("Host", std::move(host));
  if (origin) request.headers.set("Origin", std::move(*origin));
  return request;
}

TEST(WidgetCors, ParsesAndNormalisesOrigins) {
  auto policy = parse_cors_policy(" HTTPS://Clinic.Example:443 ,,http://[::1]:8080,http://a.b:80");
  ASSERT_TRUE(policy.has_value()) << policy.error().message;
  EXPECT_EQ(policy->allowed_origins, (std::vector<std::string>{"https://clinic.example",
                                                               "http://[::1]:8080", "http://a.b"}));
}

TEST(WidgetCors, EmptySettingAllowsNoCrossOrigin) {
  auto policy = parse_cors_policy("");
  ASSERT_TRUE(policy.has_value());
  EXPECT_TRUE(policy->allowed_origins.empty());
}

TEST(WidgetCors, RejectsWhatIsNotAnOrigin) {
  for (const char* bad :
       {"*", "clinic.example", "https://clinic.example/", "https://clinic.example/chat",
        "ftp://clinic.example", "https://", "https://user@clinic.example",
        "https://clinic.example:0", "https://clinic.example:70000",
        "https://clinic.example:", "https://[::1"}) {
    auto policy = parse_cors_policy(bad);
    ASSERT_FALSE(policy.has_value()) << bad;
    EXPECT_EQ(policy.error().code, ErrorCode::bad_config);
    EXPECT_NE(policy.error().message.find("TRIAGEBOT_WIDGET_ORIGINS"), std::string::npos);
  }
}

TEST(WidgetCors, NoOriginIsSameOrigin) {
  EXPECT_EQ(classify_origin(clinic_policy(), request_from(std::nullopt)),
            OriginVerdict::same_origin);
}

TEST(WidgetCors, OriginMatchingHostIsSameOrigin) {
  EXPECT_EQ(classify_origin(CorsPolicy{}, request_from("https://bot.example")),
            OriginVerdict::same_origin);
  EXPECT_EQ(classify_origin(CorsPolicy{}, request_from("http://127.0.0.1:8080", "127.0.0.1:8080")),
            OriginVerdict::same_origin);
  EXPECT_EQ(classify_origin(CorsPolicy{}, request_from("https://bot.example", "bot.example:443")),
            OriginVerdict::same_origin);
}

TEST(WidgetCors, OtherPortIsNotSameOrigin) {
  EXPECT_EQ(classify_origin(CorsPolicy{}, request_from("http://127.0.0.1:9090", "127.0.0.1:8080")),
            OriginVerdict::refused);
}

TEST(WidgetCors, ListedOriginIsAllowedOthersRefused) {
  EXPECT_EQ(classify_origin(clinic_policy(), request_from("https://clinic.example")),
            OriginVerdict::allowed);
  EXPECT_EQ(classify_origin(clinic_policy(), request_from("https://CLINIC.example:443")),
            OriginVerdict::allowed);
  EXPECT_EQ(classify_origin(clinic_policy(), request_from("http://clinic.example")),
            OriginVerdict::refused);
  EXPECT_EQ(classify_origin(clinic_policy(), request_from("https://evil.example")),
            OriginVerdict::refused);
  EXPECT_EQ(classify_origin(clinic_policy(), request_from("null")), OriginVerdict::refused);
}

TEST(WidgetCors, AllowedOriginGetsCorsHeaders) {
  const auto headers = cors_headers(clinic_policy(), request_from("https://clinic.example"));
  EXPECT_EQ(headers.get("Access-Control-Allow-Origin"), "https://clinic.example");
  EXPECT_EQ(headers.get("Vary"), "Origin");
  EXPECT_EQ(headers.get("Access-Control-Allow-Headers"), "Authorization, Content-Type");
  EXPECT_EQ(headers.get("Access-Control-Allow-Methods"), "GET, POST, OPTIONS");
  EXPECT_EQ(headers.get("Access-Control-Expose-Headers"), "Retry-After");
  EXPECT_EQ(headers.get("Access-Control-Max-Age"), "600");
  EXPECT_EQ(headers.get("Access-Control-Allow-Credentials"), std::nullopt);
}

TEST(WidgetCors, RefusedAndSameOriginGetNoAllowOrigin) {
  EXPECT_EQ(cors_headers(clinic_policy(), request_from("https://evil.example"))
                .get("Access-Control-Allow-Origin"),
            std::nullopt);
  EXPECT_EQ(
      cors_headers(clinic_policy(), request_from(std::nullopt)).get("Access-Control-Allow-Origin"),
      std::nullopt);
}

TEST(WidgetCors, PreflightForAllowedOriginIs204) {
  auto request = request_from("https://clinic.example");
  request.method = "OPTIONS";
  request.headers.set("Access-Control-Request-Method", "POST");
  request.headers.set("Access-Control-Request-Headers", "authorization, content-type");
  const auto response = preflight(clinic_policy(), request);
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.headers.get("Access-Control-Allow-Origin"), "https://clinic.example");
  EXPECT_TRUE(response.body.empty());
}

TEST(WidgetCors, PreflightForRefusedOriginIs403Json) {
  auto request = request_from("https://evil.example");
  request.method = "OPTIONS";
  const auto response = preflight(clinic_policy(), request);
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(response.headers.get("Access-Control-Allow-Origin"), std::nullopt);
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  ASSERT_TRUE(body.is_object());
  EXPECT_EQ(body["error"], "origin_not_allowed");
  EXPECT_TRUE(body["message"].is_string());
}

TEST(WidgetCors, OriginRefusalOnlyForRefusedOrigins) {
  EXPECT_FALSE(origin_refusal(clinic_policy(), request_from(std::nullopt)));
  EXPECT_FALSE(origin_refusal(clinic_policy(), request_from("https://clinic.example")));
  auto refusal = origin_refusal(clinic_policy(), request_from("https://evil.example"));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->status, 403);
}

}  // namespace
}  // namespace cors_test
}  // namespace triagebot::adapters::widget
