// Store: the SQLite conversation store (DESIGN.md "The path of one message", steps 2-4).
// Everything the bot keeps lives here: conversations with their session state and
// review summary, messages, processed event ids (dedup), the outbox, review verdicts
// and a small key-value table.
//
// Shape: one Writer (a thread owning the only write connection; group commit, see
// writer.h), a pool of Readers (query-only connections, see readers.h) and the
// SearchIndexer, which keeps the review's text index in `<db>-search` on its own thread
// (search_file.h, search_indexer.h). The narrow
// surface -- Writer::submit/run with WriteTransaction's typed operations, and Readers'
// queries, all in terms of records.h values -- is the storage interface; a PostgreSQL
// backend would be one more folder implementing the same shapes.
//
// Ownership and threads: the caller owns the Store (unique_ptr). writer() and readers()
// are thread-safe and live as long as the Store. close() (or the destructor) stops
// accepting work, drains the writer's queue (every queued completion fires), stops the
// indexer (which first removes forgotten messages' text) and closes the connections;
// call it from any thread but the writer's.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>

#include "dialogs/result.h"
#include "storage/readers.h"
#include "storage/records.h"
#include "storage/search_indexer.h"
#include "storage/synchronous.h"
#include "storage/writer.h"

namespace triagebot::storage {

struct StoreOptions {
  std::filesystem::path path;  // the database file; created if missing
  // FULL: power-loss safe; group commit pays for it (synchronous.h, DESIGN.md step 2).
  Synchronous synchronous = Synchronous::full;
  std::size_t queue_capacity = 4096;  // writer queue bound; beyond it submit is "overloaded"
  std::size_t max_batch = 256;        // items per transaction (writer.h says why)
  std::size_t reader_count = 2;       // query-only connections
  // Conversations kept parsed in memory. A parsed session costs ~3.6 KB (nlohmann JSON
  // nodes; its text is ~700 bytes), so 10,000 took 35 MiB, half the server's peak with
  // 50,000 chats, while hitting only one message in five of that load. 2,048 (~7 MiB)
  // holds every conversation that is mid-exchange at up to ~200 messages/s; a miss
  // costs a row read and a ~20 µs parse (bench/reports/2026-12-03-memory.md).
  std::size_t session_cache_capacity = 2048;
  std::function<void()> on_batch_committed;  // writer thread, after each commit
  std::function<void()> on_outbox_queued;  // writer thread, after a commit that queued outbox rows
  SearchIndexerOptions search_index;       // batch size and how often it runs
  int wal_bound_pages = 16384;             // the log's hard bound (WriterOptions says how)
  std::chrono::milliseconds wal_bound_wait{1000};
};

class Store {
 public:
  // Opens or creates the database, runs missing migrations, opens (or rebuilds) the
  // search file and starts its indexer, opens the readers and starts the writer. A new
  // database, search file and their -wal and -shm files are 0600 whatever the umask
  // (private_files.h). Errors: "schema_too_new" (the file was written by a newer
  // triagebot), "storage" (cannot create, open or migrate).
  static Result<std::unique_ptr<Store>> open(const StoreOptions& options);

  // One reader on an existing database at this binary's schema, and nothing else: no
  // migration, no writer, no indexer, nothing written, so it is safe beside a running
  // server (`triagebot replay`). Its text search uses the search file if there is one,
  // else reads the messages. Errors: "schema_mismatch", "storage".
  static Result<std::unique_ptr<Readers>> open_readers(const std::filesystem::path& path);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Writer& writer() { return *writer_; }
  Readers& readers() { return *readers_; }
  SearchIndexer& search_index() { return *search_index_; }

  void close();

 private:
  Store(std::unique_ptr<Readers> readers, std::unique_ptr<SearchIndexer> search_index,
        std::unique_ptr<Writer> writer);

  std::unique_ptr<Readers> readers_;
  std::unique_ptr<SearchIndexer> search_index_;  // before writer_: the writer notifies it
  std::unique_ptr<Writer> writer_;
};

}  // namespace triagebot::storage
