#include "adapters/slack/slash_command.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/slack/address.h"
#include "adapters/slack/signature.h"
#include "tests/adapters/slack/fixture.h"

namespace triagebot::adapters::slack {
namespace slash_command_test {
namespace {

using nlohmann::json;
using testing::slack_now;
using testing::slack_request;

const InboundOptions kOptions{.bot_user_id = "U0TRIAGEBOT", .now = slack_now()};

// A form as Slack posts it for `/triage <text>` (fields URL-encoded, '+' for spaces).
std::string form(std::string_view text_field, std::string_view command = "%2Ftriage") {
  return "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0CLINIC1&team_domain=northside"
         "&channel_id=C0GENERAL&channel_name=general&user_id=U0PATIENT1&user_name=mara"
         "&command=" +
         std::string(command) + "&text=" + std::string(text_field) +
         "&api_app_id=A0TRIAGE01&is_enterprise_install=false"
         "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678"
         "&trigger_id=13345224609.738474920.8088930838d88f008e0";
}

Result<ParsedSlashCommand> parse_form(const std::string& body) {
  return parse_slash_command_request(
      slack_request(body, "/webhooks/slack/commands", "application/x-www-form-urlencoded"),
      kOptions);
}

SlashAction action_of(const std::string& text_field) {
  auto parsed = parse_form(form(text_field));
  EXPECT_TRUE(parsed.has_value()) << parsed.error().message;
  return parsed ? parsed->action : SlashAction::usage;
}

TEST(SlackSlashCommand, EachSubCommandIsTheDirectMessagesCommand) {
  struct Case {
    std::string text;
    SlashAction action;
    std::string typed;
  };
  for (const Case& c :
       {Case{"", SlashAction::start, "/start"}, Case{"start", SlashAction::start, "/start"},
        Case{"restart", SlashAction::restart, "/restart"}, Case{"help", SlashAction::help, "/help"},
        Case{"forget", SlashAction::forget, "/forget"}}) {
    auto parsed = parse_form(form(c.text));
    ASSERT_TRUE(parsed.has_value()) << c.text << ": " << parsed.error().message;
    EXPECT_EQ(parsed->action, c.action) << c.text;
    ASSERT_TRUE(parsed->event.has_value()) << c.text;
    const InboundEvent& event = *parsed->event;
    EXPECT_EQ(event.platform, Platform::slack);
    EXPECT_EQ(event.input.kind, dialogs::Input::Kind::text);
    EXPECT_EQ(event.input.text, c.typed);
    // The same conversation and person as the DM's message.im events.
    EXPECT_EQ(event.conversation_key, conversation_key("T0CLINIC1", "U0PATIENT1"));
    EXPECT_EQ(event.user_key, "U0PATIENT1");
    // Replies go to the person's DM, opened first; never the channel it was typed in.
    EXPECT_EQ(event.reply_address, json({{"user", "U0PATIENT1"}}));
    EXPECT_EQ(event.event_id,
              "slack:command:T0CLINIC1:U0PATIENT1:13345224609.738474920.8088930838d88f008e0");
    EXPECT_TRUE(event.deduplicate);
    EXPECT_EQ(event.at, slack_now());
  }
}

TEST(SlackSlashCommand, SubCommandsAreReadForgivingly) {
  EXPECT_EQ(action_of("FORGET"), SlashAction::forget);
  EXPECT_EQ(action_of("+Restart+"), SlashAction::restart);
  EXPECT_EQ(action_of("%2Fforget"), SlashAction::forget);  // the DM's command out of habit
  EXPECT_EQ(action_of("%0Ahelp%09"), SlashAction::help);
  EXPECT_EQ(action_of("+++"), SlashAction::start);
}

TEST(SlackSlashCommand, AnythingElseIsTheHelpTextAndNothingToStore) {
  for (const std::string text : {"diagnose", "forget+everything", "start+now", "%F0%9F%A6%B5"}) {
    auto parsed = parse_form(form(text));
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(parsed->action, SlashAction::usage) << text;
    EXPECT_FALSE(parsed->event.has_value()) << text;
  }
  // Another app's command sent here by a manifest gone wrong: the same.
  auto other = parse_form(form("forget", "%2Fhelp"));
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->action, SlashAction::usage);
  EXPECT_EQ(other->command, "/help");
  EXPECT_FALSE(other->event.has_value());
}

TEST(SlackSlashCommand, SlacksCertificateCheckIsNoCommand) {
  auto check = parse_form("ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO");
  ASSERT_TRUE(check.has_value()) << check.error().message;
  EXPECT_EQ(check->action, SlashAction::ssl_check);
  EXPECT_FALSE(check->event.has_value());
  EXPECT_TRUE(slash_command_answer(SlashAction::ssl_check).is_null());
  // A command that also says ssl_check=1 is still the command.
  auto command = parse_form("ssl_check=1&" + form("forget"));
  ASSERT_TRUE(command.has_value());
  EXPECT_EQ(command->action, SlashAction::forget);
}

TEST(SlackSlashCommand, MissingOrMalformedFieldsAreBadRequests) {
  auto error_of = [](const std::string& body) {
    auto parsed = parse_form(body);
    if (parsed) return std::string("parsed");
    EXPECT_EQ(parsed.error().code, ErrorCode::bad_request);
    return parsed.error().message;
  };
  EXPECT_EQ(error_of(""), "slash command has no command");
  EXPECT_EQ(error_of("command=%2Ftriage&team_id=T1&trigger_id=1.2.3"),
            "slash command has no user_id");
  EXPECT_EQ(error_of("command=%2Ftriage&user_id=U1&trigger_id=1.2.3"),
            "slash command has no team_id");
  EXPECT_EQ(error_of("command=%2Ftriage&user_id=U1&team_id=T1"), "slash command has no trigger_id");
  EXPECT_EQ(error_of("command=%2Ftriage&user_id=&team_id=T1&trigger_id=1.2.3"),
            "slash command has no user_id");
  EXPECT_EQ(error_of("command=%2Ftriage&user_id=U%2&team_id=T1&trigger_id=1.2.3"),
            "slash command has no user_id");  // a broken escape
  EXPECT_EQ(error_of("command=%2Ftriage&user_id=" + std::string(300, 'U') +
                     "&team_id=T1&trigger_id=1.2.3"),
            "slash command user_id is longer than 255 bytes");
  EXPECT_EQ(error_of(form("forget%00")), "slash command text contains a NUL character");
  EXPECT_EQ(error_of(form(std::string(40001, 'a'))),
            "slash command text is longer than 40000 characters");
  // Without text at all (Slack always sends it, empty or not) it is /triage alone.
  EXPECT_EQ(error_of("command=%2Ftriage&user_id=U1&team_id=T1&trigger_id=1.2.3"), "parsed");
}

TEST(SlackSlashCommand, TheSocketModePayloadIsReadLikeTheForm) {
  const json payload{{"token", "x"},
                     {"team_id", "T0CLINIC1"},
                     {"channel_id", "C0GENERAL"},
                     {"user_id", "U0PATIENT1"},
                     {"command", "/triage"},
                     {"text", "help"},
                     {"trigger_id", "13345224609.738474920.8088930838d88f008e0"},
                     {"response_url", "https://hooks.slack.com/commands/1/2"}};
  auto parsed = parse_slash_command_payload(payload, kOptions);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->action, SlashAction::help);
  auto from_form = parse_form(form("help"));
  ASSERT_TRUE(from_form.has_value());
  EXPECT_EQ(parsed->event->event_id, from_form->event->event_id);
  EXPECT_EQ(parsed->event->conversation_key, from_form->event->conversation_key);

