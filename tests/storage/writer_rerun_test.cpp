// Optimistic batches (storage/writer.h): a batch runs without a savepoint per item, and
// only when an item fails is it rolled back whole and run again item by item. These
// tests check that the first attempt leaves nothing behind (rows, session cache, cache
// statistics) and that the second commits each good item exactly once.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <atomic>
#include <string>
#include <vector>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage::testing::writer_rerun_test {
namespace {

using triagebot::testing::TempDir;
using triagebot::testing::wait_until;

constexpr int kItems = 5;
constexpr int kFailing = 2;  // the middle one

std::string key_of(int i) { return numbered("c", i); }

// Loads (or creates) conversation c<i>, appends one message and saves a session that
// names the message, as a pipeline turn does; the failing item then returns an error.
WorkFunction turn(int i, std::string text, std::int64_t ms, bool fail, std::atomic<int>& runs) {
  return [i, text, ms, fail, &runs](WriteTransaction& tx) -> Result<void> {
    ++runs;
    auto conversation = tx.load_or_create_conversation("widget", key_of(i), "u", at_ms(ms));
    if (!conversation) return conversation.error();
    MessageRecord message;
    message.text = text;
    message.at = at_ms(ms);
    if (auto appended = tx.append_message(conversation->id, message); !appended) {
      return appended.error();
    }
    dialogs::Session session = *conversation->session;
    session.red_flags.push_back(text);
    if (auto saved = tx.save_session(conversation->id, session, at_ms(ms), SummaryUpdate{});
        !saved) {
      return saved;
    }
    if (fail) return make_error(ErrorCode::bad_request, "this item fails");
    return {};
  };
}

struct Batch {
  std::array<Result<void>, kItems> results{};
  std::array<std::atomic<int>, kItems> runs{};
  std::atomic<int> done{0};
};

// Submits one turn per conversation as a single batch (behind a gate) and waits.
void run_batch(Store& store, Batch& batch, const std::string& text, std::int64_t ms, int failing) {
  {
    WriterGate gate(store.writer());
    for (int i = 0; i < kItems; ++i) {
      ASSERT_TRUE(store.writer().submit(
          {turn(i, text, ms, i == failing, batch.runs[i]), [&batch, i](Result<void> r) {
             batch.results[i] = std::move(r);
             ++batch.done;
           }}));
    }
  }
  ASSERT_TRUE(wait_until([&] { return batch.done.load() == kItems; }));
}

// The writer's stats once it has counted `items` (completions fire before it counts).
WriterStats settled_stats(Store& store, std::uint64_t items) {
  EXPECT_TRUE(wait_until([&] { return store.writer().stats().items >= items; }));
  return store.writer().stats();
}

std::int64_t messages_of(const std::filesystem::path& db, int i) {
  return query_int(db,
                   "SELECT COUNT(*) FROM messages m JOIN conversations c"
                   " ON c.id = m.conversation_id WHERE c.conversation_key = '" +
                       key_of(i) + "'");
}

std::int64_t id_of(const std::filesystem::path& db, int i) {
  return query_int(db, "SELECT COALESCE(MAX(id), 0) FROM conversations WHERE conversation_key = '" +
                           key_of(i) + "'");
}

TEST(WriterRerun, AFailingItemInTheMiddleFailsAloneAndItsNeighboursCommitOnce) {
  TempDir dir;
  const auto db = dir / "t.db";
  auto store = open_store(db);
  Batch first;
  run_batch(*store, first, "first", 1, kFailing);
  for (int i = 0; i < kItems; ++i) {
    if (i == kFailing) {
      ASSERT_FALSE(first.results[i]);
      EXPECT_EQ(first.results[i].error().code, ErrorCode::bad_request);
    } else {
      EXPECT_TRUE(first.results[i]) << i;
    }
    // Run optimistically up to the failing item, then all again item by item.
    EXPECT_EQ(first.runs[i].load(), i <= kFailing ? 2 : 1) << i;
  }
  auto stats = settled_stats(*store, 1 + kItems);  // the gate and the batch
  EXPECT_EQ(stats.batches_rerun, 1u);
  EXPECT_EQ(stats.failed_items, 1u);
  EXPECT_EQ(stats.failed_commits, 0u);
  // Each conversation was looked for once, though items 0-2 ran twice.
  EXPECT_EQ(stats.cache_misses, static_cast<std::uint64_t>(kItems));
  EXPECT_EQ(stats.cache_hits, 0u);

  for (int i = 0; i < kItems; ++i) {
    const auto cached = store->writer().session_snapshot("widget", key_of(i));
    if (i == kFailing) {
      EXPECT_EQ(messages_of(db, i), 0);
      EXPECT_EQ(id_of(db, i), 0) << "the failing item's conversation was rolled back";
      EXPECT_EQ(cached, nullptr) << "the failing item's session must not be cached";
      continue;
    }
    EXPECT_EQ(messages_of(db, i), 1) << i;
    // The cache holds exactly the committed conversation: its row and its session.
    ASSERT_NE(cached, nullptr) << i;
    EXPECT_EQ(cached->id, id_of(db, i)) << i;
    EXPECT_EQ(cached->session->red_flags, std::vector<std::string>{"first"}) << i;
  }

  // A second message to each conversation: the four are found in the cache (same rows),
  // the one that failed starts afresh.
  Batch second;
  run_batch(*store, second, "second", 2, -1);
  for (int i = 0; i < kItems; ++i) {
    EXPECT_TRUE(second.results[i]) << i;
    EXPECT_EQ(second.runs[i].load(), 1) << i;
  }
  stats = settled_stats(*store, 2 * (1 + kItems));
  EXPECT_EQ(stats.batches_rerun, 1u);
  EXPECT_EQ(stats.cache_hits, static_cast<std::uint64_t>(kItems - 1));
  for (int i = 0; i < kItems; ++i) {
    const auto cached = store->writer().session_snapshot("widget", key_of(i));
    ASSERT_NE(cached, nullptr) << i;
    EXPECT_EQ(cached->id, id_of(db, i)) << i;
    const std::vector<std::string> expected = i == kFailing
                                                  ? std::vector<std::string>{"second"}
                                                  : std::vector<std::string>{"first", "second"};
    EXPECT_EQ(cached->session->red_flags, expected) << i;
  }
  store->close();
  for (int i = 0; i < kItems; ++i) EXPECT_EQ(messages_of(db, i), i == kFailing ? 1 : 2) << i;
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM conversations"), kItems);
  // The stored sessions agree with what the cache held.
  for (int i = 0; i < kItems; ++i) {
    EXPECT_EQ(query_int(db,
                        "SELECT json_array_length(session, '$.red_flags') FROM conversations"
                        " WHERE conversation_key = '" +
                            key_of(i) + "'"),
              i == kFailing ? 1 : 2)
        << i;
  }
}

// A trigger that makes SQLite roll back the whole transaction (as disk full or an I/O
// error may): the careful attempt cannot keep the neighbours, so the batch fails whole,
// leaves nothing behind, and the next batch works.
TEST(WriterRerun, ABatchThatSQLiteRollsBackWholeFailsWholeAndLeavesNothingBehind) {
  TempDir dir;
  const auto db = dir / "t.db";
  open_store(db)->close();
  {
    SQLite::Database raw(db.string(), SQLite::OPEN_READWRITE);
    raw.exec(
        "CREATE TRIGGER doom BEFORE INSERT ON messages WHEN NEW.text = 'doom'"
        " BEGIN SELECT RAISE(ROLLBACK, 'doomed'); END");
  }
  auto store = open_store(db);
  // Item 2 writes 'doom' on its first attempt, so both attempts end in a rollback.
  std::atomic<int> doomed_runs{0};
  Batch batch;
  {
    WriterGate gate(store->writer());
    for (int i = 0; i < kItems; ++i) {
      auto work = i == kFailing ? turn(i, "doom", 1, false, doomed_runs)
                                : turn(i, "kept", 1, false, batch.runs[i]);
      ASSERT_TRUE(store->writer().submit({work, [&batch, i](Result<void> r) {
                                            batch.results[i] = std::move(r);
                                            ++batch.done;
                                          }}));
    }
  }
  ASSERT_TRUE(wait_until([&] { return batch.done.load() == kItems; }));
  for (int i = 0; i < kItems; ++i) {
    ASSERT_FALSE(batch.results[i]) << i;
    EXPECT_EQ(batch.results[i].error().code, ErrorCode::storage) << i;
    EXPECT_EQ(store->writer().session_snapshot("widget", key_of(i)), nullptr) << i;
  }
  EXPECT_EQ(doomed_runs.load(), 2);
  const auto stats = settled_stats(*store, 1 + kItems);
  EXPECT_EQ(stats.batches_rerun, 1u);
  EXPECT_EQ(stats.failed_commits, 1u);
  EXPECT_EQ(stats.commits, 1u) << "only the gate's batch committed";
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM conversations"), 0);

  // The next batch, without the doomed text, commits every item once.
  Batch again;
  run_batch(*store, again, "kept", 2, -1);
  for (int i = 0; i < kItems; ++i) {
    EXPECT_TRUE(again.results[i]) << i;
    EXPECT_EQ(again.runs[i].load(), 1) << i;
    const auto cached = store->writer().session_snapshot("widget", key_of(i));
    ASSERT_NE(cached, nullptr) << i;
    EXPECT_EQ(cached->session->red_flags, std::vector<std::string>{"kept"}) << i;
  }
  store->close();
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM messages"), kItems);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM conversations"), kItems);
}

