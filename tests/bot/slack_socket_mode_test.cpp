// The Slack Socket Mode loop against a fake Socket Mode server on 127.0.0.1: envelopes
// acknowledged only once the handler reports them committed, disconnect refreshes, lost
// connections and refused app tokens retried with backoff, and a prompt stop(). The
// handler here records what it is given; the Slack channel's own handler (which submits
// to the pipeline) is tested with the channel.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <map>
#include <mutex>

#include "bot/channels/slack/socket_mode_backoff.h"
#include "bot/channels/slack/socket_mode_loop.h"
#include "bot/channels/slack/socket_url.h"
#include "bot/net/websocket_client.h"
#include "tests/support/fake_socket_mode_server.h"
#include "tests/support/wait.h"

namespace triagebot::bot::slack {
namespace slack_socket_mode_test {
namespace {

using nlohmann::json;
using testing::FakeSocketModeServer;
using testing::wait_until;
using namespace std::chrono_literals;

constexpr const char* kAppToken = "xapp-1-A0TRIAGE01-1234567890-s3cr3tappt0ken";
// An envelope type the loop does not hand on: acknowledged at once, a marker in order.
constexpr const char* kUnknownType = "a_type_slack_adds_later";

// An Events API body like platforms/fixtures/slack_socket_events_api.json's payload.
json message_event(const std::string& event_id) {
  return json{{"token", "unused-in-socket-mode"},
              {"team_id", "T0CLINIC1"},
              {"api_app_id", "A0TRIAGE01"},
              {"event",
               {{"type", "message"},
                {"text", "my left foot has been numb since this morning"},
                {"user", "U0PATIENT1"},
                {"ts", "1764755400.000200"},
                {"channel", "D0DMCHAN01"},
                {"event_ts", "1764755400.000200"},
                {"channel_type", "im"}}},
              {"type", "event_callback"},
              {"event_id", event_id},
              {"event_time", 1764755400}};
}

// Stands in for the channel: records each envelope and reports an outcome, either at
// once (the scripted outcomes in order, then success) or when the test says (hold()).
class RecordingHandler {
 public:
  EnvelopeHandler handler() {
    return [this](const adapters::slack::Envelope& envelope, EnvelopeDone done) {
      std::optional<Result<json>> outcome;
      {
        std::lock_guard lock(mutex_);
        seen_.push_back(envelope);
        if (holding_) {
          held_[envelope.envelope_id] = std::move(done);
          return;
        }
        outcome.emplace(json());
        if (!outcomes_.empty()) {
          outcome.emplace(outcomes_.front());
          outcomes_.erase(outcomes_.begin());
        }
      }
      done(*outcome);
    };
  }

  void hold() {
    std::lock_guard lock(mutex_);
    holding_ = true;
  }
  void then(Error error) {
    std::lock_guard lock(mutex_);
    outcomes_.push_back(std::move(error));
  }
  // Reports the held envelope's outcome, as a pipeline's commit would, from this thread.
  void complete(const std::string& envelope_id, Result<json> outcome = json()) {
    EnvelopeDone done;
    {
      std::lock_guard lock(mutex_);
      done = std::move(held_.at(envelope_id));
      held_.erase(envelope_id);
    }
    done(std::move(outcome));
  }

  std::vector<adapters::slack::Envelope> seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  bool wait_for(std::size_t n) const {
    return wait_until([&] { return seen().size() >= n; });
  }
  std::vector<std::string> event_ids() const {
    std::vector<std::string> ids;
    for (const auto& envelope : seen()) ids.push_back(envelope.payload.value("event_id", ""));
    return ids;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<adapters::slack::Envelope> seen_;
  std::vector<Result<json>> outcomes_;
  bool holding_ = false;
  std::map<std::string, EnvelopeDone> held_;
};

std::vector<std::string> ack_ids(const FakeSocketModeServer& server) {
  std::vector<std::string> ids;
  for (const auto& ack : server.acks()) ids.push_back(ack.envelope_id);
  return ids;
}

class SlackSocketMode : public ::testing::Test {
 protected:
  SocketModeOptions options() const {
    return {.api_base = server_.api_base(),
            .app_token = kAppToken,
            .backoff_base = 50ms,
            .backoff_cap = 200ms,
            .call_timeout = 5s};
  }

