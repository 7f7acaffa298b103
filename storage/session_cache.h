// A bounded LRU of conversations by (platform, conversation key), so the writer does not
// re-read and re-parse a session's JSON for every message of a busy conversation. It
// holds only committed state: WriteTransaction stages its changes and the writer
// applies them after the batch commits (a rolled-back item must not leave its session
// here).
//
// Entries are immutable and shared: a put replaces the pointer, never the object. So
// another thread can take a snapshot, work on it without a lock (the pipeline steps the
// interview on it before the writer runs the turn), and the writer can later tell
// whether the conversation is still exactly that one by comparing pointers: an entry
// cannot be replaced and its address reused while the snapshot holds it.
//
// Threads: thread-safe; every call takes one short lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "storage/known_keys.h"
#include "storage/records.h"

namespace triagebot::storage {

struct CachedConversation {
  std::int64_t id = 0;
  ConversationStatus status = ConversationStatus::active;
  SharedSession session = fresh_session();
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

  using Snapshot = std::shared_ptr<const CachedConversation>;

  // The writer's lookup: the entry, marked most recently used and counted, or nullptr.
  Snapshot find(const std::string& key);
  // Another thread's look: the entry or nullptr, without counting or reordering.
  Snapshot snapshot(const std::string& key) const;
  // put and erase return the entry they displaced (replaced, evicted or erased), if any:
  // its session may hold the last reference to an engine state (a few dozen strings),
  // and the writer frees that on another thread (BatchFinisher) rather than under its
  // own clock.
  Snapshot put(const std::string& key, CachedConversation value);
  Snapshot erase(const std::string& key);
  void clear();
  // Whether a conversation may exist: false only for one that no entry was ever put for
  // and note_existing never named (known_keys.h). Any thread, no lock.
  bool may_exist(const std::string& key) const { return known_.may_contain(key); }
  // A conversation the database holds (the writer names each at start).
  void note_existing(const std::string& key) { known_.add(key); }
  std::size_t size() const;
  std::uint64_t hits() const;
  std::uint64_t misses() const;

 private:
  using Entry = std::pair<std::string, Snapshot>;
  KnownKeys known_;  // every key ever put or noted; never forgets (known_keys.h)
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace triagebot::storage
