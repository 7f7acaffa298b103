// The search file itself (storage/search_file.h): private, rebuilt when missing, corrupt
// or another database's, backfilled after migration 7 without holding up the start, and
// a stop in the middle of a backfill prompt, the next start going on from there.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "storage/private_files.h"
#include "storage/schema.h"
#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace search_file_test {
namespace {

using testing::check_search_integrity;
using testing::open_store;
using testing::query_int;
using testing::search_int;
using testing::wait_searchable;
using triagebot::testing::TempDir;
using triagebot::testing::wait_until;

std::size_t found(Store& store, const std::string& q) {
  ListFilter filter;
  filter.q = q;
  auto page = store.readers().list_conversations(filter);
  EXPECT_TRUE(page) << page.error().message;
  return page ? page->conversations.size() : 0;
}

void remove_files(const std::filesystem::path& db, std::initializer_list<const char*> suffixes) {
  for (const char* suffix : suffixes) {
    auto file = db;
    file += suffix;
    std::filesystem::remove(file);
  }
}

unsigned mode_of(const std::filesystem::path& file) {
  struct stat status {};
  if (::stat(file.c_str(), &status) != 0) return 0;
  return status.st_mode & 07777;
}

TEST(StorageSearchFile, IsCreatedBesideTheDatabaseReadableByItsOwnerAlone) {
  TempDir dir;
  const mode_t saved = ::umask(022);
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store->writer().run(testing::append_item("a", "numb toes", 1000)));
  wait_searchable(*store);
  ::umask(saved);
  EXPECT_EQ(search_file_path(dir / "t.db"), dir / "t.db-search");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    auto file = search_file_path(dir / "t.db");
    file += suffix;
    SCOPED_TRACE(file.string());
    EXPECT_EQ(mode_of(file), 0600u);
  }
  // The warning at start names it like the database's own files.
  ASSERT_EQ(::chmod(search_file_path(dir / "t.db").c_str(), 0644), 0);
  const auto exposed = exposed_database_paths(dir / "t.db");
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].path, search_file_path(dir / "t.db"));
}

TEST(StorageSearchFile, ADeletedSearchFileIsRebuiltFromTheDatabase) {
  TempDir dir;
  {
    auto store = open_store(dir / "t.db");
    ASSERT_TRUE(store->writer().run(testing::append_item("a", "numb toes", 1000)));
    ASSERT_TRUE(store->writer().run(testing::append_item("b", "numb heel", 1000)));
    wait_searchable(*store);
  }
  remove_files(search_file_path(dir / "t.db"), {"", "-wal", "-shm"});
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store);
  wait_searchable(*store);
  EXPECT_EQ(found(*store, "numb"), 2u);
  store->close();
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), 2);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

TEST(StorageSearchFile, ACorruptSearchFileIsReplacedNotFatal) {
  TempDir dir;
  {
    auto store = open_store(dir / "t.db");
    ASSERT_TRUE(store->writer().run(testing::append_item("a", "numb toes", 1000)));
  }
  remove_files(search_file_path(dir / "t.db"), {"-wal", "-shm"});
  {
    std::ofstream garbage(search_file_path(dir / "t.db"), std::ios::binary | std::ios::trunc);
    garbage << std::string(8192, 'x');
  }
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store);
  wait_searchable(*store);
  EXPECT_EQ(found(*store, "numb toes"), 1u);
  store->close();
  EXPECT_EQ(mode_of(search_file_path(dir / "t.db")), 0600u);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

// A database replaced under the same path (restored, or started afresh) must not be
// searched through the old one's index.
TEST(StorageSearchFile, AnotherDatabasesSearchFileIsReplaced) {
  TempDir dir;
  {
    auto store = open_store(dir / "t.db");
    ASSERT_TRUE(store->writer().run(testing::append_item("a", "alpha numb toes", 1000)));
    wait_searchable(*store);
  }
  remove_files(dir / "t.db", {"", "-wal", "-shm"});
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store->writer().run(testing::append_item("b", "beta numb heel", 1000)));
  wait_searchable(*store);
  EXPECT_EQ(found(*store, "numb"), 1u);
  store->close();
  EXPECT_EQ(search_int(dir / "t.db",
                       "SELECT COUNT(*) FROM message_text WHERE message_text MATCH 'alpha'"),
            0);
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), 1);
}

