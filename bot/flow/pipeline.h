// Pipeline: the path of one message (DESIGN.md steps 2-3). An adapter's inbound side
// turns a request into InboundEvents; the pipeline hands them to the storage writer as
// ONE work item, whose function runs on the writer thread inside the batch transaction:
//
//   dedup the event id -> load the conversation and its session -> dialogs::step ->
//   append the user turn and the bot replies -> save the session and review columns ->
//   one outbox row per reply for platforms that deliver later (Telegram, Slack)
//
// and whose completion fires after the batch commit. Deciding the turn inside the writer
// gives per-conversation ordering and atomicity for free: two messages of one person are
// applied one after the other, in the order they were submitted, and a turn is stored
// whole or not at all.
//
// The step itself is taken before that, on the submitting thread (an HTTP io thread, the
// polling loop), against the conversation as the session cache last saw it committed
// (Prepared). The writer uses that turn only when the conversation is still exactly that
// snapshot, or still does not exist when the step assumed a new one; otherwise it steps
// again itself. So the writer, the server's one serial stage, is left with the SQL, and
// the order and atomicity above are unchanged (docs/architecture.md, "Steps taken before
// the writer").
//
// Threads: submit() from any thread. `done` runs on the writer's finisher thread after
// the commit (storage/batch_finisher.h), in commit order: it must be short and must not
// block (post real work elsewhere; http::Respond already
// posts to the connection's executor).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/inbound_event.h"
#include "bot/flow/pipeline_metrics.h"
#include "bot/flow/recent_events.h"
#include "dialogs/engine.h"
#include "dialogs/knowledge.h"
#include "dialogs/result.h"
#include "storage/session_cache.h"
#include "storage/store.h"

namespace triagebot::bot {

// What one event did, for the caller's answer (the widget returns the replies).
struct EventOutcome {
  bool duplicate = false;  // the event id was seen before: nothing happened
  std::int64_t conversation_id = 0;
  std::vector<dialogs::Reply> replies;
  std::string at;  // RFC3339 time the replies were stored with
  bool forgotten = false;
};

// Extra writes that belong to the same transaction as the events (e.g. the Telegram
// polling offset, a chat's blocked flag, a non-clinical group note). Optional.
using ExtraWrites = std::function<Result<void>(storage::WriteTransaction&)>;

// Rows a platform queues ahead of one event's replies, in the same transaction: Telegram
// acknowledges a pressed button (answerCallbackQuery) so its spinner stops before the
// answer arrives. Called only for a new event whose replies go through the outbox, with
// the conversation the rows belong to. The pipeline itself knows no platform's fields.
using EventRows = std::function<Result<void>(
    storage::WriteTransaction&, const adapters::InboundEvent&, std::int64_t conversation_id,
    std::chrono::system_clock::time_point now)>;

// A credential to attach to the conversation when it is created (the widget's token
// hash). Only applied to a conversation this event created.
struct NewConversationCredential {
  std::string hash;
};

struct Submission {
  std::vector<adapters::InboundEvent> events;
  ExtraWrites extra;
  std::optional<NewConversationCredential> credential;
  // Widget: replies come back in the HTTP answer, so no outbox rows are written.
  bool deliver_through_outbox = true;
  // The widget opens a session with an implicit /start the person never typed: it is
  // run through the interview but not shown in the history as theirs.
  bool record_user_turn = true;
  // A widget turn belongs to a session that exists: when it is gone by the time the
  // writer runs the turn (a /forget queued just before it), the submission fails with
  // "not_found" and stores nothing, rather than start a conversation nobody can open.
  bool create_conversation = true;
  // Platform limits (e.g. Telegram's 4096 units): one reply may become several outbox
  // rows, so each row is one call and a retry never repeats a delivered part.
  std::function<std::vector<dialogs::Reply>(const dialogs::Reply&)> split_reply;
  // Optional; see EventRows.
  EventRows rows_before_replies;
};

using SubmissionDone = std::function<void(Result<std::vector<EventOutcome>>)>;

class Pipeline {
 public:
  Pipeline(storage::Store& store, const dialogs::Knowledge& knowledge,
           dialogs::EngineOptions engine_options, PipelineMetrics& metrics);

  // Queues the submission. Errors (completion not called): "overloaded" when the writer
  // queue is full (answer 503 + Retry-After), "closed" during shutdown.
  Result<void> submit(Submission submission, SubmissionDone done);

  // The conversation as the writer's session cache holds it (committed state), or
  // nullptr when it is not cached: what a route may answer from memory instead of a
  // store read. Any thread.
  storage::SessionCache::Snapshot cached_conversation(std::string_view platform,
                                                      std::string_view conversation_key) const;

 private:
  struct Observed;  // what the metrics learn from one event, applied after the commit
  struct Prepared;  // one event's step taken before the writer runs it

  Prepared prepare(const adapters::InboundEvent& event, const Submission& submission) const;
  Result<EventOutcome> apply(storage::WriteTransaction& tx, const adapters::InboundEvent& event,
                             const Submission& submission, const Prepared& prepared,
                             std::vector<Observed>& observed);

  storage::Store& store_;
  const dialogs::Knowledge& knowledge_;
  dialogs::EngineOptions engine_options_;
  PipelineMetrics& metrics_;
  // Ids committed lately: a redelivery of one is not stepped (the writer still decides).
  RecentEvents recent_{kRecentEvents};
  static constexpr std::size_t kRecentEvents = 16384;
};

// The outbox payload for a reply, as text: {"kind": "reply", "reply": Reply JSON}. The
// adapters' outbound side renders it when the dispatcher sends it.
std::string reply_payload_text(const dialogs::Reply& reply);

}  // namespace triagebot::bot
