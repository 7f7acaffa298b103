#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/storage/store_fixture.h"

namespace triagebot::storage {
namespace writer_test {
namespace {

using testing::append_item;
using testing::open_store;
using testing::query_int;
using testing::WriterGate;
using triagebot::testing::TempDir;
using triagebot::testing::wait_until;

TEST(StorageWriter, ConcurrentSubmissionsShareCommits) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  std::atomic<int> completed{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string key = testing::numbered("k", t) + testing::numbered("-", i);
        auto submitted =
            store->writer().submit({append_item(key, "text", 1000), [&](Result<void> r) {
                                      if (!r) ++failed;
                                      ++completed;
                                    }});
        if (!submitted) ++failed;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(wait_until([&] { return completed.load() == kThreads * kPerThread; }));
  EXPECT_EQ(failed.load(), 0);
  const auto stats = store->writer().stats();
  EXPECT_EQ(stats.items, static_cast<std::uint64_t>(kThreads * kPerThread));
  EXPECT_LT(stats.commits, stats.items);
  EXPECT_GT(stats.max_batch, 1u);
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM messages"), kThreads * kPerThread);
}

// Three items queued behind a gate so they run as one batch: each one's result.
struct BatchOfThree {
  std::vector<Result<void>> results = std::vector<Result<void>>(3, Result<void>());
  std::atomic<int> done{0};
  std::function<void(Result<void>)> track(int i) {
    return [this, i](Result<void> r) {
      results[i] = std::move(r);
      ++done;
    };
  }
};

// What an item captured is freed off the writer thread (batch_finisher.h), and nothing
// is left unfreed once the store closes.
TEST(StorageWriter, FinishedItemsAreFreedOffTheWriterThread) {
  struct Captured {
    explicit Captured(std::atomic<std::thread::id>* where) : freed_on(where) {}
    ~Captured() { freed_on->store(std::this_thread::get_id()); }
    std::atomic<std::thread::id>* freed_on;
  };
  TempDir dir;
  auto store = open_store(dir / "t.db");
  std::atomic<std::thread::id> writer_thread{};
  std::atomic<std::thread::id> freed_on{};
  auto captured = std::make_shared<Captured>(&freed_on);
  std::atomic<bool> completed{false};
  ASSERT_TRUE(store->writer().submit(
      {[&writer_thread, captured = std::move(captured)](WriteTransaction&) -> Result<void> {
         writer_thread = std::this_thread::get_id();
         return {};
       },
       [&](Result<void>) { completed = true; }}));
  ASSERT_TRUE(wait_until([&] { return completed.load() && freed_on.load() != std::thread::id(); }));
  EXPECT_NE(freed_on.load(), writer_thread.load());
  EXPECT_NE(freed_on.load(), std::this_thread::get_id());
  store->close();
}

// The store's threads carry names, for top -H, ps -L and perf.
TEST(StorageWriter, TheStoresThreadsAreNamed) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  auto names = [] {
    std::set<std::string> out;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
      std::ifstream comm(task.path() / "comm");
      std::string name;
      std::getline(comm, name);
      out.insert(name);
    }
    return out;
  };
  for (const char* name : {"tb-writer", "tb-checkpoint", "tb-finisher", "tb-search"}) {
    EXPECT_TRUE(wait_until([&] { return names().count(name) == 1; })) << name;
  }
  store->close();
}

// Completions run on the finisher's thread, in the order the items were committed, while
// the writer goes on; one that would wait for the writer is refused instead of hanging.
TEST(StorageWriter, CompletionsRunOffTheWriterThreadInCommitOrder) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  std::atomic<std::thread::id> writer_thread{};
  std::mutex mutex;
  std::vector<int> order;
  std::vector<std::thread::id> completed_on;
  Result<void> nested;
  std::atomic<int> done{0};
  constexpr int kItems = 20;
  for (int i = 0; i < kItems; ++i) {
    ASSERT_TRUE(store->writer().submit(
        {[&writer_thread, i](WriteTransaction& tx) -> Result<void> {
           writer_thread = std::this_thread::get_id();
           return append_item(testing::numbered("k", i % 3), "x", i)(tx);
         },
         [&, i](Result<void> result) {
           EXPECT_TRUE(result);
           if (i == 0) {
             nested = store->writer().run([](WriteTransaction&) -> Result<void> { return {}; });
           }
           std::lock_guard lock(mutex);
           order.push_back(i);
           completed_on.push_back(std::this_thread::get_id());
           ++done;
         }}));
  }
  ASSERT_TRUE(wait_until([&] { return done.load() == kItems; }));
  std::lock_guard lock(mutex);
  for (int i = 0; i < kItems; ++i) EXPECT_EQ(order[i], i);
  for (const auto& id : completed_on) {
    EXPECT_NE(id, writer_thread.load());
    EXPECT_NE(id, std::this_thread::get_id());
  }
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().code, ErrorCode::internal);
  store->close();
}

