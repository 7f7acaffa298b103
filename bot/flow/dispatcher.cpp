#include "bot/flow/dispatcher.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <exception>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/obs/log.h"
#include "storage/outbox_parts.h"
#include "storage/thread_name.h"

namespace triagebot::bot {

namespace asio = boost::asio;
using adapters::DeliveryOutcome;
using storage::OutboxRow;
using SystemClock = std::chrono::system_clock;
using SteadyClock = std::chrono::steady_clock;

std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, double unit_random) {
  const int exponent = std::clamp(attempt - 1, 0, 30);
  const double raw = static_cast<double>(base.count()) * std::pow(2.0, exponent);
  const double capped = std::min(raw, static_cast<double>(cap.count()));
  // Full jitter would let a retry fire at once; half-to-full keeps a floor under it
  // while still spreading a burst of failures apart.
  const double jitter = 0.5 + 0.5 * std::clamp(unit_random, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(capped * jitter));
}

class Dispatcher::Impl {
 public:
  Impl(storage::Store& store, DispatcherOptions options, Metrics& metrics)
      : store_(store),
        options_(options),
        metrics_(metrics),
        wake_timer_(ioc_),
        random_(std::random_device{}()),
        global_tokens_(options.global_per_second) {}

  void set_platforms(std::map<std::string, PlatformOutbound> platforms) {
    platforms_ = std::move(platforms);
  }

  void start() {
    auto released = store_.writer().run([](storage::WriteTransaction& tx) -> Result<void> {
      auto count = tx.release_claims(std::chrono::system_clock::now());
      if (!count) return count.error();
      return {};
    });
    if (!released) log(LogLevel::error, "outbox.release_failed", {{"code", released.error().code}});
    for (const auto& [platform, outbound] : platforms_) register_metrics(platform);
    thread_ = std::thread([this] {
      storage::name_this_thread("tb-dispatch");
      auto guard = asio::make_work_guard(ioc_);
      asio::post(ioc_, [this] { cycle(); });
      // Last resort (STYLE.md §4): an exception escaping a handler unwinds run(); it is
      // logged and the loop runs on, so a bug costs one row, never the process. The
      // rows' own failures are caught nearer (guarded), where the row can be marked dead.
      for (;;) {
        try {
          ioc_.run();
          return;
        } catch (const std::exception&) {
          log(LogLevel::error, "dispatcher.handler_threw", {{"stage", "run"}});
        }
      }
    });
  }

  void notify() {
    asio::post(ioc_, [this] {
      if (stopping_) return;
      want_claim_ = true;
      cycle();
    });
  }

