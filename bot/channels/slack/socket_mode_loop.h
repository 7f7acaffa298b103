// Slack Socket Mode: the channel's background loop for setups without a public HTTPS
// address (PLATFORMS.md §2.4), Slack's counterpart of Telegram polling. The loop calls
// apps.connections.open with the app token (xapp-...), connects to the URL it gets with
// Beast's WebSocket (TLS for wss://, plain for a ws:// test server on loopback), reads
// envelopes (adapters/slack/socket_mode.h), hands events, interactions and slash
// commands to the channel and acknowledges each envelope by its envelope_id only once
// the channel says its effects are committed (a slash command's acknowledgement
// carries its answer). `hello` marks the connection ready; `disconnect` makes it
// open a fresh URL at once; pings are answered; a lost connection is reopened with
// backoff.
//
// Threads: the loop runs its own io_context on its own thread; the handler is called on
// that thread and must not block (it submits to the pipeline); `done` may be called on
// any thread, once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "adapters/slack/socket_mode.h"
#include "bot/channels/channel.h"
#include "dialogs/result.h"

namespace triagebot::bot::slack {

// How an envelope's handling ended. Success when its effects were committed, or it was
// a duplicate, or it was ignored on purpose, carrying the acknowledgement's `payload`
// (a slash command's ephemeral answer) or null for none; an error whose code is
// "bad_request" when it can never be processed (the loop acknowledges it anyway, with
// no payload: Slack would only send it again); any other error (overloaded, storage)
// leaves the envelope unacknowledged so that Slack delivers it again.
using EnvelopeDone = std::function<void(Result<nlohmann::json>)>;

// One envelope of kind events_api, interactive or slash_commands.
using EnvelopeHandler =
    std::function<void(const adapters::slack::Envelope& envelope, EnvelopeDone done)>;

struct SocketModeOptions {
  std::string api_base;   // the Web API's base URL (TRIAGEBOT_SLACK_API), no trailing slash
  std::string app_token;  // TRIAGEBOT_SLACK_APP_TOKEN, xapp-...
  std::chrono::milliseconds backoff_base{1000};
  std::chrono::milliseconds backoff_cap{30000};
  // apps.connections.open; the WebSocket handshake; the wait for hello; and how long a
  // connection Slack asked us to leave (`disconnect`) is still read once the new one is up.
  std::chrono::milliseconds call_timeout{10000};
  // A connection silent this long is dropped and reopened; we ping after half of it, and
  // Slack answers pings, so only a dead connection stays silent.
  std::chrono::milliseconds idle_timeout{30000};
};

// Errors: an api_base that is not http(s) or plain http to a host that is not loopback
// (code "bad_config").
Result<std::unique_ptr<BackgroundLoop>> make_socket_mode_loop(SocketModeOptions options,
                                                              EnvelopeHandler handler);

}  // namespace triagebot::bot::slack
