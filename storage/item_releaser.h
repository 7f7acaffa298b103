// ItemReleaser: frees the writer's finished work items on a thread of its own.
//
// What an item captured (the turn taken before the writer, its replies, the session it
// replaced, the parsed update) is freed when the item is destroyed, and freeing a turn's
// JSON trees and strings costs as much as some of its SQL. The writer is the server's one
// serial stage, so after a batch's completions it hands the whole batch here (a vector
// move and a notify) and goes on to the next batch.
//
// The session cache entries the batch replaced or evicted come along: an entry may hold
// the last reference to the session a conversation had before this turn (an evicted one
// nearly always does), whose engine state is a JSON tree like the turn's.
//
// Nothing an item owns may need a particular thread to be destroyed on; completions have
// run already, so only memory and reference counts are left.
//
// Threads: release() from the writer thread; the destructor from the owner, after the
// writer has stopped (it frees what is still queued, then joins).
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/session_cache.h"

namespace triagebot::storage {

struct WorkItem;

class ItemReleaser {
 public:
  ItemReleaser();
  ~ItemReleaser();
  ItemReleaser(const ItemReleaser&) = delete;
  ItemReleaser& operator=(const ItemReleaser&) = delete;

  // Takes the items and the cache entries; both are left empty.
  void release(std::vector<WorkItem>& items, std::vector<SessionCache::Snapshot>& entries);

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  struct Released {
    std::vector<WorkItem> items;
    std::vector<SessionCache::Snapshot> entries;
  };
  std::vector<Released> queued_;  // guarded by mutex_
  bool stopping_ = false;         // guarded by mutex_
  std::thread thread_;
};

}  // namespace triagebot::storage
