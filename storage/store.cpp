#include "storage/store.h"

#include "storage/connection.h"
#include "storage/guard.h"
#include "storage/private_files.h"
#include "storage/schema.h"

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
  std::unique_ptr<Connection> checkpoint_connection;
  std::unique_ptr<Readers> readers;
  try {
    checkpoint_connection = std::make_unique<Connection>(options.path, ConnectionRole::checkpointer,
                                                         options.synchronous);
    readers = std::make_unique<Readers>(options.path, options.reader_count);
  } catch (const SQLite::Exception& e) {
    return storage_error("opening the readers", e);
  }
  WriterOptions writer_options;
  writer_options.queue_capacity = options.queue_capacity;
  writer_options.max_batch = options.max_batch == 0 ? 1 : options.max_batch;
  writer_options.session_cache_capacity = options.session_cache_capacity;
  writer_options.on_batch_committed = options.on_batch_committed;
  writer_options.on_outbox_queued = options.on_outbox_queued;
  auto writer = std::make_unique<Writer>(std::move(connection), std::move(checkpoint_connection),
                                         std::move(writer_options));
  return std::unique_ptr<Store>(new Store(std::move(readers), std::move(writer)));
}

Result<std::unique_ptr<Readers>> Store::open_readers(const std::filesystem::path& path) {
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
    return std::make_unique<Readers>(path, 1);
  } catch (const SQLite::Exception& e) {
    return storage_error("opening the database to read", e);
  }
}

Store::Store(std::unique_ptr<Readers> readers, std::unique_ptr<Writer> writer)
    : readers_(std::move(readers)), writer_(std::move(writer)) {}

Store::~Store() { close(); }

void Store::close() {
  // The writer first: its queued completions may still read through the readers.
  if (writer_) writer_->close();
}

}  // namespace triagebot::storage
