#include "storage/write_transaction.h"

#include <algorithm>

#include "storage/connection.h"
#include "storage/guard.h"
#include "storage/outbox_chat.h"

namespace triagebot::storage {

using nlohmann::json;

namespace {

// The triage column's text for a summary (NULL before an assessment).
std::optional<std::string> stored_triage(const SummaryUpdate& summary) {
  if (!summary.triage) return std::nullopt;
  return std::string(dialogs::to_string(*summary.triage));
}

void bind_text_or_null(SQLite::Statement& statement, int index, const std::string& text) {
  if (text.empty()) {
    statement.bind(index);
  } else {
    statement.bind(index, text);
  }
}

void bind_int_or_null(SQLite::Statement& statement, int index, std::optional<std::int64_t> value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

// The first assessment's figures (storage/stats.h) as the columns hold them.
void bind_figures(SQLite::Statement& statement, int questions_index, int emergency_index,
                  std::optional<std::int64_t> questions,
                  std::optional<std::chrono::milliseconds> emergency_after) {
  bind_int_or_null(statement, questions_index, questions);
  bind_int_or_null(
      statement, emergency_index,
      emergency_after ? std::optional<std::int64_t>(emergency_after->count()) : std::nullopt);
}

}  // namespace

WriteTransaction::WriteTransaction(Connection& connection, SessionCache& cache)
    : connection_(connection), cache_(cache) {}

// ---- staging of cache changes ---------------------------------------------------------

void WriteTransaction::begin_batch() {
  item_ops_.clear();
  batch_ops_.clear();
  touched_.clear();
  loaded_.clear();
  item_queued_outbox_ = false;
  batch_queued_outbox_ = false;
  cleared_ = false;
  count_cache_lookups_ = true;
  pending_listing_.reset();
}

void WriteTransaction::item_succeeded() {
  for (auto& op : item_ops_) batch_ops_.push_back(std::move(op));
  item_ops_.clear();
  batch_queued_outbox_ = batch_queued_outbox_ || item_queued_outbox_;
  item_queued_outbox_ = false;
  loaded_.clear();
}

void WriteTransaction::item_failed() {
  pending_listing_.reset();
  item_ops_.clear();
  item_queued_outbox_ = false;
  loaded_.clear();
}

void WriteTransaction::batch_committed() {
  for (auto& op : batch_ops_) {
    switch (op.kind) {
      case CacheOp::Kind::put:
        if (auto displaced = cache_.put(op.key, std::move(*op.value))) {
          displaced_.push_back(std::move(displaced));
        }
        break;
      case CacheOp::Kind::erase:
        if (auto displaced = cache_.erase(op.key)) displaced_.push_back(std::move(displaced));
        break;
      case CacheOp::Kind::clear:
        cache_.clear();
        break;
    }
  }
  begin_batch();
}

void WriteTransaction::batch_failed() { begin_batch(); }

void WriteTransaction::stage(CacheOp op) {
  if (op.kind == CacheOp::Kind::clear) {
    cleared_ = true;
  } else {
    touched_.insert(op.key);
  }
  item_ops_.push_back(std::move(op));
}

// ---- the pipeline ---------------------------------------------------------------------

// A new conversation's message_ids listing the ids its first turn's `?N` messages will
// take: SQLite gives an inserted row the largest rowid plus one, so they are the ones
// after the largest message id now, if nothing inserts or deletes a message before them
// (LoadHint::first_message_count; append_messages checks). '[]' for none.
#define TRIAGEBOT_PREDICTED_IDS(N)                                                              \
  "CASE WHEN ?" N                                                                               \
  " = 0 THEN '[]' ELSE (WITH RECURSIVE next(id, last) AS"                                       \
  " (SELECT COALESCE(MAX(id), 0) + 1, COALESCE(MAX(id), 0) + ?" N                               \
  " FROM messages"                                                                              \
  " UNION ALL SELECT id + 1, last FROM next WHERE id < last) SELECT json_group_array(id) FROM " \
  "next)"                                                                                       \
  " END"

Result<bool> WriteTransaction::record_event(std::string_view platform, std::string_view event_id,
                                            TimePoint now) {
  return guarded("record_event", [&]() -> Result<bool> {
    auto& insert = connection_.statement(
        "INSERT OR IGNORE INTO processed_events (platform, event_id, seen_at) VALUES (?, ?, ?)");
    insert.bind(1, std::string(platform));
    insert.bind(2, std::string(event_id));
    insert.bind(3, to_millis(now));
    return insert.exec() == 1;
  });
}

Result<std::optional<CachedConversation>> WriteTransaction::load_conversation(
    const std::string& key, std::string_view platform, std::string_view conversation_key,
    SessionCache::Snapshot* from_cache, const LoadHint* hint, bool* matched_stored) {
  if (!cleared_ && !touched_.count(key)) {
    if (auto hit = count_cache_lookups_ ? cache_.find(key) : cache_.snapshot(key)) {
      remember(key, *hit);
      if (from_cache) *from_cache = hit;
      return std::optional<CachedConversation>(*hit);
    }
  }
  auto& query = connection_.statement(
      "SELECT id, status, session, credential_hash, started_at, triage, red_flags"
      " FROM conversations WHERE platform = ? AND conversation_key = ?");
  query.bind(1, std::string(platform));
  query.bind(2, std::string(conversation_key));
  if (!query.executeStep()) return std::optional<CachedConversation>();
  CachedConversation found;
  found.id = query.getColumn(0).getInt64();
  found.status = conversation_status_from_string(query.getColumn(1).getString())
                     .value_or(ConversationStatus::active);
  const std::string stored_text = query.getColumn(2).getString();
  const bool matched = hint && hint->stored_session && !hint->stored_json.empty() &&
                       hint->stored_json == stored_text;
  if (matched_stored) *matched_stored = matched;
  if (!query.getColumn(3).isNull()) found.credential_hash = query.getColumn(3).getString();
  found.started_at = from_millis(query.getColumn(4).getInt64());
  if (!query.getColumn(5).isNull()) found.stored_triage = query.getColumn(5).getString();
  found.stored_red_flags = query.getColumn(6).getString();
  query.reset();
  if (matched) {
    // The caller parsed this very text already: no second parse on the writer.
    found.session = hint->stored_session;
    remember(key, found);
    stage({CacheOp::Kind::put, key, found});
    return std::optional<CachedConversation>(std::move(found));
  }
  auto session = dialogs::session_from_text(stored_text);
  if (!session) {
    return make_error(ErrorCode::corrupt_session,
                      "conversation " + std::to_string(found.id) + ": " + session.error().message);
  }
  found.session = std::make_shared<const dialogs::Session>(std::move(*session));
  remember(key, found);
  stage({CacheOp::Kind::put, key, found});
  return std::optional<CachedConversation>(std::move(found));
}

Result<ConversationRef> WriteTransaction::load_or_create_conversation(
    std::string_view platform, std::string_view conversation_key, std::string_view user_key,
    TimePoint now, const LoadHint& hint) {
  return guarded("load_or_create_conversation", [&]() -> Result<ConversationRef> {
    const std::string key = SessionCache::key(platform, conversation_key);
    SessionCache::Snapshot from_cache;
    bool matched_stored = false;
    auto load_existing = [&]() -> Result<std::optional<ConversationRef>> {
      auto existing =
          load_conversation(key, platform, conversation_key, &from_cache, &hint, &matched_stored);
      if (!existing) return existing.error();
      if (!*existing) return std::optional<ConversationRef>();
      auto& found = **existing;
      return std::optional<ConversationRef>(ConversationRef{
          found.id, false, std::move(from_cache), matched_stored, found.status,
          std::move(found.session), std::move(found.credential_hash), found.started_at});
    };
    // The caller read no row a moment ago (first_session_json), and neither this batch
    // nor the cache knows one since: most likely a new conversation, so the INSERT comes
    // first and the row is read only when it turns out to exist (one statement, not two).
    const bool likely_new = !hint.first_session_json.empty() && !cleared_ && !touched_.count(key) &&
                            !cache_.snapshot(key);
    if (!likely_new) {
      auto existing = load_existing();
      if (!existing) return existing.error();
      if (*existing) return std::move(**existing);
    }
    CachedConversation fresh;
    fresh.started_at = now;
    const SummaryUpdate* summary = hint.first_session_json.empty() ? nullptr : hint.first_summary;
    const std::size_t predicted = hint.first_session_json.empty() ? 0 : hint.first_message_count;
    auto& insert = summary ? insert_with_summary(*summary)
                           : connection_.statement(
                                 "INSERT INTO conversations (platform, conversation_key, user_key,"
                                 " started_at, updated_at, session, message_ids)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, " TRIAGEBOT_PREDICTED_IDS("7") ")"
                                 " ON CONFLICT (platform, conversation_key) DO NOTHING");
    insert.bind(summary ? 15 : 7, static_cast<std::int64_t>(predicted));
    insert.bind(1, std::string(platform));
    insert.bind(2, std::string(conversation_key));
    insert.bind(3, std::string(user_key));
    insert.bind(4, to_millis(now));
    insert.bind(5, to_millis(now));
    std::string session_text = hint.first_session_json.empty()
                                   ? dialogs::session_to_text(*fresh.session)
                                   : std::string(hint.first_session_json);
    insert.bind(6, session_text);
    if (insert.exec() == 0) {
      // ON CONFLICT DO NOTHING: the row was there after all.
      auto existing = load_existing();
      if (!existing) return existing.error();
      if (!*existing) {
        return make_error(ErrorCode::internal, "a conversation both exists and does not");
      }
      return std::move(**existing);
    }
    fresh.id = connection_.db().getLastInsertRowid();
    remember(key, fresh);
    Loaded& inserted = loaded_.at(fresh.id);
    inserted.inserted_session = std::move(session_text);
    inserted.inserted_at = now;
    inserted.predicted_messages = predicted;
    inserted.predicted_at_change = message_changes_;
    if (summary) {
      // The row holds the turn's review columns already; the returned conversation is
      // still the fresh one the turn starts from.
      inserted.inserted_summary = *summary;
      inserted.row.status = summary->status;
      inserted.row.stored_triage = stored_triage(*summary);
      inserted.row.stored_red_flags = json(summary->red_flags).dump();
    }
    stage({CacheOp::Kind::put, key, fresh});
    return ConversationRef{
        fresh.id, true, nullptr, false, fresh.status, std::move(fresh.session), std::nullopt, now};
  });
}

namespace {

constexpr const char* kInsertMessages =
    "INSERT INTO messages (conversation_id, direction, text, choices, assessment, at,"
    " platform_message_id) VALUES ";
constexpr int kMessageColumns = 7;

// The text of an INSERT of `rows` messages: kInsertMessages and one group per row.
std::string insert_messages_sql(std::size_t rows) {
  std::string sql = kInsertMessages;
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?)";
  }
  return sql;
}

// One message's columns from parameter `first` on, in kInsertMessages's order.
void bind_message(SQLite::Statement& insert, int first, std::int64_t conversation_id,
                  const RenderedMessage& message) {
  insert.bind(first, conversation_id);
  insert.bind(first + 1, std::string(to_string(message.direction)));
  insert.bind(first + 2, message.text);
  bind_text_or_null(insert, first + 3, message.choices);
  bind_text_or_null(insert, first + 4, message.assessment);
  insert.bind(first + 5, to_millis(message.at));
  if (message.platform_message_id) {
    insert.bind(first + 6, *message.platform_message_id);
  } else {
    insert.bind(first + 6);
  }
}

}  // namespace

