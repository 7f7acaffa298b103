// The Socket Mode handler (bot/channels/slack/envelope_handler.h) over a real store and
// pipeline in this process: an envelope is reported done only once its event is
// committed, a redelivered envelope stores nothing twice, a button press queues the
// pressed question's update, a slash command is done once committed with its ephemeral
// answer, and what can never be processed is reported as such.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <future>

#include "adapters/slack/socket_mode.h"
#include "bot/channels/slack/envelope_handler.h"
#include "bot/flow/pipeline.h"
#include "tests/bot/pipeline_fixture.h"
#include "tests/bot/slack_harness.h"
#include "tests/support/temp_dir.h"

namespace triagebot::testing::slack_bot {
namespace slack_envelope_test {
namespace {

using nlohmann::json;

class SlackEnvelopes : public PipelineFixture {
 protected:
  SlackEnvelopes() {
    storage::StoreOptions options;
    options.path = "envelopes.db";
    open_pipeline(options);
    auto identity = std::make_shared<bot::SlackIdentity>();
    identity->token = std::string(kToken);
    identity->bot_user_id = std::string(kBotUser);
    handler_ = bot::slack::make_envelope_handler(*pipeline_, identity);
  }

  std::int64_t count(const std::string& sql) const {
    SQLite::Database db((dir_ / "envelopes.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement statement(db, sql);
    statement.executeStep();
    return statement.getColumn(0).getInt64();
  }

  struct Handled {
    Result<json> result;                      // the acknowledgement's payload (null: none)
    std::int64_t outbox_rows_when_done = -1;  // as another process saw them, at `done`
  };

  // Runs one frame through the handler and waits for its `done`.
  Handled handle(const json& frame) {
    auto envelope = adapters::slack::parse_envelope(frame.dump());
    if (!envelope) throw std::runtime_error(envelope.error().message);
    std::promise<Handled> promise;
    auto future = promise.get_future();
    handler_(*envelope, [&](Result<json> result) {
      promise.set_value({std::move(result), count("SELECT COUNT(*) FROM outbox")});
    });
    return future.get();
  }

  static json envelope(const std::string& id, const std::string& type, json payload,
                       int retry_attempt = 0) {
    return {{"envelope_id", id},
            {"type", type},
            {"payload", std::move(payload)},
            {"accepts_response_payload", false},
            {"retry_attempt", retry_attempt},
            {"retry_reason", retry_attempt > 0 ? "timeout" : ""}};
  }

  bot::slack::EnvelopeHandler handler_;
};

TEST_F(SlackEnvelopes, AnEventIsDoneOnlyOnceCommittedAndARedeliveryStoresNothingTwice) {
  const json event = dm_event("Ev0SOCKET1", "my left leg has been numb for three weeks");
  const auto first = handle(envelope("env-1", "events_api", event));
  ASSERT_TRUE(first.result) << first.result.error().message;
  // Committed before `done`: another connection already sees the replies queued.
  EXPECT_GT(first.outbox_rows_when_done, 0);

  const auto again = handle(envelope("env-2", "events_api", event, /*retry_attempt=*/1));
  ASSERT_TRUE(again.result);
  EXPECT_EQ(again.outbox_rows_when_done, first.outbox_rows_when_done);
  EXPECT_EQ(count("SELECT COUNT(*) FROM processed_events"), 1);
}

TEST_F(SlackEnvelopes, APressContinuesTheInterviewAndQueuesTheUpdateOfThePressedQuestion) {
  ASSERT_TRUE(handle(envelope("env-1", "events_api",
                              dm_event("Ev0SOCKET2", "my left leg has been numb for weeks")))
                  .result);
  const auto pressed = handle(envelope(
      "env-2", "interactive",
      press_payload("1732540122.004100", "unsure", "Not sure", "A question?", "1732540131.1")));
  ASSERT_TRUE(pressed.result) << pressed.result.error().message;
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE json_extract(payload, '$.kind') = "
                  "'update_pressed'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM messages WHERE direction = 'user'"), 2);
}

TEST_F(SlackEnvelopes, IgnoredKindsAreDoneAndStoreNothing) {
  EXPECT_TRUE(
      handle(envelope("env-1", "events_api", subtype_event("Ev0BOT", "bot_message"))).result);
  EXPECT_TRUE(handle(envelope("env-2", "a_type_slack_adds_later", json::object())).result);
  EXPECT_EQ(count("SELECT COUNT(*) FROM processed_events"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 0);
}

TEST_F(SlackEnvelopes, ASlashCommandIsDoneOnceCommittedWithItsEphemeralAnswer) {
  const auto started = handle(envelope("env-1", "slash_commands", slash_command("", "1337.1.a")));
  ASSERT_TRUE(started.result) << started.result.error().message;
  EXPECT_EQ((*started.result)["response_type"], "ephemeral");
  EXPECT_NE((*started.result)["text"].get<std::string>().find("direct message"), std::string::npos);
  // Committed before `done`: the greeting is queued, addressed to the person (their DM
  // is opened on delivery), not to the channel the command was typed in.
  EXPECT_EQ(started.outbox_rows_when_done, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE json_extract(target, '$.user') = '" +
                  std::string(kUser) + "'"),
            1);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM outbox WHERE target LIKE '%" + std::string(kChannel) + "%'"), 0);

  // Slack's redelivery of the same invocation (same trigger_id) is answered alike and
  // stores nothing twice.
  const auto again = handle(envelope("env-1", "slash_commands", slash_command("", "1337.1.a"), 1));
  ASSERT_TRUE(again.result);
  EXPECT_EQ(*again.result, *started.result);
  EXPECT_EQ(again.outbox_rows_when_done, 1);
}

TEST_F(SlackEnvelopes, TriageForgetDeletesWhatTheDirectMessagesForgetDeletes) {
  ASSERT_TRUE(handle(envelope("env-1", "events_api",
                              dm_event("Ev0SOCKET3", "my left leg has been numb for weeks")))
                  .result);
  ASSERT_GT(count("SELECT COUNT(*) FROM messages"), 0);
  const auto forgotten =
      handle(envelope("env-2", "slash_commands", slash_command("forget", "1337.2.b")));
  ASSERT_TRUE(forgotten.result) << forgotten.result.error().message;
  EXPECT_EQ((*forgotten.result)["text"], "Deleted everything you told me.");
  EXPECT_EQ(count("SELECT COUNT(*) FROM messages"), 0);
  // As after /forget in the DM: the interview's queued replies went with it, and only
  // the confirmation waits, on an empty conversation.
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM conversations"), 1);
}

TEST_F(SlackEnvelopes, AnUnknownSubCommandIsAnsweredWithHelpAndStoresNothing) {
  const auto handled =
      handle(envelope("env-1", "slash_commands", slash_command("diagnose me", "1337.3.c")));
  ASSERT_TRUE(handled.result);
  EXPECT_NE((*handled.result)["text"].get<std::string>().find("/triage forget"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM processed_events"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM conversations"), 0);

  json no_user = slash_command("forget", "1337.3.d");
  no_user.erase("user_id");
  const auto refused = handle(envelope("env-2", "slash_commands", no_user));
  ASSERT_FALSE(refused.result);
  EXPECT_EQ(refused.result.error().code, ErrorCode::bad_request);
  EXPECT_EQ(count("SELECT COUNT(*) FROM processed_events"), 0);
}

TEST_F(SlackEnvelopes, APayloadThatIsNotSlacksIsReportedAsABadRequest) {
  const auto handled =
      handle(envelope("env-1", "events_api", json{{"type", "event_callback"}, {"event", 5}}));
  ASSERT_FALSE(handled.result);
  EXPECT_EQ(handled.result.error().code, ErrorCode::bad_request);
  EXPECT_EQ(count("SELECT COUNT(*) FROM processed_events"), 0);
}

}  // namespace
}  // namespace slack_envelope_test
}  // namespace triagebot::testing::slack_bot
