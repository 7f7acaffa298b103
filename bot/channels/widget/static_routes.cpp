#include "bot/channels/widget/static_routes.h"

#include <cstdio>
#include <functional>
#include <memory>
#include <string_view>

namespace triagebot::embedded {
std::string_view asset_index_html();
std::string_view asset_demo_css();
std::string_view asset_widget_js();
}  // namespace triagebot::embedded

namespace triagebot::bot {

namespace {

// FNV-1a: a cheap, stable fingerprint of the bytes; not a security boundary.
std::string etag_of(std::string_view content) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : content) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return buffer;
}

// If-None-Match (RFC 9110 §13.1.2): "*" or a list of entity tags, compared weakly, so
// W/"x" matches our "x". Proxies that compress (nginx gzip) weaken our tag, and browsers
// send back what they got. A member that is not a quoted tag ends the list.
bool presented_tags_match(std::string_view header, std::string_view etag) {
  const auto skip = [&header](std::string_view chars) {
    while (!header.empty() && chars.find(header.front()) != std::string_view::npos) {
      header.remove_prefix(1);
    }
  };
  skip(" \t");
  if (header == "*" || header.starts_with("* ")) return true;
  for (;;) {
    skip(" \t,");
    if (header.starts_with("W/")) header.remove_prefix(2);
    if (header.empty() || header.front() != '"') return false;
    const auto close = header.find('"', 1);
    if (close == std::string_view::npos) return false;
    if (header.substr(0, close + 1) == etag) return true;
    header.remove_prefix(close + 1);
  }
}

}  // namespace

void add_static_route(http::Router& router, StaticAsset asset) {
  auto shared = std::make_shared<const StaticAsset>(std::move(asset));
  auto etag = std::make_shared<const std::string>(etag_of(shared->content));
  router.add("GET", shared->path,
             [shared, etag](adapters::HttpRequest request, http::Respond respond) {
               adapters::HttpResponse response;
               response.content_type = shared->content_type;
               response.headers.set("Cache-Control", shared->cache_control);
               response.headers.set("ETag", *etag);
               response.headers.set("X-Content-Type-Options", "nosniff");
               if (auto presented = request.headers.get("If-None-Match");
                   presented && presented_tags_match(*presented, *etag)) {
                 response.status = 304;
               } else {
                 response.status = 200;
                 response.body = std::string(shared->content);
               }
               respond(std::move(response));
             });
}

void add_static_routes(http::Router& router) {
  add_static_route(router,
                   {"/", embedded::asset_index_html(), "text/html; charset=utf-8", "no-cache"});
  // The demo page's style: a file, not inline, for the page's style-src 'self'.
  add_static_route(
      router, {"/demo.css", embedded::asset_demo_css(), "text/css; charset=utf-8", "no-cache"});
  // Embedded on other sites: a short max-age keeps a fixed deployment quick to roll out.
  add_static_route(router, {"/widget.js", embedded::asset_widget_js(),
                            "text/javascript; charset=utf-8", "public, max-age=300"});
}

}  // namespace triagebot::bot
