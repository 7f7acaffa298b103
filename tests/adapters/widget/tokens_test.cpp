#include "adapters/widget/tokens.h"

#include <gtest/gtest.h>

#include <set>

namespace triagebot::adapters::widget {
namespace tokens_test {
namespace {

TEST(WidgetTokens, SessionIdIs128BitsOfHex) {
  const std::string id = new_session_id();
  EXPECT_EQ(id.size(), 32u);
  EXPECT_TRUE(is_session_id(id)) << id;
}

TEST(WidgetTokens, TokenIs256BitsOfUrlSafeBase64) {
  const std::string token = new_token();
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos)
      << token;
}

TEST(WidgetTokens, IdsAndTokensDoNotRepeat) {
  std::set<std::string> ids, tokens;
  for (int i = 0; i < 1000; ++i) {
    ids.insert(new_session_id());
    tokens.insert(new_token());
  }
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_EQ(tokens.size(), 1000u);
}

TEST(WidgetTokens, IsSessionIdRefusesOtherShapes) {
  EXPECT_FALSE(is_session_id(""));
  EXPECT_FALSE(is_session_id(std::string(31, 'a')));
  EXPECT_FALSE(is_session_id(std::string(33, 'a')));
  EXPECT_FALSE(is_session_id(std::string(32, 'g')));
  EXPECT_FALSE(is_session_id(std::string(32, 'A')));
  EXPECT_FALSE(is_session_id("../../../../etc/passwd0000000000"));
}

TEST(WidgetTokens, HashIsSha256Hex) {
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(WidgetTokens, MatchesOnlyTheRightToken) {
  const std::string token = new_token();
  const std::string stored = token_hash(token);
  EXPECT_TRUE(token_matches(token, stored));
  EXPECT_FALSE(token_matches(new_token(), stored));
  EXPECT_FALSE(token_matches("", stored));
  EXPECT_FALSE(token_matches(token, token));  // the raw token is not its hash
  EXPECT_FALSE(token_matches(token, stored.substr(0, 63)));
  EXPECT_FALSE(token_matches(token, ""));
}

Headers with_authorization(std::string value) {
  Headers headers;
  headers.set("Authorization", std::move(value));
  return headers;
}

TEST(WidgetTokens, ReadsBearerToken) {
  EXPECT_EQ(bearer_token(with_authorization("Bearer abc-_123")), "abc-_123");
  EXPECT_EQ(bearer_token(with_authorization("bearer   abc ")), "abc");
  Headers lower;
  lower.set("authorization", "BEARER xyz");
  EXPECT_EQ(bearer_token(lower), "xyz");
}

TEST(WidgetTokens, RefusesMissingOrOtherAuthorization) {
  EXPECT_EQ(bearer_token(Headers{}), std::nullopt);
  EXPECT_EQ(bearer_token(with_authorization("Basic dXNlcjpwYXNz")), std::nullopt);
  EXPECT_EQ(bearer_token(with_authorization("Bearer")), std::nullopt);
  EXPECT_EQ(bearer_token(with_authorization("Bearer ")), std::nullopt);
  EXPECT_EQ(bearer_token(with_authorization("Bearerabc")), std::nullopt);
  EXPECT_EQ(bearer_token(with_authorization("Bearer a b")), std::nullopt);
}

}  // namespace
}  // namespace tokens_test
}  // namespace triagebot::adapters::widget
