// The start-up warning about health data others can read (issue 15). A new database, its
// -wal and -shm files and its search file <db>-search are created 0600
// (storage/private_files.h); files that existed
// before keep their mode, so the server says at start which of them group or others may
// use, and a database directory others may write in. A warning, not a refusal: a
// deployment may grant a backup group read access on purpose.
#pragma once

#include <filesystem>

namespace triagebot::bot {

// Logs one `storage.exposed` warning per file or directory found, with its mode and
// the command that fixes it. Paths name no secret; nothing is read from the files.
void warn_if_database_exposed(const std::filesystem::path& db);

}  // namespace triagebot::bot
