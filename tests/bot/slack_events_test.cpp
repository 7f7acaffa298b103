// Slack over HTTP end to end: the real binary (`triagebot serve`) gets signed Events API
// and interactivity requests and answers through the outbox to a fake Web API — the
// signature check, url_verification, a whole DM interview by buttons with the pressed
// questions updated, mentions in channels (privacy), ignored kinds, retries answered
// once, and red flags (PLATFORMS.md §2, issue 12).
#include <gtest/gtest.h>

#include <algorithm>

#include "adapters/slack/outbound.h"
#include "tests/bot/slack_harness.h"
#include "tests/support/wait.h"

namespace triagebot::testing::slack_bot {
namespace slack_events_test {
namespace {

using nlohmann::json;

class SlackEvents : public ::testing::Test {
 protected:
  SlackEvents() { script_slack_api(fake_); }

  void deliver(const json& event) {
    const auto answer = bot().post_event(event);
    ASSERT_EQ(answer.status, 200) << answer.body;
  }
  std::string next_event_id() { return "Ev0TEST" + std::to_string(++events_); }
  std::string next_ts() { return "1732540122.00" + std::to_string(1000 + ++presses_); }

  // The first DM post at or after `from` that carries buttons or is the assessment.
  json wait_for_turn_end(std::size_t from) {
    json found;
    EXPECT_TRUE(wait_until([&] {
      const auto posts = dm_posts(fake_);
      for (std::size_t i = from; i < posts.size(); ++i) {
        if (has_buttons(posts[i]) || is_assessment(posts[i])) {
          found = posts[i];
          return true;
        }
      }
      return false;
    })) << "no question or assessment arrived";
    return found;
  }

  SlackBot& bot() {
    if (!bot_) bot_ = std::make_unique<SlackBot>(fake_);
    return *bot_;
  }

  FakeApiServer fake_;
  std::unique_ptr<SlackBot> bot_;
  int events_ = 0;
  int presses_ = 0;
};

TEST_F(SlackEvents, UrlVerificationAnswersTheChallenge) {
  const json body{{"token", "x"},
                  {"challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"},
                  {"type", "url_verification"}};
  const auto answer = bot().post_event(body);
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.json()["challenge"], "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM processed_events"), 0);
}

TEST_F(SlackEvents, UnsignedStaleOrAlteredRequestsAre401AndStoreNothing) {
  const std::string body = dm_event(next_event_id(), "my left leg has been numb").dump();
  const std::string press =
      form_body(press_payload(next_ts(), "q:no", "No", "A question?", "1732540131.662408"));
  const HeaderList json_type = {{"Content-Type", "application/json"}};
  auto with = [](HeaderList headers, const HeaderList& more) {
    headers.insert(headers.end(), more.begin(), more.end());
    return headers;
  };
  struct Case {
    std::string name;
    std::string path;
    std::string body;
    HeaderList headers;
  };
  HeaderList stale = signed_headers(body, kSecret, std::chrono::minutes(6));
  HeaderList wrong_secret = signed_headers(body, "not-the-secret");
  HeaderList only_timestamp = {signed_headers(body).front()};
  std::string altered = body;
  altered.replace(altered.find("numb"), 4, "fine");
  const std::vector<Case> cases = {
      {"no headers", "/webhooks/slack/events", body, json_type},
      {"no signature", "/webhooks/slack/events", body, with(only_timestamp, json_type)},
      {"wrong secret", "/webhooks/slack/events", body, with(wrong_secret, json_type)},
      {"stale timestamp", "/webhooks/slack/events", body, with(stale, json_type)},
      {"body changed after signing", "/webhooks/slack/events", altered,
       with(signed_headers(body), json_type)},
      {"press without signature", "/webhooks/slack/interactions", press, {}},
      {"press signed for another body", "/webhooks/slack/interactions", press + "x",
       signed_headers(press)},
  };
  for (const auto& c : cases) {
    const auto answer = bot().post_raw(c.path, c.body, c.headers);
    EXPECT_EQ(answer.status, 401) << c.name;
  }
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM processed_events"), 0);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM conversations"), 0);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_TRUE(fake_.requests_to("/chat.postMessage").empty());
  // The reason is logged, never the body or the signature.
  EXPECT_TRUE(bot().process().wait_for_stderr("stale_timestamp"));
  EXPECT_EQ(bot().process().stderr_text().find("numb"), std::string::npos);
}

TEST_F(SlackEvents, DirectMessageInterviewRunsByButtonsAndUpdatesEachPressedQuestion) {
  deliver(dm_event(next_event_id(), "my left leg has been numb for three weeks"));
  std::size_t seen = 0;
  std::vector<std::string> pressed_ts;
  json last;
  for (int turn = 0; turn < 30; ++turn) {
    last = wait_for_turn_end(seen);
    seen = dm_posts(fake_).size();
    if (is_assessment(last)) break;
    const auto [value, label] = harmless_button(last);
    pressed_ts.push_back(next_ts());
    const auto answer =
        bot().press(press_payload(pressed_ts.back(), value, label, last["text"], next_ts() + "9"));
    ASSERT_EQ(answer.status, 200) << answer.body;
  }
  ASSERT_TRUE(is_assessment(last)) << "the interview did not reach its assessment";
  ASSERT_GE(pressed_ts.size(), 2u);
  // The assessment is a readable layout: a header with the triage level, a fallback text.
  EXPECT_EQ(last["blocks"][0]["type"], "header");
  EXPECT_FALSE(last.value("text", "").empty());

  // Each pressed question was rewritten once, without buttons, showing the answer.
  ASSERT_TRUE(
      wait_until([&] { return calls_to(fake_, "chat.update").size() >= pressed_ts.size(); }));
  const auto updates = calls_to(fake_, "chat.update");
  ASSERT_EQ(updates.size(), pressed_ts.size());
  for (std::size_t i = 0; i < updates.size(); ++i) {
    EXPECT_EQ(updates[i]["channel"], kDm);
    EXPECT_EQ(updates[i]["ts"], pressed_ts[i]);
    EXPECT_FALSE(has_buttons(updates[i]));
    EXPECT_NE(updates[i].dump().find("You answered"), std::string::npos) << updates[i].dump();
  }
  // Every call carried the bot token in the header, never in the URL.
  for (const auto& request : fake_.requests()) {
    EXPECT_EQ(request.headers.get("Authorization").value_or(""), "Bearer " + std::string(kToken));
    EXPECT_EQ(request.path.find("xoxb"), std::string::npos);
  }
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM conversations WHERE platform = 'slack'"), 1);
}

