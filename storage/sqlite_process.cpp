#include "storage/sqlite_process.h"

#include <mutex>

#include <sqlite3.h>

namespace triagebot::storage {

void configure_sqlite_process() {
  static std::once_flag once;
  // SQLITE_MISUSE when SQLite is initialised already: the defaults then stay.
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace triagebot::storage
