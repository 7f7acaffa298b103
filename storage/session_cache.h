// A bounded LRU of conversations by (platform, conversation key), so the writer does not
// re-read and re-parse a session's JSON for every message of a busy conversation. It
// holds only committed state: WriteTransaction stages its changes and the writer
// applies them after the batch commits (a rolled-back item must not leave its session
// here). Writer thread only; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

#include "storage/records.h"

namespace triagebot::storage {

struct CachedConversation {
  std::int64_t id = 0;
  ConversationStatus status = ConversationStatus::active;
  dialogs::Session session;
  std::optional<std::string> credential_hash;
  TimePoint started_at{};
  // The review columns as stored (triage word, red flags JSON text): save_session
  // rewrites them, and the indexes over them, only when a turn changes them.
  std::optional<std::string> stored_triage;
  std::string stored_red_flags = "[]";
};

class SessionCache {
 public:
  explicit SessionCache(std::size_t capacity) : capacity_(capacity) {}

  static std::string key(std::string_view platform, std::string_view conversation_key);

  // Returns the entry and marks it most recently used, or nullptr.
  const CachedConversation* find(const std::string& key);
  void put(const std::string& key, CachedConversation value);
  void erase(const std::string& key);
  void clear();
  std::size_t size() const { return entries_.size(); }
  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }

 private:
  using Entry = std::pair<std::string, CachedConversation>;
  std::size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace triagebot::storage
