#include "bot/http/client_address.h"

#include <algorithm>

#include "adapters/common/http_whitespace.h"

namespace triagebot::bot::http {
namespace ip = boost::asio::ip;

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::string canonical_address(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

std::string canonical_address(std::string_view text) {
  text = adapters::common::trim_http_whitespace(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  boost::system::error_code ec;
  const auto address = ip::make_address(std::string(text), ec);
  return ec ? std::string() : canonical_address(address);
}

std::string address_key(std::string_view canonical) {
  boost::system::error_code ec;
  const auto address = ip::make_address(std::string(canonical), ec);
  if (ec) return {};
  if (address.is_v4()) return address.to_string();
  auto bytes = address.to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return ip::address_v6(bytes).to_string() + "/64";
}

std::string client_address(const adapters::HttpRequest& request,
                           const std::vector<std::string>& trusted_proxies) {
  std::string client = canonical_address(request.remote_address);
  if (client.empty() || !contains(trusted_proxies, client)) return client;
  // Several X-Forwarded-For fields are one list in order (RFC 9110 §5.3).
  std::vector<std::string_view> entries;
  for (const auto& [name, value] : request.headers.fields) {
    if (!adapters::iequals(name, "X-Forwarded-For")) continue;
    std::string_view rest = value;
    while (true) {
      const auto comma = rest.find(',');
      entries.push_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    auto canonical = canonical_address(*entry);
    // An entry our own proxy wrote that is not an address means the chain cannot be
    // read; keep the last trusted hop, which a client cannot choose.
    if (canonical.empty()) break;
    client = std::move(canonical);
    if (!contains(trusted_proxies, client)) break;
  }
  return client;
}

}  // namespace triagebot::bot::http
