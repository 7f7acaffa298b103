#include "adapters/widget/cors.h"

#include <algorithm>
#include <cctype>

#include "adapters/common/http_whitespace.h"
#include "adapters/widget/messages.h"

namespace triagebot::adapters::widget {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

bool valid_port(std::string_view port) {
  // Leading zeros are legal in a URL but no browser sends them; refusing them keeps the
  // normalised form unique.
  if (port.empty() || port.size() > 5 || port.front() == '0') return false;
  if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const int value = std::stoi(std::string(port));
  return value >= 1 && value <= 65535;
}

// Splits "host[:port]" / "[v6][:port]" and validates it; writes the normalised authority
// (lowercase, without the scheme's default port). Returns false when malformed.
bool normalise_authority(std::string_view scheme, std::string_view authority, std::string& out) {
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    host = authority.substr(0, close + 1);
    const auto inner = host.substr(1, host.size() - 2);
    if (!std::all_of(inner.begin(), inner.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
        })) {
      return false;
    }
    auto rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      port = rest.substr(1);
      if (!valid_port(port)) return false;
    }
  } else {
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (!valid_port(port)) return false;
    }
    if (host.empty() || !std::all_of(host.begin(), host.end(), is_host_char)) return false;
    if (host.front() == '.' || host.front() == '-' || host.back() == '-') return false;
  }
  const bool default_port =
      (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  out = lower(host);
  if (!port.empty() && !default_port) {
    out += ':';
    out += port;
  }
  return true;
}

// "scheme://host[:port]" -> normalised origin, or nullopt when it is not exactly that.
std::optional<std::string> normalise_origin(std::string_view origin) {
  const auto separator = origin.find("://");
  if (separator == std::string_view::npos) return std::nullopt;
  const std::string scheme = lower(origin.substr(0, separator));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string authority;
  if (!normalise_authority(scheme, origin.substr(separator + 3), authority)) return std::nullopt;
  return scheme + "://" + authority;
}

HttpResponse forbidden_origin() {
  HttpResponse response;
  response.status = 403;
  response.body = error_json("origin_not_allowed", "this origin may not use the widget API").dump();
  return response;
}

}  // namespace

Result<CorsPolicy> parse_cors_policy(std::string_view value) {
  CorsPolicy policy;
  while (!value.empty()) {
    const auto comma = value.find(',');
    const std::string_view entry = common::trim_http_whitespace(value.substr(0, comma));
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    if (entry.empty()) continue;
    auto origin = normalise_origin(entry);
    if (!origin) {
      return make_error(ErrorCode::bad_config,
                        "TRIAGEBOT_WIDGET_ORIGINS: \"" + std::string(entry) +
                            "\" is not an origin of the form scheme://host[:port]");
    }
    if (std::find(policy.allowed_origins.begin(), policy.allowed_origins.end(), *origin) ==
        policy.allowed_origins.end()) {
      policy.allowed_origins.push_back(std::move(*origin));
    }
  }
  return policy;
}

OriginVerdict classify_origin(const CorsPolicy& policy, const HttpRequest& request) {
  const auto origin_header = request.headers.get("Origin");
  if (!origin_header) return OriginVerdict::same_origin;
  // "null" (sandboxed frames, file: pages) and anything malformed can never match.
  const auto origin = normalise_origin(*origin_header);
  if (!origin) return OriginVerdict::refused;
  // Browsers send Origin on same-origin POSTs too; the scheme is not visible behind a
  // TLS-terminating proxy, so compare the authority the Host header names.
  if (const auto host = request.headers.get("Host")) {
    const auto scheme = origin->substr(0, origin->find("://"));
    std::string authority;
    if (normalise_authority(scheme, common::trim_http_whitespace(*host), authority) &&
        *origin == scheme + "://" + authority) {
      return OriginVerdict::same_origin;
    }
  }
  const auto& allowed = policy.allowed_origins;
  return std::find(allowed.begin(), allowed.end(), *origin) != allowed.end()
             ? OriginVerdict::allowed
             : OriginVerdict::refused;
}

Headers cors_headers(const CorsPolicy& policy, const HttpRequest& request) {
  Headers headers;
  headers.set("Vary", "Origin");
  if (classify_origin(policy, request) != OriginVerdict::allowed) return headers;
  headers.set("Access-Control-Allow-Origin", std::string(*request.headers.get("Origin")));
  headers.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  headers.set("Access-Control-Expose-Headers", "Retry-After");
  headers.set("Access-Control-Max-Age", std::to_string(kPreflightMaxAge.count()));
  return headers;
}

HttpResponse preflight(const CorsPolicy& policy, const HttpRequest& request) {
  if (classify_origin(policy, request) == OriginVerdict::refused) return forbidden_origin();
  HttpResponse response;
  response.status = 204;
  response.headers = cors_headers(policy, request);
  return response;
}

std::optional<HttpResponse> origin_refusal(const CorsPolicy& policy, const HttpRequest& request) {
  if (classify_origin(policy, request) != OriginVerdict::refused) return std::nullopt;
  return forbidden_origin();
}

}  // namespace triagebot::adapters::widget