// The SET of conversations.message_ids that appends the tail bound as ?N (ids "5,6,7"),
// as text: the list is a JSON array of integers, so its end is its one ']'.
#define TRIAGEBOT_APPEND_MESSAGE_IDS(N)                                                           \
  "message_ids = CASE"                                                                            \
  " WHEN message_ids = '[]' THEN '[' || ?" N " || ']' ELSE rtrim(message_ids, ']') || ',' || ?" N \
  " || ']' END"

void WriteTransaction::note_appended(std::int64_t conversation_id, std::int64_t first,
                                     std::int64_t last) {
  std::string tail;
  for (std::int64_t id = first; id <= last; ++id) {
    if (!tail.empty()) tail += ',';
    tail += std::to_string(id);
  }
  if (pending_listing_ && pending_listing_->conversation_id == conversation_id) {
    pending_listing_->ids += ',' + tail;
  } else {
    pending_listing_ = PendingListing{conversation_id, std::move(tail)};
  }
}

Result<void> WriteTransaction::list_pending() {
  if (!pending_listing_) return {};
  return guarded("list_messages", [&]() -> Result<void> {
    const PendingListing pending = std::move(*pending_listing_);
    pending_listing_.reset();
    auto& update = connection_.statement(
        "UPDATE conversations SET " TRIAGEBOT_APPEND_MESSAGE_IDS("1") " WHERE id = ?2");
    update.bind(1, pending.ids);
    update.bind(2, pending.conversation_id);
    if (update.exec() == 0) {
      return make_error(ErrorCode::not_found,
                        "no conversation " + std::to_string(pending.conversation_id));
    }
    return {};
  });
}

