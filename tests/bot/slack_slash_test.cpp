// The `/triage` slash command over HTTP end to end: the real binary gets signed forms
// on POST /webhooks/slack/commands, answers each with an ephemeral JSON reply, and runs
// the sub-command as the same command typed in the person's DM: the interview's
// messages go to the DM (opened with conversations.open), never to the channel where
// the command was typed, and `/triage forget` deletes what `/forget` deletes.
#include <gtest/gtest.h>

#include "tests/bot/slack_harness.h"
#include "tests/support/wait.h"

namespace triagebot::testing::slack_bot {
namespace slack_slash_test {
namespace {

using nlohmann::json;

class SlackSlash : public ::testing::Test {
 protected:
  SlackSlash() { script_slack_api(fake_); }

  SlackBot& bot() {
    if (!bot_) bot_ = std::make_unique<SlackBot>(fake_);
    return *bot_;
  }
  std::string next_trigger() { return "13345224609.7384749" + std::to_string(++triggers_) + ".a"; }

  // Runs `/triage <text>` and returns the ephemeral answer's text, checking its shape.
  std::string command(const std::string& text) {
    const auto answer = bot().command(slash_command(text, next_trigger()));
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_NE(answer.header("Content-Type").value_or("").find("application/json"),
              std::string::npos);
    const json body = answer.json();
    EXPECT_EQ(body.value("response_type", ""), "ephemeral") << answer.body;
    return body.value("text", "");
  }

  // Waits for a DM post whose text holds `words`, at or after post number `from`.
  bool dm_receives(std::string_view words, std::size_t from = 0) {
    return wait_until([&] {
      const auto posts = dm_posts(fake_);
      for (std::size_t i = from; i < posts.size(); ++i) {
        if (posts[i].value("text", "").find(words) != std::string::npos) return true;
      }
      return false;
    });
  }

  // Nothing was ever posted where the command was typed.
  void expect_nothing_in_the_channel() const {
    for (const auto& post : calls_to(fake_, "chat.postMessage")) {
      EXPECT_NE(post.value("channel", ""), kChannel) << post.dump();
    }
  }

  std::int64_t stored() const {
    return bot_->query(
        "SELECT (SELECT COUNT(*) FROM processed_events) + "
        "(SELECT COUNT(*) FROM conversations) + (SELECT COUNT(*) FROM outbox)");
  }

  FakeApiServer fake_;
  std::unique_ptr<SlackBot> bot_;
  int triggers_ = 0;
};

TEST_F(SlackSlash, TriageAloneStartsTheInterviewInTheDirectMessage) {
  const std::string said = command("");
  EXPECT_EQ(said, "I've started in our direct message: answer me there.");
  // The greeting and the first prompt arrive in the DM the bot opened for the person.
  ASSERT_TRUE(dm_receives("Hi, I'm triagebot"));
  ASSERT_TRUE(dm_receives("Tell me in a sentence or two"));
  const auto opened = calls_to(fake_, "conversations.open");
  ASSERT_FALSE(opened.empty());
  EXPECT_EQ(opened.front()["users"], kUser);
  expect_nothing_in_the_channel();
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM conversations WHERE platform = 'slack' AND "
                        "conversation_key = '" +
                        std::string(kTeam) + ":" + std::string(kUser) + "'"),
            1);

  // The person answers in the DM: the same conversation goes on there.
  const std::size_t before = dm_posts(fake_).size();
  ASSERT_EQ(
      bot().post_event(dm_event("Ev0SLASH1", "my left leg has been numb for three weeks")).status,
      200);
  ASSERT_TRUE(wait_until([&] { return dm_posts(fake_).size() > before; }));
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM conversations"), 1);
}

TEST_F(SlackSlash, StartAndRestartBeginAgainInTheDirectMessage) {
  EXPECT_EQ(command("start"), "I've started in our direct message: answer me there.");
  ASSERT_TRUE(dm_receives("Hi, I'm triagebot"));
  const std::size_t before = dm_posts(fake_).size();
  EXPECT_EQ(command("restart"), "I've started again in our direct message.");
  ASSERT_TRUE(dm_receives("Let's start again.", before));
  ASSERT_TRUE(dm_receives("Hi, I'm triagebot", before));
  expect_nothing_in_the_channel();
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM messages WHERE direction = 'user' AND text IN "
                        "('/start', '/restart')"),
            2);
}

TEST_F(SlackSlash, HelpListsTheSubCommandsAndSendsWhatIDoToTheDirectMessage) {
  const std::string said = command("help");
  EXPECT_NE(said.find("`/triage forget`"), std::string::npos) << said;
  EXPECT_NE(said.find("direct message"), std::string::npos) << said;
  ASSERT_TRUE(dm_receives("I help people with numbness"));
  // The help names the commands as they are typed in Slack.
  ASSERT_TRUE(dm_receives("/triage restart starts again, /triage forget deletes"));
  expect_nothing_in_the_channel();
}

