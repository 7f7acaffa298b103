// Which address a widget request comes from, for per-address rate limits.
// Pure; any thread; TrustedProxies is immutable after parsing and may be shared.
//
// X-Forwarded-For is written by whoever sent the request, so it is believed only when
// the peer is one of TRIAGEBOT_TRUSTED_PROXIES. Then the client is the right-most
// address in the header that is not itself a trusted proxy: each proxy appends the
// address it saw, so entries left of that may be forged by the client
// (MDN "X-Forwarded-For", "Selecting an IP address").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/http_types.h"
#include "dialogs/result.h"

namespace triagebot::adapters::widget {

struct TrustedProxies {
  std::vector<std::string> addresses;  // canonical text form (see canonical_address)
};

// Parses TRIAGEBOT_TRUSTED_PROXIES: comma-separated IPv4/IPv6 addresses; blank entries
// skipped; anything else is Error{ErrorCode::bad_config, names the entry}.
Result<TrustedProxies> parse_trusted_proxies(std::string_view value);

// The canonical text of an IP address ("::ffff:10.0.0.1" -> "10.0.0.1", IPv6 compressed
// and lowercase), accepting "[v6]" and "[v6]:port" / "v4:port" as proxies write them;
// empty when `text` is not an address.
std::string canonical_address(std::string_view text);

std::string client_address(const HttpRequest& request, const TrustedProxies& trusted);

}  // namespace triagebot::adapters::widget