Result<void> WriteTransaction::finish_item() {
  if (auto listed = list_pending(); !listed) return listed.error();
  return drop_predictions();
}

Result<void> WriteTransaction::drop_predictions() {
  return guarded("drop_predictions", [&]() -> Result<void> {
    for (auto& [id, conversation] : loaded_) {
      if (conversation.predicted_messages == 0) continue;
      conversation.predicted_messages = 0;
      // Its first turn appended nothing (or the row was deleted): it lists no message.
      auto& update =
          connection_.statement("UPDATE conversations SET message_ids = '[]' WHERE id = ?");
      update.bind(1, id);
      update.exec();
    }
    return {};
  });
}

std::string WriteTransaction::take_pending(std::int64_t conversation_id) {
  if (!pending_listing_ || pending_listing_->conversation_id != conversation_id) return {};
  std::string ids = std::move(pending_listing_->ids);
  pending_listing_.reset();
  return ids;
}

Result<std::int64_t> WriteTransaction::append_message(std::int64_t conversation_id,
                                                      const MessageRecord& message) {
  std::vector<RenderedMessage> one{render_message(message)};
  if (auto appended = append_messages(conversation_id, one); !appended) return appended.error();
  return connection_.db().getLastInsertRowid();
}

Result<void> WriteTransaction::append_messages(std::int64_t conversation_id,
                                               const std::vector<MessageRecord>& messages) {
  std::vector<RenderedMessage> rendered;
  rendered.reserve(messages.size());
  for (const auto& message : messages) rendered.push_back(render_message(message));
  return append_messages(conversation_id, rendered);
}

