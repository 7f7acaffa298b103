// Internal to storage/: one SQLite connection with the settings we chose, and a cache of
// prepared statements. A Connection belongs to one thread at a time (the writer thread,
// or the reader that leased it); it is not thread-safe.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/synchronous.h"

namespace triagebot::storage {

// writer: the one connection that writes (also the search-deletion log's own, which
// clears what the indexer consumed). checkpointer: the Checkpointer's connection, with
// the writer's settings but no page cache to speak of (a checkpoint copies frames from
// the log to the file without it). reader: query-only. search_index: the SearchIndexer's
// connection to the search file (search_file.h), with SQLite's automatic checkpoints on.
enum class ConnectionRole { writer, checkpointer, reader, search_index };

class Connection {
 public:
  // Opens (creating for the writer) and applies the pragmas; throws SQLite::Exception.
  Connection(const std::filesystem::path& path, ConnectionRole role, Synchronous synchronous);

  SQLite::Database& db() { return db_; }

  // A prepared statement for `sql`, reset with its bindings cleared. Keyed by the
  // address of the literal: callers pass string literals only. Preparing costs about as
  // much as running these small statements, and the writer runs several per item.
  SQLite::Statement& statement(const char* sql);
  // The same for a statement that comes in several shapes (a multi-row INSERT, one shape
  // per row count): keyed by the address of `family` (a literal) and `shape`; `make_sql`
  // builds the text, only the first time that shape is asked for.
  SQLite::Statement& statement(const char* family, std::size_t shape,
                               const std::function<std::string()>& make_sql);
  // Resets every cached statement, so none holds a read snapshot or a half-run step
  // across COMMIT, ROLLBACK or a checkpoint.
  void reset_all();
  // Statements handed out by statement() so far: what the writer ran per message
  // (every statement the writer runs goes through the cache, except a ROLLBACK).
  std::uint64_t statements_run() const { return statements_run_; }

 private:
  SQLite::Database db_;
  std::uint64_t statements_run_ = 0;
  std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
  std::unordered_map<const char*, std::vector<std::unique_ptr<SQLite::Statement>>> shaped_;
};

}  // namespace triagebot::storage