  json wrong = payload;
  wrong["user_id"] = 42;
  auto refused = parse_slash_command_payload(wrong, kOptions);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().message, "payload.user_id is not a string");
  EXPECT_FALSE(parse_slash_command_payload(json::array(), kOptions).has_value());
}

TEST(SlackSlashCommand, AnswersAreEphemeralAndSayWhatHappened) {
  for (SlashAction action : {SlashAction::start, SlashAction::restart, SlashAction::help,
                             SlashAction::forget, SlashAction::usage}) {
    const json answer = slash_command_answer(action);
    EXPECT_EQ(answer["response_type"], "ephemeral");  // never in_channel: health data
    EXPECT_FALSE(answer["text"].get<std::string>().empty());
  }
  EXPECT_EQ(slash_command_answer(SlashAction::forget)["text"], "Deleted everything you told me.");
  EXPECT_EQ(slash_command_answer(SlashAction::restart)["text"],
            "I've started again in our direct message.");
  const std::string usage = slash_command_answer(SlashAction::usage)["text"];
  for (const char* sub :
       {"`/triage start`", "`/triage restart`", "`/triage help`", "`/triage forget`"}) {
    EXPECT_NE(usage.find(sub), std::string::npos) << sub;
  }
}

TEST(SlackSlashCommand, EveryTruncationOfAFormIsHandledWithoutHarm) {
  const std::string body = form("forget");
  for (std::size_t length = 0; length <= body.size(); ++length) {
    auto parsed = parse_form(body.substr(0, length));
    if (!parsed) {
      EXPECT_EQ(parsed.error().code, ErrorCode::bad_request) << length;
    }
  }
}

}  // namespace
}  // namespace slash_command_test
}  // namespace triagebot::adapters::slack
