#include "storage/connection.h"

#include <string>

#include "storage/coalescing_vfs.h"
#include "storage/sqlite_process.h"

namespace triagebot::storage {
namespace {

// How long a connection waits for a lock before SQLITE_BUSY. Only the writer writes, so
// the writer waits only on a checkpoint or a second process (the `triagebot logs` CLI);
// readers never wait on the writer in WAL mode. Five seconds rides out a checkpoint on a
// slow disk without hanging a request forever.
constexpr int kBusyTimeoutMs = 5000;

// Memory with 50,000 active chats (issue 13: peak RSS <= 64 MiB, aim 32; measured in
// bench/reports/2026-12-03-memory.md with bench/memory/run.sh). A server with nothing
// cached already holds ~30 MiB (the knowledge base, the spelling dictionaries, the
// binary), so the caches share what is left.
//
// The writer's page cache holds the pages every message walks for a chat that may be
// any of 50,000: the interior pages of every b-tree, the (platform, conversation_key)
// index that finds the conversation, messages_by_conversation and the outbox indexes
// a message adds to, and the right-hand pages that appends go to: some 10-20 MiB at
// 50,000 chats, growing with the messages per conversation. It does not try to hold
// the conversation rows (~1 KiB each with the session, ~50 MiB at 50,000 chats): the
// one a message needs is read from the operating system's file cache, which costs a
// copy but none of our resident memory. Measured: 4.3 pages missed per message at
// 8 MiB, 2.7 at 16 MiB (SQLite's default is 2 MiB). 16 MiB kept the peak at ~60 MiB
// until the readers, the search indexer and the step before the writer took their
// share; 12 MiB, with jemalloc's settings (bot/jemalloc_settings.cpp), brings it back
// under the bar: 70 -> 63 MiB (bench/reports/2026-12-05-memory.md).
constexpr int kWriterCacheKib = 12288;
// A reader answers the review and the dispatcher's two small outbox reads; what a big
// review query reads once (statistics over a million conversations) it need not keep.
// SQLite's default (2 MiB), but said here: each of the pool's readers may fill it.
constexpr int kReaderCacheKib = 2048;
// A checkpoint copies frames from the log to the database file without the page cache.
constexpr int kCheckpointerCacheKib = 64;

int cache_kib(ConnectionRole role) {
  switch (role) {
    case ConnectionRole::writer:
      return kWriterCacheKib;
    case ConnectionRole::checkpointer:
      return kCheckpointerCacheKib;
    case ConnectionRole::reader:
    case ConnectionRole::search_index:  // FTS5's merges read what they rewrite
      return kReaderCacheKib;
  }
  return kReaderCacheKib;
}

int open_flags(ConnectionRole role) {
  // NOMUTEX: every connection is used by one thread at a time (the writer's and the
  // checkpointer's by their own thread, a reader by whoever holds its lease), so
  // SQLite's per-call connection mutex is pure cost (~6% of the writer's CPU).
  // Readers open read-write but set query_only: a read-only handle cannot run WAL
  // recovery when it happens to be the first to open after a crash.
  const int access = role == ConnectionRole::reader ? SQLite::OPEN_READWRITE
                                                    : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
  // URI names for the search index's connection only: it attaches the database with
  // ?mode=ro (search_file.cpp).
  const int uri = role == ConnectionRole::search_index ? SQLite::OPEN_URI : 0;
  return access | uri | SQLite::OPEN_NOMUTEX;
}

// The writer's log writes are gathered into one write per commit (coalescing_vfs.h),
// which is safe only when every commit syncs the log before publishing it: FULL.
std::string vfs_for(ConnectionRole role, Synchronous synchronous) {
  if (role != ConnectionRole::writer || synchronous != Synchronous::full) return {};
  return coalescing_vfs_name();
}

// The process-wide settings first (sqlite_process.h): they must precede SQLite's own
// initialisation, which the first open, or the VFS's registration, would run.
SQLite::Database open_database(const std::filesystem::path& path, ConnectionRole role,
                               Synchronous synchronous) {
  configure_sqlite_process();
  return SQLite::Database(path.string(), open_flags(role), kBusyTimeoutMs,
                          vfs_for(role, synchronous));
}

}  // namespace

Connection::Connection(const std::filesystem::path& path, ConnectionRole role,
                       Synchronous synchronous)
    : db_(open_database(path, role, synchronous)) {
  // Every table row links to its conversation with ON DELETE CASCADE; forget and purge
  // rely on it, and SQLite leaves foreign keys off unless asked, per connection.
  db_.exec("PRAGMA foreign_keys=ON");
  // Negative: a size in KiB, whatever the page size.
  db_.exec("PRAGMA cache_size=-" + std::to_string(cache_kib(role)));
  // No memory-mapped reads, on any connection: every page of the file a mapped read
  // touches stays in the process's resident set (counted in RSS and its peak) until the
  // kernel needs the memory back, and the writer reads a random conversation row per
  // message, so the whole table of active chats (~50 MiB at 50,000) would end up
  // resident. Reads through the page cache above cost a copy from the file cache instead
  // (a few microseconds per page missed). 0 is SQLite's default, set so that a build
  // with SQLITE_DEFAULT_MMAP_SIZE does not change it.
  db_.exec("PRAGMA mmap_size=0");
  if (role == ConnectionRole::reader) {
    db_.exec("PRAGMA query_only=ON");
    return;
  }
  if (role == ConnectionRole::search_index) {
    // WAL: the readers search while the indexer adds the next batch. FULL although the
    // index can be rebuilt: once a batch that removed forgotten messages' text commits,
    // the indexer clears their ids from the database's log, so that removal must
    // survive a power loss. Its fsync is paid on the indexer's thread, once a batch.
    // SQLite's automatic checkpoints stay on: they too run on the indexer's thread.
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA synchronous=FULL");
    return;
  }
  // WAL: readers see the last commit while the writer writes, and a commit is one
  // sequential append + one fsync of the log instead of rewriting pages in place.
  // journal_mode is persistent in the file; setting it on each open is cheap.
  db_.exec("PRAGMA journal_mode=WAL");
  // FULL fsyncs the WAL at every commit: a commit survives a process crash and power
  // loss. NORMAL skips that fsync (it syncs only at checkpoints) and may lose the last
  // commits on power loss, though never consistency. Group commit pays the fsync once per
  // batch, which is why FULL is the default (DESIGN.md step 2).
  db_.exec(std::string("PRAGMA synchronous=") + std::string(to_string(synchronous)));
  // Checkpoint policy: automatic checkpoints would run inside the commit of whichever
  // batch crosses the threshold, delaying every answer of that batch. They are off; the
  // Checkpointer runs PASSIVE checkpoints on its own thread and connection once the log
  // holds more than Checkpointer::kCheckpointPages pages (checkpointer.h).
  db_.exec("PRAGMA wal_autocheckpoint=0");
  // After a checkpoint resets the log, truncate a WAL file that grew past 64 MiB during
  // a burst instead of keeping it at its high-water mark forever.
  db_.exec("PRAGMA journal_size_limit=67108864");
  // In a batch run again item by item (writer.h), each item runs in a SAVEPOINT, and
  // before an item first changes a page that an earlier item of the batch already
  // changed, SQLite copies the page to a sub-journal so ROLLBACK TO can undo just that
  // item. By default that journal spills to a temp file past 64 KiB: when every item ran
  // in a savepoint it was ~90 KB of pwrite per message, more than the WAL itself. In
  // memory it costs at most the pages one batch touches, freed at COMMIT.
  db_.exec("PRAGMA temp_store=MEMORY");
}

SQLite::Statement& Connection::statement(const char* sql) {
  ++statements_run_;
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
  } else {
    // tryReset: when the statement's last step failed, sqlite3_reset returns that error
    // again, but the step already threw it; the reused statement starts clean either way.
    it->second->tryReset();
    it->second->clearBindings();
  }
  return *it->second;
}

SQLite::Statement& Connection::statement(const char* family, std::size_t shape,
                                         const std::function<std::string()>& make_sql) {
  ++statements_run_;
  auto& shapes = shaped_[family];
  if (shapes.size() <= shape) shapes.resize(shape + 1);
  auto& statement = shapes[shape];
  if (!statement) {
    statement = std::make_unique<SQLite::Statement>(db_, make_sql());
  } else {
    statement->tryReset();
    statement->clearBindings();
  }
  return *statement;
}

void Connection::reset_all() {
  for (auto& entry : statements_) entry.second->tryReset();
  for (auto& entry : shaped_) {
    for (auto& statement : entry.second) {
      if (statement) statement->tryReset();
    }
  }
}

}  // namespace triagebot::storage
