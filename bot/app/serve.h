// The `serve` assembly: builds the parts of a running triagebot from a Config and
// runs them until SIGTERM/SIGINT. Kept short on purpose: each part is built and
// wired in a few lines, and its shutdown registered with the server.
// Called once, from main's thread.
#pragma once

#include "bot/config/config.h"
#include "bot/http/server.h"

namespace triagebot::bot {

// Prints `listening on http://HOST:PORT` to stdout (flushed) once bound; returns the
// process exit code: 0 after a graceful shutdown, 1 when it cannot start.
int run_serve(const Config& config);

// `triagebot telegram poll`: the same server, with Telegram updates fetched by long
// polling (getUpdates) instead of the webhook — for running without a public address.
int run_telegram_poll(const Config& config);

// The server part of the config.
http::ServerOptions server_options(const Config& config);

}  // namespace triagebot::bot
