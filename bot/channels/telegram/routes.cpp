#include "bot/channels/telegram/routes.h"

#include <chrono>
#include <utility>

#include "adapters/telegram/outbound.h"
#include "bot/channels/telegram/commands.h"
#include "bot/flow/error_response.h"
#include "bot/http/responses.h"
#include "bot/obs/log.h"

namespace triagebot::bot {

namespace telegram = adapters::telegram;
using adapters::HttpRequest;
using adapters::HttpResponse;
using http::Respond;

namespace {

// Telegram caps a message at 4096 UTF-16 units (PLATFORMS.md §1.4). Splitting here,
// before the outbox, makes each part its own row: a retry after a failed second part
// never sends the first part again. The buttons go with the last part.
// A part holds what Telegram is sent, its text and buttons, never the assessment behind
// an assessment's text: the transcript row stores that, and the outbox would only store
// it twice (issue 13), serialise it on every turn and parse it again to send the text.
std::vector<dialogs::Reply> split_for_telegram(const dialogs::Reply& reply) {
  auto parts = telegram::split_text(reply.text);
  if (parts.size() <= 1) return {dialogs::Reply{reply.text, reply.choices, std::nullopt}};
  std::vector<dialogs::Reply> out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    dialogs::Reply part;
    part.text = std::move(parts[i]);
    if (i + 1 == parts.size()) part.choices = reply.choices;
    out.push_back(std::move(part));
  }
  return out;
}

nlohmann::json chat_target(std::int64_t chat_id) { return nlohmann::json{{"chat_id", chat_id}}; }

// Telegram redelivers an update it got no timely 200 for (PLATFORMS.md §1.1). The
// pipeline drops a repeated turn by its event id; an update that carries only notes (a
// group pointer, the "text only" note, a stale button's acknowledgement) or a membership
// change is recorded under the same id here, so a repeat leaves nothing twice.
Result<bool> first_delivery_of_notes(storage::WriteTransaction& tx,
                                     const telegram::ParsedUpdate& update,
                                     std::chrono::system_clock::time_point now) {
  const bool has_notes = update.membership || update.group_pointer ||
                         update.unanswered_callback_query_id || update.text_only_chat_id;
  if (!has_notes || !update.events.empty()) return true;
  return tx.record_event("telegram", telegram::update_event_id(update.update_id), now);
}

// The chat's blocked flag and the notes that belong to no conversation: nothing
// clinical, nothing to review.
Result<void> write_notes(storage::WriteTransaction& tx, const telegram::ParsedUpdate& update,
                         std::chrono::system_clock::time_point now) {
  if (update.membership) {
    const auto key = telegram_blocked_key(update.membership->chat_id);
    auto written = update.membership->blocked ? tx.set_value(key, "1") : tx.erase_value(key);
    if (!written) return written;
  }
  if (update.group_pointer) {
    auto queued = tx.enqueue_notice(
        "telegram", chat_target(update.group_pointer->chat_id),
        {{"kind", "group_pointer"}, {"message_id", update.group_pointer->message_id}}, now);
    if (!queued) return queued.error();
  }
  if (update.unanswered_callback_query_id) {
    auto queued =
        tx.enqueue_notice("telegram", {{"callback_query_id", *update.unanswered_callback_query_id}},
                          {{"kind", "acknowledge"}}, now);
    if (!queued) return queued.error();
  }
  if (update.text_only_chat_id) {
    auto queued = tx.enqueue_notice("telegram", chat_target(*update.text_only_chat_id),
                                    {{"kind", "text_only"}}, now);
    if (!queued) return queued.error();
  }
  return {};
}

// A pressed button shows a spinner until it is acknowledged (answerCallbackQuery,
// PLATFORMS.md §1.3): the pipeline queues this ahead of the turn's replies, in the same
// transaction, so the acknowledgement goes out first.
Result<void> acknowledge_press(storage::WriteTransaction& tx, const adapters::InboundEvent& event,
                               std::int64_t conversation_id,
                               std::chrono::system_clock::time_point now) {
  if (!event.reply_address.contains("callback_query_id")) return {};
  auto queued =
      tx.enqueue_outbox(conversation_id, adapters::to_string(event.platform), event.reply_address,
                        nlohmann::json{{"kind", "acknowledge"}}, now);
  if (!queued) return queued.error();
  return {};
}

// The pressed question shown answered, without its buttons (PressedMessage): queued
// after the acknowledgement and before the turn's replies. Each message is edited once:
// a second press on it (a double tap, or a press that arrived before the first edit
// landed) finds its mark in the dedup table and queues nothing, so an old message is
// never rewritten to a different answer. The mark is purged with the other dedup
// records (TRIAGEBOT_RETENTION_DAYS).
Result<void> show_chosen_answer(storage::WriteTransaction& tx,
                                const telegram::PressedMessage& pressed,
                                std::int64_t conversation_id,
                                std::chrono::system_clock::time_point now) {
  auto first = tx.record_event(kTelegramChannelName, chosen_answer_mark(pressed), now);
  if (!first) return first.error();
  if (!*first) return {};
  auto queued =
      tx.enqueue_outbox(conversation_id, kTelegramChannelName, chat_target(pressed.chat_id),
                        {{"kind", std::string(kChosenAnswerKind)},
                         {"message_id", pressed.message_id},
                         {"text", pressed.text},
                         {"label", pressed.label}},
                        now);
  if (!queued) return queued.error();
  return {};
}

}  // namespace

