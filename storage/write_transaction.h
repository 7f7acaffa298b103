// WriteTransaction: the typed operations a work item may run, inside the writer's batch
// transaction. The writer creates one per batch and hands it to each item in turn; an
// item that returns an error (or throws) is rolled back alone and its batch neighbours
// still commit (the writer reruns such a batch with a SAVEPOINT per item: writer.h).
// Nothing is durable until the batch commits: the item's completion (Writer::submit)
// fires after that.
//
// Threading: writer thread only, and only during the item's call. Do not keep a
// reference past the item's return.
//
// Errors: every operation returns a Result. Codes: "storage" (an SQLite failure; the
// item should return it so its savepoint is rolled back), "not_found", "bad_request",
// "corrupt_session" (a stored session that no longer parses).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dialogs/result.h"
#include "storage/records.h"
#include "storage/session_cache.h"

namespace SQLite {
class Statement;
}

namespace triagebot::storage {

class Connection;

struct VerdictRecord {
  std::string verdict;  // agree | over_triage | under_triage | wrong_causes | other
  std::string note;
  std::string reviewer;
  TimePoint at;
};

class WriteTransaction {
 public:
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  // ---- the pipeline ------------------------------------------------------------------

  // Dedup: true when (platform, event_id) is new (and is now recorded), false when seen.
  Result<bool> record_event(std::string_view platform, std::string_view event_id, TimePoint now);

  // The conversation for (platform, conversation_key): from the session cache, else the
  // database, else a new row with a fresh dialogs::Session (created = true).
  // `hint` (optional) carries what the caller already knows, off the writer thread; see
  // LoadHint.
  Result<ConversationRef> load_or_create_conversation(std::string_view platform,
                                                      std::string_view conversation_key,
                                                      std::string_view user_key, TimePoint now,
                                                      const LoadHint& hint = {});

  // Returns the message id. The conversation's row lists every message appended to it
  // (conversations.message_ids, migration 16): save_session lists this item's in the
  // UPDATE it runs anyway, and the end of the item lists any it did not. A conversation
  // that does not exist fails the item ("not_found"), as the foreign key did.
  Result<std::int64_t> append_message(std::int64_t conversation_id, const MessageRecord& message);
  // A turn's messages (the person's and the replies), in order, in one INSERT (one per
  // kMessagesPerInsert): the rows and their ids are what append_message would give.
  Result<void> append_messages(std::int64_t conversation_id,
                               const std::vector<MessageRecord>& messages);
  // The same, rendered beforehand (render_message), off the writer thread.
  Result<void> append_messages(std::int64_t conversation_id,
                               const std::vector<RenderedMessage>& messages);
  static constexpr std::size_t kMessagesPerInsert = 8;

  // Stores the session and the review columns, and sets updated_at = now.
  // `session_json`: the session already serialised (by a thread other than the writer's),
  // or empty to serialise it here. "not_found" when the conversation does not exist.
  // The shared form is the writer's: the cache takes the very object, no copy.
  Result<void> save_session(std::int64_t conversation_id, SharedSession session, TimePoint now,
                            const SummaryUpdate& summary, std::string_view session_json = {});
  Result<void> save_session(std::int64_t conversation_id, const dialogs::Session& session,
                            TimePoint now, const SummaryUpdate& summary,
                            std::string_view session_json = {});

  // When the person first wrote in this conversation (its oldest user message, this
  // batch's included); nullopt when they have not yet.
  Result<std::optional<TimePoint>> first_user_message_at(std::int64_t conversation_id);

  // How many messages the person has written in this conversation, this batch's included.
  Result<std::int64_t> user_message_count(std::int64_t conversation_id);

  // The review statistics' figures of the first assessment (storage/stats.h): questions
  // answered before it and, for an emergency, the time from the person's first message.
  // A stored figure is never replaced: the first assessment is what is measured.
  // "not_found" when the conversation does not exist.
  Result<void> record_assessment_figures(std::int64_t conversation_id,
                                         std::optional<std::int64_t> questions,
                                         std::optional<std::chrono::milliseconds> emergency_after);