Result<void> WriteTransaction::append_messages(std::int64_t conversation_id,
                                               const std::vector<RenderedMessage>& messages) {
  return guarded("append_messages", [&]() -> Result<void> {
    const std::uint64_t changes_before = message_changes_;
    // One statement per turn instead of one per message: a turn is the person's message
    // and one to three replies. A multi-row VALUES inserts its rows in order, so the ids
    // rise in the turn's order as with one INSERT each.
    for (std::size_t start = 0; start < messages.size(); start += kMessagesPerInsert) {
      const std::size_t rows = std::min(kMessagesPerInsert, messages.size() - start);
      auto& insert = connection_.statement(kInsertMessages, rows,
                                           [rows] { return insert_messages_sql(rows); });
      for (std::size_t row = 0; row < rows; ++row) {
        bind_message(insert, static_cast<int>(row) * kMessageColumns + 1, conversation_id,
                     messages[start + row]);
      }
      insert.exec();
      // Each row takes the largest rowid plus one (https://www.sqlite.org/autoinc.html;
      // only this connection inserts, and ids counted from 1 never reach 2^63 - 1, where
      // SQLite would pick at random), so the statement's rows are the `rows` ids up to
      // the last one.
      const std::int64_t last = connection_.db().getLastInsertRowid();
      ++message_changes_;
      if (pending_listing_ && pending_listing_->conversation_id != conversation_id) {
        if (auto listed = list_pending(); !listed) return listed.error();
      }
      note_appended(conversation_id, last - static_cast<std::int64_t>(rows) + 1, last);
    }
    // A new row that listed the ids of its first turn's messages beforehand: the first
    // append to it is those messages, and it has no other (it is this item's own row).
    auto inserted = loaded_.find(conversation_id);
    if (inserted != loaded_.end() && inserted->second.predicted_messages > 0) {
      const bool held = inserted->second.predicted_at_change == changes_before &&
                        inserted->second.predicted_messages == messages.size();
      inserted->second.predicted_messages = 0;
      std::string listed = take_pending(conversation_id);
      if (!held) {
        auto& update =
            connection_.statement("UPDATE conversations SET message_ids = ?1 WHERE id = ?2");
        update.bind(1, "[" + listed + "]");
        update.bind(2, conversation_id);
        update.exec();
      }
    }
    return {};
  });
}