std::string chosen_answer_mark(const telegram::PressedMessage& pressed) {
  return "tg-edit:" + std::to_string(pressed.chat_id) + ":" + std::to_string(pressed.message_id);
}

std::string telegram_blocked_key(std::int64_t chat_id) {
  return "telegram.blocked." + std::to_string(chat_id);
}

Submission telegram_submission(const telegram::ParsedUpdate& update,
                               std::optional<std::string> offset_key) {
  Submission submission;
  submission.events = update.events;
  submission.split_reply = split_for_telegram;
  submission.rows_before_replies =
      [pressed = update.pressed](storage::WriteTransaction& tx, const adapters::InboundEvent& event,
                                 std::int64_t conversation_id,
                                 std::chrono::system_clock::time_point now) -> Result<void> {
    if (auto acknowledged = acknowledge_press(tx, event, conversation_id, now); !acknowledged) {
      return acknowledged;
    }
    if (!pressed) return {};
    return show_chosen_answer(tx, *pressed, conversation_id, now);
  };
  submission.extra = [update, offset_key](storage::WriteTransaction& tx) -> Result<void> {
    const auto now = std::chrono::system_clock::now();
    auto fresh = first_delivery_of_notes(tx, update, now);
    if (!fresh) return fresh.error();
    if (*fresh) {
      if (auto written = write_notes(tx, update, now); !written) return written;
    }
    if (offset_key) return tx.set_value(*offset_key, std::to_string(update.update_id + 1));
    return {};
  };
  return submission;
}

void add_telegram_routes(http::Router& router, Pipeline& pipeline,
                         std::shared_ptr<const TelegramIdentity> identity) {
  router.add(
      "POST", "/webhooks/telegram", [&pipeline, identity](HttpRequest request, Respond respond) {
        // Verify before parsing (STYLE.md §2): a forged request costs us nothing more.
        if (auto verified = telegram::verify(request, identity->secret); !verified) {
          return respond(http::json_error(401, "unauthorized", "Missing or wrong secret token."));
        }
        auto update = telegram::parse(request, {.bot_username = identity->bot_username,
                                                .now = std::chrono::system_clock::now()});
        if (!update) return respond(http::json_error(400, "bad_request", update.error().message));

        auto answer = [respond](Result<std::vector<EventOutcome>> done) {
          if (!done) return respond(pipeline_error_response(done.error()));
          HttpResponse ok;
          ok.status = 200;
          ok.content_type = "text/plain";
          respond(std::move(ok));
        };
        if (auto queued = pipeline.submit(telegram_submission(*update), answer); !queued) {
          respond(pipeline_error_response(queued.error()));
        }
      });
}

}  // namespace triagebot::bot
