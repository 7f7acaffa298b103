#include "storage/search_file.h"

#include <sqlite3.h>

#include <cstdio>
#include <string>
#include <system_error>

#include "storage/connection.h"
#include "storage/guard.h"
#include "storage/private_files.h"

namespace triagebot::storage {

namespace {

constexpr int kSearchFormat = 1;

constexpr const char* kCreateIndex =
    "CREATE VIRTUAL TABLE message_text USING fts5 (text, tokenize = 'trigram')";

// The database as a read-only URI: the indexer only reads it, and a read-only attachment
// keeps BEGIN IMMEDIATE from taking the database's write lock along with the search
// file's. Percent-encoded, so no byte of the path is read as URI syntax.
std::string read_only_uri(const std::filesystem::path& db) {
  std::string uri = "file:";
  for (const unsigned char c : std::filesystem::absolute(db).string()) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '.' || c == '-' || c == '_' || c == '~';
    if (plain) {
      uri += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      uri += escaped;
    }
  }
  return uri + "?mode=ro";
}

// Throws SQLite::Exception: the caller decides between "rebuild" and "give up".
std::unique_ptr<Connection> connect(const std::filesystem::path& db) {
  auto connection = std::make_unique<Connection>(std::filesystem::absolute(search_file_path(db)),
                                                 ConnectionRole::search_index, Synchronous::full);
  SQLite::Statement attach(connection->db(), std::string("ATTACH DATABASE ? AS ") + kSourceSchema);
  attach.bind(1, read_only_uri(db));
  attach.exec();
  return connection;
}

std::string database_id(Connection& connection) {
  SQLite::Statement query(connection.db(), std::string("SELECT value FROM ") + kSourceSchema +
                                               ".kv WHERE key = 'search.database_id'");
  if (!query.executeStep()) {
    throw SQLite::Exception("the database has no search.database_id (migration 7 adds it)",
                            SQLITE_ERROR);
  }
  return query.getColumn(0).getString();
}

enum class Found { usable, empty, unusable };

// What the open file holds. Throws on a file SQLite cannot read (not a database,
// corrupt): unusable too, as far as the caller is concerned.
Found inspect(Connection& connection, const std::string& id) {
  auto& db = connection.db();
  const int version = db.execAndGet("PRAGMA main.user_version").getInt();
  const int objects = db.execAndGet("SELECT COUNT(*) FROM main.sqlite_master").getInt();
  if (version == 0 && objects == 0) return Found::empty;
  if (version != kSearchFormat || !db.tableExists("message_text")) return Found::unusable;
  SQLite::Statement state(db, "SELECT database_id FROM main.index_state WHERE only = 1");
  if (!state.executeStep() || state.getColumn(0).getString() != id) return Found::unusable;
  return Found::usable;
}

void create_schema(Connection& connection, const std::string& id) {
  auto& db = connection.db();
  db.exec(kCreateIndex);
  db.exec(
      "CREATE TABLE index_state ("
      " only          INTEGER PRIMARY KEY CHECK (only = 1),"
      " database_id   TEXT    NOT NULL,"
      " watermark     INTEGER NOT NULL,"
      " deletions_seq INTEGER NOT NULL)");
  // An empty index needs none of the deletions logged so far: the messages they
  // removed are not in the database it will be filled from.
  SQLite::Statement state(db, std::string("INSERT INTO index_state VALUES (1, ?, 0, (SELECT "
                                          "COALESCE(MAX(seq), 0) FROM ") +
                                  kSourceSchema + ".search_deletions))");
  state.bind(1, id);
  state.exec();
  db.exec("PRAGMA main.user_version = " + std::to_string(kSearchFormat));
}

// Opens the file there is, creating the schema in an empty one. nullptr when the file is
// not usable. IMMEDIATE: a second process opening at the same moment waits, then finds
// the schema the first one made.
std::unique_ptr<Connection> open_existing(const std::filesystem::path& db) {
  try {
    auto connection = connect(db);
    const auto id = database_id(*connection);
    SQLite::Transaction tx(connection->db(), SQLite::TransactionBehavior::IMMEDIATE);
    switch (inspect(*connection, id)) {
      case Found::usable:
        break;
      case Found::empty:
        create_schema(*connection, id);
        break;
      case Found::unusable:
        return nullptr;
    }
    tx.commit();
    return connection;
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT) return nullptr;
    throw;
  }
}

}  // namespace

std::filesystem::path search_file_path(const std::filesystem::path& db) {
  auto path = db;
  path += "-search";
  return path;
}

std::vector<std::filesystem::path> search_files(const std::filesystem::path& db) {
  std::vector<std::filesystem::path> files;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    auto file = search_file_path(db);
    file += suffix;
    files.push_back(std::move(file));
  }
  return files;
}

Result<std::unique_ptr<Connection>> open_search_file(const std::filesystem::path& db) {
  return guarded("opening the search file", [&]() -> Result<std::unique_ptr<Connection>> {
    // Private before SQLite first opens it: its -wal and -shm take its mode.
    if (auto created = create_private_file(search_file_path(db)); !created) {
      return created.error();
    }
    if (auto connection = open_existing(db)) return connection;
    // Not a search file of ours (corrupt, another format, another database's): it holds
    // nothing the database does not, so it goes, and a new one is filled from scratch.
    for (const auto& file : search_files(db)) {
      std::error_code ignored;
      std::filesystem::remove(file, ignored);
    }
    if (auto created = create_private_file(search_file_path(db)); !created) {
      return created.error();
    }
    if (auto connection = open_existing(db)) return connection;
    return make_error(ErrorCode::storage,
                      "cannot make a search file at " + search_file_path(db).string());
  });
}

void reset_search_index(Connection& connection) {
  auto& db = connection.db();
  try {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec("DROP TABLE IF EXISTS message_text");
    db.exec(kCreateIndex);
    db.exec(std::string("UPDATE index_state SET watermark = 0, deletions_seq = (SELECT "
                        "COALESCE(MAX(seq), 0) FROM ") +
            kSourceSchema + ".search_deletions)");
    tx.commit();
  } catch (const SQLite::Exception&) {
    // FTS5 cannot even drop a table whose structure record is damaged. Format 0 makes the
    // next start delete the file and build a new one (open_search_file).
    db.exec("PRAGMA main.user_version = 0");
    throw;
  }
}

}  // namespace triagebot::storage
