#include "storage/session_cache.h"

#include <utility>

#include "storage/platform_key.h"

namespace triagebot::storage {

std::string SessionCache::key(std::string_view platform, std::string_view conversation_key) {
  return platform_key(platform, conversation_key);
}

SessionCache::Snapshot SessionCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->second;
}

SessionCache::Snapshot SessionCache::snapshot(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : it->second->second;
}

SessionCache::Snapshot SessionCache::put(const std::string& key, CachedConversation value) {
  known_.add(key);
  if (capacity_ == 0) return nullptr;
  auto shared = std::make_shared<const CachedConversation>(std::move(value));
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it != index_.end()) {
    Snapshot replaced = std::exchange(it->second->second, std::move(shared));
    entries_.splice(entries_.begin(), entries_, it->second);
    return replaced;
  }
  entries_.emplace_front(key, std::move(shared));
  index_[key] = entries_.begin();
  if (entries_.size() <= capacity_) return nullptr;
  Snapshot evicted = std::move(entries_.back().second);
  index_.erase(entries_.back().first);
  entries_.pop_back();
  return evicted;
}

SessionCache::Snapshot SessionCache::erase(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  Snapshot erased = std::move(it->second->second);
  entries_.erase(it->second);
  index_.erase(it);
  return erased;
}

void SessionCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  index_.clear();
}

std::size_t SessionCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::uint64_t SessionCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

std::uint64_t SessionCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

}  // namespace triagebot::storage
