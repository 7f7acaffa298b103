// The web widget's HTTP routes (API.md): create a session, send a turn, read the
// history, and the CORS preflights. Thin handlers: the rules live in adapters/widget
// (parsing, credentials, CORS, rate limits) and the work in the Pipeline.
//
// Authentication: the session id is in the URL; the bearer token is a separate secret
// whose SHA-256 the store keeps, compared in constant time. Missing token → 401,
// unknown session → 404, wrong token → 401.
//
// Threads: handlers run on io threads; history reads use the store's reader pool (WAL:
// never blocked by the writer); turns go through the Pipeline and answer from its
// completion.
#pragma once

#include "adapters/widget/client_address.h"
#include "adapters/widget/cors.h"
#include "adapters/widget/rate_limit.h"
#include "bot/flow/pipeline.h"
#include "bot/http/router.h"
#include "storage/readers.h"

namespace triagebot::bot {

struct WidgetRoutesOptions {
  adapters::widget::CorsPolicy cors;
  adapters::widget::TrustedProxies trusted_proxies;
  adapters::widget::RateLimitOptions per_session = adapters::widget::kSessionTurnLimit;
  adapters::widget::RateLimitOptions per_address = adapters::widget::kAddressLimit;
  adapters::widget::RateLimitOptions session_creation = adapters::widget::kSessionCreateLimit;
};

void add_widget_routes(http::Router& router, Pipeline& pipeline, storage::Readers& readers,
                       WidgetRoutesOptions options);

}  // namespace triagebot::bot
