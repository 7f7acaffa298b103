#include "bot/flow/dispatcher.h"

#include <algorithm>
#include <atomic>
#include <cmath>
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
      auto guard = asio::make_work_guard(ioc_);
      asio::post(ioc_, [this] { claim(); });
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
      if (!stopping_) claim();
    });
  }

  void stop() {
    if (!thread_.joinable()) return;
    asio::post(ioc_, [this] {
      stopping_ = true;
      wake_timer_.cancel();
      // Rows waiting for their pace give up their turn now (schedule_send).
      for (const auto& timer : pace_timers_) timer->cancel();
      stop_seen_ = true;
    });
    const auto deadline = SteadyClock::now() + options_.stop_grace;
    // Let the sends in flight settle (their completions post back here), then stop.
    // Whatever a transport was handed is answered or timed out within kDeliveryTimeout,
    // so nothing is abandoned unless the store cannot record it in time.
    while ((!stop_seen_.load() || in_flight_.load() > 0) && SteadyClock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (in_flight_.load() > 0) {
      log(LogLevel::warn, "dispatcher.stop_abandoned", {{"in_flight", in_flight_.load()}});
    }
    ioc_.stop();
    thread_.join();
    // Claims and settlements still queued in the writer complete by posting to ioc_.
    // Waiting for one more (empty) item lets them all fire first, so the dispatcher may
    // be destroyed while the store lives on.
    (void)store_.writer().run([](storage::WriteTransaction&) -> Result<void> { return {}; });
  }

  asio::io_context& io_context() { return ioc_; }

 private:
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

  // Claims due rows through the writer (a claim is a write: it sets the lease).
  void claim() {
    if (claiming_ || stopping_) return;
    const int room = options_.max_in_flight - static_cast<int>(in_flight_.load());
    if (room <= 0) return;
    claiming_ = true;
    auto rows = std::make_shared<std::vector<OutboxRow>>();
    const int limit = std::min(room, options_.claim_batch);
    storage::WorkItem item;
    item.work = [rows, limit,
                 lease = options_.lease](storage::WriteTransaction& tx) -> Result<void> {
      auto claimed = tx.claim_due(SystemClock::now(), limit, lease);
      if (!claimed) return claimed.error();
      *rows = std::move(*claimed);
      return {};
    };
    item.completion = [this, rows](Result<void> done) {
      asio::post(ioc_, [this, rows, ok = done.has_value()] { on_claimed(ok, std::move(*rows)); });
    };
    if (auto queued = store_.writer().submit(std::move(item)); !queued) {
      claiming_ = false;
      schedule_wake(std::chrono::milliseconds(200));
    }
  }

  void on_claimed(bool ok, std::vector<OutboxRow> rows) {
    claiming_ = false;
    if (!ok) {
      schedule_wake(std::chrono::milliseconds(500));
      return;
    }
    for (auto& row : rows) {
      in_flight_++;
      schedule_send(std::move(row));
    }
    if (static_cast<int>(rows.size()) == options_.claim_batch) {
      claim();  // more may be waiting
    } else {
      schedule_idle_wake();
    }
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
      if (!ec) claim();
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
    in_flight_--;
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

  void schedule_send(OutboxRow row) {
    auto platform = platforms_.find(row.platform);
    if (platform == platforms_.end()) {
      settle_dead(row, "no outbound adapter for platform " + row.platform);
      return;
    }
    std::string key;
    if (platform->second.pace_key &&
        !guarded(row, "pace_key", [&] { key = platform->second.pace_key(row); })) {
      return;
    }
    at_time(reserve_chat_slot(key), [this, row = std::move(row)]() mutable {
      if (stopping_) return leave_unsent(row);
      at_time(reserve_global_slot(),
              [this, row = std::move(row)]() mutable { send(std::move(row)); });
    });
  }

  void send(OutboxRow row) {
    if (stopping_) return leave_unsent(row);
    const auto& outbound = platforms_.at(row.platform);
    std::optional<Result<adapters::OutboundCall>> rendered;
    if (!guarded(row, "render", [&] { rendered.emplace(outbound.render(row)); })) return;
    auto& call = *rendered;
    if (!call) {
      settle_dead(row, call.error().message);
      return;
    }
    const std::string log_name = call->log_name;
    outbound.transport(std::move(*call), [this, row, log_name](Result<TransportResponse> answer) {
      asio::post(ioc_, [this, row, log_name, answer = std::move(answer)] {
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

  void settle(const OutboxRow& row, const std::string& log_name, const DeliveryOutcome& outcome) {
    const auto now = SystemClock::now();
    using Kind = DeliveryOutcome::Kind;
    if (outcome.kind == Kind::delivered) {
      count(row.platform, "delivered");
      return write(row, [id = row.id, now](storage::WriteTransaction& tx) {
        return discard(tx.mark_delivered(id, now));
      });
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

  // Records the outcome; the row stops counting as in flight once that is durable.
  // Outcomes are gathered and written as ONE writer item per turn of the dispatcher's
  // loop: every answer that arrived meanwhile shares it, so delivering N replies costs
  // the writer a few items rather than N (issue 13, "delivery keeps up").
  void write(const OutboxRow& row, storage::WorkFunction work) {
    settles_.push_back({row.id, std::move(work)});
    if (settle_posted_) return;
    settle_posted_ = true;
    asio::post(ioc_, [this] { flush_settles(); });
  }

  struct Settle {
    std::int64_t row = 0;
    storage::WorkFunction work;
  };

  void flush_settles() {
    settle_posted_ = false;
    if (settles_.empty()) return;
    auto batch = std::make_shared<std::vector<Settle>>(std::move(settles_));
    settles_.clear();
    const int rows = static_cast<int>(batch->size());
    storage::WorkItem item;
    item.work = [batch](storage::WriteTransaction& tx) -> Result<void> {
      // Each mark is one UPDATE, atomic on its own: one that fails (logged, its lease
      // runs out and it is sent again) must not undo the others. An error that ends the
      // whole transaction (disk full) fails the item in the writer anyway.
      for (auto& settle : *batch) {
        if (auto done = settle.work(tx); !done) {
          log(LogLevel::error, "outbox.settle_failed",
              {{"row", settle.row}, {"code", done.error().code}});
        }
      }
      return {};
    };
    item.completion = [this, rows](Result<void> done) {
      if (!done) {
        log(LogLevel::error, "outbox.settle_failed", {{"rows", rows}, {"code", done.error().code}});
      }
      asio::post(ioc_, [this, rows] {
        in_flight_ -= rows;
        claim();
      });
    };
    if (auto queued = store_.writer().submit(std::move(item)); !queued) {
      // The leases run out and the rows are sent again: better twice than never.
      log(LogLevel::error, "outbox.settle_refused",
          {{"rows", rows}, {"code", queued.error().code}});
      in_flight_ -= rows;
    }
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
  // Claimed rows not yet settled: waiting for their pace, sending, or being recorded.
  std::atomic<int> in_flight_{0};
  std::atomic<bool> stop_seen_{false};  // the dispatcher thread has taken in stop()
  bool claiming_ = false;               // dispatcher thread only
  std::vector<Settle> settles_;         // outcomes waiting for flush_settles (dispatcher thread)
  bool settle_posted_ = false;          // a flush_settles is queued (dispatcher thread)
  bool stopping_ = false;               // dispatcher thread only
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