  void start(SocketModeOptions socket_options) {
    auto made = make_socket_mode_loop(std::move(socket_options), handler_.handler());
    ASSERT_TRUE(made) << made.error().message;
    loop_ = std::move(*made);
    loop_->start();
  }
  void start() { start(options()); }

  FakeSocketModeServer server_;
  RecordingHandler handler_;
  std::unique_ptr<BackgroundLoop> loop_;
};

TEST_F(SlackSocketMode, OpensWithTheAppTokenAndAcknowledgesAnEventOnlyOnceItIsCommitted) {
  handler_.hold();
  start();
  ASSERT_TRUE(server_.wait_for_connections(1));
  ASSERT_EQ(server_.open_calls().size(), 1u);
  EXPECT_EQ(server_.open_calls()[0].authorization, std::string("Bearer ") + kAppToken);

  const std::string event = server_.send_event(1, message_event("Ev0SOCKET001"));
  ASSERT_TRUE(handler_.wait_for(1));
  EXPECT_EQ(handler_.seen()[0].envelope_id, event);
  EXPECT_EQ(handler_.event_ids(), std::vector<std::string>{"Ev0SOCKET001"});

  // A type we do not handle is acknowledged at once; had the event been acknowledged
  // before its commit, that acknowledgement would have come first on the same connection.
  const std::string marker = server_.send_envelope(1, kUnknownType, json::object());
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{marker});

  handler_.complete(event);
  ASSERT_TRUE(server_.wait_for_acks(2));
  EXPECT_EQ(ack_ids(server_), (std::vector<std::string>{marker, event}));
  EXPECT_EQ(handler_.seen().size(), 1u);             // the other envelope never reached the handler
  EXPECT_TRUE(server_.acks()[1].payload.is_null());  // an event's ack carries nothing
}

TEST_F(SlackSocketMode, ASlashCommandIsAcknowledgedOnlyOnceCommittedWithItsAnswerAsPayload) {
  handler_.hold();
  start();
  ASSERT_TRUE(server_.wait_for_connections(1));
  const std::string command =
      server_.send_envelope(1, "slash_commands",
                            {{"command", "/triage"},
                             {"text", "forget"},
                             {"user_id", "U0PATIENT1"},
                             {"team_id", "T0CLINIC1"},
                             {"trigger_id", "13345224609.7384749.8088930838d88f"}});
  ASSERT_TRUE(handler_.wait_for(1));
  EXPECT_EQ(handler_.seen()[0].kind, adapters::slack::EnvelopeKind::slash_commands);
  EXPECT_EQ(handler_.seen()[0].payload["text"], "forget");

  // Nothing goes back before the handler reports the commit: a marker sent after the
  // command is acknowledged first.
  const std::string marker = server_.send_envelope(1, kUnknownType, json::object());
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{marker});

  const json answer{{"response_type", "ephemeral"}, {"text", "Deleted everything you told me."}};
  handler_.complete(command, answer);
  ASSERT_TRUE(server_.wait_for_acks(2));
  EXPECT_EQ(ack_ids(server_), (std::vector<std::string>{marker, command}));
  EXPECT_EQ(server_.acks()[1].payload, answer);
}

TEST_F(SlackSocketMode, ASlashCommandThatCanNeverBeProcessedIsAcknowledgedWithoutAnswer) {
  handler_.then(make_error(ErrorCode::bad_request, "slash command has no user_id"));
  start();
  ASSERT_TRUE(server_.wait_for_connections(1));
  const std::string command = server_.send_envelope(1, "slash_commands", {{"command", "/triage"}});
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{command});
  EXPECT_TRUE(server_.acks()[0].payload.is_null());
}

TEST_F(SlackSocketMode, LeavesAnEnvelopeUnacknowledgedAfterATransientErrorSoSlackResendsIt) {
  handler_.then(make_error(ErrorCode::overloaded, "the writer queue is full"));
  start();
  ASSERT_TRUE(server_.wait_for_connections(1));
  const std::string first = server_.send_event(1, message_event("Ev0SOCKET002"));
  ASSERT_TRUE(handler_.wait_for(1));
  const std::string marker = server_.send_envelope(1, kUnknownType, json::object());
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{marker});

