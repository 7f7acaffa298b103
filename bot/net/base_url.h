// BaseUrl: the parsed form of a platform API base URL (TRIAGEBOT_TELEGRAM_API,
// TRIAGEBOT_SLACK_API). Pure; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dialogs/result.h"

namespace triagebot::bot::net {

struct BaseUrl {
  bool tls = true;
  std::string host;  // without brackets for IPv6 literals
  std::uint16_t port = 443;
  std::string prefix;       // path before every call's path, no trailing '/' ("" or "/api")
  std::string host_header;  // "host" or "host:port" when the port is not the default
};

// Accepts http(s)://host[:port][/prefix] without userinfo, query or fragment. Plain
// http is allowed only when the host is a literal loopback address (127.0.0.0/8, ::1):
// tests talk to a local fake, nothing else may see a token in clear text.
Result<BaseUrl> parse_base_url(std::string_view url);

}  // namespace triagebot::bot::net
