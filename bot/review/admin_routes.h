// The conversation review routes (API.md "HTTP routes", admin rows): a clinician lists
// stored conversations, reads one with its transcript and assessment, and records a
// verdict on the bot's triage.
//
//   GET  /admin                                     the review page (no token to load it)
//   GET  /admin/admin.js, /admin/admin.css          its script and style
//   GET  /admin/api/conversations   ?platform&triage&red_flag&verdict&since&until&q&limit&cursor
//   GET  /admin/api/conversations/{id}              Summary + messages + assessment
//   POST /admin/api/conversations/{id}/verdicts     {"verdict","note","reviewer"} -> 201
//   GET  /admin/api/stats           ?since&until&by  review statistics (storage/stats.h)
//
// Every /admin/api request needs `Authorization: Bearer <admin token>`; the token is
// checked in constant time over SHA-256 digests, so neither its content nor its length
// leaks through timing. Failed authentications are counted per client address (its
// /64 for IPv6; X-Forwarded-For believed only from trusted proxies): past
// `failures_per_minute` of them every admin API request from that address, right
// token or not, gets 429 with Retry-After until the budget refills, so guessing runs
// at a few tries a minute. Each failure is logged with the address, never the token. Every admin
// answer carries `Cache-Control: no-store`: these pages hold health data and must not linger in
// browser or proxy caches.
//
// Threads: reads run on a one-thread pool owned by the routes, not on the io threads,
// because a text search over months of logs may take a while and must not stall the
// webhooks; one thread also caps how many reader connections review takes from the
// widget. Verdicts go through store.writer().submit() and answer from its completion.
//
// Lifetime: `store` must outlive the router (the server drains requests before the
// store closes). Call before Server::start(); only when an admin token is configured
// (admin is off when unset, so these paths then 404).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bot/http/router.h"
#include "storage/store.h"

namespace triagebot::bot {

struct AdminOptions {
  // Peers whose X-Forwarded-For names the client (TRIAGEBOT_TRUSTED_PROXIES), canonical.
  std::vector<std::string> trusted_proxies = {};
  // Failed authentications an address may make in a minute (also the burst).
  std::size_t failures_per_minute = 10;
};

void add_admin_routes(http::Router& router, storage::Store& store, std::string admin_token,
                      AdminOptions options = {});

}  // namespace triagebot::bot
