// Slack Socket Mode end to end: the real binary (`triagebot slack socket`) against a fake
// Socket Mode server that also plays the Web API (tests/support/fake_socket_mode_server.h).
// An envelope is acknowledged only after its event is committed; a `disconnect` and the
// reconnect lose and repeat nothing; SIGTERM exits 0 promptly; a SIGKILL right after the
// acknowledgement still delivers the reply, once, after a restart (issue 12); a slash
// command's acknowledgement comes after its commit and carries its ephemeral answer.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "tests/bot/slack_harness.h"
#include "tests/support/fake_socket_mode_server.h"
#include "tests/support/wait.h"

namespace triagebot::testing::slack_bot {
namespace slack_socket_e2e_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::string_view kAppToken = "xapp-1-A07TRIAGE01-1-TESTapp";
constexpr const char* kOpening = "my left leg has been numb for three weeks";

class SlackSocket : public ::testing::Test {
 protected:
  // `triagebot slack socket` on the test's database (kept across restarts).
  void start(EnvVars extra = {}) {
    EnvVars env = {{"TRIAGEBOT_DB", db_.string()},
                   {"TRIAGEBOT_SLACK_TOKEN", std::string(kToken)},
                   {"TRIAGEBOT_SLACK_APP_TOKEN", std::string(kAppToken)},
                   {"TRIAGEBOT_SLACK_API", fake_.api_base()},
                   // Milliseconds instead of Slack's pace, so deliveries settle quickly.
                   {"TRIAGEBOT_OUTBOX_BACKOFF", "50ms"},
                   {"TRIAGEBOT_OUTBOX_BACKOFF_MAX", "200ms"},
                   {"TRIAGEBOT_OUTBOX_CHAT_INTERVAL", "10ms"}};
    env.insert(env.end(), extra.begin(), extra.end());
    server_ = std::make_unique<ServerProcess>(
        ServerProcessOptions{.args = {"slack", "socket"}, .env = std::move(env)});
    ASSERT_TRUE(server_->wait_for_listening()) << server_->stderr_text();
  }

  std::int64_t query(const std::string& sql) const { return telegram_bot::query_int(db_, sql); }
  // The messages the outbox holds (a turn's replies are one row with a part each).
  std::int64_t outbox_rows() const { return query(telegram_bot::outbox_messages_sql()); }
  std::size_t posts() const { return fake_.api_requests("/chat.postMessage").size(); }

  // Every row went out once: one successful chat.postMessage per row, no two alike.
  void expect_each_reply_once() const {
    const auto calls = fake_.api_requests("/chat.postMessage");
    ASSERT_EQ(calls.size(), static_cast<std::size_t>(outbox_rows()));
    std::set<std::string> bodies;
    for (const auto& call : calls) {
      EXPECT_EQ(call.json()["channel"], kDm);
      bodies.insert(call.body);
    }
    EXPECT_EQ(bodies.size(), calls.size()) << "a reply was sent twice";
  }

  std::set<std::string> acknowledged() const {
    std::set<std::string> ids;
    for (const auto& ack : fake_.acks()) ids.insert(ack.envelope_id);
    return ids;
  }

