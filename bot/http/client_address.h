// Which client a connection or request belongs to, for per-address limits in the HTTP
// layer (the connection cap, the admin lockout). Pure; any thread.
//
// The widget adapter has its own pure copy of the X-Forwarded-For rule
// (adapters/widget/client_address.h); adapters cannot use bot/, and bot/http must not
// name a platform, so the rule is written twice and tested twice.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

#include "adapters/http_types.h"

namespace triagebot::bot::http {

// "::ffff:10.0.0.1" -> "10.0.0.1"; IPv6 in its compressed lowercase form.
std::string canonical_address(const boost::asio::ip::address& address);
// The same from text; empty when `text` is not an IP address.
std::string canonical_address(std::string_view text);

// The key a per-address limit counts under: an IPv4 address as is, an IPv6 address by
// its /64 ("2001:db8:1:2::/64"), because one host is routinely given a whole /64 and
// could otherwise open a fresh address per connection. Empty for a non-address.
std::string address_key(std::string_view canonical);

// The client of a request: the peer, or when the peer is one of `trusted_proxies`
// (canonical text) the right-most X-Forwarded-For entry that is not itself a trusted
// proxy (entries further left can be written by the client). Canonical text.
std::string client_address(const adapters::HttpRequest& request,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace triagebot::bot::http
