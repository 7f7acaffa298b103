// The interview step taken before the writer (Pipeline::Prepared): the writer keeps it
// only when the conversation is still what the step saw; otherwise it steps again, so a
// message stepped on a state that another message or a /forget has since replaced is
// answered as if it had waited its turn.
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bot/flow/pipeline.h"
#include "tests/bot/pipeline_fixture.h"
#include "tests/bot/widget_client.h"
#include "tests/storage/store_fixture.h"
#include "tests/support/temp_dir.h"

namespace triagebot::testing {
namespace prepared_step_test {
namespace {

using storage::testing::WriterGate;
using Outcome = std::future<Result<std::vector<bot::EventOutcome>>>;

class PreparedStep : public PipelineFixture {
 protected:
  explicit PreparedStep(std::size_t session_cache_capacity = 10000, std::size_t max_batch = 256) {
    storage::StoreOptions options;
    options.path = "prepared.db";
    options.session_cache_capacity = session_cache_capacity;
    options.max_batch = max_batch;
    open_pipeline(options);
  }

  // Queues one typed message from person "p1" (its step is taken now, on this thread);
  // the future is ready after the commit.
  Outcome send(std::string event_id, std::string text) {
    adapters::InboundEvent event;
    event.platform = adapters::Platform::telegram;
    event.conversation_key = "p1";
    event.user_key = "p1";
    event.event_id = std::move(event_id);
    event.input = dialogs::Input::typed(std::move(text));
    event.at = std::chrono::system_clock::now();
    event.reply_address = nlohmann::json{{"chat_id", 1}};
    bot::Submission submission;
    submission.events.push_back(std::move(event));
    auto done = std::make_shared<std::promise<Result<std::vector<bot::EventOutcome>>>>();
    auto future = done->get_future();
    auto queued = pipeline_->submit(std::move(submission),
                                    [done](auto outcome) { done->set_value(std::move(outcome)); });
    if (!queued) throw std::runtime_error(queued.error().message);
    return future;
  }

  static std::vector<std::string> texts(Outcome& future) {
    auto outcome = future.get();
    if (!outcome || outcome->size() != 1) throw std::runtime_error("no outcome");
    std::vector<std::string> out;
    for (const auto& reply : outcome->front().replies) out.push_back(reply.text);
    return out;
  }

  // The replies dialogs::step gives `text` on `session`, and the session after it.
  std::pair<std::vector<std::string>, dialogs::Session> step(const dialogs::Session& session,
                                                             const std::string& text) const {
    auto turn = dialogs::step(*knowledge_, engine_, session, dialogs::Input::typed(text),
                              std::chrono::system_clock::now());
    std::vector<std::string> out;
    for (const auto& reply : turn.replies) out.push_back(reply.text);
    return {out, turn.next};
  }

  double metric(const std::string& series) {
    return widget_api::metric_value(metrics_.render(), series).value_or(0);
  }

