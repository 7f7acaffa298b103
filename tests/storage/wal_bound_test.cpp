// The log's hard bound (storage/checkpointer.h): a writer that commits back to back must
// not let the WAL grow for as long as the load lasts. The bound here is far below the
// checkpointer's own threshold (Checkpointer::kCheckpointPages), so nothing but the
// bound copies the log back while these tests write.
#include <gtest/gtest.h>

#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace wal_bound_test {
namespace {

using testing::open_store;
using triagebot::testing::TempDir;

constexpr int kBoundPages = 64;
// Each item writes a bot message of three pages' worth of text (overflow pages), so 400
// items write ~1,200 pages: past the checkpointer's threshold without the bound. A bot
// message, so that the search indexer, which reads only what people wrote, has nothing
// long to index: its reads are the short ones of an ordinary load.
const std::string kText(12000, 'x');
constexpr int kItems = 400;

WorkFunction long_reply(std::string key, std::int64_t ms) {
  return [key, ms](WriteTransaction& tx) -> Result<void> {
    auto conversation = tx.load_or_create_conversation("widget", key, key, testing::at_ms(ms));
    if (!conversation) return conversation.error();
    MessageRecord message;
    message.direction = Direction::bot;
    message.text = kText;
    message.at = testing::at_ms(ms);
    auto appended = tx.append_message(conversation->id, message);
    if (!appended) return appended.error();
    return {};
  };
}

// `wait`: how long the writer waits for a copy. With no reader in the way a copy ends
// as soon as it is done, so a long wait costs nothing and keeps a busy machine (the
// sanitizer run on two cores) from failing a wait that a quiet one would not.
StoreOptions bounded(const std::filesystem::path& path,
                     std::chrono::milliseconds wait = std::chrono::milliseconds(50)) {
  StoreOptions options;
  options.path = path;
  options.wal_bound_pages = kBoundPages;
  options.wal_bound_wait = wait;
  return options;
}

void write_items(Store& store, int first, int count) {
  for (int i = first; i < first + count; ++i) {
    ASSERT_TRUE(store.writer().run(long_reply(testing::numbered("k", i), 1000 + i)));
  }
}

TEST(StorageWalBound, TheLogStaysNearItsBoundUnderBackToBackCommits) {
  TempDir dir;
  // Migrated and closed first, so the first batch finds none of the migrations' pages
  // in the log (closing the last connection checkpoints and deletes it).
  open_store(dir / "t.db")->close();
  auto store = open_store(bounded(dir / "t.db", std::chrono::seconds(5)));
  write_items(*store, 0, kItems);
  const auto stats = store->writer().stats();
  EXPECT_GT(stats.wal_bound_waits, 0u);
  // At most the bound, plus what one item past it wrote. Unbounded, the log
  // would pass the checkpointer's threshold (Checkpointer::kCheckpointPages).
  EXPECT_LT(stats.wal_peak_pages, static_cast<std::uint64_t>(2 * kBoundPages))
      << "waits " << stats.wal_bound_waits;
  store->close();
}

TEST(StorageWalBound, AReaderThatPinsTheLogDelaysTheBoundButNeverStopsTheWriter) {
  TempDir dir;
  auto store = open_store(bounded(dir / "t.db"));
  write_items(*store, 0, 1);
  {
    // A read transaction on the first commit: no checkpoint may copy past it.
    SQLite::Database reader((dir / "t.db").string(), SQLite::OPEN_READONLY);
    reader.exec("BEGIN");
    SQLite::Statement pin(reader, "SELECT COUNT(*) FROM messages");
    ASSERT_TRUE(pin.executeStep());
    write_items(*store, 1, kItems / 2);
    const auto pinned = store->writer().stats();
    EXPECT_GT(pinned.wal_pages, static_cast<std::uint64_t>(kBoundPages));
    // Each wait that could not copy everything moved the next one a bound further on.
    EXPECT_LE(pinned.wal_bound_waits, pinned.wal_peak_pages / kBoundPages + 1);
    pin.reset();
    reader.exec("COMMIT");
  }
  // Released: the next waits copy the whole log and it starts again from its beginning.
  // A wait lasts at most wal_bound_wait (50 ms here), and on a busy machine under the
  // sanitizers a copy can take longer: the next wait then comes one bound later (the
  // CI's sanitizer run once ended this at 88 pages). So the writes go on until the log
  // is back near its beginning, a few hundred items at most.
  write_items(*store, kItems / 2, kItems / 2);
  int more = 0;
  while (store->writer().stats().wal_pages >= static_cast<std::uint64_t>(kBoundPages + 16) &&
         more < kItems) {
    write_items(*store, kItems + more, 1);
    ++more;
  }
  EXPECT_LT(store->writer().stats().wal_pages, static_cast<std::uint64_t>(kBoundPages + 16))
      << "after " << more << " items more";
  store->close();
}

}  // namespace
}  // namespace wal_bound_test
}  // namespace triagebot::storage
