#include "storage/private_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace triagebot::storage {

namespace {

constexpr mode_t kOwnerOnly = S_IRUSR | S_IWUSR;  // 0600
constexpr mode_t kGroupOrOthers = S_IRWXG | S_IRWXO;
constexpr mode_t kWritableByGroupOrOthers = S_IWGRP | S_IWOTH;

Error system_error(const std::string& what, const std::filesystem::path& path) {
  return make_error(ErrorCode::storage, what + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

Result<void> create_private_file(const std::filesystem::path& path) {
  // O_EXCL: only a file this call creates gets its mode set; O_NOFOLLOW: a symlink
  // planted at the path is not followed to create a file elsewhere.
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, kOwnerOnly);
  if (fd < 0) {
    if (errno == EEXIST) return {};
    return system_error("cannot create", path);
  }
  // The umask may have taken bits of 0600 away too (umask 0177 leaves 0400, which
  // SQLite could not write): set the mode exactly.
  const int changed = ::fchmod(fd, kOwnerOnly);
  const int saved_errno = errno;
  ::close(fd);
  if (changed != 0) {
    errno = saved_errno;
    return system_error("cannot set the mode of", path);
  }
  return {};
}

std::vector<ExposedPath> exposed_database_paths(const std::filesystem::path& db) {
  std::vector<ExposedPath> exposed;
  // The search file (search_file.h) holds a copy of what people wrote: guarded alike.
  for (const char* suffix : {"", "-wal", "-shm", "-journal", "-search", "-search-wal",
                             "-search-shm", "-search-journal"}) {
    std::filesystem::path file = db;
    file += suffix;
    struct stat status {};
    if (::lstat(file.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) continue;
    if ((status.st_mode & kGroupOrOthers) != 0) {
      exposed.push_back({file, static_cast<unsigned>(status.st_mode & 07777), false});
    }
  }
  const auto directory = db.has_parent_path() ? db.parent_path() : std::filesystem::path(".");
  struct stat status {};
  if (::stat(directory.c_str(), &status) == 0 && S_ISDIR(status.st_mode) &&
      (status.st_mode & kWritableByGroupOrOthers) != 0) {
    exposed.push_back({directory, static_cast<unsigned>(status.st_mode & 07777), true});
  }
  return exposed;
}

}  // namespace triagebot::storage
