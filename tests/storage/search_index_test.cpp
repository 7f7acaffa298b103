// The search indexer (storage/search_indexer.h): messages become searchable soon after
// they commit, forget and purge take their text out of the search file, ids SQLite hands
// out again are indexed with their new text, the lag is reported, and the writer never
// waits for the search file.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace search_index_test {
namespace {

using testing::at_ms;
using testing::check_search_integrity;
using testing::open_store;
using testing::query_int;
using testing::search_int;
using testing::wait_searchable;
using triagebot::testing::TempDir;
using triagebot::testing::wait_until;

// An indexer that runs only when asked (wait_caught_up) after its first round, so a test
// can line up writes it has not seen yet.
StoreOptions on_demand_indexer(const std::filesystem::path& path) {
  StoreOptions options;
  options.path = path;
  options.search_index.min_interval = std::chrono::hours(1);
  options.search_index.max_interval = std::chrono::hours(1);
  return options;
}

// Appends one message to (widget, key)'s conversation and returns its id.
std::int64_t append(Store& store, const std::string& key, const std::string& text,
                    Direction direction = Direction::user) {
  std::int64_t id = 0;
  auto done = store.writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", key, "user-" + key, at_ms(1000));
    if (!conversation) return conversation.error();
    MessageRecord message;
    message.direction = direction;
    message.text = text;
    message.at = at_ms(1000);
    auto appended = tx.append_message(conversation->id, message);
    if (!appended) return appended.error();
    id = *appended;
    return {};
  });
  EXPECT_TRUE(done) << done.error().message;
  return id;
}

void forget(Store& store, const std::string& key) {
  auto done = store.writer().run([&](WriteTransaction& tx) -> Result<void> {
    auto forgotten = tx.forget_user("widget", "user-" + key);
    return forgotten ? Result<void>() : Result<void>(forgotten.error());
  });
  ASSERT_TRUE(done) << done.error().message;
}

// The ids of the conversations the review finds for `q`.
std::vector<std::int64_t> found(Store& store, const std::string& q) {
  ListFilter filter;
  filter.q = q;
  auto page = store.readers().list_conversations(filter);
  EXPECT_TRUE(page) << page.error().message;
  std::vector<std::int64_t> ids;
  if (page) {
    for (const auto& summary : page->conversations) ids.push_back(summary.id);
  }
  return ids;
}

std::int64_t matches(const std::filesystem::path& db, const std::string& word) {
  return search_int(db,
                    "SELECT COUNT(*) FROM message_text WHERE message_text MATCH '" + word + "'");
}

TEST(StorageSearchIndex, AMessageBecomesSearchableSoonAfterItCommits) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  append(*store, "a", "pins and needles in my calf");
  // Polled, never waited for by name: this is what a reviewer sees.
  EXPECT_TRUE(
      wait_until([&] { return found(*store, "NEEDLES").size() == 1; }, std::chrono::seconds(30)));
  EXPECT_TRUE(wait_until(
      [&] {
        auto lag = store->readers().search_lag(Clock::now());
        return lag && lag->messages == 0;
      },
      std::chrono::seconds(30)));
  store->close();
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

TEST(StorageSearchIndex, ForgetTakesTheTextOutOfTheSearchFileWhileTheServerRuns) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  append(*store, "alice", "alice numb toes");
  append(*store, "alice", "alice numb heel");
  append(*store, "bob", "bob numb knee");
  wait_searchable(*store);
  EXPECT_EQ(matches(dir / "t.db", "alice"), 2);
  forget(*store, "alice");
  EXPECT_TRUE(
      wait_until([&] { return matches(dir / "t.db", "alice") == 0; }, std::chrono::seconds(30)));
  EXPECT_TRUE(found(*store, "numb").size() == 1);
  store->close();
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), 1);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM search_deletions"), 0);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

TEST(StorageSearchIndex, PurgeTakesTheTextOutOfTheSearchFile) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  append(*store, "old", "old numb shin");
  wait_searchable(*store);
  auto purged = store->writer().run([](WriteTransaction& tx) -> Result<void> {
    auto counts = tx.purge_older_than(at_ms(5000));
    return counts ? Result<void>() : Result<void>(counts.error());
  });
  ASSERT_TRUE(purged);
  append(*store, "new", "new numb ankle");  // at 1000 too, but written after the purge
  EXPECT_TRUE(
      wait_until([&] { return matches(dir / "t.db", "shin") == 0; }, std::chrono::seconds(30)));
  wait_searchable(*store);
  EXPECT_EQ(matches(dir / "t.db", "ankle"), 1);
  store->close();
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), 1);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

// `triagebot logs forget` is a one-shot process: its store closes right after the forget,
// and the text must not wait for the next server start to leave the search file.
TEST(StorageSearchIndex, AForgetJustBeforeCloseIsAppliedByClose) {
  TempDir dir;
  auto store = open_store(on_demand_indexer(dir / "t.db"));
  append(*store, "alice", "alice numb toes");
  append(*store, "bob", "bob numb knee");
  wait_searchable(*store);
  forget(*store, "alice");
  EXPECT_EQ(matches(dir / "t.db", "alice"), 1);  // the indexer has not run since
  store->close();
  EXPECT_EQ(matches(dir / "t.db", "alice"), 0);
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), 1);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM search_deletions"), 0);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

