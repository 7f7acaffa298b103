#include "bot/app/data_permissions.h"

#include <cstdio>
#include <string>

#include "bot/obs/log.h"
#include "storage/private_files.h"

namespace triagebot::bot {

namespace {

std::string octal(unsigned mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", mode & 07777u);
  return text;
}

}  // namespace

void warn_if_database_exposed(const std::filesystem::path& db) {
  for (const auto& exposed : storage::exposed_database_paths(db)) {
    const std::string path = exposed.path.string();
    log(LogLevel::warn, "storage.exposed",
        {{"path", path},
         {"mode", octal(exposed.mode)},
         {"message", exposed.is_directory
                         ? "others may write in the database's directory and replace its "
                           "files: chmod go-w " +
                               path
                         : "conversations are health data and others may read this file: "
                           "chmod 600 " +
                               path}});
  }
}

}  // namespace triagebot::bot