TEST_F(SlackSlash, ForgetDeletesEverythingThePersonToldAndNothingElse) {
  ASSERT_EQ(
      bot().post_event(dm_event("Ev0SLASH2", "my left leg has been numb for three weeks")).status,
      200);
  // Someone else's interview, begun with the command, stays.
  ASSERT_EQ(bot().command(slash_command("", next_trigger(), "U0SOMEONE2")).status, 200);
  ASSERT_TRUE(wait_until(
      [&] { return bot().query("SELECT COUNT(*) FROM messages WHERE direction = 'bot'") >= 3; }));
  const std::string mine =
      "(SELECT id FROM conversations WHERE user_key = '" + std::string(kUser) + "')";
  ASSERT_GT(bot().query("SELECT COUNT(*) FROM messages WHERE conversation_id IN " + mine), 0);
  const std::int64_t others =
      bot().query("SELECT COUNT(*) FROM messages WHERE conversation_id NOT IN " + mine);
  ASSERT_GT(others, 0);

  EXPECT_EQ(command("forget"), "Deleted everything you told me.");
  // Exactly what /forget deletes: every message, and the interview's pending replies;
  // only the confirmation is left to deliver, on an empty conversation.
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM messages WHERE conversation_id IN " + mine), 0);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM conversations WHERE user_key = '" +
                        std::string(kUser) + "'"),
            1);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM messages WHERE conversation_id NOT IN " + mine),
            others);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM outbox WHERE conversation_id IN " + mine), 1);
  ASSERT_TRUE(dm_receives("I've deleted what you told me"));
  expect_nothing_in_the_channel();
}

TEST_F(SlackSlash, UnsignedStaleOrAlteredCommandsAre401AndStoreNothing) {
  const std::string body = command_form(slash_command("forget", next_trigger()));
  const HeaderList form_type = {{"Content-Type", "application/x-www-form-urlencoded"}};
  auto with = [&](HeaderList headers) {
    headers.insert(headers.end(), form_type.begin(), form_type.end());
    return headers;
  };
  struct Case {
    std::string name;
    std::string body;
    HeaderList headers;
  };
  const std::vector<Case> cases = {
      {"no headers", body, form_type},
      {"no signature", body, with({signed_headers(body).front()})},
      {"wrong secret", body, with(signed_headers(body, "not-the-secret"))},
      {"stale timestamp", body, with(signed_headers(body, kSecret, std::chrono::minutes(6)))},
      {"from the future", body, with(signed_headers(body, kSecret, std::chrono::minutes(-6)))},
      {"body changed after signing", body + "&text=start", with(signed_headers(body))},
  };
  for (const auto& c : cases) {
    const auto answer = bot().post_raw("/webhooks/slack/commands", c.body, c.headers);
    EXPECT_EQ(answer.status, 401) << c.name;
    EXPECT_EQ(answer.body.find("ephemeral"), std::string::npos) << c.name;
  }
  EXPECT_EQ(stored(), 0);
  EXPECT_TRUE(fake_.requests_to("/chat.postMessage").empty());
  EXPECT_TRUE(bot().process().wait_for_stderr("stale_timestamp"));
}

TEST_F(SlackSlash, BadInputGetsHelpOrAClearErrorAndChangesNothing) {
  // Unknown sub-commands and another app's command: the help text, nothing stored.
  for (const std::string text : {"diagnose me", "forget everything", "status"}) {
    const std::string said = command(text);
    EXPECT_NE(said.find("`/triage restart`"), std::string::npos) << text;
  }
  const auto other = bot().command(slash_command("forget", next_trigger(), kUser, "/other"));
  EXPECT_EQ(other.status, 200);
  EXPECT_NE(other.json().value("text", "").find("`/triage forget`"), std::string::npos);

  // Not Slack's: a clear 400 that Slack is told not to retry.
  json no_user = slash_command("forget", next_trigger());
  no_user.erase("user_id");
  const auto missing = bot().command(no_user);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json().value("error", ""), "bad_request");
  EXPECT_EQ(missing.json().value("message", ""), "slash command has no user_id");
  EXPECT_EQ(missing.header("X-Slack-No-Retry").value_or(""), "1");
  const auto huge = bot().command(slash_command(std::string(50000, 'x'), next_trigger()));
  EXPECT_EQ(huge.status, 400);
  EXPECT_NE(huge.json().value("message", "").find("longer than"), std::string::npos);
  const auto garbage =
      bot().post_raw("/webhooks/slack/commands", "%%%&&&==", signed_headers("%%%&&&=="));
  EXPECT_EQ(garbage.status, 400);

  EXPECT_EQ(stored(), 0);
  EXPECT_TRUE(fake_.requests_to("/chat.postMessage").empty());
  // Still serving.
  EXPECT_EQ(command(""), "I've started in our direct message: answer me there.");
}

TEST_F(SlackSlash, SlacksSignedCertificateCheckIsAnsweredWithNothing) {
  const std::string body = "ssl_check=1&token=kH3x9bQ2LmP7vR1sT8wYz4Na";
  HeaderList headers = signed_headers(body);
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  const auto answer = bot().post_raw("/webhooks/slack/commands", body, headers);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "");
  EXPECT_EQ(bot().post_raw("/webhooks/slack/commands", body, {}).status, 401);
  EXPECT_EQ(stored(), 0);
}

TEST_F(SlackSlash, TheSameInvocationTwiceIsRunOnce) {
  const json fields = slash_command("start", next_trigger());
  ASSERT_EQ(bot().command(fields).status, 200);
  const auto again = bot().command(fields);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json().value("response_type", ""), "ephemeral");
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM processed_events"), 1);
  EXPECT_EQ(bot().query("SELECT COUNT(*) FROM messages WHERE direction = 'user'"), 1);
}

}  // namespace
}  // namespace slack_slash_test
}  // namespace triagebot::testing::slack_bot
