// The `serve` assembly: builds the parts of a running triagebot from a Config — the
// shared runtime (store, pipeline, dispatcher), the enabled channels from the registry,
// every route in one place — and runs them until SIGTERM/SIGINT. Kept short on
// purpose: each part is built and wired in a few lines, and its shutdown registered
// with the server. Called once, from main's thread.
#pragma once

#include "bot/config/command.h"
#include "bot/config/config.h"
#include "bot/http/server.h"

namespace triagebot::bot {

// Prints `listening on http://HOST:PORT` to stdout (flushed) once bound; returns the
// process exit code: 0 after a graceful shutdown, 1 when it cannot start, 2 for a
// configuration or knowledge-base error. `request` turns on one channel's background
// loop (`triagebot telegram poll` runs the same server with long polling).
int run_serve(const Config& config, const ServeRequest& request = {});

// The server part of the config.
http::ServerOptions server_options(const Config& config);

}  // namespace triagebot::bot
