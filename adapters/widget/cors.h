// CORS for the widget API, so a clinic can embed widget.js on its own site while the
// API stays on the bot's origin (Fetch standard, "CORS protocol"). Pure; any thread;
// a CorsPolicy is immutable after parsing and may be shared.
//
// The widget authenticates with a bearer token, never cookies, so responses never set
// Access-Control-Allow-Credentials. Same-origin requests (no Origin header, or an Origin
// equal to the one the Host header implies) are always allowed, so the demo page works
// with TRIAGEBOT_WIDGET_ORIGINS unset.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http_types.h"
#include "dialogs/result.h"

namespace triagebot::adapters::widget {

struct CorsPolicy {
  // Normalised "scheme://host[:port]" (lowercase, default ports dropped).
  std::vector<std::string> allowed_origins;
};

// Parses TRIAGEBOT_WIDGET_ORIGINS: comma-separated origins, each exactly
// scheme://host[:port] with scheme http or https (no path, no trailing slash, no "*").
// Blank entries are skipped. An invalid entry is Error{ErrorCode::bad_config, names the entry}.
Result<CorsPolicy> parse_cors_policy(std::string_view value);

enum class OriginVerdict { same_origin, allowed, refused };

OriginVerdict classify_origin(const CorsPolicy& policy, const HttpRequest& request);

// Headers to add to every widget API response: for an allowed cross origin, the echoed
// Access-Control-Allow-Origin, the allowed methods and headers, Max-Age and
// Expose-Headers: Retry-After (so the widget can read it on a 429). Always Vary: Origin,
// because the answer depends on it.
Headers cors_headers(const CorsPolicy& policy, const HttpRequest& request);

// The answer to an OPTIONS preflight: 204 with cors_headers for an allowed or same
// origin, 403 {"error": "origin_not_allowed", ...} for a refused one.
HttpResponse preflight(const CorsPolicy& policy, const HttpRequest& request);

// For non-preflight requests: a 403 to send instead of handling the request when its
// Origin is refused (a form POST from another site needs no preflight), else nullopt.
std::optional<HttpResponse> origin_refusal(const CorsPolicy& policy, const HttpRequest& request);

inline constexpr std::chrono::seconds kPreflightMaxAge{600};

}  // namespace triagebot::adapters::widget