Result<std::optional<TimePoint>> WriteTransaction::first_user_message_at(
    std::int64_t conversation_id) {
  if (auto listed = list_pending(); !listed) return listed.error();
  return guarded("first_user_message_at", [&]() -> Result<std::optional<TimePoint>> {
    auto& query = connection_.statement(
        "SELECT at FROM messages WHERE id IN (SELECT value FROM json_each("
        " (SELECT message_ids FROM conversations WHERE id = ?1)))"
        " AND conversation_id = ?1 AND direction = 'user' ORDER BY id LIMIT 1");
    query.bind(1, conversation_id);
    if (!query.executeStep()) return std::optional<TimePoint>();
    const auto at = from_millis(query.getColumn(0).getInt64());
    query.reset();
    return std::optional<TimePoint>(at);
  });
}

Result<std::int64_t> WriteTransaction::user_message_count(std::int64_t conversation_id) {
  if (auto listed = list_pending(); !listed) return listed.error();
  return guarded("user_message_count", [&]() -> Result<std::int64_t> {
    auto& query = connection_.statement(
        "SELECT COUNT(*) FROM messages WHERE id IN (SELECT value FROM json_each("
        " (SELECT message_ids FROM conversations WHERE id = ?1)))"
        " AND conversation_id = ?1 AND direction = 'user'");
    query.bind(1, conversation_id);
    query.executeStep();
    const auto count = query.getColumn(0).getInt64();
    query.reset();
    return count;
  });
}

SQLite::Statement& WriteTransaction::insert_with_summary(const SummaryUpdate& summary) {
  // The review columns as save_session's wide UPDATE would leave them on a new row
  // (safety as the same set expression over an empty one), bound from ?7 on. The set
  // expression only when there is a safety event: its UNION builds an ephemeral b-tree,
  // with its own page cache, which half the Telegram benchmark's updates (a first
  // message) paid for an empty set.
  auto& insert = connection_.statement(
      "INSERT INTO conversations (platform, conversation_key, user_key, started_at, updated_at,"
      " session, status, triage, red_flags, has_red_flag, top_causes, safety, has_safety,"
      " questions_to_assessment, emergency_after_ms, message_ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
      " ?7, ?8,"
      " ?9, ?10, ?11, CASE WHEN ?12 = '[]' THEN '[]' ELSE (SELECT json_group_array(value) FROM"
      " (SELECT value FROM json_each('[]') UNION SELECT value FROM json_each(?12))) END,"
      " ?12 <> '[]', ?13, ?14, " TRIAGEBOT_PREDICTED_IDS("15") ")"
      " ON CONFLICT (platform, conversation_key) DO NOTHING");
  const auto triage = stored_triage(summary);
  insert.bind(7, std::string(to_string(summary.status)));
  bind_text_or_null(insert, 8, triage.value_or(""));
  insert.bind(9, json(summary.red_flags).dump());
  insert.bind(10, summary.red_flags.empty() ? 0 : 1);
  insert.bind(11, summary.update_top_causes ? json(summary.top_causes).dump() : "[]");
  insert.bind(12, json(summary.safety).dump());
  bind_figures(insert, 13, 14, summary.questions_to_assessment, summary.emergency_after);
  return insert;
}

Result<void> WriteTransaction::record_assessment_figures(
    std::int64_t conversation_id, std::optional<std::int64_t> questions,
    std::optional<std::chrono::milliseconds> emergency_after) {
  return guarded("record_assessment_figures", [&]() -> Result<void> {
    auto& update = connection_.statement(
        "UPDATE conversations SET"
        " questions_to_assessment = COALESCE(questions_to_assessment, ?),"
        " emergency_after_ms = COALESCE(emergency_after_ms, ?) WHERE id = ?");
    bind_figures(update, 1, 2, questions, emergency_after);
    update.bind(3, conversation_id);
    if (update.exec() == 0) {
      return make_error(ErrorCode::not_found, "no conversation " + std::to_string(conversation_id));
    }
    return {};
  });
}

void WriteTransaction::remember(const std::string& key, const CachedConversation& conversation) {
  Loaded& entry = loaded_[conversation.id];
  entry.key = key;
  entry.row.id = conversation.id;
  entry.row.status = conversation.status;
  entry.row.credential_hash = conversation.credential_hash;
  entry.row.started_at = conversation.started_at;
  entry.row.stored_triage = conversation.stored_triage;
  entry.row.stored_red_flags = conversation.stored_red_flags;
}

