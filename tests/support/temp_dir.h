// A fresh directory under the system temp dir, removed with everything in it when the
// object goes out of scope. Tests keep their SQLite files and logs here.
#pragma once

#include <filesystem>

namespace triagebot::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& child) const {
    return path_ / child;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace triagebot::testing
