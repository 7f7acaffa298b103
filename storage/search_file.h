// The search file: the review's text index of what people wrote, in a SQLite file of its
// own beside the database (issue 13, "Search that keeps up"). storage::SearchIndexer
// fills it on its own thread, so indexing never takes the database's write lock and the
// writer never waits for it or pays for it.
//
// Layout of `<db>-search` (format 1, PRAGMA user_version):
//   message_text  FTS5 trigram table; rowid = messages.id of a user message, text = its
//                 text (a copy: FTS5 cannot take its content from another file). The
//                 trigram index makes the review's `q` a case-insensitive substring
//                 match that does not read every message.
//   index_state   one row: database_id (the kv entry 'search.database_id' of the
//                 database it indexes), watermark (every user message with an id up to
//                 it is indexed) and deletions_seq (the database's search_deletions log
//                 is applied up to this seq).
// The database keeps the log of deleted message ids (migration 7); the index keeps no
// pointer into the database but those two numbers, so it can always be thrown away and
// rebuilt from watermark 0.
//
// Threads: open_search_file is called once, by Store::open; the connection it returns
// belongs to the indexer's thread from then on.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "dialogs/result.h"

namespace triagebot::storage {

class Connection;

// `<db>-search`: named like SQLite's own -wal and -shm, so whatever copies, removes or
// guards `<db>*` takes it along.
std::filesystem::path search_file_path(const std::filesystem::path& db);

// The search file and the -wal, -shm and -journal files SQLite keeps beside it.
std::vector<std::filesystem::path> search_files(const std::filesystem::path& db);

// The schema name the indexer's connection gives the database (attached read-only).
inline constexpr const char* kSourceSchema = "source";

// Opens the indexer's connection: the search file as `main`, the database (already
// migrated to schema 7 or later) attached read-only as `source`, so the indexer's write
// transactions lock the search file alone. A missing search file is created 0600
// (private_files.h) with an empty index; one that is unreadable, corrupt, of another
// format or made for another database is deleted and created again: everything in it
// comes from the database, and the indexer fills it from watermark 0 in the background.
// Error "storage" only when no search file can be made (the directory refuses it).
Result<std::unique_ptr<Connection>> open_search_file(const std::filesystem::path& db);

// Empties the index in place and sets the watermark back to 0, for an index found
// corrupt while the server runs (readers keep the file attached, so it stays where it
// is). When SQLite cannot drop the damaged table, marks the file for open_search_file
// to replace at the next start, and throws SQLite::Exception.
void reset_search_index(Connection& connection);

}  // namespace triagebot::storage
