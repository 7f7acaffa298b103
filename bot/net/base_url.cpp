#include "bot/net/base_url.h"

#include <boost/asio/ip/address.hpp>

#include <charconv>

namespace triagebot::bot::net {

Result<BaseUrl> parse_base_url(std::string_view url) {
  BaseUrl out;
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    out.tls = false;
    out.port = 80;
    rest = url.substr(7);
  } else {
    return make_error(ErrorCode::bad_url, "API base URL must start with https://");
  }
  if (rest.find_first_of("?#@ ") != std::string_view::npos) {
    return make_error(ErrorCode::bad_url,
                      "API base URL must not carry userinfo, a query or a fragment");
  }
  std::string_view authority = rest.substr(0, rest.find('/'));
  std::string_view path = rest.substr(authority.size());
  while (path.ends_with('/')) path.remove_suffix(1);
  out.prefix = std::string(path);

  std::string_view port_text;
  if (authority.starts_with('[')) {  // [IPv6]:port
    auto close = authority.find(']');
    if (close == std::string_view::npos)
      return make_error(ErrorCode::bad_url, "unclosed IPv6 bracket");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return make_error(ErrorCode::bad_url, "junk after IPv6 address");
      port_text = after.substr(1);
    }
  } else {
    auto colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (out.host.empty()) return make_error(ErrorCode::bad_url, "API base URL has no host");
  if (!port_text.empty()) {
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
        port > 65535) {
      return make_error(ErrorCode::bad_url, "API base URL has a bad port");
    }
    out.port = static_cast<std::uint16_t>(port);
  }

  if (!out.tls) {
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(out.host, ec);
    if (ec || !address.is_loopback()) {
      return make_error(
          ErrorCode::bad_url,
          "plain http:// is allowed only for a loopback address (tests); use https://");
    }
  }

  const bool ipv6 = out.host.find(':') != std::string::npos;
  out.host_header = ipv6 ? "[" + out.host + "]" : out.host;
  if (out.port != (out.tls ? 443 : 80)) {
    // Appended in two steps: `":" + std::to_string(...)` trips GCC 12's false
    // -Wrestrict (GCC bug 105651) once inlined here.
    out.host_header += ':';
    out.host_header += std::to_string(out.port);
  }
  return out;
}

}  // namespace triagebot::bot::net
