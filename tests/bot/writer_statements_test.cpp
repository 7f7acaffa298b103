// What a Telegram message costs the storage writer (issue 13: at most 3-4 statements per
// message; four here, and two more at the first assessment), measured through the real
// pipeline:
// Telegram updates parsed from their JSON, the channel's own submission, the writer's statements
// and WAL pages from its stats. Each round holds the writer behind a gate while one message per
// chat is queued, so a round is one batch whatever the machine's speed, and the bound cannot drift
// with timing. TRIAGEBOT_WRITER_CHATS / TRIAGEBOT_WRITER_ROUNDS make it a measurement run by hand
// (docs/architecture.md, "Statements per message").
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/telegram/inbound.h"
#include "bot/channels/telegram/routes.h"
#include "tests/bot/pipeline_fixture.h"
#include "tests/storage/store_fixture.h"
#include "tests/support/wait.h"

namespace triagebot::testing::writer_statements_test {
namespace {

using storage::testing::WriterGate;

int env_or(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value && std::atoi(value) > 0 ? std::atoi(value) : fallback;
}

// The interview's opening and a few answers: every message gets a reply or two.
const std::vector<std::string> kTexts = {
    "my left leg has been numb for three weeks", "no", "yes", "no", "about a month", "no", "yes"};

class WriterStatements : public PipelineFixture {
 protected:
  WriterStatements() {
    storage::StoreOptions options;
    options.path = "statements.db";
    open_pipeline(options);
  }

  // The writer's stats once it has counted every item submitted so far (completions
  // fire before it counts them).
  storage::WriterStats settled(std::uint64_t items) {
    EXPECT_TRUE(wait_until([&] { return store_->writer().stats().items >= items; }));
    return store_->writer().stats();
  }

  // CPU time of the writer thread so far: read by an item, on that thread.
  std::chrono::microseconds writer_cpu() {
    std::chrono::microseconds cpu{};
    EXPECT_TRUE(store_->writer().run([&](storage::WriteTransaction&) -> Result<void> {
      rusage usage{};
      getrusage(RUSAGE_THREAD, &usage);
      cpu = std::chrono::seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
            std::chrono::microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
      return {};
    }));
    return cpu;
  }

  // One message to each of `chats` chats, queued while the writer waits, then let go.
  // Returns how many of the turns gave an assessment.
  int round(int chats, int index, std::int64_t& update_id) {
    std::atomic<int> done{0};
    std::atomic<int> failed{0};
    std::atomic<int> assessed{0};
    {
      WriterGate gate(store_->writer());
      for (int chat = 1; chat <= chats; ++chat) {
        const auto& text = kTexts[static_cast<std::size_t>(index) % kTexts.size()];
        auto queued = pipeline_->submit(
            bot::telegram_submission(telegram_text(++update_id, chat, text)), [&](auto outcome) {
              if (!outcome || outcome->size() != 1 || (*outcome)[0].replies.empty()) {
                ++failed;
              } else {
                for (const auto& reply : (*outcome)[0].replies) {
                  if (reply.assessment) ++assessed;
                }
              }
              ++done;
            });
        EXPECT_TRUE(queued);
      }
    }
    EXPECT_TRUE(wait_until([&] { return done.load() == chats; }));
    EXPECT_EQ(failed.load(), 0);
    return assessed.load();
  }
};

TEST_F(WriterStatements, ATelegramMessageCostsTheWriterFourStatements) {
  const int chats = env_or("TRIAGEBOT_WRITER_CHATS", 50);
  const int rounds = env_or("TRIAGEBOT_WRITER_ROUNDS", 5);
  std::int64_t update_id = 1000;
  round(1, 0, update_id);  // prepares the writer's statements
  const auto cpu_before = writer_cpu();
  std::uint64_t items = 3;  // the first round's gate and message, and writer_cpu's item
  const auto before = settled(items);
  int assessments = 0;
  for (int r = 0; r < rounds; ++r) {
    const auto round_before = settled(items).statements;
    const int assessed = round(chats, r, update_id);
    assessments += assessed;
    items += 1 + static_cast<std::uint64_t>(chats);  // the gate and the messages
    // Per message: the dedup row, the turn's messages in one INSERT, the conversation (its
    // INSERT with the first turn, listing the ids its messages will take; the session's
    // UPDATE after, which also lists the turn's messages: migration 16), the outbox row.
    // A turn that gives the first assessment also reads the person's messages for the
    // review statistics (how many, and when the first was): at most two SELECTs. Per
    // batch (the gate's and the round's): BEGIN and COMMIT.
    const auto ran = settled(items).statements - round_before;
    EXPECT_LE(ran, 4u * static_cast<std::uint64_t>(chats) +
                       2u * static_cast<std::uint64_t>(assessed) + 4u)
        << "round " << r;
  }
  const auto after = settled(items);
  const auto cpu_after = writer_cpu();
  const double messages = static_cast<double>(chats) * rounds;
  const double statements = static_cast<double>(after.statements - before.statements) / messages;
  const double wal_bytes =
      static_cast<double>(after.wal_pages_written - before.wal_pages_written) * 4096 / messages;
  const double cpu_us = static_cast<double>((cpu_after - cpu_before).count()) / messages;
  std::cout << "writer per Telegram message (" << chats << " chats x " << rounds << " rounds, "
            << assessments << " assessments): " << statements << " statements, " << wal_bytes
            << " WAL bytes, " << cpu_us << " us CPU\n";
  RecordProperty("statements_per_message", std::to_string(statements));
  RecordProperty("wal_bytes_per_message", std::to_string(wal_bytes));
  EXPECT_GT(assessments, 0) << "the messages should reach an assessment";
  EXPECT_EQ(after.failed_items, 0u);
  store_->close();
  const auto db = dir_ / "statements.db";
  const auto total = static_cast<std::int64_t>(messages) + 1;
  EXPECT_EQ(storage::testing::query_int(db, "SELECT COUNT(*) FROM processed_events"), total);
  EXPECT_EQ(
      storage::testing::query_int(db, "SELECT COUNT(*) FROM messages WHERE direction = 'user'"),
      total);
  EXPECT_EQ(storage::testing::query_int(db, "SELECT COUNT(*) FROM outbox"), total);
}

}  // namespace
}  // namespace triagebot::testing::writer_statements_test