// A turn's save replaces the conversation's cache entry; the old entry often holds the
// last reference to the session before the turn, which is freed off the writer thread
// too (the finisher takes what the cache displaced).
TEST(StorageWriter, SessionsTheCacheDisplacesAreFreedOffTheWriterThread) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  std::atomic<std::thread::id> writer_thread{};
  std::atomic<std::thread::id> freed_on{};
  auto save = [&](SharedSession session) {
    return store->writer().run([&writer_thread, session = std::move(session)](
                                   WriteTransaction& tx) mutable -> Result<void> {
      writer_thread = std::this_thread::get_id();
      auto conversation = tx.load_or_create_conversation("widget", "k", "k", testing::at_ms(1000));
      if (!conversation) return conversation.error();
      return tx.save_session(conversation->id, std::move(session), testing::at_ms(1000),
                             SummaryUpdate{});
    });
  };
  // The first session records where it is freed; only the cache keeps it once saved.
  ASSERT_TRUE(save(SharedSession(new dialogs::Session(*fresh_session()),
                                 [&freed_on](const dialogs::Session* session) {
                                   freed_on = std::this_thread::get_id();
                                   delete session;
                                 })));
  EXPECT_EQ(freed_on.load(), std::thread::id());
  ASSERT_TRUE(save(fresh_session()));  // replaces the entry
  ASSERT_TRUE(wait_until([&] { return freed_on.load() != std::thread::id(); }));
  EXPECT_NE(freed_on.load(), writer_thread.load());
  EXPECT_NE(freed_on.load(), std::this_thread::get_id());
  store->close();
}

TEST(StorageWriter, FailingItemLeavesItsBatchNeighboursCommitted) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  BatchOfThree batch;
  auto& results = batch.results;
  {
    WriterGate gate(store->writer());  // the next three items queue up as one batch
    auto track = [&](int i) { return batch.track(i); };
    ASSERT_TRUE(store->writer().submit({append_item("a", "first", 1), track(0)}));
    ASSERT_TRUE(store->writer().submit({[](WriteTransaction& tx) -> Result<void> {
                                          auto written = append_item("b", "doomed", 2)(tx);
                                          if (!written) return written;
                                          return make_error(ErrorCode::internal, "this item fails");
                                        },
                                        track(1)}));
    ASSERT_TRUE(store->writer().submit({append_item("c", "third", 3), track(2)}));
  }
  ASSERT_TRUE(wait_until([&] { return batch.done.load() == 3; }));
  EXPECT_TRUE(results[0]);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().code, ErrorCode::internal);
  EXPECT_TRUE(results[2]);
  EXPECT_EQ(store->writer().stats().last_batch, 3u);
  EXPECT_EQ(store->writer().stats().failed_items, 1u);
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM messages"), 2);
  EXPECT_EQ(
      query_int(dir / "t.db", "SELECT COUNT(*) FROM conversations WHERE conversation_key = 'b'"),
      0);
}