  // The widget's per-session bearer token, hashed by the caller (never the token).
  Result<void> set_credential(std::int64_t conversation_id, std::string_view credential_hash);

  // One row to deliver, due at once: a message, or a turn's messages as parts
  // (outbox_parts.h). Returns the outbox row id.
  Result<std::int64_t> enqueue_outbox(std::int64_t conversation_id, std::string_view platform,
                                      const nlohmann::json& target, const nlohmann::json& payload,
                                      TimePoint now);
  // The same with the row's text made beforehand (render_outbox), off the writer thread.
  Result<std::int64_t> enqueue_outbox(std::int64_t conversation_id, std::string_view platform,
                                      const RenderedOutbox& row, TimePoint now);

  // A message that belongs to no conversation (a note to a group chat, the
  // acknowledgement of a stale button): delivered like a reply, reviewed never. A note to
  // a chat that is a conversation's own (the conversation's key is the chat's id: a
  // Telegram private chat) joins that conversation instead, so that it is delivered in
  // order with its replies (claim_due) and forgotten with it.
  Result<std::int64_t> enqueue_notice(std::string_view platform, const nlohmann::json& target,
                                      const nlohmann::json& payload, TimePoint now);

  // ---- privacy and retention ---------------------------------------------------------

  // Deletes every conversation of (platform, user_key) with its messages, outbox rows
  // and verdicts, and drops them from the session cache.
  Result<ForgetCounts> forget_user(std::string_view platform, std::string_view user_key);

  // Deletes conversations last updated before `cutoff` (with everything hanging off
  // them) and dedup records seen before it.
  Result<PurgeCounts> purge_older_than(TimePoint cutoff);

  // ---- small state and review --------------------------------------------------------

  Result<void> set_value(std::string_view key, std::string_view value);
  Result<std::optional<std::string>> get_value(std::string_view key);
  Result<void> erase_value(std::string_view key);

  // Returns the verdict id; "not_found" for an unknown conversation, "bad_request" for a
  // verdict outside API.md's list.
  Result<std::int64_t> add_verdict(std::int64_t conversation_id, const VerdictRecord& verdict);

  // ---- the outbox dispatcher ---------------------------------------------------------

  // Up to `limit` due rows, oldest due first, each the oldest undelivered row of its
  // conversation and of its chat (outbox_chat.h): a later reply, or a note queued after
  // it for the same chat, never overtakes an earlier one waiting for a retry.
  // Claimed rows become `sending` with attempts + 1 and a lease until now + lease; a row
  // whose lease ran out (its dispatcher died) is due again.
  Result<std::vector<OutboxRow>> claim_due(TimePoint now, int limit,
                                           std::chrono::milliseconds lease);
  // Each returns false when the row is not `sending` (unknown, or already settled).
  Result<bool> mark_delivered(std::int64_t outbox_id, TimePoint now);
  // The same for many rows in one UPDATE, each with its own time (the dispatcher's
  // cycle); returns how many were `sending`.
  Result<std::int64_t> mark_delivered(const std::vector<std::pair<std::int64_t, TimePoint>>& rows);
  // Records that the first `parts_sent` parts of a row holding several (outbox_parts.h)
  // were delivered; the row stays `sending` under its lease.
  Result<bool> mark_parts_sent(std::int64_t outbox_id, int parts_sent);
  Result<bool> mark_retry(std::int64_t outbox_id, TimePoint next_attempt_at,
                          std::string_view error);
  Result<bool> mark_dead(std::int64_t outbox_id, TimePoint now, std::string_view error);
  // Makes every `sending` row due now; returns how many. For a starting dispatcher:
  // one process owns the database, so a row still `sending` was left by a process that
  // died, and waiting for its lease would only delay the reply.
  Result<std::int64_t> release_claims(TimePoint now);

 private:
  friend class Writer;

  // Cache changes wait here until the batch commits (SessionCache holds only committed
  // state). A key touched in this batch is read from the database, which sees the
  // batch's own uncommitted rows, rather than from the cache.
  struct CacheOp {
    enum class Kind { put, erase, clear } kind;
    std::string key;
    std::optional<CachedConversation> value;  // for put only
  };

