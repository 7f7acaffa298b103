// Health data stays its owner's (issue 15): the database and the files SQLite keeps
// beside it are created readable and writable by their owner alone, whatever the umask.
//
// SQLite creates a new database file 0644 less the umask, but its -wal, -shm and
// -journal files with the database file's own mode, whatever the umask (os_unix.c,
// findCreateFileMode and robust_open). So creating the database file first, 0600, before
// SQLite opens it keeps all of them private. Files that already exist keep their mode:
// exposed_database_paths() finds the ones others may use, for a warning at start.
#pragma once

#include <filesystem>
#include <vector>

#include "dialogs/result.h"

namespace triagebot::storage {

// Creates `path` as an empty file with mode 0600 unless something already exists there
// (then it changes nothing). Never follows a symlink. Error "storage" naming the path
// and the system's reason.
Result<void> create_private_file(const std::filesystem::path& path);

// A file of the database, or its directory, that others than its owner may use.
struct ExposedPath {
  std::filesystem::path path;
  unsigned mode = 0;  // the permission bits, e.g. 0644
  bool is_directory = false;
};

// The database and its -wal, -shm and -journal files, and the search file beside it
// (`<db>-search`, search_file.h) with its own, that exist with any permission for group
// or others, and the database's directory when group or others may write
// in it (they could replace those files, or plant a -wal of their own while none
// exists). Missing files are skipped; nothing is changed.
std::vector<ExposedPath> exposed_database_paths(const std::filesystem::path& db);

}  // namespace triagebot::storage
