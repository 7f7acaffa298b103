// The values that cross the storage boundary: what callers write (MessageRecord,
// SummaryUpdate, ...) and the read models the review and the widget get back
// (Summary, MessageView, ConversationDetail, OutboxRow). Plain values, no SQLite types,
// so a second backend (PostgreSQL) could return the same shapes. Any thread.
//
// Platforms are the wire names "telegram" | "slack" | "widget" (storage may not see
// adapters/, so it takes the string). JSON columns (choices, assessment, outbox target
// and payload) travel as nlohmann::json values.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/reply.h"
#include "dialogs/session.h"
#include "storage/time.h"

namespace triagebot::storage {

// The review status of a conversation (API.md Summary.status). `abandoned` is set by the
// shell (e.g. an interview left without an answer), never by the store on its own.
enum class ConversationStatus { active, completed, abandoned };
std::string_view to_string(ConversationStatus status);
std::optional<ConversationStatus> conversation_status_from_string(std::string_view name);

enum class Direction { user, bot };
std::string_view to_string(Direction direction);

// ---- written by the pipeline -------------------------------------------------------

// An outbox row's text, made by render_outbox (outbox_chat.h) on any thread so the
// writer only binds it.
struct RenderedOutbox {
  std::string target;                   // JSON
  std::string payload;                  // JSON
  std::optional<std::string> chat_key;  // outbox_chat_key of the target
};

struct CachedConversation;  // session_cache.h

// A session as the cache, the writer and the pipeline pass it on: immutable and shared,
// so handing one over is a pointer copy. The writer never copies or frees a session's
// engine state (its strings and lists): each one is built on the thread that took the
// step, and freed by the BatchFinisher.
using SharedSession = std::shared_ptr<const dialogs::Session>;

// The session a new conversation starts with: one object, shared by all of them.
const SharedSession& fresh_session();

// The columns the review filters on, saved with the session.
struct SummaryUpdate {
  ConversationStatus status = ConversationStatus::active;
  std::optional<dialogs::Triage> triage;
  std::vector<std::string> red_flags;
  std::vector<std::string> top_causes;  // cause ids, best first
  // False keeps the stored top causes: a turn after the assessment ("thanks") gives
  // no new ranking and must not erase the one under review.
  bool update_top_causes = true;
  // Safety categories answered this turn (dialogs::Turn::safety): added to the
  // conversation's, which are never removed.
  std::vector<std::string> safety = {};
  // The review statistics' figures of the first assessment (storage/stats.h), as
  // record_assessment_figures keeps them: a stored figure is never replaced.
  std::optional<std::int64_t> questions_to_assessment = {};
  std::optional<std::chrono::milliseconds> emergency_after = {};