  FakeSocketModeServer fake_;
  TempDir dir_;
  std::filesystem::path db_ = dir_ / "triagebot.db";
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(SlackSocket, AnEnvelopeIsAcknowledgedOnlyAfterItsEventIsCommitted) {
  start({{"TRIAGEBOT_LOG_LEVEL", "debug"}});  // debug: the envelope's arrival is logged
  ASSERT_TRUE(server_->wait_for_stderr("slack.socket_connected")) << server_->stderr_text();
  std::string id;
  {
    // A second process holds the write lock, so the bot's commit must wait (its
    // busy_timeout is 5 s): an acknowledgement sent now would precede the commit.
    SQLite::Database blocker(db_.string(), SQLite::OPEN_READWRITE, 5000);
    blocker.exec("BEGIN IMMEDIATE");
    id = fake_.send_event(1, dm_event("Ev0SOCK1", kOpening));
    ASSERT_TRUE(server_->wait_for_stderr("slack.socket_envelope")) << server_->stderr_text();
    EXPECT_FALSE(fake_.wait_for_acks(1, 500ms)) << "acknowledged before the commit";
    EXPECT_EQ(query("SELECT COUNT(*) FROM processed_events"), 0);
    blocker.exec("ROLLBACK");
  }
  ASSERT_TRUE(fake_.wait_for_acks(1)) << server_->stderr_text();
  EXPECT_EQ(fake_.acks().front().envelope_id, id);
  // Whatever the acknowledgement followed is in the file, as another connection sees it:
  // the event's dedup row, the person's message and the replies to send.
  EXPECT_EQ(query("SELECT COUNT(*) FROM processed_events"), 1);
  EXPECT_EQ(query("SELECT COUNT(*) FROM messages WHERE direction = 'user'"), 1);
  EXPECT_GT(outbox_rows(), 0);
  ASSERT_TRUE(telegram_bot::wait_until_settled(db_)) << server_->stderr_text();
  expect_each_reply_once();
}

TEST_F(SlackSocket, ASlashCommandIsAcknowledgedAfterItsCommitWithItsEphemeralAnswer) {
  start({{"TRIAGEBOT_LOG_LEVEL", "debug"}});
  ASSERT_TRUE(server_->wait_for_stderr("slack.socket_connected")) << server_->stderr_text();
  std::string id;
  {
    // As above: the commit must wait for this lock, so an early ack would show.
    SQLite::Database blocker(db_.string(), SQLite::OPEN_READWRITE, 5000);
    blocker.exec("BEGIN IMMEDIATE");
    id = fake_.send_envelope(1, "slash_commands", slash_command("", "13345224609.1.socket"));
    ASSERT_TRUE(server_->wait_for_stderr("slack.socket_envelope")) << server_->stderr_text();
    EXPECT_FALSE(fake_.wait_for_acks(1, 500ms)) << "acknowledged before the commit";
    blocker.exec("ROLLBACK");
  }
  ASSERT_TRUE(fake_.wait_for_acks(1)) << server_->stderr_text();
  const auto ack = fake_.acks().front();
  EXPECT_EQ(ack.envelope_id, id);
  EXPECT_EQ(ack.payload, json({{"response_type", "ephemeral"},
                               {"text", "I've started in our direct message: answer me there."}}));
  EXPECT_EQ(query("SELECT COUNT(*) FROM processed_events"), 1);
  EXPECT_EQ(query("SELECT COUNT(*) FROM messages WHERE direction = 'bot'"), 2);
  // The greeting and the first prompt go to the DM opened for the person, not to the
  // channel the command was typed in.
  ASSERT_TRUE(telegram_bot::wait_until_settled(db_)) << server_->stderr_text();
  const auto opened = fake_.api_requests("/conversations.open");
  ASSERT_FALSE(opened.empty());
  EXPECT_EQ(opened.front().json()["users"], kUser);
  const auto calls = fake_.api_requests("/chat.postMessage");
  ASSERT_EQ(calls.size(), 2u);
  for (const auto& call : calls) EXPECT_EQ(call.json()["channel"], "D" + std::string(kUser));
}

TEST_F(SlackSocket, ADisconnectAndTheReconnectLoseAndRepeatNothing) {
  start();
  ASSERT_TRUE(fake_.wait_for_connections(1)) << server_->stderr_text();
  std::set<std::string> sent;
  sent.insert(fake_.send_event(1, dm_event("Ev0SOCK2", kOpening)));
  ASSERT_TRUE(fake_.wait_for_acks(1)) << server_->stderr_text();
  fake_.send_disconnect(1);
  // Slack may still write on the connection it asked us to leave until it closes it.
  sent.insert(fake_.send_event(1, dm_event("Ev0SOCK3", "it started three weeks ago")));
  ASSERT_TRUE(fake_.wait_for_connections(2)) << server_->stderr_text();
  EXPECT_NE(fake_.connection_ticket(2), fake_.connection_ticket(1)) << "a fresh URL";
  // On the new connection Slack redelivers the first event (for all it knows its
  // acknowledgement was lost) and sends a new one.
  sent.insert(fake_.send_event(2, dm_event("Ev0SOCK2", kOpening), 1));
  sent.insert(fake_.send_event(2, dm_event("Ev0SOCK4", "no")));
  ASSERT_TRUE(fake_.wait_for_acks(4)) << server_->stderr_text();
  EXPECT_EQ(acknowledged(), sent);
  EXPECT_EQ(query("SELECT COUNT(*) FROM processed_events"), 3);
  EXPECT_EQ(query("SELECT COUNT(*) FROM messages WHERE direction = 'user'"), 3);
  ASSERT_TRUE(telegram_bot::wait_until_settled(db_)) << server_->stderr_text();
  expect_each_reply_once();
}

TEST_F(SlackSocket, SigtermExitsZeroPromptlyWhileConnectedAndDelivering) {
  // A reply the Web API keeps refusing: the outbox is backing off when SIGTERM comes.
  fake_.set_unavailable("/chat.postMessage");
  start();
  ASSERT_TRUE(fake_.wait_for_connections(1)) << server_->stderr_text();
  fake_.send_event(1, dm_event("Ev0SOCK5", kOpening));
  ASSERT_TRUE(fake_.wait_for_acks(1)) << server_->stderr_text();
  ASSERT_TRUE(wait_until([&] { return fake_.unavailable_answers() > 0; }));
  const auto asked = std::chrono::steady_clock::now();
  server_->terminate();
  // Loose: a sanitizer build on two busy cores; Slack's own idle timeout is 30 s.
  EXPECT_EQ(server_->wait_for_exit(10s), 0) << server_->stderr_text();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 10s);
  EXPECT_TRUE(server_->wait_for_output_end());
  EXPECT_NE(server_->stderr_text().find("slack.socket_stopped"), std::string::npos)
      << server_->stderr_text();
}

TEST_F(SlackSocket, AKillRightAfterTheAcknowledgementStillDeliversTheReplyOnceAfterARestart) {
  // Nothing goes out before the kill: the reply is owed only by what was committed.
  fake_.set_unavailable("/chat.postMessage");
  start();
  ASSERT_TRUE(fake_.wait_for_connections(1)) << server_->stderr_text();
  const json event = dm_event("Ev0SOCK6", kOpening);
  fake_.send_event(1, event);
  ASSERT_TRUE(fake_.wait_for_acks(1)) << server_->stderr_text();
  server_->kill();
  EXPECT_EQ(server_->wait_for_exit(), 128 + 9);
  EXPECT_EQ(posts(), 0u);
  const std::int64_t rows = outbox_rows();
  ASSERT_GT(rows, 0) << "acknowledged, so its replies were committed";

  fake_.set_unavailable("");
  start();
  // The restart alone sends what is owed, before anything new arrives.
  ASSERT_TRUE(telegram_bot::wait_until_settled(db_)) << server_->stderr_text();
  expect_each_reply_once();
  // Slack may send the event once more (the connection died right after the ack).
  ASSERT_TRUE(fake_.wait_for_connections(2)) << server_->stderr_text();
  fake_.send_event(2, event, 1);
  ASSERT_TRUE(fake_.wait_for_acks(2)) << server_->stderr_text();
  EXPECT_EQ(outbox_rows(), rows) << "the redelivery added nothing";
  expect_each_reply_once();
  server_->terminate();
  EXPECT_EQ(server_->wait_for_exit(), 0) << server_->stderr_text();
}

}  // namespace
}  // namespace slack_socket_e2e_test
}  // namespace triagebot::testing::slack_bot
