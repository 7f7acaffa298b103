// Static assets compiled into the binary (bot/assets/): the demo page at GET /, the
// embeddable widget at GET /widget.js. Served with their content type, an ETag (a hash
// of the bytes, so a new binary invalidates caches) and cache headers: the page is
// revalidated every time, the script may be cached briefly by the clinic's visitors.
#pragma once

#include <string>
#include <string_view>

#include "bot/http/router.h"

namespace triagebot::bot {

struct StaticAsset {
  std::string path;          // "/widget.js"
  std::string_view content;  // embedded bytes
  std::string content_type;  // "text/javascript; charset=utf-8"
  std::string cache_control;
};

void add_static_route(http::Router& router, StaticAsset asset);

// GET / and GET /widget.js.
void add_static_routes(http::Router& router);

}  // namespace triagebot::bot
