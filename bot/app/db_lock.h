// One long-running process per database (issue 15). A starting dispatcher releases the
// rows a dead process left `sending` (dispatcher.h), so a second live process on the
// same file would send again what the first is still sending. Every command that runs
// the server and its loops (`serve`, `telegram poll`) therefore holds an exclusive
// lock on `<db>.lock`, a file beside the database, for as long as it runs; a second one
// is refused and names the holder. One-shot commands (`logs ...`, `replay`) take no
// lock: SQLite's own locking orders their reads and writes with the server's.
//
// The lock is flock(2) on the file: the kernel drops it when the holder exits, however
// it exits (SIGKILL included), so a stale file never blocks a start. The file stays
// behind on purpose: removing it would let a third process lock a new file while a
// second still holds the old one. It is 0600 and holds the holder's pid and command
// (never its arguments, which may carry tokens), for the refusal message only.
//
// Threads: acquire on main's thread; the lock lives as long as the object.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "dialogs/result.h"

namespace triagebot::bot {

class DatabaseLock {
 public:
  // `command` names the holder in the file ("serve"). Errors: "database_in_use" when
  // another process holds the lock, naming its pid and command; "storage" when the lock
  // file cannot be created or locked.
  static Result<DatabaseLock> acquire(const std::filesystem::path& db, std::string_view command);

  // `<db>.lock`.
  static std::filesystem::path lock_path(const std::filesystem::path& db);

  DatabaseLock(DatabaseLock&& other) noexcept;
  DatabaseLock& operator=(DatabaseLock&& other) noexcept;
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;
  ~DatabaseLock();  // releases the lock (the file stays)

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace triagebot::bot
