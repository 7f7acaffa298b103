#include "bot/channels/registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bot/cli/cli.h"

namespace triagebot::bot {
namespace channel_registry_test {
namespace {

std::vector<std::string> names_of(const std::vector<std::unique_ptr<Channel>>& channels) {
  std::vector<std::string> names;
  for (const auto& channel : channels) names.emplace_back(channel->name());
  return names;
}

TEST(ChannelRegistry, ListsEachBuiltInPlatformOnce) {
  std::vector<std::string> names;
  for (const auto& kind : builtin_channels()) names.emplace_back(kind.name);
  EXPECT_EQ(names, (std::vector<std::string>{"widget", "telegram", "slack"}));
}

TEST(ChannelRegistry, APlatformIsOnOnlyWithItsCredentials) {
  Config config;
  auto without = enabled_channels(config, {});
  ASSERT_TRUE(without);
  EXPECT_EQ(names_of(*without), (std::vector<std::string>{"widget"}));

  config.telegram_token = "123:abc";
  auto with = enabled_channels(config, {});
  ASSERT_TRUE(with);
  EXPECT_EQ(names_of(*with), (std::vector<std::string>{"widget", "telegram"}));
  EXPECT_EQ(with->back()->mode(), "webhook");
}

TEST(ChannelRegistry, SlackIsOnWithItsTokenAndAWayForEventsToArrive) {
  Config config;
  config.slack_token = "xoxb-1-2-abc";
  auto nowhere = enabled_channels(config, {});
  ASSERT_FALSE(nowhere) << "a bot token alone cannot receive anything";
  EXPECT_NE(nowhere.error().message.find("TRIAGEBOT_SLACK_SIGNING_SECRET"), std::string::npos);

  config.slack_signing_secret = "8f742231b10e";
  auto events = enabled_channels(config, {});
  ASSERT_TRUE(events);
  EXPECT_EQ(names_of(*events), (std::vector<std::string>{"widget", "slack"}));
  EXPECT_EQ(events->back()->mode(), "events");

  config.slack_app_token = "xapp-1-A07-1-def";
  auto both = enabled_channels(config, {.loop_of = "slack"});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->back()->mode(), "events+socket");
}

TEST(ChannelRegistry, ACommandCanAskForItsChannelsLoop) {
  Config config;
  config.telegram_token = "123:abc";
  auto channels = enabled_channels(config, {.loop_of = "telegram"});
  ASSERT_TRUE(channels);
  EXPECT_EQ(channels->back()->mode(), "polling");
}

TEST(ChannelRegistry, TheLoopOfAChannelThatIsOffIsAConfigurationError) {
  auto channels = enabled_channels(Config{}, {.loop_of = "telegram"});
  ASSERT_FALSE(channels);
  EXPECT_EQ(channels.error().code, ErrorCode::bad_config);
}

TEST(ChannelRegistry, EachChannelsCommandIsInTheCliTable) {
  for (const auto& kind : builtin_channels()) {
    if (!kind.command) continue;
    const auto& table = commands();
    EXPECT_TRUE(std::any_of(table.begin(), table.end(), [&](const Command& command) {
      return command.name == kind.command->name;
    })) << kind.name;
  }
}

}  // namespace
}  // namespace channel_registry_test
}  // namespace triagebot::bot