TEST_F(SlackEvents, MentionInAChannelGetsAThreadPointerAndTheInterviewStartsInADm) {
  const std::string clinical = "my right calf goes numb when I walk";
  deliver(mention_event(next_event_id(), clinical, "1732540500.000100"));
  const json question = wait_for_turn_end(0);
  EXPECT_TRUE(has_buttons(question));

  // The DM was opened for the person, then posted into.
  const auto opened = calls_to(fake_, "conversations.open");
  ASSERT_FALSE(opened.empty());
  EXPECT_EQ(opened.front()["users"], kUser);

  // The channel got exactly one post: the pointer, in the mention's thread, with
  // nothing of what was written and nothing clinical.
  std::vector<json> in_channel;
  for (const auto& post : calls_to(fake_, "chat.postMessage")) {
    if (post.value("channel", "") == kChannel) in_channel.push_back(post);
  }
  ASSERT_EQ(in_channel.size(), 1u);
  EXPECT_EQ(in_channel[0]["thread_ts"], "1732540500.000100");
  EXPECT_EQ(in_channel[0]["text"], adapters::slack::thread_pointer_text(kUser));
  EXPECT_FALSE(in_channel[0].contains("blocks"));
  EXPECT_EQ(in_channel[0].dump().find("calf"), std::string::npos);

  // The next answer, typed in the DM, continues the same interview there.
  const std::size_t before = dm_posts(fake_).size();
  deliver(dm_event(next_event_id(), "no"));
  wait_for_turn_end(before);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM conversations"), 1);
  for (const auto& post : calls_to(fake_, "chat.postMessage")) {
    if (post.value("channel", "") != kChannel) {
      EXPECT_EQ(post["channel"], kDm);
    }
  }
}

TEST_F(SlackEvents, ChannelMessagesBotsEditsAndOtherSubtypesAreIgnored) {
  for (const std::string subtype :
       {"bot_message", "message_changed", "message_deleted", "channel_join", "thread_broadcast"}) {
    deliver(subtype_event(next_event_id(), subtype));
  }
  // Our own message echoed back, and a clinical answer typed in a channel thread.
  json own = dm_event(next_event_id(), "Does the numbness spread?");
  own["event"]["user"] = kBotUser;
  own["event"]["bot_id"] = "B07TRIBOT1";
  deliver(own);
  json in_thread = dm_event(next_event_id(), "yes, and my foot is weak");
  in_thread["event"]["channel"] = kChannel;
  in_thread["event"]["channel_type"] = "channel";
  in_thread["event"]["thread_ts"] = "1732540500.000100";
  deliver(in_thread);

  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM processed_events"), 0);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM conversations"), 0);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_TRUE(fake_.requests_to("/chat.postMessage").empty());
}

TEST_F(SlackEvents, RetriedEventIsAnsweredOnce) {
  const json event = dm_event(next_event_id(), "my left leg has been numb for three weeks");
  deliver(event);
  wait_for_turn_end(0);
  const std::string body = event.dump();
  for (const std::string attempt : {"1", "2"}) {
    HeaderList headers = signed_headers(body);
    headers.emplace_back("Content-Type", "application/json");
    headers.emplace_back("X-Slack-Retry-Num", attempt);
    headers.emplace_back("X-Slack-Retry-Reason", "http_timeout");
    EXPECT_EQ(bot().post_raw("/webhooks/slack/events", body, headers).status, 200);
  }
  ASSERT_TRUE(telegram_bot::wait_until_settled(bot().db()));
  const auto rows = bot().query(telegram_bot::outbox_messages_sql());
  EXPECT_EQ(static_cast<std::size_t>(rows), dm_posts(fake_).size());
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM processed_events"), 1);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM messages WHERE direction = 'user'"), 1);
}

TEST_F(SlackEvents, RedFlagDirectMessageGetsTheEmergencyReplyFirst) {
  deliver(dm_event(next_event_id(), "my left leg has been numb for three weeks"));
  wait_for_turn_end(0);
  const std::size_t before = dm_posts(fake_).size();
  deliver(dm_event(next_event_id(), "my face has started drooping on one side"));
  ASSERT_TRUE(wait_until([&] { return dm_posts(fake_).size() > before; }));
  ASSERT_TRUE(telegram_bot::wait_until_settled(bot().db(), telegram_bot::Settled::finally));
  const auto posts = dm_posts(fake_);
  const std::string first = posts[before]["text"];
  EXPECT_NE(first.find("stroke"), std::string::npos) << first;
  EXPECT_NE(first.find(std::string(kEmergencyNumber)), std::string::npos) << first;
  for (std::size_t i = before; i < posts.size(); ++i) {
    EXPECT_FALSE(has_buttons(posts[i])) << "no more questions after a red flag";
  }
}

}  // namespace
}  // namespace slack_events_test
}  // namespace triagebot::testing::slack_bot