// A database made by the previous release (schema 6, its index inside): migration 7
// drops that index, and the indexer fills the search file from what is stored.
TEST(StorageSearchFile, BackfillsADatabaseMigratedFromSchema6) {
  TempDir dir;
  constexpr int kConversations = 3;
  constexpr int kPerConversation = 1000;
  {
    SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    ASSERT_TRUE(migrate(db, 6));
    SQLite::Transaction tx(db);
    for (int c = 1; c <= kConversations; ++c) {
      db.exec(
          "INSERT INTO conversations (id, platform, conversation_key, user_key, started_at,"
          " updated_at, session) VALUES (" +
          std::to_string(c) + ", 'widget', 'k" + std::to_string(c) + "', 'u', 1000, 1000, '{}')");
      for (int m = 0; m < kPerConversation; ++m) {
        db.exec("INSERT INTO messages (conversation_id, direction, text, at) VALUES (" +
                std::to_string(c) + ", 'user', 'message " + std::to_string(m) +
                " of conversation " + std::to_string(c) + "', 1000)");
        db.exec("INSERT INTO messages (conversation_id, direction, text, at) VALUES (" +
                std::to_string(c) + ", 'bot', 'a bot question', 1000)");
      }
    }
    db.exec(
        "INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages"
        " WHERE direction = 'user'");
    tx.commit();
  }
  StoreOptions options;
  options.path = dir / "t.db";
  options.search_index.batch = 500;
  auto store = open_store(options);
  ASSERT_TRUE(store);
  wait_searchable(*store);
  EXPECT_EQ(found(*store, "message 999 of conversation 2"), 1u);
  EXPECT_EQ(found(*store, "bot question"), 0u);
  EXPECT_EQ(store->search_index().stats().indexed,
            static_cast<std::uint64_t>(kConversations * kPerConversation));
  store->close();
  EXPECT_EQ(
      query_int(dir / "t.db", "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'messages_fts%'"),
      0);
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"),
            kConversations * kPerConversation);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

// A big database to backfill neither holds up Store::open nor stop(); the next start
// goes on from the last batch committed.
TEST(StorageSearchFile, StopDuringABackfillIsPromptAndTheNextStartGoesOn) {
  TempDir dir;
  constexpr int kMessages = 40000;
  open_store(dir / "t.db").reset();  // schema 7 and an empty search file
  {
    SQLite::Database db((dir / "t.db").string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction tx(db);
    db.exec(
        "INSERT INTO conversations (id, platform, conversation_key, user_key, started_at,"
        " updated_at, session) VALUES (1, 'widget', 'k', 'u', 1000, 1000, '{}')");
    SQLite::Statement insert(db,
                             "INSERT INTO messages (conversation_id, direction, text, at)"
                             " VALUES (1, 'user', ?, 1000)");
    for (int m = 0; m < kMessages; ++m) {
      insert.bind(1, "numb leg, message number " + std::to_string(m));
      insert.exec();
      insert.reset();
    }
    tx.commit();
  }
  StoreOptions options;
  options.path = dir / "t.db";
  options.search_index.batch = 1000;
  auto store = open_store(options);
  ASSERT_TRUE(store);
  EXPECT_LT(store->search_index().stats().watermark, kMessages) << "open waited for the backfill";
  ASSERT_TRUE(wait_until([&] { return store->search_index().stats().indexed > 0; }));
  const auto before = std::chrono::steady_clock::now();
  store->close();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(5));
  const auto reached = store->search_index().stats().watermark;
  EXPECT_GT(reached, 0);
  EXPECT_LT(reached, kMessages) << "the backfill finished before stop(): nothing was tested";
  EXPECT_EQ(search_int(dir / "t.db", "SELECT watermark FROM index_state"), reached);
  store.reset();

  store = open_store(options);
  ASSERT_TRUE(store);
  wait_searchable(*store);
  EXPECT_EQ(store->search_index().stats().indexed, static_cast<std::uint64_t>(kMessages - reached));
  store->close();
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), kMessages);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

}  // namespace
}  // namespace search_file_test
}  // namespace triagebot::storage
