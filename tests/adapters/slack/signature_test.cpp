#include "adapters/slack/signature.h"

#include <gtest/gtest.h>

#include "tests/adapters/slack/fixture.h"

namespace triagebot::adapters::slack {
namespace signature_test {
namespace {

using testing::kSlackNow;
using testing::kSlackSecret;
using testing::slack_event_request;
using testing::slack_fixture;
using testing::slack_now;

SignatureCheck check(const HttpRequest& request) {
  return check_signature(request, kSlackSecret, slack_now());
}

HttpRequest without(HttpRequest request, std::string_view header) {
  std::erase_if(request.headers.fields, [&](const auto& field) { return field.first == header; });
  return request;
}

HttpRequest with_header(HttpRequest request, std::string name, std::string value) {
  request = without(std::move(request), name);
  request.headers.set(std::move(name), std::move(value));
  return request;
}

TEST(SlackSignature, MatchesAnIndependentHmac) {
  // Computed with `openssl dgst -sha256 -hmac <secret>` over the base string.
  EXPECT_EQ(sign(kSlackSecret, "1732540101", R"({"type":"url_verification","challenge":"abc"})"),
            "v0=3c00b49a30274271270bf59f93f28045cf8205e512545a4fc268ce35dcf3cd32");
}

TEST(SlackSignature, AcceptsASignedFixture) {
  EXPECT_EQ(check(slack_event_request(slack_fixture("slack_event_message_im.json"))),
            SignatureCheck::valid);
  EXPECT_TRUE(verify(slack_event_request("{}"), kSlackSecret, slack_now()).has_value());
}

TEST(SlackSignature, AcceptsUppercaseHexAndAnyHeaderCase) {
  HttpRequest request = slack_event_request("{}");
  std::string signature(*request.headers.get("X-Slack-Signature"));
  for (std::size_t i = 3; i < signature.size(); ++i) {
    signature[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(signature[i])));
  }
  request = without(std::move(request), "X-Slack-Signature");
  request.headers.set("x-slack-signature", signature);
  EXPECT_EQ(check(request), SignatureCheck::valid);
}

TEST(SlackSignature, RejectsABodyChangedAfterSigning) {
  HttpRequest request = slack_event_request(slack_fixture("slack_event_message_im.json"));
  request.body.replace(request.body.find("both my feet"), 4, "BOTH");
  EXPECT_EQ(check(request), SignatureCheck::mismatch);
}

TEST(SlackSignature, RejectsAnotherSecret) {
  EXPECT_EQ(check_signature(slack_event_request("{}"), "another-secret", slack_now()),
            SignatureCheck::mismatch);
}

TEST(SlackSignature, RejectsATimestampChangedAfterSigning) {
  HttpRequest request = slack_event_request("{}");
  request =
      with_header(std::move(request), "X-Slack-Request-Timestamp", std::to_string(kSlackNow - 1));
  EXPECT_EQ(check(request), SignatureCheck::mismatch);
}

TEST(SlackSignature, FailsClosedWithoutASecret) {
  EXPECT_EQ(check_signature(slack_event_request("{}"), "", slack_now()),
            SignatureCheck::no_signing_secret);
}

TEST(SlackSignature, MissingHeadersAreTheirOwnErrors) {
  EXPECT_EQ(check(without(slack_event_request("{}"), "X-Slack-Request-Timestamp")),
            SignatureCheck::missing_timestamp);
  EXPECT_EQ(check(without(slack_event_request("{}"), "X-Slack-Signature")),
            SignatureCheck::missing_signature);
}

TEST(SlackSignature, FiveMinutesEitherWayIsTheWindow) {
  EXPECT_EQ(check(slack_event_request("{}", kSlackNow - 300)), SignatureCheck::valid);
  EXPECT_EQ(check(slack_event_request("{}", kSlackNow + 300)), SignatureCheck::valid);
  EXPECT_EQ(check(slack_event_request("{}", kSlackNow - 301)), SignatureCheck::stale_timestamp);
  EXPECT_EQ(check(slack_event_request("{}", kSlackNow + 301)), SignatureCheck::future_timestamp);
}

TEST(SlackSignature, HugeTimestampsAreFutureWithoutOverflow) {
  for (std::string stamp : {"999999999999", "9999999999999", "99999999999999999999999999"}) {
    HttpRequest request =
        with_header(slack_event_request("{}"), "X-Slack-Request-Timestamp", stamp);
    EXPECT_EQ(check(request), SignatureCheck::future_timestamp) << stamp;
  }
  EXPECT_EQ(check(with_header(slack_event_request("{}"), "X-Slack-Request-Timestamp", "0")),
            SignatureCheck::stale_timestamp);
}

TEST(SlackSignature, MalformedTimestampsAreRefused) {
  for (std::string stamp : {"", "-1732540200", "+1732540200", "1732540200.5", "17325402OO", " 1"}) {
    HttpRequest request =
        with_header(slack_event_request("{}"), "X-Slack-Request-Timestamp", stamp);
    EXPECT_EQ(check(request), SignatureCheck::malformed_timestamp) << "'" << stamp << "'";
  }
}

TEST(SlackSignature, MalformedSignaturesAreRefused) {
  const std::string good(*slack_event_request("{}").headers.get("X-Slack-Signature"));
  for (std::string signature :
       {std::string(), std::string("v0="), "v1=" + good.substr(3), good.substr(0, good.size() - 1),
        good + "0", good.substr(0, good.size() - 1) + "g"}) {
    HttpRequest request = with_header(slack_event_request("{}"), "X-Slack-Signature", signature);
    EXPECT_EQ(check(request), SignatureCheck::malformed_signature) << signature;
  }
}

TEST(SlackSignature, VerifyNamesTheCheckButNoSecret) {
  auto result = verify(slack_event_request("{}", kSlackNow - 3600), kSlackSecret, slack_now());
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::unauthorized);
  EXPECT_EQ(result.error().message, "stale_timestamp");
}

TEST(SlackSignature, EveryCheckHasAStableName) {
  EXPECT_EQ(to_string(SignatureCheck::valid), "valid");
  EXPECT_EQ(to_string(SignatureCheck::no_signing_secret), "no_signing_secret");
  EXPECT_EQ(to_string(SignatureCheck::missing_timestamp), "missing_timestamp");
  EXPECT_EQ(to_string(SignatureCheck::malformed_timestamp), "malformed_timestamp");
  EXPECT_EQ(to_string(SignatureCheck::stale_timestamp), "stale_timestamp");
  EXPECT_EQ(to_string(SignatureCheck::future_timestamp), "future_timestamp");
  EXPECT_EQ(to_string(SignatureCheck::missing_signature), "missing_signature");
  EXPECT_EQ(to_string(SignatureCheck::malformed_signature), "malformed_signature");
  EXPECT_EQ(to_string(SignatureCheck::mismatch), "mismatch");
}

}  // namespace
}  // namespace signature_test
}  // namespace triagebot::adapters::slack