// The conversation as this item loaded it, or read from its row for a caller that saves
// without loading first (the review seeders of the tests, the CLI).
Result<WriteTransaction::Loaded*> WriteTransaction::loaded(std::int64_t conversation_id) {
  if (auto found = loaded_.find(conversation_id); found != loaded_.end()) return &found->second;
  auto& row = connection_.statement(
      "SELECT platform, conversation_key, credential_hash, started_at, status, triage, red_flags"
      " FROM conversations WHERE id = ?");
  row.bind(1, conversation_id);
  if (!row.executeStep()) {
    return make_error(ErrorCode::not_found, "no conversation " + std::to_string(conversation_id));
  }
  CachedConversation read;
  read.id = conversation_id;
  if (!row.getColumn(2).isNull()) read.credential_hash = row.getColumn(2).getString();
  read.started_at = from_millis(row.getColumn(3).getInt64());
  read.status = conversation_status_from_string(row.getColumn(4).getString())
                    .value_or(ConversationStatus::active);
  if (!row.getColumn(5).isNull()) read.stored_triage = row.getColumn(5).getString();
  read.stored_red_flags = row.getColumn(6).getString();
  const std::string key =
      SessionCache::key(row.getColumn(0).getString(), row.getColumn(1).getString());
  row.reset();
  remember(key, read);
  return &loaded_.at(conversation_id);
}

namespace {

// save_session's UPDATEs: the narrow one of a turn that leaves the review columns alone,
// the wide one; each also in a form that lists the item's new messages (?4, ?13).
#define TRIAGEBOT_SAVE_SESSION(LISTING) \
  "UPDATE conversations SET session = ?1, updated_at = ?2" LISTING " WHERE id = ?3"
constexpr const char* kSaveSession = TRIAGEBOT_SAVE_SESSION("");
constexpr const char* kSaveSessionListing =
    TRIAGEBOT_SAVE_SESSION(", " TRIAGEBOT_APPEND_MESSAGE_IDS("4"));
// Safety events accumulate (a set), whatever the session does afterwards; the
// assessment's figures go in the same statement (record_assessment_figures).
#define TRIAGEBOT_SAVE_REVIEW(LISTING)                                                   \
  "UPDATE conversations SET session = ?1, updated_at = ?2, status = ?3, triage = ?4,"    \
  " red_flags = ?5, has_red_flag = ?6,"                                                  \
  " top_causes = CASE WHEN ?7 THEN ?8 ELSE top_causes END,"                              \
  " safety = CASE WHEN ?10 = '[]' THEN safety ELSE (SELECT json_group_array(value) FROM" \
  " (SELECT value FROM json_each(safety) UNION SELECT value FROM json_each(?10))) END,"  \
  " has_safety = has_safety OR ?10 <> '[]',"                                             \
  " questions_to_assessment = COALESCE(questions_to_assessment, ?11),"                   \
  " emergency_after_ms = COALESCE(emergency_after_ms, ?12)" LISTING " WHERE id = ?9"
constexpr const char* kSaveReview = TRIAGEBOT_SAVE_REVIEW("");
constexpr const char* kSaveReviewListing =
    TRIAGEBOT_SAVE_REVIEW(", " TRIAGEBOT_APPEND_MESSAGE_IDS("13"));

}  // namespace

Result<void> WriteTransaction::save_session(std::int64_t conversation_id,
                                            const dialogs::Session& session, TimePoint now,
                                            const SummaryUpdate& summary,
                                            std::string_view session_json) {
  return save_session(conversation_id, std::make_shared<const dialogs::Session>(session), now,
                      summary, session_json);
}