  // Slack's redelivery, which this time commits.
  const std::string again = server_.send_event(1, message_event("Ev0SOCKET002"), 1);
  ASSERT_TRUE(server_.wait_for_acks(2));
  EXPECT_EQ(ack_ids(server_), (std::vector<std::string>{marker, again}));
  ASSERT_EQ(handler_.seen().size(), 2u);
  EXPECT_EQ(handler_.seen()[1].redelivery.attempt, 1);
  EXPECT_NE(first, again);
}

TEST_F(SlackSocketMode, AcknowledgesAnEnvelopeThatCanNeverBeProcessed) {
  handler_.then(make_error(ErrorCode::bad_request, "event has no user"));
  start();
  ASSERT_TRUE(server_.wait_for_connections(1));
  const std::string event = server_.send_event(1, message_event("Ev0SOCKET003"));
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{event});
}

TEST_F(SlackSocketMode, HandsInteractionsToTheHandlerLikeEvents) {
  start();
  ASSERT_TRUE(server_.wait_for_connections(1));
  const std::string press = server_.send_envelope(
      1, "interactive", {{"type", "block_actions"}, {"actions", json::array()}});
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{press});
  ASSERT_EQ(handler_.seen().size(), 1u);
  EXPECT_EQ(handler_.seen()[0].kind, adapters::slack::EnvelopeKind::interactive);
  EXPECT_EQ(handler_.seen()[0].payload["type"], "block_actions");
}

TEST_F(SlackSocketMode, ACommitThatFinishesAfterItsConnectionWasReplacedIsAcknowledgedOnTheNewOne) {
  handler_.hold();
  auto socket_options = options();
  socket_options.backoff_base = 300ms;
  socket_options.backoff_cap = 300ms;
  start(socket_options);
  ASSERT_TRUE(server_.wait_for_connections(1));
  const std::string event = server_.send_event(1, message_event("Ev0BETWEEN"));
  ASSERT_TRUE(handler_.wait_for(1));
  server_.drop(1);
  ASSERT_TRUE(server_.wait_for_connections(2));
  // An acknowledgement racing the loss itself may vanish with the connection; Slack then
  // redelivers the envelope and the commit's dedup answers it. Once the loop is on the
  // new connection, the late commit's acknowledgement goes there.
  handler_.complete(event);
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{event});
  EXPECT_EQ(server_.acks()[0].connection, 2u);
}

TEST_F(SlackSocketMode, IgnoresAnUnreadableFrameAndReadsOn) {
  start();
  ASSERT_TRUE(server_.wait_for_connections(1));
  server_.send_frame(1, "not json at all");
  server_.send_frame(1, R"({"type":"events_api","payload":{}})");  // no envelope_id
  const std::string event = server_.send_event(1, message_event("Ev0SOCKET004"));
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{event});
  EXPECT_EQ(handler_.seen().size(), 1u);
  EXPECT_EQ(server_.connections(), 1u);
}

TEST_F(SlackSocketMode, DisconnectOpensAFreshUrlAtOnceLosingAndRepeatingNothing) {
  auto socket_options = options();
  // A backoff this long would blow the deadlines below: the refresh must not wait.
  socket_options.backoff_base = 20s;
  socket_options.backoff_cap = 20s;
  // Also how long the old connection is still read once the new one is up.
  socket_options.call_timeout = 4s;
  start(socket_options);
  ASSERT_TRUE(server_.wait_for_connections(1));
  const std::string a = server_.send_event(1, message_event("Ev0A"));
  ASSERT_TRUE(server_.wait_for_acks(1));

  // The new connection's hello waits until the test has used the old one.
  server_.set_send_hello(false);
  server_.send_disconnect(1);
  ASSERT_TRUE(server_.wait_for_connections(2, 3s));
  EXPECT_EQ(server_.open_calls().size(), 2u);
  EXPECT_NE(server_.connection_ticket(2), server_.connection_ticket(1));
  EXPECT_EQ(server_.refused_upgrades(), 0u);

  // Slack keeps the old connection open a little while after its warning: what it sends
  // there is handled and acknowledged there until the new one is ready...
  const std::string b = server_.send_event(1, message_event("Ev0B"));
  ASSERT_TRUE(server_.wait_for_acks(2));
  EXPECT_EQ(server_.acks()[1].connection, 1u);
  server_.send_hello(2);
  const std::string c = server_.send_event(2, message_event("Ev0C"));
  ASSERT_TRUE(server_.wait_for_acks(3));
  EXPECT_EQ(server_.acks()[2].connection, 2u);
  // ... and still read once it is, with acknowledgements going over the new one.
  const std::string d = server_.send_event(1, message_event("Ev0D"));
  ASSERT_TRUE(server_.wait_for_acks(4));
  EXPECT_EQ(server_.acks()[3].connection, 2u);
  // The loop closes the old connection itself if Slack does not.
  EXPECT_TRUE(wait_until([&] { return !server_.connection_open(1); }));

  EXPECT_EQ(ack_ids(server_), (std::vector<std::string>{a, b, c, d}));  // each once
  EXPECT_EQ(handler_.event_ids(), (std::vector<std::string>{"Ev0A", "Ev0B", "Ev0C", "Ev0D"}));
  EXPECT_EQ(server_.open_calls().size(), 2u);
  EXPECT_EQ(server_.connections(), 2u);
}