// An item that throws mid-way is treated like one that failed: its writes of the first
// attempt are gone, and so are those of the items before it that the rerun repeats.
TEST(WriterRerun, AThrowingItemIsRerunLikeAFailingOne) {
  TempDir dir;
  const auto db = dir / "t.db";
  auto store = open_store(db);
  std::array<std::atomic<int>, 3> runs{};
  std::array<Result<void>, 3> results{};
  std::atomic<int> done{0};
  {
    WriterGate gate(store->writer());
    auto track = [&](int i) {
      return [&, i](Result<void> r) {
        results[i] = std::move(r);
        ++done;
      };
    };
    ASSERT_TRUE(store->writer().submit({turn(0, "a", 1, false, runs[0]), track(0)}));
    ASSERT_TRUE(store->writer().submit({[&](WriteTransaction& tx) -> Result<void> {
                                          (void)turn(1, "b", 1, false, runs[1])(tx);
                                          throw std::runtime_error("bug");
                                        },
                                        track(1)}));
    ASSERT_TRUE(store->writer().submit({turn(2, "c", 1, false, runs[2]), track(2)}));
  }
  ASSERT_TRUE(wait_until([&] { return done.load() == 3; }));
  EXPECT_TRUE(results[0]);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().code, ErrorCode::internal);
  EXPECT_TRUE(results[2]);
  EXPECT_EQ(runs[0].load(), 2);
  EXPECT_EQ(runs[1].load(), 2);
  EXPECT_EQ(runs[2].load(), 1);
  store->close();
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM messages"), 2);
  EXPECT_EQ(id_of(db, 1), 0);
}