Result<void> WriteTransaction::save_session(std::int64_t conversation_id, SharedSession session,
                                            TimePoint now, const SummaryUpdate& summary,
                                            std::string_view session_json) {
  return guarded("save_session", [&]() -> Result<void> {
    auto found = loaded(conversation_id);
    if (!found) return found.error();
    CachedConversation& row = (*found)->row;
    std::optional<std::string> triage = stored_triage(summary);
    std::string red_flags = json(summary.red_flags).dump();
    const bool review_changed = summary.status != row.status || triage != row.stored_triage ||
                                red_flags != row.stored_red_flags || summary.update_top_causes ||
                                !summary.safety.empty() || summary.questions_to_assessment ||
                                summary.emergency_after;
    const std::string session_text =
        session_json.empty() ? dialogs::session_to_text(*session) : std::string(session_json);
    // Most turns only move the interview on: the review columns keep their values, so
    // the narrow UPDATE leaves the indexes over them untouched (an UPDATE that
    // names an indexed column rewrites its index entries even when the value is the same).
    // No RETURNING in either (nor in set_credential): SQLite buffers RETURNING rows in an
    // ephemeral table with its own page cache, ~80 KiB malloc'd and freed per execution,
    // which cost half the CPU of a message (bench/reports/2026-12-01-server.md).
    // A row this item inserted with this very session (a first turn stepped beforehand,
    // LoadHint::first_session_json) needs no second write.
    // Likewise a row inserted with the review columns of this very summary.
    const bool already_stored =
        (*found)->inserted_at == now && (*found)->inserted_session == session_text &&
        (!review_changed || ((*found)->inserted_summary && *(*found)->inserted_summary == summary));
    // The messages this item appended to the conversation are listed by the same UPDATE
    // (migration 16); a row the item inserted with this session needs a statement for it.
    if (already_stored) {
      // Nothing else to write; the cache still takes the session below.
      if (auto listed = list_pending(); !listed) return listed.error();
    } else if (!review_changed) {
      const std::string listing = take_pending(conversation_id);
      auto& update = listing.empty() ? connection_.statement(kSaveSession)
                                     : connection_.statement(kSaveSessionListing);
      update.bind(1, session_text);
      update.bind(2, to_millis(now));
      update.bind(3, conversation_id);
      if (!listing.empty()) update.bind(4, listing);
      if (update.exec() == 0) {
        return make_error(ErrorCode::not_found,
                          "no conversation " + std::to_string(conversation_id));
      }
    } else {
      const std::string listing = take_pending(conversation_id);
      auto& update = listing.empty() ? connection_.statement(kSaveReview)
                                     : connection_.statement(kSaveReviewListing);
      if (!listing.empty()) update.bind(13, listing);
      update.bind(1, session_text);
      update.bind(2, to_millis(now));
      update.bind(3, std::string(to_string(summary.status)));
      bind_text_or_null(update, 4, triage.value_or(""));
      update.bind(5, red_flags);
      update.bind(6, summary.red_flags.empty() ? 0 : 1);
      update.bind(7, summary.update_top_causes ? 1 : 0);
      update.bind(8, json(summary.top_causes).dump());
      update.bind(9, conversation_id);
      update.bind(10, json(summary.safety).dump());
      bind_figures(update, 11, 12, summary.questions_to_assessment, summary.emergency_after);
      if (update.exec() == 0) {
        return make_error(ErrorCode::not_found,
                          "no conversation " + std::to_string(conversation_id));
      }
      row.status = summary.status;
      row.stored_triage = std::move(triage);
      row.stored_red_flags = std::move(red_flags);
    }
    CachedConversation saved = row;
    saved.session = std::move(session);
    stage({CacheOp::Kind::put, (*found)->key, std::move(saved)});
    return {};
  });
}

Result<void> WriteTransaction::set_credential(std::int64_t conversation_id,
                                              std::string_view credential_hash) {
  return guarded("set_credential", [&]() -> Result<void> {
    auto found = loaded(conversation_id);
    if (!found) return found.error();
    auto& update =
        connection_.statement("UPDATE conversations SET credential_hash = ? WHERE id = ?");
    update.bind(1, std::string(credential_hash));
    update.bind(2, conversation_id);
    if (update.exec() == 0) {
      return make_error(ErrorCode::not_found, "no conversation " + std::to_string(conversation_id));
    }
    (*found)->row.credential_hash = std::string(credential_hash);
    // The next load reads the row again (touched), and the commit drops the stale entry
    // unless a save_session of this item puts the whole conversation back.
    const std::string key = (*found)->key;
    stage({CacheOp::Kind::erase, key, {}});
    return {};
  });
}

Result<std::int64_t> WriteTransaction::enqueue_outbox(std::int64_t conversation_id,
                                                      std::string_view platform, const json& target,
                                                      const json& payload, TimePoint now) {
  return enqueue_outbox(conversation_id, platform, render_outbox(platform, target, payload), now);
}

