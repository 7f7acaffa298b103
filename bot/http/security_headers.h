// Internal to bot/http: the security headers every answer leaves with, so no route can
// forget them (OWASP Secure Headers). Session::send applies them last; a header the
// handler set itself is kept, so a page with other needs states its own policy.
//
//   X-Content-Type-Options: nosniff   every answer: a browser never guesses a type
//   Referrer-Policy: no-referrer      every answer: our URLs hold ids, never send them on
//   Content-Security-Policy           HTML: kPagePolicy, anything else: kNoContentPolicy
//
// Both policies carry frame-ancestors 'none': no page of ours may be framed (the demo
// page, the admin page). /widget.js is not affected: a script included with <script>
// is not framed, and a CSP on the script's own answer does not bind the page that
// includes it, so the widget stays embeddable on any site (docs/widget.md).
#pragma once

#include <string_view>

#include "adapters/http_types.h"

namespace triagebot::bot::http {

// Our HTML pages: their own scripts, styles, images and API, nothing inline, nothing
// from elsewhere, no forms, no <base>, no framing.
inline constexpr std::string_view kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// JSON, scripts, metrics: nothing in them may load or run anything if a browser ever
// renders one as a document.
inline constexpr std::string_view kNoContentPolicy =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

void add_security_headers(adapters::HttpResponse& response);

}  // namespace triagebot::bot::http
