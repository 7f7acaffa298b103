// WriteTransaction's outbox operations for the dispatcher (DESIGN.md step 4).
#include <string>

#include "storage/connection.h"
#include "storage/guard.h"
#include "storage/outbox_order.h"
#include "storage/write_transaction.h"

namespace triagebot::storage {

using nlohmann::json;

namespace {

json parse_or_null(const std::string& text) {
  auto value = json::parse(text, nullptr, false);
  return value.is_discarded() ? json() : value;
}

Result<bool> settle(Connection& connection, const char* sql, std::int64_t id, std::int64_t at,
                    std::string_view error) {
  auto& update = connection.statement(sql);
  update.bind(1, at);
  if (error.empty()) {
    update.bind(2);
  } else {
    update.bind(2, std::string(error));
  }
  update.bind(3, id);
  return update.exec() == 1;
}

}  // namespace

Result<std::vector<OutboxRow>> WriteTransaction::claim_due(TimePoint now, int limit,
                                                           std::chrono::milliseconds lease) {
  return guarded("claim_due", [&]() -> Result<std::vector<OutboxRow>> {
    // A row is due when its due_at passed: a pending row's next attempt time, or a
    // sending row's lease expiry. Only a row that is the head (lowest id) of its
    // conversation's open rows, and has no open notice before it in its chat, may go: so
    // replies arrive in the order they were written, and a note never overtakes a reply
    // to the same chat or is overtaken by one (outbox_chat.h: a note to a conversation's
    // own chat joins that conversation). The tests are outbox_order.h's.
    // Built once: the statement cache is keyed by the text's address.
    static const std::string sql =
        std::string(
            "SELECT o.id, o.conversation_id, o.platform, o.target,"
            " o.payload, o.attempts, o.created_at, o.parts_sent"
            " FROM outbox o"
            " WHERE o.status IN ('pending', 'sending') AND o.due_at <= ?") +
        kOutboxRowMayGo + " ORDER BY o.due_at, o.id LIMIT ?";
    auto& query = connection_.statement(sql.c_str());
    query.bind(1, to_millis(now));
    query.bind(2, limit);
    std::vector<OutboxRow> rows;
    while (query.executeStep()) {
      OutboxRow row;
      row.id = query.getColumn(0).getInt64();
      // Notices (enqueue_notice) belong to no conversation: 0.
      row.conversation_id = query.getColumn(1).isNull() ? 0 : query.getColumn(1).getInt64();
      row.platform = query.getColumn(2).getString();
      row.target = parse_or_null(query.getColumn(3).getString());
      row.payload = parse_or_null(query.getColumn(4).getString());
      row.attempts = query.getColumn(5).getInt() + 1;
      row.created_at = from_millis(query.getColumn(6).getInt64());
      row.parts_sent = query.getColumn(7).getInt();
      rows.push_back(std::move(row));
    }
    if (rows.empty()) return rows;
    // One UPDATE for the whole claim, not one per row: each claimed row is a message to
    // deliver, and per row the writer's statements add up (issue 13).
    json ids = json::array();
    for (const auto& row : rows) ids.push_back(row.id);
    auto& claim = connection_.statement(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, due_at = ?"
        " WHERE id IN (SELECT value FROM json_each(?))");
    claim.bind(1, to_millis(now + lease));
    claim.bind(2, ids.dump());
    claim.exec();
    return rows;
  });
}

Result<bool> WriteTransaction::mark_delivered(std::int64_t outbox_id, TimePoint now) {
  return guarded("mark_delivered", [&]() -> Result<bool> {
    return settle(connection_,
                  "UPDATE outbox SET status = 'delivered', finished_at = ?, last_error = ?"
                  " WHERE id = ? AND status = 'sending'",
                  outbox_id, to_millis(now), {});
  });
}

Result<std::int64_t> WriteTransaction::mark_delivered(
    const std::vector<std::pair<std::int64_t, TimePoint>>& rows) {
  return guarded("mark_delivered", [&]() -> Result<std::int64_t> {
    if (rows.empty()) return std::int64_t{0};
    // [[id, finished_at], ...]: one statement for a cycle's deliveries, not one per row.
    json pairs = json::array();
    for (const auto& [id, at] : rows) pairs.push_back({id, to_millis(at)});
    auto& update = connection_.statement(
        "UPDATE outbox SET status = 'delivered', finished_at = d.value ->> 1, last_error = NULL"
        " FROM json_each(?) d WHERE outbox.id = d.value ->> 0 AND outbox.status = 'sending'");
    update.bind(1, pairs.dump());
    return static_cast<std::int64_t>(update.exec());
  });
}

Result<bool> WriteTransaction::mark_parts_sent(std::int64_t outbox_id, int parts_sent) {
  return guarded("mark_parts_sent", [&]() -> Result<bool> {
    auto& update = connection_.statement(
        "UPDATE outbox SET parts_sent = ? WHERE id = ? AND status = 'sending'");
    update.bind(1, parts_sent);
    update.bind(2, outbox_id);
    return update.exec() == 1;
  });
}

Result<bool> WriteTransaction::mark_retry(std::int64_t outbox_id, TimePoint next_attempt_at,
                                          std::string_view error) {
  return guarded("mark_retry", [&]() -> Result<bool> {
    return settle(connection_,
                  "UPDATE outbox SET status = 'pending', due_at = ?, last_error = ?"
                  " WHERE id = ? AND status = 'sending'",
                  // Rounded up: stored whole milliseconds must never make a retry earlier
                  // than the platform's retry_after (PLATFORMS.md §1.5).
                  outbox_id, to_millis_rounded_up(next_attempt_at), error);
  });
}

Result<bool> WriteTransaction::mark_dead(std::int64_t outbox_id, TimePoint now,
                                         std::string_view error) {
  return guarded("mark_dead", [&]() -> Result<bool> {
    return settle(connection_,
                  "UPDATE outbox SET status = 'dead', finished_at = ?, last_error = ?"
                  " WHERE id = ? AND status = 'sending'",
                  outbox_id, to_millis(now), error);
  });
}

Result<std::int64_t> WriteTransaction::release_claims(TimePoint now) {
  return guarded("release_claims", [&]() -> Result<std::int64_t> {
    // The IN term repeats what status = 'sending' says so that the planner may use the
    // partial index outbox_open_due instead of scanning every delivered row.
    auto& update = connection_.statement(
        "UPDATE outbox SET due_at = ? WHERE status IN ('pending', 'sending')"
        " AND status = 'sending' AND due_at > ?");
    update.bind(1, to_millis(now));
    update.bind(2, to_millis(now));
    const int released = update.exec();
    if (released > 0) item_queued_outbox_ = true;
    return static_cast<std::int64_t>(released);
  });
}

}  // namespace triagebot::storage