  bool operator==(const SummaryUpdate&) const = default;
};

// What a caller of WriteTransaction::load_or_create_conversation already knows.
struct LoadHint {
  // What to store as a new row's session instead of a fresh one's JSON, when the caller
  // knows the session its first turn ends in (the returned session is still the fresh
  // one); a save_session of that same text with the same `now` and unchanged review
  // columns then writes nothing. Ignored for a row that exists.
  std::string_view first_session_json;
  // With first_session_json: the review columns that first turn leaves, written with
  // the row, so the save_session of the same turn (an equal summary) writes nothing.
  const SummaryUpdate* first_summary = nullptr;
  // With first_session_json: how many messages that first turn appends. The new row then
  // lists the ids they will take (migration 16), so their listing costs no UPDATE; the
  // writer checks the ids it got and corrects the list when they differ.
  std::size_t first_message_count = 0;
  // The row's session JSON as the caller read it, and that JSON parsed: when the row
  // still holds exactly this text, it is not parsed again (ConversationRef::matched_stored).
  std::string_view stored_json;
  SharedSession stored_session = nullptr;
};

// What load_or_create_conversation hands the pipeline.
struct ConversationRef {
  std::int64_t id = 0;
  bool created = false;  // true when this call inserted it
  // The session cache's entry it was read from, when it was: the same pointer as a
  // snapshot taken earlier (Writer::session_snapshot) means nothing changed since.
  std::shared_ptr<const CachedConversation> cached;
  // Read from the database and its session was exactly LoadHint::stored_json.
  bool matched_stored = false;
  ConversationStatus status = ConversationStatus::active;
  SharedSession session = fresh_session();
  std::optional<std::string> credential_hash;
  TimePoint started_at{};  // the conversation's first message
};

struct MessageRecord {
  Direction direction = Direction::user;
  std::string text;
  nlohmann::json choices;                    // array of {"id","label"}; null or [] for none
  std::optional<nlohmann::json> assessment;  // API.md Assessment
  TimePoint at;
  std::optional<std::string> platform_message_id;
};

// A message row as the writer binds it: the choices and the assessment already JSON text
// ("" for none, stored as NULL). render_message makes it on any thread, so a turn's JSON
// is serialised where the turn was taken, not on the writer (issue 13).
struct RenderedMessage {
  Direction direction = Direction::user;
  std::string text;
  std::string choices;
  std::string assessment;
  TimePoint at;
  std::optional<std::string> platform_message_id;
};

RenderedMessage render_message(MessageRecord message);

struct ForgetCounts {
  std::int64_t conversations = 0;
  std::int64_t messages = 0;
  std::int64_t outbox_rows = 0;
};

struct PurgeCounts {
  std::int64_t conversations = 0;
  std::int64_t messages = 0;
  std::int64_t outbox_rows = 0;
  std::int64_t processed_events = 0;
};

// ---- the outbox, for the dispatcher -------------------------------------------------

struct OutboxRow {
  std::int64_t id = 0;
  std::int64_t conversation_id = 0;
  std::string platform;
  nlohmann::json target;   // the reply address the adapter gave
  nlohmann::json payload;  // the reply to render
  int attempts = 0;        // claims so far, this one included
  TimePoint created_at;
  // Parts of the payload already delivered (outbox_parts.h): a row is sent from here.
  int parts_sent = 0;
};

// ---- read models (API.md "Shapes") ----------------------------------------------------

struct VerdictView {
  std::string verdict;
  std::string note;
  std::string reviewer;
  std::string at;  // RFC3339
};

struct Summary {
  std::int64_t id = 0;
  std::string platform;
  std::string started_at;  // RFC3339
  std::string updated_at;  // RFC3339
  ConversationStatus status = ConversationStatus::active;
  std::optional<std::string> triage;
  std::vector<std::string> red_flags;
  std::vector<std::string> safety;  // safety categories answered in this conversation
  std::vector<std::string> top_causes;
  std::int64_t message_count = 0;
  std::optional<std::int64_t> questions_to_assessment;  // answered before the first assessment
  std::vector<VerdictView> verdicts;
};

struct MessageView {
  std::int64_t id = 0;
  Direction direction = Direction::user;
  std::string text;
  std::string at;          // RFC3339
  nlohmann::json choices;  // array ([] when none)
  std::optional<nlohmann::json> assessment;
};

struct ConversationDetail {
  Summary summary;
  std::vector<MessageView> messages;         // oldest first
  std::optional<nlohmann::json> assessment;  // the latest one given
};

// What the widget needs to authenticate a session (find_conversation).
struct ConversationHandle {
  std::int64_t id = 0;
  ConversationStatus status = ConversationStatus::active;
  std::optional<std::string> credential_hash;
};

// list_conversations filters; every field optional. `since`/`until` bound started_at
// (since inclusive, until exclusive). `red_flag`: "any" (or "true"/"1") = at least one
// red flag, "none" (or "false"/"0") = none, anything else = that red-flag id. `q`
// searches what the person wrote (user messages; case-insensitive substring). `cursor` is the
// opaque next_cursor of the previous page. `verdict`: "any" = reviewed at least once,
// "none" = not yet reviewed (the reviewer's queue), anything else = has a verdict of that
// kind. Newest conversations first.
struct ListFilter {
  std::optional<std::string> platform;
  std::optional<std::string> triage;
  std::optional<std::string> red_flag;
  std::optional<std::string> verdict;
  // Like red_flag, over safety events: "any", "none" or a category (e.g. "self_harm").
  std::optional<std::string> safety;
  std::optional<TimePoint> since;
  std::optional<TimePoint> until;
  std::optional<std::string> q;
  int limit = 50;  // clamped to 1..200
  std::optional<std::string> cursor;
};

struct ConversationPage {
  std::vector<Summary> conversations;
  std::optional<std::string> next_cursor;  // absent on the last page
};

// API.md JSON: Message = {"from","text","at","choices"?,"assessment"?}; Summary =
// {"id","platform","started_at","updated_at","status","triage"?,"red_flags","safety",
// "message_count","verdicts","questions_to_assessment"?}; the detail adds "messages" and
// "assessment"?.
nlohmann::json to_json(const MessageView& message);
nlohmann::json to_json(const Summary& summary);
nlohmann::json to_json(const ConversationDetail& detail);

}  // namespace triagebot::storage
