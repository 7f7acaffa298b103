#include "bot/app/db_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace triagebot::bot {

namespace {

// Enough for "<pid> <command>\n"; a longer file is not ours to print.
constexpr std::size_t kMaxHolderText = 256;

Error lock_error(const std::string& what, const std::filesystem::path& path) {
  return make_error(ErrorCode::storage, what + " " + path.string() + ": " + std::strerror(errno));
}

// "pid 1234, triagebot serve" from the holder's "1234 serve"; the holder may not have
// written it yet (it locks first), and then there is nothing to name.
std::string describe_holder(int fd) {
  std::string text(kMaxHolderText, '\0');
  const ssize_t got = ::pread(fd, text.data(), text.size(), 0);
  text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  if (auto newline = text.find('\n'); newline != std::string::npos) text.resize(newline);
  const auto space = text.find(' ');
  if (text.empty() || space == 0 || space == std::string::npos) return "";
  const std::string pid = text.substr(0, space);
  if (pid.find_first_not_of("0123456789") != std::string::npos) return "";
  std::string command = text.substr(space + 1);
  for (char& c : command) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';  // never print controls
  }
  return "pid " + pid + ", triagebot " + command;
}

// Replaces the file's content with "<pid> <command>\n".
void record_holder(int fd, std::string_view command) {
  std::string text = std::to_string(::getpid());
  text += ' ';
  text += command;
  text += '\n';
  if (::ftruncate(fd, 0) != 0) return;
  // Best effort: the text is only for another process's message.
  [[maybe_unused]] const ssize_t written = ::pwrite(fd, text.data(), text.size(), 0);
}

}  // namespace

std::filesystem::path DatabaseLock::lock_path(const std::filesystem::path& db) {
  std::filesystem::path path = db;
  path += ".lock";
  return path;
}

Result<DatabaseLock> DatabaseLock::acquire(const std::filesystem::path& db,
                                           std::string_view command) {
  const auto path = lock_path(db);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) return lock_error("cannot open the lock file", path);
  DatabaseLock lock(fd);
  // 0600 whatever the umask; a file another user owns is left as it is.
  struct stat status {};
  if (::fstat(fd, &status) == 0 && status.st_uid == ::geteuid() &&
      (status.st_mode & 07777) != (S_IRUSR | S_IWUSR)) {
    (void)::fchmod(fd, S_IRUSR | S_IWUSR);
  }
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return lock_error("cannot lock", path);
    const std::string holder = describe_holder(fd);
    return make_error(ErrorCode::database_in_use,
                      "the database " + db.string() + " is in use by another triagebot (" +
                          (holder.empty() ? std::string("see ") + path.string() : holder) +
                          "); stop it first, or give this one its own TRIAGEBOT_DB. One-shot "
                          "commands (logs, replay) may run beside it");
  }
  record_holder(fd, command);
  return lock;
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace triagebot::bot
