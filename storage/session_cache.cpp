#include "storage/session_cache.h"

namespace triagebot::storage {

std::string SessionCache::key(std::string_view platform, std::string_view conversation_key) {
  // The unit separator cannot appear in a platform name, so keys never collide.
  std::string out(platform);
  out += '\x1f';
  out += conversation_key;
  return out;
}

const CachedConversation* SessionCache::find(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  entries_.splice(entries_.begin(), entries_, it->second);
  return &it->second->second;
}

void SessionCache::put(const std::string& key, CachedConversation value) {
  if (capacity_ == 0) return;
  auto it = index_.find(key);
  if (it != index_.end()) {
    it->second->second = std::move(value);
    entries_.splice(entries_.begin(), entries_, it->second);
    return;
  }
  entries_.emplace_front(key, std::move(value));
  index_[key] = entries_.begin();
  if (entries_.size() > capacity_) {
    index_.erase(entries_.back().first);
    entries_.pop_back();
  }
}

void SessionCache::erase(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return;
  entries_.erase(it->second);
  index_.erase(it);
}

void SessionCache::clear() {
  entries_.clear();
  index_.clear();
}

}  // namespace triagebot::storage