  void stop() {
    if (!thread_.joinable()) return;
    asio::post(ioc_, [this] {
      stopping_ = true;
      wake_timer_.cancel();
      // Rows waiting for their pace or a connection give up their turn now (schedule_send).
      for (const auto& timer : pace_timers_) timer->cancel();
      while (!ready_.empty()) {
        leave_unsent(ready_.front());
        ready_.pop_front();
      }
      cycle();  // outcomes already gathered are recorded; nothing more is claimed
      stop_seen_ = true;
    });
    const auto deadline = SteadyClock::now() + options_.stop_grace;
    // Let the sends in flight settle (their completions post back here, and their
    // outcomes go to the writer in the cycles that follow), then stop. Whatever a
    // transport was handed is answered or timed out within kDeliveryTimeout, so nothing
    // is abandoned unless the store cannot record it in time.
    while ((!stop_seen_.load() || unsettled_.load() > 0) && SteadyClock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (unsettled_.load() > 0) {
      log(LogLevel::warn, "dispatcher.stop_abandoned", {{"in_flight", unsettled_.load()}});
    }
    ioc_.stop();
    thread_.join();
    // A cycle still queued in the writer completes by posting to ioc_. Waiting for one
    // more (empty) item lets it fire first, so the dispatcher may be destroyed while the
    // store lives on.
    (void)store_.writer().run([](storage::WriteTransaction&) -> Result<void> { return {}; });
  }

  asio::io_context& io_context() { return ioc_; }

 private:
  // An outcome waiting to be recorded: the row and the UPDATE that records it. A row's
  // progress (parts delivered, more to send) has `then`: what to do once it is durable.
  struct Settle {
    std::int64_t row = 0;
    storage::WorkFunction work;
    std::function<void()> then;       // empty for a final outcome
    bool recorded = false;            // set by the writer when the UPDATE succeeded
    std::optional<ErrorCode> failed;  // set by the writer when it did not
    // A delivered row (no `work`): the cycle marks every one in a single UPDATE.
    std::optional<SystemClock::time_point> delivered_at;
  };

  // What one cycle hands the writer, and what it brings back.
  struct Cycle {
    std::vector<Settle> settles;
    int limit = 0;  // rows to claim at most
    std::vector<OutboxRow> rows;
    bool claim_failed = false;
    ErrorCode claim_error{};
  };

  void register_metrics(const std::string& platform) {
    for (const char* outcome : {"delivered", "retried", "rate_limited", "dead"}) {
      metrics_.counter("triagebot_outbox_sends_total", "Outbox send attempts by outcome.",
                       {{"platform", platform}, {"outcome", outcome}});
    }
    metrics_.callback_gauge("triagebot_outbox_lag_seconds", "Age of the oldest undelivered reply.",
                            {}, [this] {
                              auto age = store_.readers().oldest_pending_age(SystemClock::now());
                              return age ? std::chrono::duration<double>(*age).count() : 0.0;
                            });
  }

  void count(const std::string& platform, const char* outcome) {
    metrics_
        .counter("triagebot_outbox_sends_total", "Outbox send attempts by outcome.",
                 {{"platform", platform}, {"outcome", outcome}})
        .inc();
  }

  // The most rows one cycle may claim now: the room left under max_in_flight, and,
  // when sends are paced globally, under what that pace sends in paced_claim_ahead or
  // half a lease, whichever is shorter.
  int claim_limit() const {
    int most = options_.max_in_flight;
    if (options_.global_per_second > 0) {
      const double ahead =
          std::min(std::chrono::duration<double>(options_.paced_claim_ahead).count(),
                   std::chrono::duration<double>(options_.lease).count() / 2);
      most = std::min(most, std::max(1, static_cast<int>(options_.global_per_second * ahead)));
    }
    return std::clamp(most - claimed_, 0, options_.claim_batch);
  }

  // One cycle: a single writer item that records every outcome gathered since the last
  // cycle and then claims what is due (a claim is a write: it sets the lease), so
  // delivering N rows costs the writer a few items, not 2N (issue 13, "delivery keeps
  // up"). Recording first lets the same item claim the next row of a chat whose row it
  // just settled. One cycle runs at a time; outcomes that arrive meanwhile wait for the
  // next, which starts as soon as this one is committed.
  void cycle() {
    if (cycle_running_) return;
    const int limit = stopping_ || !want_claim_ ? 0 : claim_limit();
    if (settles_.empty() && limit == 0) return;
    want_claim_ = false;
    cycle_running_ = true;
    auto batch = std::make_shared<Cycle>();
    batch->settles = std::move(settles_);
    settles_.clear();
    batch->limit = limit;
    storage::WorkItem item;
    item.work = [batch, lease = options_.lease](storage::WriteTransaction& tx) -> Result<void> {
      // Each mark is one UPDATE, atomic on its own: one that fails (logged, its lease
      // runs out and it is sent again) must not undo the others, nor the claim. An error
      // that ends the whole transaction (disk full) fails the item in the writer anyway.
      // The writer may run this twice (writer.h): each run starts afresh, and the
      // failures are logged once, by the completion.
      batch->rows.clear();
      batch->claim_failed = false;
      std::vector<std::pair<std::int64_t, SystemClock::time_point>> delivered;
      for (auto& settle : batch->settles) {
        settle.recorded = false;
        settle.failed.reset();
        if (settle.delivered_at) {
          delivered.emplace_back(settle.row, *settle.delivered_at);
        } else if (auto done = settle.work(tx); !done) {
          settle.failed = done.error().code;
        } else {
          settle.recorded = true;
        }
      }
      // The deliveries, the common outcome, in one statement rather than one per row.
      if (!delivered.empty()) {
        auto marked = tx.mark_delivered(delivered);
        for (auto& settle : batch->settles) {
          if (!settle.delivered_at) continue;
          if (marked) {
            settle.recorded = true;
          } else {
            settle.failed = marked.error().code;
          }
        }
      }
      if (batch->limit == 0) return {};
      auto claimed = tx.claim_due(SystemClock::now(), batch->limit, lease);
      if (!claimed) {
        batch->claim_failed = true;
        batch->claim_error = claimed.error().code;
        return {};
      }
      batch->rows = std::move(*claimed);
      return {};
    };
    item.completion = [this, batch](Result<void> done) {
      if (!done) {
        log(LogLevel::error, "outbox.cycle_failed",
            {{"rows", static_cast<std::int64_t>(batch->settles.size())},
             {"code", done.error().code}});
      } else {
        for (const auto& settle : batch->settles) {
          if (settle.failed) {
            log(LogLevel::error, "outbox.settle_failed",
                {{"row", settle.row}, {"code", *settle.failed}});
          }
        }
        if (batch->claim_failed) {
          log(LogLevel::error, "outbox.claim_failed", {{"code", batch->claim_error}});
        }
      }
      asio::post(ioc_, [this, batch, ok = done.has_value()] { on_cycle(ok, *batch); });
    };
    if (auto queued = store_.writer().submit(std::move(item)); !queued) {
      // The leases run out and the rows are sent again: better twice than never.
      log(LogLevel::error, "outbox.settle_refused",
          {{"rows", static_cast<std::int64_t>(batch->settles.size())},
           {"code", queued.error().code}});
      for (auto& settle : batch->settles) {
        if (settle.then) --claimed_;  // its row waits for its lease like the others
      }
      unsettled_ -= static_cast<int>(batch->settles.size());
      cycle_running_ = false;
      want_claim_ = want_claim_ || limit > 0;
      schedule_wake(std::chrono::milliseconds(200));
    }
  }

  void on_cycle(bool ok, Cycle& batch) {
    cycle_running_ = false;
    for (auto& settle : batch.settles) {
      if (settle.then && ok && settle.recorded) {
        settle.then();  // the next part goes, now that the store knows this one went
        continue;
      }
      // Recorded, or (a failed commit) given up on: their leases run out and they go
      // again, from the last part recorded as delivered.
      if (settle.then) --claimed_;
      --unsettled_;
    }
    if (!ok || batch.claim_failed) {
      want_claim_ = want_claim_ || batch.limit > 0;
      schedule_wake(std::chrono::milliseconds(500));
      return;  // a failed item's claims were rolled back: its rows must not go
    }
    for (auto& row : batch.rows) {
      ++claimed_;
      ++unsettled_;
      schedule_send(std::move(row));
    }
    // A full claim may have left due rows behind.
    if (batch.limit > 0 && static_cast<int>(batch.rows.size()) == batch.limit) want_claim_ = true;
    cycle();
    if (!cycle_running_) schedule_idle_wake();
  }

  // Waits until the store says the next row is due (or the idle bound).
  void schedule_idle_wake() {
    auto next = store_.readers().next_outbox_due();
    auto wait = options_.idle_poll;
    if (next && *next) {
      auto until =
          std::chrono::duration_cast<std::chrono::milliseconds>(**next - SystemClock::now());
      wait = std::clamp(until, std::chrono::milliseconds(1), options_.idle_poll);
    }
    schedule_wake(wait);
  }

  void schedule_wake(std::chrono::milliseconds wait) {
    if (stopping_) return;
    wake_timer_.expires_after(wait);
    wake_timer_.async_wait([this](boost::system::error_code ec) {
      if (ec) return;
      want_claim_ = true;
      cycle();
    });
  }

  // Per-chat pacing: the earliest moment the chat may get its next message.
  SteadyClock::time_point reserve_chat_slot(const std::string& pace_key) {
    const auto now = SteadyClock::now();
    if (pace_key.empty()) return now;
    if (next_per_chat_.size() > 100000) next_per_chat_.clear();  // bound memory
    auto& next = next_per_chat_[pace_key];
    const auto at = std::max(now, next);
    next = at + options_.per_chat_interval;
    return at;
  }

  // Global pacing: evenly spaced slots at the configured rate, with a burst allowance.
  // Taken only once the row's chat slot has come, so one chat's queue never reserves
  // global slots in the future and holds up every other chat behind it.
  SteadyClock::time_point reserve_global_slot() {
    const auto now = SteadyClock::now();
    if (options_.global_per_second <= 0) return now;  // unpaced (tests and benchmarks)
    const auto spacing = std::chrono::duration_cast<SteadyClock::duration>(
        std::chrono::duration<double>(1.0 / std::max(options_.global_per_second, 0.001)));
    global_next_ = std::max(global_next_, now - spacing * static_cast<int>(global_tokens_));
    const auto at = std::max(now, global_next_);
    global_next_ = at + spacing;
    return at;
  }

  // Runs `then` on the dispatcher thread at `at` (at once when it has passed), or
  // sooner when stop() cancels the wait.
  void at_time(SteadyClock::time_point at, std::function<void()> then) {
    if (at <= SteadyClock::now() || stopping_) return then();
    auto timer = std::make_shared<asio::steady_timer>(ioc_, at);
    pace_timers_.insert(timer);
    timer->async_wait([this, timer, then = std::move(then)](boost::system::error_code) mutable {
      pace_timers_.erase(timer);
      then();
    });
  }

  // A claimed row that stop() caught before it went out: it stays `sending`, and the
  // next start releases it (nothing was sent, so nothing is sent twice).
  void leave_unsent(const OutboxRow& row) {
    log(LogLevel::debug, "outbox.left_for_restart", {{"row", row.id}});
    --claimed_;
    --unsettled_;
  }

  // Runs a platform's function on a row. One that throws (a row this version cannot
  // read, or a bug) must not unwind the dispatcher thread: the row is logged by id and
  // marked dead, and delivery goes on.
  template <class Function>
  bool guarded(const OutboxRow& row, const char* stage, Function&& function) {
    try {
      function();
      return true;
    } catch (const std::exception&) {
      log(LogLevel::error, "outbox.row_threw", {{"row", row.id}, {"stage", stage}});
      settle_dead(row, std::string("the row could not be processed (") + stage + ")");
      return false;
    }
  }

  // The row as its platform sees it: the part to send next as its payload
  // (storage/outbox_parts.h), the first and only one for most rows.
  static OutboxRow current_part(const OutboxRow& row) {
    OutboxRow part = row;
    part.payload = storage::outbox_part(row.payload, static_cast<std::size_t>(row.parts_sent));
    return part;
  }

  static bool all_parts_sent(const OutboxRow& row) {
    return row.parts_sent >= static_cast<int>(storage::outbox_part_count(row.payload));
  }

  void schedule_send(OutboxRow row) {
    auto platform = platforms_.find(row.platform);
    if (platform == platforms_.end()) {
      settle_dead(row, "no outbound adapter for platform " + row.platform);
      return;
    }
    if (all_parts_sent(row)) {  // recorded as such, but not yet as delivered
      return write_delivered(row, SystemClock::now());
    }
    std::string key;
    if (platform->second.pace_key &&
        !guarded(row, "pace_key", [&] { key = platform->second.pace_key(current_part(row)); })) {
      return;
    }
    at_time(reserve_chat_slot(key), [this, row = std::move(row)]() mutable {
      if (stopping_) return leave_unsent(row);
      at_time(reserve_global_slot(),
              [this, row = std::move(row)]() mutable { send(std::move(row)); });
    });
  }

  // Hands the row to its transport, or queues it until a call in flight is answered.
  void send(OutboxRow row) {
    if (stopping_) return leave_unsent(row);
    if (sending_ >= options_.max_sending) {
      ready_.push_back(std::move(row));
      return;
    }
    const auto& outbound = platforms_.at(row.platform);
    std::optional<Result<adapters::OutboundCall>> rendered;
    if (!guarded(row, "render", [&] { rendered.emplace(outbound.render(current_part(row))); })) {
      return;
    }
    auto& call = *rendered;
    if (!call) {
      settle_dead(row, call.error().message);
      return;
    }
    const std::string log_name = call->log_name;
    ++sending_;
    outbound.transport(std::move(*call), [this, row, log_name](Result<TransportResponse> answer) {
      asio::post(ioc_, [this, row, log_name, answer = std::move(answer)] {
        --sending_;
        send_ready();
        DeliveryOutcome outcome;
        if (!answer) {
          outcome.kind = DeliveryOutcome::Kind::back_off;
          outcome.reason = std::string(to_string(answer.error().code));
        } else if (!guarded(row, "classify",
                            [&] { outcome = platforms_.at(row.platform).classify(*answer); })) {
          return;
        }
        settle(row, log_name, outcome);
      });
    });
  }

  // A connection is free: the oldest row waiting for one goes.
  void send_ready() {
    if (ready_.empty() || sending_ >= options_.max_sending) return;
    OutboxRow row = std::move(ready_.front());
    ready_.pop_front();
    send(std::move(row));
  }

  void settle(const OutboxRow& row, const std::string& log_name, const DeliveryOutcome& outcome) {
    const auto now = SystemClock::now();
    using Kind = DeliveryOutcome::Kind;
    if (outcome.kind == Kind::delivered) {
      count(row.platform, "delivered");
      OutboxRow next = row;
      ++next.parts_sent;
      if (!all_parts_sent(next)) return write_progress(std::move(next));
      return write_delivered(row, now);
    }
    if (outcome.kind == Kind::dead) {
      log(LogLevel::warn, "outbox.dead",
          {{"row", row.id}, {"call", log_name}, {"reason", outcome.reason}});
      return settle_dead(row, outcome.reason);
    }
    const bool too_old = now - row.created_at > options_.give_up_after;
    if (too_old) return settle_dead(row, "gave up after retrying: " + outcome.reason);
    std::chrono::milliseconds wait;
    if (outcome.kind == Kind::retry_after) {
      count(row.platform, "rate_limited");
      // Never earlier than the platform said (PLATFORMS.md §1.5): repeated early
      // retries can get a bot restricted.
      wait = std::chrono::duration_cast<std::chrono::milliseconds>(outcome.retry_after);
    } else {
      count(row.platform, "retried");
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      wait =
          backoff_delay(row.attempts, options_.backoff_base, options_.backoff_cap, unit(random_));
    }
    log(LogLevel::info, "outbox.retry",
        {{"row", row.id},
         {"call", log_name},
         {"reason", outcome.reason},
         {"wait_ms", wait.count()}});
    write(row,
          [id = row.id, at = now + wait, reason = outcome.reason](storage::WriteTransaction& tx) {
            return discard(tx.mark_retry(id, at, reason));
          });
  }

  void settle_dead(const OutboxRow& row, std::string reason) {
    count(row.platform, "dead");
    write(row, [id = row.id, reason = std::move(reason)](storage::WriteTransaction& tx) {
      return discard(tx.mark_dead(id, SystemClock::now(), reason));
    });
  }

  static Result<void> discard(Result<bool> result) {
    if (!result) return result.error();
    return {};
  }

  // Queues the outcome for the next cycle. The row stops taking room under
  // max_in_flight now; stop() waits until the outcome is committed (unsettled_).
  void write(const OutboxRow& row, storage::WorkFunction work,
             std::optional<SystemClock::time_point> delivered_at = std::nullopt) {
    settles_.push_back({row.id, std::move(work), {}, false, std::nullopt, delivered_at});
    --claimed_;
    // The settled row may have held back its chat's next one, which the same cycle can
    // then claim.
    want_claim_ = true;
    post_cycle();
  }

  // The same for a delivered row, which the cycle records with the others at once.
  void write_delivered(const OutboxRow& row, SystemClock::time_point at) { write(row, {}, at); }

  // A part of a row holding several was delivered: the next cycle records how many, and
  // once that is committed the next part is paced and sent, so a restart or a retry
  // resumes after the last part delivered and never sends one twice. The row keeps its
  // room under max_in_flight meanwhile.
  void write_progress(OutboxRow next) {
    const auto id = next.id;
    const int parts_sent = next.parts_sent;
    settles_.push_back(
        {id,
         [id, parts_sent](storage::WriteTransaction& tx) {
           return discard(tx.mark_parts_sent(id, parts_sent));
         },
         [this, next = std::move(next)]() mutable { schedule_send(std::move(next)); }, false,
         std::nullopt, std::nullopt});
    post_cycle();
  }

  void post_cycle() {
    // Answers that arrive in the same turn of the loop share the cycle.
    if (cycle_posted_) return;
    cycle_posted_ = true;
    asio::post(ioc_, [this] {
      cycle_posted_ = false;
      cycle();
    });
  }

  storage::Store& store_;
  // Before platforms_: members die in reverse order, and the transports' sockets must
  // be closed while the io_context they are registered with still exists.
  asio::io_context ioc_{1};
  std::map<std::string, PlatformOutbound> platforms_;
  DispatcherOptions options_;
  Metrics& metrics_;
  asio::steady_timer wake_timer_;
  std::mt19937_64 random_;
  std::thread thread_;
  // Claimed rows whose outcome is not committed yet (nor left for the restart): what
  // stop() waits for. Any thread reads it.
  std::atomic<int> unsettled_{0};
  std::atomic<bool> stop_seen_{false};  // the dispatcher thread has taken in stop()
  // The rest: dispatcher thread only.
  int claimed_ = 0;              // claimed rows whose platform has not answered yet
  int sending_ = 0;              // calls handed to a transport and not yet answered
  std::deque<OutboxRow> ready_;  // rows whose pace has come, waiting for a free call
  std::vector<Settle> settles_;  // outcomes waiting for the next cycle
  bool want_claim_ = true;       // something may be due: the next cycle claims
  bool cycle_running_ = false;   // a cycle's writer item is queued or running
  bool cycle_posted_ = false;    // a cycle() is posted for the outcomes just gathered
  bool stopping_ = false;
  // Pacing waits, so stop() can cut them short (dispatcher thread only).
  std::set<std::shared_ptr<asio::steady_timer>> pace_timers_;
  std::unordered_map<std::string, SteadyClock::time_point> next_per_chat_;
  SteadyClock::time_point global_next_{};
  double global_tokens_;
};

Dispatcher::Dispatcher(storage::Store& store, DispatcherOptions options, Metrics& metrics)
    : impl_(std::make_unique<Impl>(store, options, metrics)) {}

void Dispatcher::set_platforms(std::map<std::string, PlatformOutbound> platforms) {
  impl_->set_platforms(std::move(platforms));
}

Dispatcher::~Dispatcher() { stop(); }

void Dispatcher::start() { impl_->start(); }
void Dispatcher::notify() { impl_->notify(); }
void Dispatcher::stop() { impl_->stop(); }
boost::asio::io_context& Dispatcher::io_context() { return impl_->io_context(); }

}  // namespace triagebot::bot
