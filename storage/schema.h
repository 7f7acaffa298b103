// Internal to storage/: the schema as numbered migrations. Store::open runs every
// migration the database lacks, each in its own transaction, and records it in
// `schema_migrations`; it refuses a database whose recorded version is newer than this
// binary's (an older binary must not write into a newer layout). Writer thread (or the
// opening thread, before the writer starts) only.
#pragma once

#include "dialogs/result.h"
#include "storage/connection.h"

namespace triagebot::storage {

// The version this binary writes: the number of the last migration.
int latest_schema_version();
// How many migrations there are: each records one row in schema_migrations. Not always
// the latest version: numbers are reserved per branch, so one may be missing until merged.
int migration_count();

// The version recorded in the database (0 for a fresh file).
Result<int> schema_version(SQLite::Database& db);

// Brings the database up to `target` (default: latest). Errors: "schema_too_new" when
// the file is newer than `target`; "storage" when a migration fails (that migration is
// rolled back; earlier ones stay applied and recorded).
Result<void> migrate(SQLite::Database& db, int target = latest_schema_version());

}  // namespace triagebot::storage
