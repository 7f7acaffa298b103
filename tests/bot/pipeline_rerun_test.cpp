// Pipeline items in a batch the writer runs twice (an optimistic attempt that a failing
// neighbour rolled back, then item by item: storage/writer.h). The turns must be stored
// once, counted once in the metrics, leave the session cache as the database is, and
// the next message of each chat must carry on from there.
#include <atomic>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/telegram/inbound.h"
#include "bot/channels/telegram/routes.h"
#include "tests/bot/pipeline_fixture.h"
#include "tests/bot/widget_client.h"
#include "tests/storage/store_fixture.h"
#include "tests/support/wait.h"

namespace triagebot::testing::pipeline_rerun_test {
namespace {

using storage::testing::query_int;
using storage::testing::WriterGate;

class PipelineRerun : public PipelineFixture {
 protected:
  PipelineRerun() {
    storage::StoreOptions options;
    options.path = "rerun.db";
    open_pipeline(options);
  }

  double metric(const std::string& series) {
    return widget_api::metric_value(metrics_.render(), series).value_or(0);
  }

  // Queues one message for each chat in `chats` (update ids from `first_id`), with an
  // item that fails after writing between the first and the rest, all in one batch.
  // Returns how many pipeline submissions succeeded with replies.
  int batch(const std::vector<std::int64_t>& chats, std::int64_t first_id, const std::string& text,
            bool with_failing_item) {
    std::atomic<int> done{0};
    std::atomic<int> answered{0};
    Result<void> failing_result;
    std::atomic<bool> failing_done{false};
    {
      WriterGate gate(store_->writer());
      for (std::size_t i = 0; i < chats.size(); ++i) {
        auto queued =
            pipeline_->submit(bot::telegram_submission(telegram_text(
                                  first_id + static_cast<std::int64_t>(i), chats[i], text)),
                              [&](auto outcome) {
                                if (outcome && outcome->size() == 1 && !(*outcome)[0].duplicate &&
                                    !(*outcome)[0].replies.empty()) {
                                  ++answered;
                                }
                                ++done;
                              });
        EXPECT_TRUE(queued);
        if (i == 0 && with_failing_item) {
          // Writes a row of its own, then fails: the batch is rolled back and rerun.
          EXPECT_TRUE(store_->writer().submit({[](storage::WriteTransaction& tx) -> Result<void> {
                                                 if (auto set = tx.set_value("doomed", "1"); !set)
                                                   return set;
                                                 return make_error(ErrorCode::bad_request,
                                                                   "this item fails");
                                               },
                                               [&](Result<void> r) {
                                                 failing_result = std::move(r);
                                                 failing_done = true;
                                               }}));
        }
      }
    }
    EXPECT_TRUE(wait_until([&] {
      return done.load() == static_cast<int>(chats.size()) &&
             (!with_failing_item || failing_done.load());
    }));
    if (with_failing_item) {
      EXPECT_FALSE(failing_result);
    }
    return answered.load();
  }
};

TEST_F(PipelineRerun, TurnsInARerunBatchAreStoredAndCountedOnce) {
  const std::vector<std::int64_t> chats = {11, 12, 13};
  EXPECT_EQ(batch(chats, 100, "my left leg has been numb for three weeks", true), 3);
  EXPECT_TRUE(wait_until([&] { return store_->writer().stats().items >= 5; }));
  EXPECT_EQ(store_->writer().stats().batches_rerun, 1u);
  // The first chat's turn ran twice on the writer, and counts once.
  EXPECT_EQ(metric("triagebot_conversations_started_total{platform=\"telegram\"}"), 3);
  EXPECT_EQ(metric("triagebot_pipeline_steps_prepared_total{outcome=\"reused\"}") +
                metric("triagebot_pipeline_steps_prepared_total{outcome=\"repeated\"}"),
            3);
  // The session cache holds each conversation as committed.
  for (const auto chat : chats) {
    const auto cached = store_->writer().session_snapshot("telegram", std::to_string(chat));
    ASSERT_NE(cached, nullptr) << chat;
  }

  // The next message of each chat carries on from the stored turn, on the cached state
  // (so its early step is reused), and is stored once.
  EXPECT_EQ(batch(chats, 200, "no", false), 3);
  EXPECT_EQ(metric("triagebot_pipeline_steps_prepared_total{outcome=\"reused\"}"), 6);
  // A redelivered first update is still known: answered as a duplicate, nothing stored.
  EXPECT_EQ(batch({11}, 100, "my left leg has been numb for three weeks", false), 0);
  EXPECT_EQ(metric("triagebot_duplicate_events_total{platform=\"telegram\"}"), 1);

  store_->close();
  const auto db = dir_ / "rerun.db";
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM kv WHERE key = 'doomed'"), 0);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM conversations"), 3);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM processed_events"), 6);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM messages WHERE direction = 'user'"), 6);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM outbox"), 6);
  // Each chat's transcript is its two messages in order, each followed by its replies.
  for (const auto chat : chats) {
    EXPECT_EQ(query_int(db,
                        "SELECT COUNT(*) FROM messages m JOIN conversations c ON"
                        " c.id = m.conversation_id WHERE c.conversation_key = '" +
                            std::to_string(chat) + "' AND m.direction = 'user'"),
              2)
        << chat;
    EXPECT_EQ(query_int(db,
                        "SELECT MIN(m.id) = (SELECT MIN(id) FROM messages WHERE"
                        " conversation_id = c.id) FROM messages m JOIN conversations c ON"
                        " c.id = m.conversation_id WHERE c.conversation_key = '" +
                            std::to_string(chat) + "' AND m.direction = 'user'"),
              1)
        << chat;
  }
}

}  // namespace
}  // namespace triagebot::testing::pipeline_rerun_test