Result<std::int64_t> WriteTransaction::enqueue_outbox(std::int64_t conversation_id,
                                                      std::string_view platform,
                                                      const RenderedOutbox& row, TimePoint now) {
  return guarded("enqueue_outbox", [&]() -> Result<std::int64_t> {
    auto& insert = connection_.statement(
        "INSERT INTO outbox (conversation_id, platform, target, payload, due_at, created_at,"
        " chat_key) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, conversation_id);
    insert.bind(2, std::string(platform));
    insert.bind(3, row.target);
    insert.bind(4, row.payload);
    insert.bind(5, to_millis(now));
    insert.bind(6, to_millis(now));
    bind_text_or_null(insert, 7, row.chat_key.value_or(""));
    insert.exec();
    item_queued_outbox_ = true;
    return connection_.db().getLastInsertRowid();
  });
}

Result<std::int64_t> WriteTransaction::enqueue_notice(std::string_view platform, const json& target,
                                                      const json& payload, TimePoint now) {
  return guarded("enqueue_notice", [&]() -> Result<std::int64_t> {
    const auto chat_key = outbox_chat_key(platform, target);
    auto& insert = connection_.statement(
        "INSERT INTO outbox (conversation_id, platform, target, payload, due_at, created_at,"
        " chat_key) VALUES ((SELECT id FROM conversations WHERE platform = ?1"
        " AND conversation_key = ?7), ?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, std::string(platform));
    insert.bind(2, target.dump());
    insert.bind(3, payload.dump());
    insert.bind(4, to_millis(now));
    insert.bind(5, to_millis(now));
    // NULL when the target names no chat: such a row is ordered only within its
    // conversation, if any.
    bind_text_or_null(insert, 6, chat_key.value_or(""));
    // The chat's own conversation, if any: its key is the chat's part of the chat key.
    if (chat_key) {
      insert.bind(7, chat_key->substr(platform.size() + 1));
    } else {
      insert.bind(7);
    }
    insert.exec();
    item_queued_outbox_ = true;
    return connection_.db().getLastInsertRowid();
  });
}

// ---- small state and review -----------------------------------------------------------

Result<void> WriteTransaction::set_value(std::string_view key, std::string_view value) {
  return guarded("set_value", [&]() -> Result<void> {
    auto& upsert = connection_.statement(
        "INSERT INTO kv (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, std::string(key));
    upsert.bind(2, std::string(value));
    upsert.exec();
    return {};
  });
}

Result<std::optional<std::string>> WriteTransaction::get_value(std::string_view key) {
  return guarded("get_value", [&]() -> Result<std::optional<std::string>> {
    auto& query = connection_.statement("SELECT value FROM kv WHERE key = ?");
    query.bind(1, std::string(key));
    if (!query.executeStep()) return std::optional<std::string>();
    std::string value = query.getColumn(0).getString();
    query.reset();
    return std::optional<std::string>(std::move(value));
  });
}

Result<void> WriteTransaction::erase_value(std::string_view key) {
  return guarded("erase_value", [&]() -> Result<void> {
    auto& erase = connection_.statement("DELETE FROM kv WHERE key = ?");
    erase.bind(1, std::string(key));
    erase.exec();
    return {};
  });
}

Result<std::int64_t> WriteTransaction::add_verdict(std::int64_t conversation_id,
                                                   const VerdictRecord& verdict) {
  static const std::unordered_set<std::string> allowed = {"agree", "over_triage", "under_triage",
                                                          "wrong_causes", "other"};
  if (!allowed.count(verdict.verdict)) {
    return make_error(ErrorCode::bad_request,
                      "verdict must be agree, over_triage, under_triage, wrong_causes or other");
  }
  return guarded("add_verdict", [&]() -> Result<std::int64_t> {
    auto& exists = connection_.statement("SELECT 1 FROM conversations WHERE id = ?");
    exists.bind(1, conversation_id);
    if (!exists.executeStep()) {
      return make_error(ErrorCode::not_found, "no conversation " + std::to_string(conversation_id));
    }
    exists.reset();
    auto& insert = connection_.statement(
        "INSERT INTO verdicts (conversation_id, verdict, note, reviewer, at) VALUES (?, ?, ?, ?, "
        "?)");
    insert.bind(1, conversation_id);
    insert.bind(2, verdict.verdict);
    insert.bind(3, verdict.note);
    insert.bind(4, verdict.reviewer);
    insert.bind(5, to_millis(verdict.at));
    insert.exec();
    return connection_.db().getLastInsertRowid();
  });
}

}  // namespace triagebot::storage