  double steps(const std::string& outcome) {
    return widget_api::metric_value(
               metrics_.render(),
               "triagebot_pipeline_steps_prepared_total{outcome=\"" + outcome + "\"}")
        .value_or(0);
  }
};

constexpr const char* kOpening = "my left leg has been numb for three weeks";
constexpr const char* kAnswer = "yes";

TEST_F(PreparedStep, ASecondMessageSteppedBeforeTheFirstCommittedIsSteppedAgain) {
  const auto [first_replies, after_first] = step(dialogs::Session{}, kOpening);
  const auto expected_second = step(after_first, kAnswer).first;
  // What the second message's early step said, on a conversation that did not exist yet:
  // the test means something only if that differs from the answer in its turn.
  ASSERT_NE(step(dialogs::Session{}, kAnswer).first, expected_second);

  Outcome first, second;
  {
    WriterGate gate(store_->writer());  // both are stepped before either is written
    first = send("1", kOpening);
    second = send("2", kAnswer);
  }
  EXPECT_EQ(texts(first), first_replies);
  EXPECT_EQ(texts(second), expected_second);
  EXPECT_EQ(steps("reused"), 1);
  EXPECT_EQ(steps("repeated"), 1);
}

TEST_F(PreparedStep, AMessageSteppedOnTheCommittedConversationIsWrittenAsStepped) {
  const auto [first_replies, after_first] = step(dialogs::Session{}, kOpening);
  auto first = send("1", kOpening);
  EXPECT_EQ(texts(first), first_replies);
  auto second = send("2", kAnswer);  // the cache now holds the committed conversation
  EXPECT_EQ(texts(second), step(after_first, kAnswer).first);
  EXPECT_EQ(steps("reused"), 2);
  EXPECT_EQ(steps("repeated"), 0);
}

TEST_F(PreparedStep, AMessageSteppedBeforeAForgetIsAnsweredAsANewConversation) {
  auto opened = send("1", kOpening);
  texts(opened);
  const auto [after_opening_replies, after_opening] = step(dialogs::Session{}, kOpening);
  const auto fresh_answer = step(dialogs::Session{}, kAnswer).first;
  ASSERT_NE(step(after_opening, kAnswer).first, fresh_answer);

  Outcome forgotten, answer;
  {
    WriterGate gate(store_->writer());
    forgotten = send("2", "/forget");
    answer = send("3", kAnswer);  // stepped on the conversation the forget deletes
  }
  texts(forgotten);
  EXPECT_EQ(texts(answer), fresh_answer);
  EXPECT_GE(steps("repeated"), 1);
}

TEST_F(PreparedStep, ARedeliveryIsKnownInMemoryAndNotSteppedAndADuplicateAfterARestartStillIs) {
  auto first = send("7", kOpening);
  ASSERT_FALSE(first.get()->front().duplicate);
  auto again = send("7", kOpening);  // e.g. the webhook retried after a timeout
  EXPECT_TRUE(again.get()->front().duplicate);
  EXPECT_EQ(metric("triagebot_pipeline_known_duplicates_total"), 1);
  EXPECT_EQ(steps("reused") + steps("repeated"), 1) << "the redelivery was not stepped";
  // A new process knows nothing in memory: the database's dedup still answers.
  pipeline_.emplace(*store_, *knowledge_, engine_, pipeline_metrics_);
  auto after_restart = send("7", kOpening);
  EXPECT_TRUE(after_restart.get()->front().duplicate);
  EXPECT_EQ(metric("triagebot_pipeline_known_duplicates_total"), 1);
  EXPECT_EQ(widget_api::metric_value(metrics_.render(),
                                     "triagebot_duplicate_events_total{platform=\"telegram\"}")
                .value_or(0),
            2);
}

// Nothing cached (a conversation evicted, or known only to the database after a
// restart): the step reads the committed row through a reader, and the writer keeps it
// while the row still holds exactly the session that was read.
class PreparedStepUncached : public PreparedStep {
 protected:
  PreparedStepUncached() : PreparedStep(/*session_cache_capacity=*/0) {}
};

TEST_F(PreparedStepUncached, AStepTakenOnTheStoredRowIsKeptWhileTheRowIsUnchanged) {
  const auto [first_replies, after_first] = step(dialogs::Session{}, kOpening);
  auto first = send("1", kOpening);
  EXPECT_EQ(texts(first), first_replies);
  auto second = send("2", kAnswer);
  EXPECT_EQ(texts(second), step(after_first, kAnswer).first);
  EXPECT_EQ(steps("reused"), 2);
  EXPECT_EQ(steps("repeated"), 0);
}

TEST_F(PreparedStepUncached, AStepTakenOnARowThatChangedSinceIsTakenAgain) {
  const auto [first_replies, after_first] = step(dialogs::Session{}, kOpening);
  const auto [second_replies, after_second] = step(after_first, kAnswer);
  const auto third_expected = step(after_second, kAnswer).first;
  ASSERT_NE(third_expected, second_replies);
  auto opened = send("1", kOpening);
  EXPECT_EQ(texts(opened), first_replies);
  Outcome second, third;
  {
    WriterGate gate(store_->writer());  // both read the same stored row
    second = send("2", kAnswer);
    third = send("3", kAnswer);
  }
  EXPECT_EQ(texts(second), second_replies);
  EXPECT_EQ(texts(third), third_expected);
  EXPECT_EQ(steps("repeated"), 1);
}

// Nothing cached and one item per transaction: two first messages of one person stepped
// before either committed. The second one's writer finds no row in the cache or its
// batch, so it tries the INSERT first; the row the first one committed is there, so it
// reads that row and steps again on it.
class PreparedStepUncachedOneByOne : public PreparedStep {
 protected:
  PreparedStepUncachedOneByOne() : PreparedStep(/*session_cache_capacity=*/0, /*max_batch=*/1) {}
};

TEST_F(PreparedStepUncachedOneByOne, ANewConversationCreatedMeanwhileIsReadAndSteppedOn) {
  const auto [first_replies, after_first] = step(dialogs::Session{}, kOpening);
  const auto expected_second = step(after_first, kAnswer).first;
  ASSERT_NE(step(dialogs::Session{}, kAnswer).first, expected_second);
  Outcome first, second;
  {
    WriterGate gate(store_->writer());
    first = send("1", kOpening);
    second = send("2", kAnswer);
  }
  EXPECT_EQ(texts(first), first_replies);
  EXPECT_EQ(texts(second), expected_second);
  EXPECT_EQ(steps("repeated"), 1);
  EXPECT_GE(store_->writer().stats().commits, 2u) << "the two items shared a transaction";
}

}  // namespace
}  // namespace prepared_step_test
}  // namespace triagebot::testing