  WriteTransaction(Connection& connection, SessionCache& cache);

  // The writer's side of the staging.
  void begin_batch();
  void item_succeeded();   // keep the item's cache changes for the commit
  void item_failed();      // drop them
  void batch_committed();  // apply the kept changes to the cache
  // The cache entries batch_committed replaced or evicted, for the writer to hand to its
  // BatchFinisher: the last reference to an old session may be among them.
  std::vector<SessionCache::Snapshot> take_displaced() { return std::exchange(displaced_, {}); }
  void batch_failed();  // drop everything
  // The end of an item's work, inside its transaction: lists the messages it appended
  // that no save_session listed (list_pending). An error fails the item.
  Result<void> finish_item();
  // Whether a kept item of this batch queued an outbox row (read before batch_committed).
  bool batch_queued_outbox() const { return batch_queued_outbox_; }
  // Off while a rerun batch repeats the items its first attempt ran: their lookups in
  // the session cache were counted (hits, misses) and ordered (recency) the first time.
  void count_cache_lookups(bool count) { count_cache_lookups_ = count; }

  void stage(CacheOp op);
  // `from_cache` (optional) receives the cache entry when the conversation came from it.
  Result<std::optional<CachedConversation>> load_conversation(
      const std::string& key, std::string_view platform, std::string_view conversation_key,
      SessionCache::Snapshot* from_cache = nullptr, const LoadHint* hint = nullptr,
      bool* matched_stored = nullptr);

  // What this item loaded or created, by conversation id, so save_session knows the
  // cache key and the stored review columns without reading the row back. Only the
  // current item's: a rolled-back item's ids may be reused by the next one.
  struct Loaded {
    std::string key;
    CachedConversation row;  // without the session
    // For a row this item inserted: the session JSON and updated_at it was written with.
    std::string inserted_session;
    TimePoint inserted_at{};
    std::optional<SummaryUpdate> inserted_summary;  // when the row was inserted with one
    // For a row this item inserted listing the ids its first turn's messages would take
    // (LoadHint::first_message_count): how many, and message_changes_ at the INSERT. The
    // prediction holds when the next append is this conversation's, of that many, with no
    // message inserted or deleted in between; append_messages checks that, and
    // finish_item empties a list no append confirmed.
    std::size_t predicted_messages = 0;
    std::uint64_t predicted_at_change = 0;
  };
  // Messages this item appended whose ids their conversation's row does not list yet:
  // `ids` is their list's tail, "5,6,7" (a turn's messages have consecutive ids).
  struct PendingListing {
    std::int64_t conversation_id = 0;
    std::string ids;
  };
  void note_appended(std::int64_t conversation_id, std::int64_t first, std::int64_t last);
  // Lists the pending messages in a statement of their own (before anything reads the
  // list, and at the end of the item).
  Result<void> list_pending();
  // The pending tail for `conversation_id`, taken (save_session lists it in its UPDATE),
  // or empty.
  std::string take_pending(std::int64_t conversation_id);
  // Empties the list of every row this item inserted with ids no append confirmed.
  Result<void> drop_predictions();

  // The INSERT of a new conversation with a first turn's review columns bound (?7 on).
  SQLite::Statement& insert_with_summary(const SummaryUpdate& summary);
  void remember(const std::string& key, const CachedConversation& conversation);
  Result<Loaded*> loaded(std::int64_t conversation_id);

  Connection& connection_;
  SessionCache& cache_;
  std::unordered_map<std::int64_t, Loaded> loaded_;
  std::vector<CacheOp> item_ops_;
  std::vector<CacheOp> batch_ops_;
  std::vector<SessionCache::Snapshot> displaced_;  // see take_displaced
  std::unordered_set<std::string> touched_;
  std::optional<PendingListing> pending_listing_;
  // Messages inserted or deleted in this transaction so far (see Loaded::predicted_*).
  std::uint64_t message_changes_ = 0;
  // An item queued an outbox row, so the dispatcher has something to claim.
  bool item_queued_outbox_ = false;
  bool batch_queued_outbox_ = false;
  bool cleared_ = false;
  bool count_cache_lookups_ = true;
};

}  // namespace triagebot::storage
