#include "bot/http/request_framing.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "adapters/common/http_whitespace.h"

namespace triagebot::bot::http {
namespace bhttp = boost::beast::http;

namespace {

std::string_view to_std(boost::beast::string_view text) { return {text.data(), text.size()}; }

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// A list field's elements (RFC 9110 §5.6.1): split at commas, empty elements skipped.
void append_elements(std::string_view value, std::vector<std::string_view>& out) {
  while (true) {
    const auto comma = value.find(',');
    const auto element = adapters::common::trim_http_whitespace(value.substr(0, comma));
    if (!element.empty()) out.push_back(element);
    if (comma == std::string_view::npos) return;
    value.remove_prefix(comma + 1);
  }
}

// uri-host [":" port] (RFC 3986): reg-name, IPv4 or a bracketed IPv6 literal, so the
// characters of unreserved, sub-delims, pct-encoded, ':' and brackets. Empty is allowed
// (RFC 9112 §3.2: a target without authority sends an empty Host).
bool is_host_value(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 ||
           std::string_view("-._~!$&'()*+,;=%:[]").find(c) != std::string_view::npos;
  });
}

}  // namespace

std::optional<std::string> framing_problem(const bhttp::request_header<>& header) {
  std::size_t hosts = 0;
  std::size_t lengths = 0;
  bool has_transfer_encoding = false;
  std::vector<std::string_view> codings;
  for (const auto& field : header) {
    switch (field.name()) {
      case bhttp::field::host:
        ++hosts;
        if (!is_host_value(to_std(field.value()))) return "the Host header is not a host name";
        break;
      case bhttp::field::content_length:
        ++lengths;
        break;
      case bhttp::field::transfer_encoding:
        has_transfer_encoding = true;
        append_elements(to_std(field.value()), codings);
        break;
      default:
        break;
    }
  }
  if (hosts > 1) return "more than one Host header";
  if (hosts == 0 && header.version() >= 11) return "an HTTP/1.1 request needs a Host header";
  if (lengths > 1) return "more than one Content-Length header";
  if (!has_transfer_encoding) return std::nullopt;
  if (header.version() < 11) return "Transfer-Encoding is not allowed in HTTP/1.0";
  if (lengths > 0) return "Transfer-Encoding and Content-Length together";
  if (codings.empty() || !iequals(codings.back(), "chunked")) {
    return "the last transfer coding must be chunked";
  }
  if (codings.size() > 1) return "only the chunked transfer coding is supported";
  return std::nullopt;
}

std::optional<RequestTarget> parse_target(std::string_view method, std::string_view target) {
  RequestTarget parsed;
  if (target == "*") {
    if (method != "OPTIONS") return std::nullopt;
    parsed.path = "*";
    return parsed;
  }
  if (!target.starts_with('/')) {
    std::string_view scheme;
    for (const std::string_view candidate : {"http://", "https://"}) {
      if (iequals(target.substr(0, candidate.size()), candidate)) scheme = candidate;
    }
    if (scheme.empty()) return std::nullopt;
    target.remove_prefix(scheme.size());
    const auto end = std::min(target.find('/'), target.find('?'));
    const auto authority = target.substr(0, end);
    // userinfo ("user@host") is deprecated and not allowed in HTTP targets (RFC 9110 §4.2.4).
    if (authority.empty() || authority.find('@') != std::string_view::npos ||
        !is_host_value(authority)) {
      return std::nullopt;
    }
    parsed.authority = std::string(authority);
    target.remove_prefix(authority.size());
  }
  const auto question = target.find('?');
  const auto path = target.substr(0, question);
  parsed.path = path.empty() ? std::string(1, '/') : std::string(path);  // "http://host?x"
  if (question != std::string_view::npos) parsed.query = std::string(target.substr(question + 1));
  return parsed;
}

}  // namespace triagebot::bot::http