TEST_F(SlackSocketMode, ReconnectsAfterADroppedConnectionWithBackoff) {
  auto socket_options = options();
  socket_options.backoff_base = 300ms;
  socket_options.backoff_cap = 600ms;
  start(socket_options);
  ASSERT_TRUE(server_.wait_for_connections(1));
  server_.drop(1);
  ASSERT_TRUE(server_.wait_for_connections(2));
  const auto opens = server_.open_calls();
  ASSERT_EQ(opens.size(), 2u);
  EXPECT_GE(opens[1].at - server_.connection_closed_at(1), 300ms);

  const std::string event = server_.send_event(2, message_event("Ev0AFTERDROP"));
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{event});
}

TEST_F(SlackSocketMode, ASilentConnectionIsDroppedAfterTheIdleTimeoutAndReopened) {
  // Never read: our pings go unanswered, as on a connection that died without a FIN.
  server_.set_silent_connections(true);
  auto socket_options = options();
  socket_options.idle_timeout = 400ms;
  start(socket_options);
  ASSERT_TRUE(server_.wait_for_connections(1));
  server_.set_silent_connections(false);
  ASSERT_TRUE(server_.wait_for_connections(2));
  const std::string event = server_.send_event(2, message_event("Ev0AFTERSILENCE"));
  ASSERT_TRUE(server_.wait_for_acks(1));
  EXPECT_EQ(ack_ids(server_), std::vector<std::string>{event});
}

TEST_F(SlackSocketMode, ANewConnectionThatNeverSaysHelloIsReplaced) {
  server_.set_send_hello(false);
  auto socket_options = options();
  socket_options.call_timeout = 300ms;
  start(socket_options);
  ASSERT_TRUE(server_.wait_for_connections(1));
  server_.set_send_hello(true);
  ASSERT_TRUE(server_.wait_for_connections(2));
  EXPECT_TRUE(wait_until([&] { return !server_.connection_open(1); }));
}

TEST_F(SlackSocketMode, ARefusedAppTokenIsLoggedWithoutTheTokenAndRetriedWithGrowingBackoff) {
  server_.set_open_error("invalid_auth");
  ::testing::internal::CaptureStderr();
  start();
  const bool retried = wait_until([&] { return server_.open_calls().size() >= 4; });
  server_.set_open_error("");
  const bool connected = server_.wait_for_connections(1);
  loop_->stop();
  const std::string logged = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(retried);
  ASSERT_TRUE(connected);

  const auto opens = server_.open_calls();
  // Delays are drawn from [max(base, ceiling/2), ceiling], the ceiling doubling from 50 ms.
  EXPECT_GE(opens[1].at - opens[0].at, 50ms);
  EXPECT_GE(opens[2].at - opens[1].at, 50ms);
  EXPECT_GE(opens[3].at - opens[2].at, 100ms);
  EXPECT_NE(logged.find("slack.socket_unauthorized"), std::string::npos) << logged;
  EXPECT_NE(logged.find("invalid_auth"), std::string::npos);
  EXPECT_NE(logged.find("TRIAGEBOT_SLACK_APP_TOKEN"), std::string::npos);
  EXPECT_EQ(logged.find("s3cr3tappt0ken"), std::string::npos);
  EXPECT_EQ(logged.find("ticket="), std::string::npos);  // nor the socket's URL
}

