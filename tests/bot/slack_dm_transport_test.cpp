// The Slack transport that opens a person's DM before posting to them
// (bot/channels/slack/dm_transport.h), over a scripted inner transport: the DM is
// opened once per person and remembered, calls to channels pass untouched, and a failed
// open reaches the classifier as Slack's answer (or as a transport error when the answer
// is not Slack's).
#include <gtest/gtest.h>

#include <deque>

#include "adapters/slack/outbound.h"
#include "bot/channels/slack/dm_transport.h"

namespace triagebot::bot {
namespace slack_dm_transport_test {
namespace {

using nlohmann::json;

class DmTransport : public ::testing::Test {
 protected:
  DmTransport() {
    transport_ = dm_opening_transport(
        [this](adapters::OutboundCall call, TransportDone done) {
          sent_.push_back(call);
          TransportResponse answer{200, {}, R"({"ok":true})"};
          if (!answers_.empty()) {
            answer = answers_.front();
            answers_.pop_front();
          }
          done(answer);
        },
        "xoxb-test");
  }

  Result<TransportResponse> post_to(const std::string& channel) {
    auto call = adapters::slack::render_method("xoxb-test", "chat.postMessage",
                                               json{{"channel", channel}, {"text", "Hi"}});
    std::optional<Result<TransportResponse>> got;
    transport_(call, [&](Result<TransportResponse> answer) { got = std::move(answer); });
    return std::move(*got);
  }
  std::string channel_of(std::size_t i) const { return json::parse(sent_.at(i).body)["channel"]; }

  static TransportResponse opened(const std::string& channel) {
    return {200, {}, json{{"ok", true}, {"channel", {{"id", channel}}}}.dump()};
  }

  Transport transport_;
  std::vector<adapters::OutboundCall> sent_;
  std::deque<TransportResponse> answers_;
};

TEST_F(DmTransport, OpensAPersonsDmOnceThenPostsThere) {
  answers_ = {opened("D0DM1")};
  ASSERT_TRUE(post_to("U0PERSON"));
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(sent_[0].path, "/conversations.open");
  EXPECT_EQ(json::parse(sent_[0].body)["users"], "U0PERSON");
  EXPECT_EQ(sent_[1].path, "/chat.postMessage");
  EXPECT_EQ(channel_of(1), "D0DM1");
  EXPECT_EQ(json::parse(sent_[1].body)["text"], "Hi");

  ASSERT_TRUE(post_to("U0PERSON"));  // remembered: no second open
  ASSERT_EQ(sent_.size(), 3u);
  EXPECT_EQ(channel_of(2), "D0DM1");
}

TEST_F(DmTransport, CallsToChannelsPassUntouched) {
  ASSERT_TRUE(post_to("D0DM1"));
  ASSERT_TRUE(post_to("C06CLINIC42"));
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(channel_of(0), "D0DM1");
  EXPECT_EQ(channel_of(1), "C06CLINIC42");
}

TEST_F(DmTransport, ARefusedOpenIsTheAnswerTheClassifierSees) {
  answers_ = {{429, {}, ""}, {200, {}, R"({"ok":false,"error":"user_not_found"})"}};
  auto limited = post_to("U0PERSON");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  auto missing = post_to("U0PERSON");
  ASSERT_TRUE(missing);
  EXPECT_EQ(adapters::slack::classify(missing->status, missing->body, missing->headers).reason,
            "user_not_found");
  EXPECT_EQ(sent_.size(), 2u) << "nothing was posted without a DM";
}

TEST_F(DmTransport, AnOkAnswerWithoutAChannelIsATransportError) {
  answers_ = {{200, {}, R"({"ok":true})"}};
  auto answer = post_to("W0PERSON");
  ASSERT_FALSE(answer);
  EXPECT_EQ(sent_.size(), 1u);
}

TEST(SlackIds, UsersAreUOrW) {
  EXPECT_TRUE(is_slack_user_id("U05MAR1AJ7K"));
  EXPECT_TRUE(is_slack_user_id("W012A3CDE"));
  EXPECT_FALSE(is_slack_user_id("D07QK1M2R3S"));
  EXPECT_FALSE(is_slack_user_id("C06CLINIC42"));
  EXPECT_FALSE(is_slack_user_id("U"));
}

}  // namespace
}  // namespace slack_dm_transport_test
}  // namespace triagebot::bot
