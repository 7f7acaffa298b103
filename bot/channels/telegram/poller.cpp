#include "bot/channels/telegram/poller.h"

#include <future>

#include "adapters/telegram/api_calls.h"
#include "bot/obs/log.h"
#include "storage/thread_name.h"

namespace triagebot::bot {

namespace telegram = adapters::telegram;

TelegramPoller::TelegramPoller(Pipeline& pipeline, storage::Readers& readers,
                               std::shared_ptr<const TelegramIdentity> identity,
                               PollTransport transport, PollerOptions options)
    : pipeline_(pipeline),
      readers_(readers),
      identity_(std::move(identity)),
      transport_(std::move(transport)),
      options_(options) {}

TelegramPoller::~TelegramPoller() { stop(); }

void TelegramPoller::start() {
  thread_ = std::thread([this] {
    storage::name_this_thread("tb-tg-poll");
    loop();
  });
}

void TelegramPoller::stop() {
  {
    // Under the mutex, so a pause() between its check and its wait cannot miss it.
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (transport_.cancel) transport_.cancel();
  if (thread_.joinable()) thread_.join();
}

void TelegramPoller::pause(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, delay, [this] { return stopping_.load(); });
}

Result<void> TelegramPoller::submit_and_wait(const telegram::ParsedUpdate& update) {
  auto promise = std::make_shared<std::promise<Result<void>>>();
  auto committed = promise->get_future();
  auto queued =
      pipeline_.submit(telegram_submission(update, std::string(kTelegramOffsetKey)),
                       [promise](Result<std::vector<EventOutcome>> done) {
                         promise->set_value(done ? Result<void>{} : Result<void>{done.error()});
                       });
  if (!queued) return queued.error();
  return committed.get();
}

void TelegramPoller::register_commands() {
  auto answer = transport_.call(telegram::render_set_my_commands(identity_->token));
  if (stopping_) return;
  if (!answer) {
    log(LogLevel::warn, "telegram.commands_not_registered", {{"code", answer.error().code}});
    return;
  }
  if (answer->status < 200 || answer->status >= 300) {
    log(LogLevel::warn, "telegram.commands_not_registered",
        {{"status", answer->status}, {"description", telegram::error_description(answer->body)}});
    return;
  }
  log(LogLevel::info, "telegram.commands_registered", {});
}

void TelegramPoller::loop() {
  log(LogLevel::info, "telegram.poll_started", {});
  register_commands();
  while (!stopping_) {
    auto stored = readers_.get_value(kTelegramOffsetKey);
    if (!stored) {
      log(LogLevel::error, "telegram.poll_offset_unreadable", {{"code", stored.error().code}});
      pause(options_.retry_delay);
      continue;
    }
    std::int64_t offset = 0;
    if (*stored) {
      try {
        offset = std::stoll(**stored);
      } catch (const std::exception&) {
        offset = 0;  // unreadable: start from what Telegram still holds; dedup absorbs repeats
      }
    }

    auto call = telegram::render_get_updates(identity_->token, offset, options_.long_poll);
    auto answer = transport_.call(call);
    if (stopping_) break;
    if (!answer) {
      log(LogLevel::warn, "telegram.poll_failed", {{"code", answer.error().code}});
      pause(options_.retry_delay);
      continue;
    }
    if (telegram::is_conflict(answer->status, answer->body)) {
      log(LogLevel::error, "telegram.poll_conflict",
          {{"message",
            "getUpdates answered 409: a webhook is set (run `triagebot telegram delete-webhook`) "
            "or another poller uses this token"}});
      pause(options_.conflict_delay);
      continue;
    }
    if (answer->status != 200) {
      log(LogLevel::warn, "telegram.poll_status", {{"status", answer->status}});
      pause(options_.retry_delay);
      continue;
    }
    auto updates = telegram::split_updates(answer->body);
    if (!updates) {
      log(LogLevel::warn, "telegram.poll_bad_answer", {{"code", updates.error().code}});
      pause(options_.retry_delay);
      continue;
    }
    for (const auto& [update_id, body] : *updates) {
      if (update_id < offset) continue;  // already committed before a restart
      auto parsed = telegram::parse_body(
          body, {.bot_username = identity_->bot_username, .now = std::chrono::system_clock::now()});
      Result<void> stored_update = parsed ? submit_and_wait(*parsed) : Result<void>{};
      if (!parsed) {
        // An update we cannot read would block the queue forever: skip past it.
        log(LogLevel::warn, "telegram.poll_unreadable_update", {{"update_id", update_id}});
        telegram::ParsedUpdate skipped;
        skipped.update_id = update_id;
        stored_update = submit_and_wait(skipped);
      }
      if (!stored_update) {
        log(LogLevel::warn, "telegram.poll_store_failed", {{"code", stored_update.error().code}});
        pause(options_.retry_delay);
        break;  // ask again from the stored offset
      }
    }
  }
  log(LogLevel::info, "telegram.poll_stopped", {});
}

}  // namespace triagebot::bot