// Without a failure nothing runs twice and no item pays for a savepoint: BEGIN, the
// items' own statements and COMMIT.
TEST(WriterRerun, ABatchWithoutFailuresRunsOnceWithoutSavepoints) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store->writer().run([](WriteTransaction&) -> Result<void> { return {}; }));
  const auto before = settled_stats(*store, 1);
  std::atomic<int> empty_runs{0};
  {
    WriterGate gate(store->writer());
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(store->writer().submit({[&](WriteTransaction&) -> Result<void> {
                                            ++empty_runs;
                                            return {};
                                          },
                                          nullptr}));
    }
  }
  ASSERT_TRUE(store->writer().run([](WriteTransaction&) -> Result<void> { return {}; }));
  const auto after = settled_stats(*store, 1 + 1 + 3 + 1);
  EXPECT_EQ(empty_runs.load(), 3);
  // BEGIN and COMMIT per batch (the gate's, the three's, the last run's, which may have
  // joined the three), nothing per item.
  EXPECT_GE(after.commits - before.commits, 2u);
  EXPECT_EQ(after.statements - before.statements, 2 * (after.commits - before.commits));
  EXPECT_EQ(after.batches_rerun, 0u);
}

}  // namespace
}  // namespace triagebot::storage::testing::writer_rerun_test
