#include "adapters/slack/command_names.h"

#include <gtest/gtest.h>

namespace triagebot::adapters::slack {
namespace command_names_test {
namespace {

TEST(SlackCommandNames, TheDirectMessagesCommandsBecomeTriageSubCommands) {
  EXPECT_EQ(with_slash_commands("Commands: /restart starts again, /forget deletes what you've "
                                "told me, /help shows this."),
            "Commands: /triage restart starts again, /triage forget deletes what you've told "
            "me, /triage help shows this.");
  EXPECT_EQ(with_slash_commands("/start"), "/triage start");
  EXPECT_EQ(with_slash_commands("Type /help."), "Type /triage help.");
  EXPECT_EQ(with_slash_commands("(/forget)"), "(/triage forget)");
}

TEST(SlackCommandNames, EverythingElseStaysAsItWas) {
  for (const char* text :
       {"", "no commands here", "see https://example.org/help for more", "either/or", "/helpful",
        "/restarted", "/help.me", "a/start", "/triage restart", "/ start", "1/2 of the foot"}) {
    EXPECT_EQ(with_slash_commands(text), text) << text;
  }
}

TEST(SlackCommandNames, OnlyTheTextOfAReplyChanges) {
  dialogs::Reply reply{"Send /restart to begin again.", {{"q:yes", "Yes"}}, std::nullopt};
  const dialogs::Reply rewritten = with_slash_commands(reply);
  EXPECT_EQ(rewritten.text, "Send /triage restart to begin again.");
  ASSERT_EQ(rewritten.choices.size(), 1u);
  EXPECT_EQ(rewritten.choices[0].id, "q:yes");
}

}  // namespace
}  // namespace command_names_test
}  // namespace triagebot::adapters::slack
