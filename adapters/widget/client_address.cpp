#include "adapters/widget/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "adapters/common/http_whitespace.h"

namespace triagebot::adapters::widget {

namespace {

// Calls `visit` with each comma-separated entry, right to left, until it returns false.
template <class Visit>
void for_each_from_right(std::string_view list, Visit visit) {
  while (!list.empty()) {
    const auto comma = list.rfind(',');
    const std::string_view entry = common::trim_http_whitespace(
        comma == std::string_view::npos ? list : list.substr(comma + 1));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
    if (!visit(entry)) return;
  }
}

bool is_trusted(const TrustedProxies& trusted, const std::string& canonical) {
  return !canonical.empty() && std::find(trusted.addresses.begin(), trusted.addresses.end(),
                                         canonical) != trusted.addresses.end();
}

}  // namespace

std::string canonical_address(std::string_view text) {
  text = common::trim_http_whitespace(text);
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return {};
    text = text.substr(1, close - 1);
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    text = text.substr(0, text.find(':'));  // "v4:port"
  }
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return {};
  const std::string address(text);
  char out[INET6_ADDRSTRLEN] = {};
  unsigned char v4[4];
  if (inet_pton(AF_INET, address.c_str(), v4) == 1) {
    inet_ntop(AF_INET, v4, out, sizeof out);
    return out;
  }
  unsigned char v6[16];
  if (inet_pton(AF_INET6, address.c_str(), v6) != 1) return {};
  // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; name them as IPv4 so one
  // client never has two keys and a proxy listed as 10.0.0.1 still matches.
  static constexpr unsigned char mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(v6, mapped_prefix, sizeof mapped_prefix) == 0) {
    inet_ntop(AF_INET, v6 + 12, out, sizeof out);
    return out;
  }
  inet_ntop(AF_INET6, v6, out, sizeof out);
  return out;
}

Result<TrustedProxies> parse_trusted_proxies(std::string_view value) {
  TrustedProxies trusted;
  Error error;
  bool failed = false;
  for_each_from_right(value, [&](std::string_view entry) {
    if (entry.empty()) return true;
    std::string canonical = canonical_address(entry);
    if (canonical.empty()) {
      error = make_error(ErrorCode::bad_config, "TRIAGEBOT_TRUSTED_PROXIES: \"" +
                                                    std::string(entry) + "\" is not an IP address");
      failed = true;
      return false;
    }
    trusted.addresses.insert(trusted.addresses.begin(), std::move(canonical));
    return true;
  });
  if (failed) return error;
  return trusted;
}

std::string client_address(const HttpRequest& request, const TrustedProxies& trusted) {
  std::string peer = canonical_address(request.remote_address);
  if (peer.empty()) peer = request.remote_address;
  if (!is_trusted(trusted, peer)) return peer;

  // Several X-Forwarded-For fields are one list in order (RFC 9110 §5.3).
  std::string forwarded;
  for (const auto& [name, value] : request.headers.fields) {
    if (name.size() == 15 &&
        std::equal(name.begin(), name.end(), "x-forwarded-for", [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      if (!forwarded.empty()) forwarded += ',';
      forwarded += value;
    }
  }

  std::string client = peer;
  for_each_from_right(forwarded, [&](std::string_view entry) {
    std::string canonical = canonical_address(entry);
    // An entry our own proxy wrote that is not an address means the chain cannot be
    // read; keep the last trusted hop, which a client cannot choose.
    if (canonical.empty()) return false;
    client = std::move(canonical);
    return is_trusted(trusted, client);
  });
  return client;
}

}  // namespace triagebot::adapters::widget