// SQLite gives the largest id to the next message once it is deleted. Here the indexer
// learns of the deletion and the new message in the same batch.
TEST(StorageSearchIndex, AnIdReusedBeforeTheIndexerSawTheDeletionIsIndexedWithItsNewText) {
  TempDir dir;
  auto store = open_store(on_demand_indexer(dir / "t.db"));
  append(*store, "bob", "bob first words");
  const auto alice_id = append(*store, "alice", "alice secret words");
  wait_searchable(*store);
  forget(*store, "alice");
  const auto reused = append(*store, "carol", "carol later words");
  ASSERT_EQ(reused, alice_id) << "SQLite did not reuse the id; the test needs it to";
  // Before the indexer runs, the old text at that id still sits in the index, but the
  // review does not lead it to carol's conversation.
  EXPECT_EQ(matches(dir / "t.db", "alice"), 1);
  EXPECT_TRUE(found(*store, "alice secret").empty());
  wait_searchable(*store);
  EXPECT_TRUE(found(*store, "alice secret").empty());
  EXPECT_EQ(found(*store, "carol later").size(), 1u);
  EXPECT_EQ(found(*store, "words").size(), 2u);  // bob and carol
  store->close();
  EXPECT_EQ(matches(dir / "t.db", "alice"), 0);
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text WHERE rowid = " +
                                         std::to_string(reused) + " AND text LIKE 'carol%'"),
            1);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

// Here the indexer applies the deletion first (lowering its watermark), and the id is
// handed out again afterwards.
TEST(StorageSearchIndex, AnIdReusedAfterTheIndexerAppliedTheDeletionIsIndexed) {
  TempDir dir;
  auto store = open_store(on_demand_indexer(dir / "t.db"));
  append(*store, "bob", "bob first words");
  const auto alice_id = append(*store, "alice", "alice secret words");
  wait_searchable(*store);
  forget(*store, "alice");
  wait_searchable(*store);
  const auto reused = append(*store, "carol", "carol later words");
  ASSERT_EQ(reused, alice_id);
  wait_searchable(*store);
  EXPECT_EQ(found(*store, "carol later").size(), 1u);
  store->close();
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), 2);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

// A bot message's id, deleted and handed to a person's message, is indexed too: the log
// holds every deleted id, not only people's.
TEST(StorageSearchIndex, AnIdOnceABotMessagesIsIndexedWhenAPersonsMessageTakesIt) {
  TempDir dir;
  auto store = open_store(on_demand_indexer(dir / "t.db"));
  append(*store, "bob", "bob first words");
  append(*store, "alice", "alice secret words");
  const auto bot_id = append(*store, "alice", "where is the numbness?", Direction::bot);
  wait_searchable(*store);
  forget(*store, "alice");
  append(*store, "carol", "carol second words");
  const auto reused = append(*store, "carol", "carol third words");
  ASSERT_EQ(reused, bot_id);
  wait_searchable(*store);
  EXPECT_EQ(found(*store, "carol third").size(), 1u);
  EXPECT_EQ(found(*store, "carol second").size(), 1u);
  store->close();
  EXPECT_EQ(search_int(dir / "t.db", "SELECT COUNT(*) FROM message_text"), 3);
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

TEST(StorageSearchIndex, TheLagCountsPeoplesMessagesNotYetIndexed) {
  TempDir dir;
  auto store = open_store(on_demand_indexer(dir / "t.db"));
  wait_searchable(*store);
  append(*store, "a", "one numb toe");
  append(*store, "a", "a question", Direction::bot);
  append(*store, "a", "two numb toes");
  auto lag = store->readers().search_lag(at_ms(61000));
  ASSERT_TRUE(lag) << lag.error().message;
  EXPECT_EQ(lag->messages, 2);
  EXPECT_EQ(lag->age, std::chrono::seconds(60));  // the messages are at 1000 ms
  wait_searchable(*store);
  lag = store->readers().search_lag(at_ms(61000));
  ASSERT_TRUE(lag);
  EXPECT_EQ(lag->messages, 0);
  EXPECT_EQ(lag->age, std::chrono::milliseconds(0));
}

// The writer's commits never touch the search file: with its write lock held elsewhere
// (SQLite would make the writer wait 5 s for it, then fail), messages still commit at once.
TEST(StorageSearchIndex, TheWriterNeverWaitsForTheSearchFile) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  wait_searchable(*store);
  {
    SQLite::Database holder(search_file_path(dir / "t.db").string(), SQLite::OPEN_READWRITE);
    holder.exec("BEGIN IMMEDIATE");
    const auto before = std::chrono::steady_clock::now();
    append(*store, "a", "written while the search file is locked");
    append(*store, "b", "and another one");
    EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(3));
    holder.exec("ROLLBACK");
  }
  EXPECT_TRUE(wait_until([&] { return found(*store, "search file is locked").size() == 1; },
                         std::chrono::seconds(30)));
  store->close();
  EXPECT_NO_THROW(check_search_integrity(dir / "t.db"));
}

}  // namespace
}  // namespace search_index_test
}  // namespace triagebot::storage