TEST_F(SlackSocketMode, StopIsPromptWhileConnectedAndAcknowledgesNothingCommittedAfterIt) {
  handler_.hold();
  start();
  ASSERT_TRUE(server_.wait_for_connections(1));
  const std::string event = server_.send_event(1, message_event("Ev0INFLIGHT"));
  ASSERT_TRUE(handler_.wait_for(1));

  const auto asked = std::chrono::steady_clock::now();
  loop_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 2s);
  EXPECT_TRUE(wait_until([&] { return !server_.connection_open(1); }));

  // The pipeline finishes after the loop is gone: nothing is sent, nothing breaks.
  loop_.reset();
  handler_.complete(event);
  EXPECT_TRUE(server_.acks().empty());
  EXPECT_EQ(server_.connections(), 1u);
}

TEST_F(SlackSocketMode, StopIsPromptWhileBackingOff) {
  server_.set_open_error("invalid_auth");
  auto socket_options = options();
  socket_options.backoff_base = 30s;
  socket_options.backoff_cap = 30s;
  start(socket_options);
  ASSERT_TRUE(wait_until([&] { return server_.open_calls().size() == 1; }));
  const auto asked = std::chrono::steady_clock::now();
  loop_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 2s);
  EXPECT_EQ(server_.open_calls().size(), 1u);
}

TEST(SlackSocketModeConfig, RefusesAnApiBaseThatIsNotHttpsOrLoopback) {
  auto ignore = [](const adapters::slack::Envelope&, EnvelopeDone) {};
  for (const char* base : {"http://slack.example/api", "ftp://127.0.0.1/api", ""}) {
    auto made = make_socket_mode_loop({.api_base = base, .app_token = kAppToken}, ignore);
    ASSERT_FALSE(made) << base;
    EXPECT_EQ(made.error().code, ErrorCode::bad_config);
  }
  EXPECT_TRUE(
      make_socket_mode_loop({.api_base = "https://slack.com/api", .app_token = kAppToken}, ignore));
}

TEST(SlackSocketModeBackoff, StaysBetweenBaseAndCapAndDoubles) {
  std::mt19937_64 random(7);
  for (int draw = 0; draw < 200; ++draw) {
    EXPECT_EQ(backoff_delay(100ms, 1000ms, 1, random), 100ms);
    const auto third = backoff_delay(100ms, 1000ms, 3, random);
    EXPECT_GE(third, 200ms);
    EXPECT_LE(third, 400ms);
    const auto late = backoff_delay(100ms, 1000ms, 60, random);
    EXPECT_GE(late, 500ms);
    EXPECT_LE(late, 1000ms);
  }
  EXPECT_EQ(backoff_delay(5s, 1s, 1, random), 1s);
  EXPECT_EQ(backoff_delay(100ms, 1000ms, 0, random), 100ms);
}

TEST(SlackSocketUrl, TakesWssAndPlainLoopbackOnly) {
  auto wss = socket_url(200, R"({"ok":true,"url":"wss://wss-primary.slack.com/link/?ticket=1"})");
  ASSERT_TRUE(wss);
  EXPECT_EQ(*wss, "wss://wss-primary.slack.com/link/?ticket=1");
  EXPECT_TRUE(socket_url(200, R"({"ok":true,"url":"ws://127.0.0.1:9/link/?ticket=1"})"));
  EXPECT_TRUE(socket_url(200, R"({"ok":true,"url":"ws://[::1]:9/link/?ticket=1"})"));
  auto plain = socket_url(200, R"({"ok":true,"url":"ws://slack.example/link/?ticket=1"})");
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().code, ErrorCode::bad_response);
  auto refused = socket_url(200, R"({"ok":false,"error":"invalid_auth"})");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unauthorized);
}

TEST(WebSocketClientUrl, RefusesPlainWebSocketsBeyondLoopback) {
  boost::asio::io_context io;
  auto plain = net::WebSocketClient::create(io.get_executor(), "ws://slack.example/link");
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().code, ErrorCode::bad_url);
  EXPECT_FALSE(net::WebSocketClient::create(io.get_executor(), "https://slack.example/link"));
  EXPECT_FALSE(net::WebSocketClient::create(io.get_executor(), "wss://slack.example/a#b"));
  EXPECT_TRUE(net::WebSocketClient::create(io.get_executor(), "wss://slack.example/link/?t=1"));
  EXPECT_TRUE(net::WebSocketClient::create(io.get_executor(), "ws://127.0.0.1:9?t=1"));
}

}  // namespace
}  // namespace slack_socket_mode_test
}  // namespace triagebot::bot::slack
