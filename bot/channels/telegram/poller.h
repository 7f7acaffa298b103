// Long polling (`triagebot telegram poll`): for running without a public address.
//
// One thread asks getUpdates for what is new (holding the request open up to
// `long_poll` seconds), and submits each update to the pipeline exactly as the webhook
// would, one at a time, in order. The offset (last update_id + 1) is stored in the same
// transaction as the update's turn, and getUpdates is only asked past it once that
// commit is done (PLATFORMS.md §1.2): a crash neither loses an update (it is asked for
// again) nor repeats one (the stored offset skips it, and dedup by update_id would drop
// it anyway).
//
// Before the first getUpdates it registers the bot's commands (setMyCommands), once per
// start, so they appear in Telegram's menu; a failure is logged and polling goes on.
//
// A 409 (a webhook is set, or another poller runs on the token) is reported clearly
// and retried slowly; connection failures back off. stop() cancels the getUpdates in
// flight rather than wait for it to run out. Threads: start()/stop() from the owner's
// thread; the loop runs on its own thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "bot/channels/channel.h"
#include "bot/channels/telegram/routes.h"
#include "bot/flow/pipeline.h"
#include "bot/net/transport.h"

namespace triagebot::bot {

// Blocking calls to the Bot API on the poller's own connection, and a way to cut the one
// in flight short: stop() must not wait out a long poll (up to long_poll seconds).
struct PollTransport {
  std::function<Result<TransportResponse>(const adapters::OutboundCall&)> call;
  // Any thread: ends the call in flight and fails every later one. Empty: calls cannot
  // be cut short, and stop() waits for the one in flight.
  std::function<void()> cancel;
};

struct PollerOptions {
  std::chrono::seconds long_poll{25};
  std::chrono::milliseconds retry_delay{std::chrono::seconds(1)};
  std::chrono::milliseconds conflict_delay{std::chrono::seconds(10)};
};

// Key of the stored offset in the key-value table.
inline constexpr std::string_view kTelegramOffsetKey = "telegram.poll_offset";

class TelegramPoller : public BackgroundLoop {
 public:
  TelegramPoller(Pipeline& pipeline, storage::Readers& readers,
                 std::shared_ptr<const TelegramIdentity> identity, PollTransport transport,
                 PollerOptions options);
  ~TelegramPoller() override;  // stop()

  void start() override;
  // Ends the loop: cancels the request in flight (see PollTransport), waits for an
  // update being committed, joins.
  void stop() override;

 private:
  void loop();
  // setMyCommands, one attempt; logs the outcome.
  void register_commands();
  // Waits `delay` unless stop() is called meanwhile.
  void pause(std::chrono::milliseconds delay);
  Result<void> submit_and_wait(const adapters::telegram::ParsedUpdate& update);

  Pipeline& pipeline_;
  storage::Readers& readers_;
  std::shared_ptr<const TelegramIdentity> identity_;
  PollTransport transport_;
  PollerOptions options_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace triagebot::bot
