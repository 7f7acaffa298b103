// Health data is not world-readable (issue 15): the database and the -wal and -shm files
// SQLite keeps beside it are 0600 whatever the umask, and files or a directory others
// may use are found for the start-up warning.
#include "storage/private_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace private_files_test {
namespace {

using testing::append_item;
using testing::open_store;
using triagebot::testing::TempDir;

// Sets the process umask for one test and puts the old one back.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : previous_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(previous_); }
  ScopedUmask(const ScopedUmask&) = delete;
  ScopedUmask& operator=(const ScopedUmask&) = delete;

 private:
  mode_t previous_;
};

// The permission bits of `path`, or -1 when it does not exist.
int mode_of(const std::filesystem::path& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) return -1;
  return static_cast<int>(status.st_mode & 07777);
}

std::filesystem::path with_suffix(std::filesystem::path path, const char* suffix) {
  path += suffix;
  return path;
}

TEST(StoragePrivateFiles, DatabaseWalAndShmAre0600UnderAnOpenUmask) {
  TempDir dir;
  const auto db = dir / "t.db";
  ScopedUmask open_umask(0);
  auto store = open_store(db);
  ASSERT_TRUE(store);
  // A committed write: the log and its index exist while the store is open.
  ASSERT_TRUE(store->writer().run(append_item("k", "my leg is numb", 1000)));
  EXPECT_EQ(mode_of(db), 0600);
  EXPECT_EQ(mode_of(with_suffix(db, "-wal")), 0600);
  EXPECT_EQ(mode_of(with_suffix(db, "-shm")), 0600);
  EXPECT_TRUE(exposed_database_paths(db).empty());
  store->close();
}

TEST(StoragePrivateFiles, AMaskThatTakesTheOwnersBitsStillLeavesAUsableDatabase) {
  TempDir dir;
  const auto db = dir / "t.db";
  ScopedUmask strict_umask(0377);  // would leave 0400 from 0600
  auto store = open_store(db);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->writer().run(append_item("k", "my leg is numb", 1000)));
  EXPECT_EQ(mode_of(db), 0600);
  EXPECT_EQ(mode_of(with_suffix(db, "-wal")), 0600);
  store->close();
}

TEST(StoragePrivateFiles, AnExistingDatabaseKeepsItsModeAndIsReportedWhenOthersMayReadIt) {
  TempDir dir;
  const auto db = dir / "t.db";
  ASSERT_TRUE(create_private_file(db));
  ASSERT_EQ(::chmod(db.c_str(), 0644), 0);
  ASSERT_EQ(::chmod(dir.path().c_str(), 0700), 0);
  ASSERT_TRUE(create_private_file(db));  // exists: changes nothing
  EXPECT_EQ(mode_of(db), 0644);
  auto exposed = exposed_database_paths(db);
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].path, db);
  EXPECT_EQ(exposed[0].mode, 0644u);
  EXPECT_FALSE(exposed[0].is_directory);

  // A -wal left readable by others (an older version, a copy) is reported too.
  const auto wal = with_suffix(db, "-wal");
  ASSERT_TRUE(create_private_file(wal));
  ASSERT_EQ(::chmod(wal.c_str(), 0640), 0);
  ASSERT_EQ(::chmod(db.c_str(), 0600), 0);
  exposed = exposed_database_paths(db);
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].path, wal);
  EXPECT_EQ(exposed[0].mode, 0640u);
}

TEST(StoragePrivateFiles, ADirectoryOthersMayWriteInIsReported) {
  TempDir dir;
  const auto data = dir / "data";
  std::filesystem::create_directory(data);
  const auto db = data / "t.db";
  ASSERT_TRUE(create_private_file(db));
  ASSERT_EQ(::chmod(data.c_str(), 0755), 0);  // others may list it, not replace files
  EXPECT_TRUE(exposed_database_paths(db).empty());
  ASSERT_EQ(::chmod(data.c_str(), 01777), 0);  // like /tmp
  auto exposed = exposed_database_paths(db);
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].path, data);
  EXPECT_EQ(exposed[0].mode, 01777u);
  EXPECT_TRUE(exposed[0].is_directory);
}

TEST(StoragePrivateFiles, ASymlinkAtThePathIsNotFollowedToCreateAFile) {
  TempDir dir;
  const auto elsewhere = dir / "elsewhere.db";
  const auto db = dir / "t.db";
  std::filesystem::create_symlink(elsewhere, db);
  ASSERT_TRUE(create_private_file(db));  // something is there: left alone
  EXPECT_FALSE(std::filesystem::exists(elsewhere));
}

TEST(StoragePrivateFiles, AMissingDirectoryIsAStorageErrorNamingThePath) {
  TempDir dir;
  const auto db = dir / "missing" / "t.db";
  auto created = create_private_file(db);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, ErrorCode::storage);
  EXPECT_NE(created.error().message.find(db.string()), std::string::npos);
  StoreOptions options;
  options.path = db;
  auto store = Store::open(options);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::storage);
}

}  // namespace
}  // namespace private_files_test
}  // namespace triagebot::storage
