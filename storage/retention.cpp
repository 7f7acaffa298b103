// WriteTransaction's privacy and retention operations: forget a person, purge old data.
// Deletes go through conversations only; verdicts follow by ON DELETE CASCADE, messages
// and outbox rows by the triggers that delete the ones the conversation lists (schema.cpp
// migrations 16 and 15), and a trigger logs each deleted message for the
// SearchIndexer, which removes its text from the search file (migration 7,
// search_indexer.h).
#include "storage/connection.h"
#include "storage/guard.h"
#include "storage/write_transaction.h"

namespace triagebot::storage {

namespace {

std::int64_t count(Connection& connection, const char* sql, std::string_view a,
                   std::string_view b) {
  auto& query = connection.statement(sql);
  query.bind(1, std::string(a));
  query.bind(2, std::string(b));
  query.executeStep();
  const auto n = query.getColumn(0).getInt64();
  query.reset();
  return n;
}

std::int64_t count_before(Connection& connection, const char* sql, std::int64_t cutoff) {
  auto& query = connection.statement(sql);
  query.bind(1, cutoff);
  query.executeStep();
  const auto n = query.getColumn(0).getInt64();
  query.reset();
  return n;
}

}  // namespace

// A person's conversations are those with their user key. Where the person is the
// conversation (a Telegram private chat, a widget session) the unique key finds them;
// conversations_by_user holds only the others (schema.cpp migration 10), so every
// query here asks both halves.
Result<ForgetCounts> WriteTransaction::forget_user(std::string_view platform,
                                                   std::string_view user_key) {
  if (auto listed = list_pending(); !listed) return listed.error();
  return guarded("forget_user", [&]() -> Result<ForgetCounts> {
    ForgetCounts counts;
    counts.messages =
        count(connection_,
              // The messages the conversations list, as the deletion's trigger finds them.
              "SELECT COUNT(*) FROM conversations c CROSS JOIN json_each(c.message_ids) j"
              " CROSS JOIN messages m"
              " WHERE c.id IN"
              " (SELECT id FROM conversations WHERE platform = ?1 AND conversation_key = ?2"
              "  AND user_key = ?2 UNION ALL SELECT id FROM conversations"
              "  WHERE platform = ?1 AND user_key = ?2 AND user_key <> conversation_key)"
              " AND m.id = j.value AND m.conversation_id = c.id",
              platform, user_key);
    counts.outbox_rows =
        count(connection_,
              // The rows the conversations list, as the deletion's trigger finds them.
              "SELECT COUNT(*) FROM conversations c CROSS JOIN json_each(c.outbox_ids) j"
              " CROSS JOIN outbox p"
              " WHERE c.id IN"
              " (SELECT id FROM conversations WHERE platform = ?1 AND conversation_key = ?2"
              "  AND user_key = ?2 UNION ALL SELECT id FROM conversations"
              "  WHERE platform = ?1 AND user_key = ?2 AND user_key <> conversation_key)"
              " AND p.id = j.value AND p.conversation_id = c.id",
              platform, user_key);
    // The ids may be gone, and reused by this item's next insert; so may message ids.
    if (auto dropped = drop_predictions(); !dropped) return dropped.error();
    ++message_changes_;
    loaded_.clear();
    auto& erase = connection_.statement(
        "DELETE FROM conversations WHERE id IN"
        " (SELECT id FROM conversations WHERE platform = ?1 AND conversation_key = ?2"
        "  AND user_key = ?2 UNION ALL SELECT id FROM conversations"
        "  WHERE platform = ?1 AND user_key = ?2 AND user_key <> conversation_key)"
        " RETURNING conversation_key");
    erase.bind(1, std::string(platform));
    erase.bind(2, std::string(user_key));
    while (erase.executeStep()) {
      ++counts.conversations;
      stage(
          {CacheOp::Kind::erase, SessionCache::key(platform, erase.getColumn(0).getString()), {}});
    }
    return counts;
  });
}

Result<PurgeCounts> WriteTransaction::purge_older_than(TimePoint cutoff) {
  if (auto listed = list_pending(); !listed) return listed.error();
  return guarded("purge_older_than", [&]() -> Result<PurgeCounts> {
    const std::int64_t before = to_millis(cutoff);
    PurgeCounts counts;
    // "started_at < ?1" adds nothing (no conversation is updated before it started)
    // but lets conversations_started find the candidates: updated_at has no index,
    // since every turn would rewrite it (migration 8).
    counts.messages =
        count_before(connection_,
                     "SELECT COUNT(*) FROM conversations c CROSS JOIN json_each(c.message_ids) j"
                     " CROSS JOIN messages m"
                     " WHERE c.started_at < ?1 AND c.updated_at < ?1 AND m.id = j.value"
                     " AND m.conversation_id = c.id",
                     before);
    counts.outbox_rows =
        count_before(connection_,
                     "SELECT COUNT(*) FROM conversations c CROSS JOIN json_each(c.outbox_ids) j"
                     " CROSS JOIN outbox p"
                     " WHERE c.started_at < ?1 AND c.updated_at < ?1 AND p.id = j.value"
                     " AND p.conversation_id = c.id",
                     before);
    if (auto dropped = drop_predictions(); !dropped) return dropped.error();
    ++message_changes_;
    loaded_.clear();
    auto& conversations = connection_.statement(
        "DELETE FROM conversations WHERE started_at < ?1 AND updated_at < ?1");
    conversations.bind(1, before);
    counts.conversations = conversations.exec();
    auto& events = connection_.statement("DELETE FROM processed_events WHERE seen_at < ?");
    events.bind(1, before);
    counts.processed_events = events.exec();
    // Purge may remove many conversations; dropping the whole cache is simpler than
    // naming each, and it refills from the database on the next message.
    if (counts.conversations > 0) stage({CacheOp::Kind::clear, {}, {}});
    return counts;
  });
}

}  // namespace triagebot::storage