// An item whose SQL statement fails (here a message for a conversation that does not
// exist breaks the foreign key) is rolled back alone. The failed statement stays in the
// connection's cache; resetting it must not raise its error again and take the batch.
TEST(StorageWriter, AnItemsFailedStatementLeavesItsNeighboursCommitted) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  BatchOfThree batch;
  auto& results = batch.results;
  {
    WriterGate gate(store->writer());
    auto track = [&](int i) { return batch.track(i); };
    ASSERT_TRUE(store->writer().submit({append_item("a", "first", 1), track(0)}));
    ASSERT_TRUE(store->writer().submit({[](WriteTransaction& tx) -> Result<void> {
                                          MessageRecord orphan;
                                          orphan.text = "no conversation";
                                          auto written = tx.append_message(987654, orphan);
                                          if (!written) return written.error();
                                          return {};
                                        },
                                        track(1)}));
    ASSERT_TRUE(store->writer().submit({append_item("c", "third", 3), track(2)}));
  }
  ASSERT_TRUE(wait_until([&] { return batch.done.load() == 3; }));
  EXPECT_TRUE(results[0]);
  EXPECT_FALSE(results[1]);
  EXPECT_TRUE(results[2]);
  EXPECT_TRUE(store->writer().run(append_item("d", "a later batch", 4)));
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM messages"), 3);
}

TEST(StorageWriter, ThrowingItemIsRolledBackAloneAndReportedAsInternal) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  Result<void> thrown;
  std::atomic<int> done{0};
  {
    WriterGate gate(store->writer());
    ASSERT_TRUE(
        store->writer().submit({append_item("a", "kept", 1), [&](Result<void>) { ++done; }}));
    ASSERT_TRUE(store->writer().submit({[](WriteTransaction& tx) -> Result<void> {
                                          (void)append_item("b", "lost", 2)(tx);
                                          throw std::runtime_error("bug");
                                        },
                                        [&](Result<void> r) {
                                          thrown = std::move(r);
                                          ++done;
                                        }}));
  }
  ASSERT_TRUE(wait_until([&] { return done.load() == 2; }));
  ASSERT_FALSE(thrown);
  EXPECT_EQ(thrown.error().code, ErrorCode::internal);
  store->close();
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM messages"), 1);
}

TEST(StorageWriter, FullQueueAnswersOverloaded) {
  TempDir dir;
  StoreOptions options;
  options.path = dir / "t.db";
  options.queue_capacity = 4;
  auto store = open_store(options);
  std::atomic<int> done{0};
  WriterGate gate(store->writer());
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(store->writer().submit(
        {append_item(testing::numbered("k", i), "x", i), [&](Result<void>) { ++done; }}));
  }
  auto rejected = store->writer().submit({append_item("late", "x", 9), nullptr});
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code, ErrorCode::overloaded);
  EXPECT_EQ(store->writer().stats().rejected, 1u);
  EXPECT_EQ(store->writer().stats().queue_depth, 4u);
  gate.open();
  ASSERT_TRUE(wait_until([&] { return done.load() == 4; }));
  // Room again once the writer drained the queue.
  EXPECT_TRUE(store->writer().run(append_item("later", "x", 10)));
}

TEST(StorageWriter, CloseFinishesEverythingQueued) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  std::atomic<int> ok{0};
  {
    WriterGate gate(store->writer());
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE(store->writer().submit({append_item(testing::numbered("k", i), "x", i),
                                          [&](Result<void> r) { ok += r ? 1 : 0; }}));
    }
  }
  store->close();
  EXPECT_EQ(ok.load(), 20);
  auto late = store->writer().submit({append_item("late", "x", 1), nullptr});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::closed);
  EXPECT_EQ(query_int(dir / "t.db", "SELECT COUNT(*) FROM messages"), 20);
}

TEST(StorageWriter, CompletionSeesTheCommittedRowThroughAReader) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  std::atomic<int> seen{-1};
  ASSERT_TRUE(store->writer().submit({append_item("k", "hello", 1), [&](Result<void> r) {
                                        ASSERT_TRUE(r);
                                        auto found =
                                            store->readers().find_conversation("widget", "k");
                                        seen = found && *found ? 1 : 0;
                                      }}));
  ASSERT_TRUE(wait_until([&] { return seen.load() != -1; }));
  EXPECT_EQ(seen.load(), 1);
}

