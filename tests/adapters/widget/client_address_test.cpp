#include "adapters/widget/client_address.h"

#include <gtest/gtest.h>

namespace triagebot::adapters::widget {
namespace client_address_test {
namespace {

TrustedProxies proxies(std::string_view list) {
  auto parsed = parse_trusted_proxies(list);
  EXPECT_TRUE(parsed.has_value());
  return parsed.has_value() ? *parsed : TrustedProxies{};
}

HttpRequest from_peer(std::string peer, std::vector<std::string> forwarded = {}) {
  HttpRequest request;
  request.remote_address = std::move(peer);
  for (auto& value : forwarded) request.headers.set("X-Forwarded-For", std::move(value));
  return request;
}

TEST(ClientAddress, CanonicalisesAddresses) {
  EXPECT_EQ(canonical_address("10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(canonical_address(" ::FFFF:10.0.0.1 "), "10.0.0.1");
  EXPECT_EQ(canonical_address("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
  EXPECT_EQ(canonical_address("[2001:db8::1]:443"), "2001:db8::1");
  EXPECT_EQ(canonical_address("203.0.113.9:51234"), "203.0.113.9");
  EXPECT_EQ(canonical_address("unknown"), "");
  EXPECT_EQ(canonical_address(""), "");
  EXPECT_EQ(canonical_address("10.0.0.256"), "");
}

TEST(ClientAddress, ParsesTrustedProxies) {
  auto parsed = parse_trusted_proxies("10.0.0.1, ::1,,");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->addresses, (std::vector<std::string>{"10.0.0.1", "::1"}));
}

TEST(ClientAddress, RejectsTrustedProxyThatIsNotAnAddress) {
  auto parsed = parse_trusted_proxies("10.0.0.1,proxy.internal");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::bad_config);
  EXPECT_NE(parsed.error().message.find("proxy.internal"), std::string::npos);
}

TEST(ClientAddress, IgnoresForwardedForFromUntrustedPeer) {
  EXPECT_EQ(client_address(from_peer("198.51.100.7", {"1.2.3.4"}), proxies("10.0.0.1")),
            "198.51.100.7");
  EXPECT_EQ(client_address(from_peer("198.51.100.7", {"1.2.3.4"}), TrustedProxies{}),
            "198.51.100.7");
}

TEST(ClientAddress, BelievesForwardedForFromTrustedProxy) {
  EXPECT_EQ(client_address(from_peer("10.0.0.1", {"203.0.113.9"}), proxies("10.0.0.1")),
            "203.0.113.9");
}

TEST(ClientAddress, MatchesMappedIpv4Peer) {
  EXPECT_EQ(client_address(from_peer("::ffff:10.0.0.1", {"203.0.113.9"}), proxies("10.0.0.1")),
            "203.0.113.9");
}

TEST(ClientAddress, TakesRightMostUntrustedEntry) {
  // The client forged "6.6.6.6"; the proxy appended the address it really saw.
  EXPECT_EQ(client_address(from_peer("10.0.0.1", {"6.6.6.6, 203.0.113.9"}), proxies("10.0.0.1")),
            "203.0.113.9");
}

TEST(ClientAddress, SkipsChainedTrustedProxies) {
  EXPECT_EQ(client_address(from_peer("10.0.0.1", {"6.6.6.6, 203.0.113.9", "10.0.0.2"}),
                           proxies("10.0.0.1,10.0.0.2")),
            "203.0.113.9");
}

TEST(ClientAddress, TrustedPeerWithoutHeaderIsItself) {
  EXPECT_EQ(client_address(from_peer("10.0.0.1"), proxies("10.0.0.1")), "10.0.0.1");
}

TEST(ClientAddress, GarbageEntryStopsAtLastTrustedHop) {
  EXPECT_EQ(client_address(from_peer("10.0.0.1", {"203.0.113.9, garbage"}), proxies("10.0.0.1")),
            "10.0.0.1");
}

}  // namespace
}  // namespace client_address_test
}  // namespace triagebot::adapters::widget
