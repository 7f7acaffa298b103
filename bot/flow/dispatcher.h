// Dispatcher: delivers outbox rows (DESIGN.md "The path of one message", step 4).
//
// Rows are claimed from the store in batches (claiming marks them `sending` with a
// lease, so a crash leaves them claimable again), rendered by the platform's outbound
// adapter, paced (about one message a second per chat and a global rate, PLATFORMS.md
// §1.5 / §2.4), sent through the platform's transport, and settled by what the platform
// answered: delivered, retry at the time the platform gave (429), retry with capped
// exponential backoff and jitter (5xx, timeouts, connection failures), or dead with the
// reason (400, 403 blocked, revoked token). A row older than `give_up_after` that still
// fails is marked dead rather than retried forever.
//
// The store sees the dispatcher in cycles: one writer item records every outcome
// gathered since the previous cycle and then claims what is due, in the same
// transaction, and one cycle runs at a time (docs/architecture.md "The dispatcher's
// cycle").
//
// Threads: the dispatcher owns one thread running its own io_context; every state
// change happens there. notify() and stop() may be called from any thread (notify is
// what the writer calls after a commit that may have queued rows).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "adapters/outbound.h"
#include "bot/net/transport.h"
#include "bot/obs/metrics.h"
#include "dialogs/result.h"
#include "storage/store.h"

namespace boost::asio {
class io_context;
}

namespace triagebot::bot {

// How one platform's rows are turned into calls and answers into outcomes.
struct PlatformOutbound {
  Transport transport;
  // An Error means the row can never be sent (e.g. the chat blocked the bot, or the
  // payload is malformed): it is marked dead with the error's message.
  std::function<Result<adapters::OutboundCall>(const storage::OutboxRow&)> render;
  std::function<adapters::DeliveryOutcome(const TransportResponse&)> classify;
  // Rows with the same key share the per-chat pace; empty means no per-chat pacing.
  std::function<std::string(const storage::OutboxRow&)> pace_key;
};

struct DispatcherOptions {
  // Rows claimed by one writer item at most. Claims and the outcomes gathered since the
  // last one share ONE writer item (a "cycle"), and one cycle runs at a time, so under
  // load the dispatcher gets about one item per commit or two: unpaced, a cycle must
  // carry hundreds of rows for delivery to keep up with the replies a busy writer queues.
  int claim_batch = 256;
  // Claimed rows whose outcome is not yet known (waiting for their pace or a connection,
  // or sending). A row stops counting once its platform answered, not once the outcome
  // is committed, so recording outcomes never holds up the next claim. When paced
  // globally, fewer: see paced_claim_ahead.
  int max_in_flight = 512;
  // When paced globally, a cycle claims no more than the pace sends in this long (and
  // never more than in half a lease, so no claimed row waits for its slot until its
  // lease runs out and it is claimed again). A turn's later parts take their slot behind
  // every part already claimed: a short queue keeps a person's second message close
  // behind their first when replies back up (30/s: 60 rows ahead, not 900).
  std::chrono::milliseconds paced_claim_ahead{std::chrono::seconds(2)};
  // Calls handed to the transports at once (HTTP requests in flight). Each needs a
  // connection; the delivery clients keep as many idle (delivery_client_options), so
  // calls reuse them instead of connecting, and resolving the host, once per call.
  int max_sending = static_cast<int>(kDeliveryConnections);
  std::chrono::milliseconds lease{std::chrono::seconds(60)};
  std::chrono::milliseconds backoff_base{std::chrono::seconds(1)};
  std::chrono::milliseconds backoff_cap{std::chrono::minutes(5)};
  std::chrono::milliseconds give_up_after{std::chrono::hours(24)};
  std::chrono::milliseconds per_chat_interval{std::chrono::seconds(1)};
  // Sends per second across all chats (Telegram allows about 30). 0 = unpaced: only for
  // tests and benchmarks against a fake API.
  double global_per_second = 30;
  // Upper bound on an idle wait, so expired leases are noticed without a notify.
  std::chrono::milliseconds idle_poll{std::chrono::seconds(5)};
  // How long stop() waits for the sends already handed to a transport to be answered
  // and recorded. Longer than a transport's own deadline (kDeliveryTimeout, checked
  // below), so a send in flight at SIGTERM settles before the process exits instead of
  // being abandoned and, its row still `sending`, sent again after the restart.
  std::chrono::milliseconds stop_grace{std::chrono::seconds(15)};
};

// The relation stop() relies on, with room for recording the outcome (one commit).
static_assert(kDeliveryTimeout + std::chrono::seconds(2) <= DispatcherOptions{}.stop_grace,
              "the dispatcher must wait longer at stop than a delivery call may take");

class Dispatcher {
 public:
  Dispatcher(storage::Store& store, DispatcherOptions options, Metrics& metrics);
  ~Dispatcher();  // stop()
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // The platforms to deliver for (by outbox platform name). Before start() only:
  // transports are usually created on io_context() first.
  void set_platforms(std::map<std::string, PlatformOutbound> platforms);

  // Starts the thread and delivers what is pending. Rows left `sending` by a process
  // that died are released first (one process owns the database), so nothing waits
  // for a lease to run out after a restart.
  void start();
  // Something may be due: look now. Cheap; any thread.
  void notify();
  // Stops claiming; rows claimed but not yet handed to the transport (waiting for
  // their pace) are not sent. Waits up to `stop_grace` for the sends in flight to be
  // answered and recorded, joins, and waits for its items still queued in the store's
  // writer. Rows not sent stay `sending` and are released at the next start. The store
  // may outlive the dispatcher.
  void stop();

  // The io_context the dispatcher runs; transports may run their sockets on it.
  boost::asio::io_context& io_context();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Backoff for the n-th failed attempt (n >= 1): base * 2^(n-1), capped, times a jitter
// factor in [0.5, 1.0] drawn from `unit_random` in [0, 1). Pure, for tests.
std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, double unit_random);

}  // namespace triagebot::bot
