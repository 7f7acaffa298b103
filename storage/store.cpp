#include "storage/store.h"

#include <optional>
#include <system_error>

#include "storage/connection.h"
#include "storage/guard.h"
#include "storage/private_files.h"
#include "storage/schema.h"
#include "storage/search_file.h"
#include "storage/sqlite_process.h"

namespace triagebot::storage {

Result<std::unique_ptr<Store>> Store::open(const StoreOptions& options) {
  // Before SQLite first opens it: its -wal and -shm files take the database's mode.
  if (auto created = create_private_file(options.path); !created) return created.error();
  std::unique_ptr<Connection> connection;
  try {
    connection =
        std::make_unique<Connection>(options.path, ConnectionRole::writer, options.synchronous);
  } catch (const SQLite::Exception& e) {
    return storage_error("opening the database", e);
  }
  // Migrate before anyone else touches the file: the readers' statements and the
  // writer's items assume the latest schema.
  auto migrated = migrate(connection->db());
  if (!migrated) return migrated.error();
  // The search file before the readers, which attach it: made (0600) or rebuilt here.
  auto search_connection = open_search_file(options.path);
  if (!search_connection) return search_connection.error();
  std::unique_ptr<Connection> checkpoint_connection;
  std::unique_ptr<Connection> deletion_log_connection;
  std::unique_ptr<Readers> readers;
  try {
    checkpoint_connection = std::make_unique<Connection>(options.path, ConnectionRole::checkpointer,
                                                         options.synchronous);
    deletion_log_connection =
        std::make_unique<Connection>(options.path, ConnectionRole::writer, options.synchronous);
    readers = std::make_unique<Readers>(options.path, options.reader_count,
                                        search_file_path(options.path));
  } catch (const SQLite::Exception& e) {
    return storage_error("opening the readers", e);
  }
  auto search_index = std::make_unique<SearchIndexer>(
      std::move(*search_connection), std::move(deletion_log_connection), options.search_index);
  WriterOptions writer_options;
  writer_options.queue_capacity = options.queue_capacity;
  writer_options.max_batch = options.max_batch == 0 ? 1 : options.max_batch;
  writer_options.session_cache_capacity = options.session_cache_capacity;
  writer_options.wal_bound_pages = options.wal_bound_pages;
  writer_options.wal_bound_wait = options.wal_bound_wait;
  writer_options.on_batch_committed = [indexer = search_index.get(),
                                       then = options.on_batch_committed] {
    indexer->notify();
    if (then) then();
  };
  writer_options.on_outbox_queued = options.on_outbox_queued;
  auto writer = std::make_unique<Writer>(std::move(connection), std::move(checkpoint_connection),
                                         std::move(writer_options));
  return std::unique_ptr<Store>(
      new Store(std::move(readers), std::move(search_index), std::move(writer)));
}

Result<std::unique_ptr<Readers>> Store::open_readers(const std::filesystem::path& path) {
  configure_sqlite_process();  // before the version check's connection below
  try {
    {
      SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
      auto version = schema_version(db);
      if (!version) return version.error();
      if (*version != latest_schema_version()) {
        return make_error(ErrorCode::schema_mismatch,
                          "the database is at schema version " + std::to_string(*version) +
                              ", this triagebot reads version " +
                              std::to_string(latest_schema_version()) +
                              "; start this triagebot's server (or run triagebot logs stats) "
                              "once to migrate it");
      }
    }
    // Never created here: attaching a missing file would make an empty one.
    std::optional<std::filesystem::path> search;
    if (std::error_code ec; std::filesystem::exists(search_file_path(path), ec)) {
      search = search_file_path(path);
    }
    return std::make_unique<Readers>(path, 1, search);
  } catch (const SQLite::Exception& e) {
    return storage_error("opening the database to read", e);
  }
}

Store::Store(std::unique_ptr<Readers> readers, std::unique_ptr<SearchIndexer> search_index,
             std::unique_ptr<Writer> writer)
    : readers_(std::move(readers)),
      search_index_(std::move(search_index)),
      writer_(std::move(writer)) {}

Store::~Store() { close(); }

void Store::close() {
  // The writer first: its queued completions may still read through the readers, and its
  // last commits may still notify the indexer, whose stop() then applies every deletion
  // they logged.
  if (writer_) writer_->close();
  if (search_index_) search_index_->stop();
}

}  // namespace triagebot::storage
