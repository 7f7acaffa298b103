// Channel: the shell side of one platform, behind one interface, modelled on Rasa's
// input/output channel pair (rasa/core/channels/channel.py). A channel contributes
//
//   - its routes (webhooks, an HTTP API): add_routes;
//   - its outbound side, when replies are delivered later through the outbox: outbound,
//     which renders and classifies with the adapter's pure functions (adapters/<name>/);
//   - a background loop beside the server (Telegram long polling, Slack Socket Mode);
//   - one-off start-up work (Telegram learns its @username with getMe): prepare;
//   - its commands (`triagebot telegram ...`): ChannelKind::command in registry.h;
//   - any extra rows at commit time, through the Submission it builds for the pipeline
//     (Submission::rows_before_replies, Submission::extra), so the generic pipeline and
//     dispatcher never name a platform or read a platform's field.
//
// A channel is on when its credentials are set (ChannelKind::from_credentials, Rasa's
// `from_credentials`); the app builds the list of enabled channels once at start
// (registry.h) and hands each the services below. Adding a platform is an adapter
// folder, a channel folder and one line in registry.cpp (docs/architecture.md).
//
// Threads: created, prepared, wired and destroyed on main's thread. Route handlers run
// on io threads, the outbound side on the dispatcher's thread, a loop on its own.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bot/flow/blocking_pool.h"
#include "bot/flow/dispatcher.h"
#include "bot/flow/pipeline.h"
#include "bot/http/router.h"
#include "dialogs/result.h"
#include "storage/store.h"

namespace boost::asio {
class io_context;
}

namespace triagebot::bot {

// What the running server lends a channel. Every part outlives the channel's routes,
// outbound side and loop (the app stops those first).
struct ChannelServices {
  Pipeline& pipeline;
  storage::Store& store;
  // The dispatcher's io_context: an outbound side's asynchronous client runs its
  // sockets here, on the thread that delivers.
  boost::asio::io_context& delivery;
  // Runs a job that blocks (a store read a request waits on) off the io threads.
  RunBlocking run_blocking;
};

// A loop a channel runs beside the server. stop() must return promptly (cancel what is
// in flight) and leave nothing acknowledged uncommitted.
class BackgroundLoop {
 public:
  virtual ~BackgroundLoop() = default;
  virtual void start() = 0;
  virtual void stop() = 0;
};

class Channel {
 public:
  virtual ~Channel() = default;

  // The platform's name as the outbox, dedup and metrics store it ("telegram").
  virtual std::string_view name() const = 0;

  // How the channel runs, for the start-up log line ("webhook", "polling", "on").
  virtual std::string mode() const = 0;

  // Before anything is served; may block briefly (a network call with a timeout).
  // Failure to learn something optional is logged, not returned: an Error stops start.
  virtual Result<void> prepare() { return {}; }

  virtual void add_routes(http::Router& router, ChannelServices& services) = 0;

  // How the dispatcher delivers this platform's outbox rows; std::nullopt when replies
  // go back in the HTTP answer instead (the widget). Errors: an unusable API base URL.
  virtual Result<std::optional<PlatformOutbound>> outbound(ChannelServices& services) {
    (void)services;
    return std::optional<PlatformOutbound>();
  }

  // The loop to run beside the server, or null. Started after the server is listening
  // and the outbox is delivering; stopped first at shutdown.
  virtual std::unique_ptr<BackgroundLoop> background(ChannelServices& services) {
    (void)services;
    return nullptr;
  }
};

}  // namespace triagebot::bot
