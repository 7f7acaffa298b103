// The web widget's HTTP routes (API.md): create a session, send a turn, read the
// history, and the CORS preflights. Thin handlers: the rules live in adapters/widget
// (parsing, credentials, CORS, rate limits) and the work in the Pipeline.
//
// Authentication: the session id is in the URL; the bearer token is a separate secret
// whose SHA-256 the store keeps, compared in constant time. Missing token → 401,
// unknown session → 404, wrong token → 401.
//
// Threads: handlers start on io threads. Whatever waits for the store (the session and
// token lookup, the history) runs through `run_blocking` (the server's BlockingPool);
// turns go through the Pipeline and answer from its completion. A turn for a
// conversation the writer's session cache holds is authorized from the cache (its
// committed id and token hash) and submitted from the io thread, as Telegram's and
// Slack's are: no store read, no hop to the pool (if the cache lets the conversation go
// in between, the step reads its row there, as theirs do). The rate limiters are the
// shell's (bot/http/rate_limiter.h); the adapter's verify/parse pair
// (adapters/widget/inbound.h) decides the rest.
#pragma once

#include "adapters/widget/client_address.h"
#include "adapters/widget/cors.h"
#include "bot/flow/blocking_pool.h"
#include "bot/flow/pipeline.h"
#include "bot/http/rate_limiter.h"
#include "bot/http/router.h"
#include "storage/readers.h"

namespace triagebot::bot {

// Defaults (TRIAGEBOT_* overrides are read by bot/config). One person answers a question
// every few seconds, and pressing buttons quickly should never trip the limit; a script
// hammering one session should.
inline constexpr http::RateLimitOptions kWidgetTurnLimit{
    .burst = 20, .refill_every = std::chrono::milliseconds(1000), .max_keys = 100000};
// Per client address, across all of its sessions (turns and new sessions). Generous,
// because when the clinic's reverse proxy is not listed in TRIAGEBOT_TRUSTED_PROXIES
// every visitor shares the proxy's address: 20 requests a second sustained, 600 burst.
inline constexpr http::RateLimitOptions kWidgetAddressLimit{
    .burst = 600, .refill_every = std::chrono::milliseconds(50), .max_keys = 100000};
// New sessions per client address: a few restarts are normal, thousands are not.
inline constexpr http::RateLimitOptions kWidgetSessionCreateLimit{
    .burst = 60, .refill_every = std::chrono::milliseconds(2000), .max_keys = 100000};

struct WidgetRoutesOptions {
  adapters::widget::CorsPolicy cors;
  adapters::widget::TrustedProxies trusted_proxies;
  http::RateLimitOptions per_session = kWidgetTurnLimit;
  http::RateLimitOptions per_address = kWidgetAddressLimit;
  http::RateLimitOptions session_creation = kWidgetSessionCreateLimit;
};

void add_widget_routes(http::Router& router, Pipeline& pipeline, storage::Readers& readers,
                       WidgetRoutesOptions options, RunBlocking run_blocking = run_inline);

}  // namespace triagebot::bot
