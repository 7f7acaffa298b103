// Readers: a small pool of query-only connections for the review API, the widget's
// history, /healthz and the dispatcher's "when is the next row due". In WAL mode a
// reader sees the last committed state and never blocks the writer, nor the writer it.
//
// Thread-safe: each call leases a free connection for its duration (waiting if all are
// in use), so up to reader_count queries run in parallel. Owned by Store. Errors:
// "storage", "not_found", "bad_request" (a malformed cursor or filter).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "dialogs/result.h"
#include "storage/records.h"
#include "storage/stats.h"

namespace triagebot::storage {

class Connection;

class Readers {
 public:
  // Opens `count` (at least 1) connections, each with the search file `search`
  // (search_file.h) attached read-only when given; it must exist. Without it the text
  // search reads the messages themselves. Throws SQLite::Exception (Store::open catches
  // it).
  Readers(const std::filesystem::path& path, std::size_t count,
          const std::optional<std::filesystem::path>& search = std::nullopt);
  ~Readers();
  Readers(const Readers&) = delete;
  Readers& operator=(const Readers&) = delete;

  // The database answers a trivial query.
  Result<void> ping();

  // Review list, newest conversation first, keyset-paginated (see ListFilter). The text
  // search (`q`) covers the messages the indexer has reached: all but the last moments'
  // (search_lag).
  Result<ConversationPage> list_conversations(const ListFilter& filter);

  // What the text search does not cover yet: the user messages above the search file's
  // watermark (counted up to kSearchLagCap) and the age of the oldest of them (zero
  // when none). Zero too without a search file.
  static constexpr std::int64_t kSearchLagCap = 100000;
  struct SearchLag {
    std::int64_t messages = 0;
    std::chrono::milliseconds age{0};
  };
  Result<SearchLag> search_lag(TimePoint now);

  // One conversation with its messages, latest assessment and verdicts; "not_found".
  Result<ConversationDetail> get_conversation(std::int64_t id);

  // The widget's lookup of a session; nullopt when unknown.
  Result<std::optional<ConversationHandle>> find_conversation(std::string_view platform,
                                                              std::string_view conversation_key);

  // The session JSON of (platform, conversation key) as last committed; nullopt when the
  // conversation does not exist. The pipeline steps on it before the writer runs the turn.
  Result<std::optional<std::string>> stored_session(std::string_view platform,
                                                    std::string_view conversation_key);

  // Every message of a conversation, oldest first (empty when unknown).
  Result<std::vector<MessageView>> messages(std::int64_t conversation_id);

  // The earliest time an outbox row may be claimed (it may be in the past: due now);
  // nullopt when nothing is waiting. Considers only the head row of each conversation
  // and chat, like WriteTransaction::claim_due.
  Result<std::optional<TimePoint>> next_outbox_due();

  // Age of the oldest undelivered outbox row (zero when none): the outbox-lag metric.
  Result<std::chrono::milliseconds> oldest_pending_age(TimePoint now);

  Result<std::optional<std::string>> get_value(std::string_view key);

  // Review statistics over conversations started in the filter's range (stats.cpp).
  Result<Stats> stats(const StatsFilter& filter);

 private:
  class Lease;
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> connection);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  bool searchable_ = false;  // the search file is attached as `search`
};

}  // namespace triagebot::storage
