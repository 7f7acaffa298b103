// Process-wide SQLite settings, applied once before the first connection opens
// (sqlite3_config only works before SQLite initialises itself).
//
// Memory statistics off: with them on (SQLite's default), every sqlite3_malloc and
// sqlite3_free of every connection takes one global mutex to keep the counters that
// sqlite3_memory_used() reports, which nothing here reads. The writer, the readers of
// the I/O threads, the search indexer and the checkpointer allocate at once, so the
// writer blocked on that mutex: ~200 times a second under the Telegram benchmark, and
// each block costs a wake-up on a busy core before the serial stage runs again.
#pragma once

namespace triagebot::storage {

// Idempotent and thread-safe. A process that used SQLite before the first call keeps
// SQLite's defaults (harmless: only slower).
void configure_sqlite_process();

}  // namespace triagebot::storage