TEST(StorageWriter, RunOnTheWriterThreadIsRefusedInsteadOfDeadlocking) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  Result<void> inner;
  ASSERT_TRUE(store->writer().run([&](WriteTransaction&) -> Result<void> {
    inner = store->writer().run([](WriteTransaction&) -> Result<void> { return {}; });
    return {};
  }));
  ASSERT_FALSE(inner);
  EXPECT_EQ(inner.error().code, ErrorCode::internal);
}

TEST(StorageWriter, BatchCommittedHookFiresAfterCommits) {
  TempDir dir;
  StoreOptions options;
  options.path = dir / "t.db";
  std::atomic<int> hooks{0};
  options.on_batch_committed = [&] { ++hooks; };
  auto store = open_store(options);
  ASSERT_TRUE(store->writer().run(append_item("k", "x", 1)));
  EXPECT_TRUE(wait_until([&] { return hooks.load() >= 1; }));
}

// The dispatcher is woken by this hook; its own claims are commits too, so a hook that
// fired on every commit kept an idle server claiming (and fsyncing) in a loop.
TEST(StorageWriter, OutboxQueuedHookFiresOnlyAfterCommitsThatQueuedRows) {
  TempDir dir;
  StoreOptions options;
  options.path = dir / "t.db";
  std::atomic<int> hooks{0};
  options.on_outbox_queued = [&] { ++hooks; };
  auto store = open_store(options);
  const auto now = std::chrono::system_clock::now();
  const auto notice = [now](WriteTransaction& tx) -> Result<void> {
    auto queued = tx.enqueue_notice("telegram", {{"chat_id", 1}}, {{"kind", "text_only"}}, now);
    if (!queued) return queued.error();
    return {};
  };
  // Claiming, appending and a rolled-back enqueue queue nothing.
  ASSERT_TRUE(store->writer().run([now](WriteTransaction& tx) -> Result<void> {
    auto claimed = tx.claim_due(now, 10, std::chrono::seconds(60));
    if (!claimed) return claimed.error();
    return {};
  }));
  ASSERT_TRUE(store->writer().run(append_item("k", "x", 1)));
  ASSERT_FALSE(store->writer().run([&](WriteTransaction& tx) -> Result<void> {
    if (auto queued = notice(tx); !queued) return queued;
    return make_error(ErrorCode::bad_request, "rolled back");
  }));
  ASSERT_TRUE(store->writer().run(notice));
  // A batch's hooks run before the writer takes the next batch, so once a later item
  // completed, every earlier hook has run.
  ASSERT_TRUE(store->writer().run(append_item("k", "y", 2)));
  EXPECT_EQ(hooks.load(), 1);
}

// The statements and WAL pages the writer reports (issue 13 counts both per message).
// An item that writes nothing alone in its batch costs the batch's BEGIN and COMMIT (no
// savepoint: writer.h); one that writes adds its statements and appends pages to the log.
TEST(StorageWriter, CountsItsStatementsAndWalPages) {
  TempDir dir;
  auto store = open_store(dir / "t.db");
  ASSERT_TRUE(store->writer().run(append_item("warm", "x", 1)));
  ASSERT_TRUE(wait_until([&] { return store->writer().stats().items == 1; }));
  const auto before = store->writer().stats();
  ASSERT_TRUE(store->writer().run([](WriteTransaction&) -> Result<void> { return {}; }));
  ASSERT_TRUE(wait_until([&] { return store->writer().stats().items == 2; }));
  const auto empty = store->writer().stats();
  EXPECT_EQ(empty.statements - before.statements, 2u);
  EXPECT_EQ(empty.wal_pages_written, before.wal_pages_written);
  ASSERT_TRUE(store->writer().run(append_item("warm", "y", 2)));
  ASSERT_TRUE(wait_until([&] { return store->writer().stats().items == 3; }));
  const auto written = store->writer().stats();
  EXPECT_GT(written.statements - empty.statements, 2u);
  EXPECT_GT(written.wal_pages_written, empty.wal_pages_written);
}

}  // namespace
}  // namespace writer_test
}  // namespace triagebot::storage
