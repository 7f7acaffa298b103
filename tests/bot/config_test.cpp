#include "bot/config/config.h"

#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace triagebot::bot {
namespace config_test {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

// A fake environment: load_config never reads the real one.
class FakeEnv {
 public:
  explicit FakeEnv(const TempDir& dir) { vars_["TRIAGEBOT_DB"] = (dir / "t.db").string(); }
  FakeEnv& set(std::string name, std::string value) {
    vars_[std::move(name)] = std::move(value);
    return *this;
  }
  EnvLookup lookup() const {
    return [vars = vars_](std::string_view name) -> std::optional<std::string> {
      const auto found = vars.find(std::string(name));
      if (found == vars.end()) return std::nullopt;
      return found->second;
    };
  }

 private:
  std::map<std::string, std::string> vars_;
};

std::string error_of(const Result<Config>& result) {
  return result ? std::string("(no error)") : result.error().message;
}

TEST(Config, DefaultsFollowApiMd) {
  TempDir dir;
  const auto config = load_config(FakeEnv(dir).lookup(), {});
  ASSERT_TRUE(config) << error_of(config);
  EXPECT_EQ(config->listen_host, "127.0.0.1");
  EXPECT_EQ(config->listen_port, 8080);
  EXPECT_EQ(config->emergency_number, "911");
  EXPECT_EQ(config->crisis_line, "988");
  EXPECT_EQ(config->telegram_api, "https://api.telegram.org");
  EXPECT_FALSE(config->telegram_enabled());
  EXPECT_FALSE(config->admin_enabled());
  EXPECT_EQ(config->body_limit, 1024u * 1024u);
  EXPECT_EQ(config->synchronous, storage::Synchronous::full);
  EXPECT_GE(config->threads, 1u);
  EXPECT_EQ(config->retention_days, 0u);
}

TEST(Config, ReadsEnvironmentValues) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_LISTEN", "[::1]:0")
      .set("TRIAGEBOT_TELEGRAM_TOKEN", "123:abc")
      .set("TRIAGEBOT_WIDGET_ORIGINS", " https://a.example, https://b.example/ ")
      .set("TRIAGEBOT_TRUSTED_PROXIES", "10.0.0.1,::1")
      .set("TRIAGEBOT_HEADER_TIMEOUT", "500ms")
      .set("TRIAGEBOT_IDLE_TIMEOUT", "2m")
      .set("TRIAGEBOT_SYNCHRONOUS", "NORMAL")
      .set("TRIAGEBOT_LOG_LEVEL", "debug")
      .set("TRIAGEBOT_THREADS", "3")
      .set("TRIAGEBOT_SLACK_API", "http://127.0.0.1:9000/api/")
      .set("TRIAGEBOT_ADMIN_TOKEN", "");  // empty counts as unset
  const auto config = load_config(env.lookup(), {});
  ASSERT_TRUE(config) << error_of(config);
  EXPECT_EQ(config->listen_host, "::1");
  EXPECT_EQ(config->listen_port, 0);
  EXPECT_TRUE(config->telegram_enabled());
  EXPECT_EQ(config->widget_origins,
            (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_EQ(config->trusted_proxies, (std::vector<std::string>{"10.0.0.1", "::1"}));
  EXPECT_EQ(config->header_timeout, 500ms);
  EXPECT_EQ(config->idle_timeout, 120s);
  EXPECT_EQ(config->synchronous, storage::Synchronous::normal);
  EXPECT_EQ(config->log_level, LogLevel::debug);
  EXPECT_EQ(config->threads, 3u);
  EXPECT_FALSE(config->admin_enabled());
}

TEST(Config, ReadsTheSlackSettings) {
  TempDir dir;
  const auto defaults = load_config(FakeEnv(dir).lookup(), {});
  ASSERT_TRUE(defaults) << error_of(defaults);
  EXPECT_FALSE(defaults->slack_enabled());
  EXPECT_EQ(defaults->slack_api, "https://slack.com/api");

  FakeEnv env(dir);
  env.set("TRIAGEBOT_SLACK_TOKEN", "xoxb-1-2-abc")
      .set("TRIAGEBOT_SLACK_SIGNING_SECRET", "8f742231b10e")
      .set("TRIAGEBOT_SLACK_API", "http://127.0.0.1:9000/api/")
      .set("TRIAGEBOT_SLACK_APP_TOKEN", "xapp-1-A07-1-def");
  const auto config = load_config(env.lookup(), {});
  ASSERT_TRUE(config) << error_of(config);
  EXPECT_TRUE(config->slack_enabled());
  EXPECT_EQ(config->slack_token, "xoxb-1-2-abc");
  EXPECT_EQ(config->slack_signing_secret, "8f742231b10e");
  EXPECT_EQ(config->slack_api, "http://127.0.0.1:9000/api");
  EXPECT_EQ(config->slack_app_token, "xapp-1-A07-1-def");
}

TEST(Config, SlackTokensInEachOthersPlaceAreRefusedWithoutEchoingThem) {
  TempDir dir;
  FakeEnv swapped(dir);
  swapped.set("TRIAGEBOT_SLACK_TOKEN", "xapp-1-A07-1-def");
  const auto app_as_bot = load_config(swapped.lookup(), {});
  ASSERT_FALSE(app_as_bot);
  EXPECT_NE(app_as_bot.error().message.find("TRIAGEBOT_SLACK_APP_TOKEN"), std::string::npos);
  EXPECT_EQ(app_as_bot.error().message.find("xapp-1-A07"), std::string::npos);

  const auto bot_as_app = load_config(FakeEnv(dir).lookup(), {"--slack-app-token=xoxb-1-2-abc"});
  ASSERT_FALSE(bot_as_app);
  EXPECT_NE(bot_as_app.error().message.find("--slack-app-token"), std::string::npos);
  EXPECT_EQ(bot_as_app.error().message.find("xoxb-1-2"), std::string::npos);
}

TEST(Config, OutboxDelaysDefaultToTelegramsPaceAndCanBeShortened) {
  TempDir dir;
  const auto defaults = load_config(FakeEnv(dir).lookup(), {});
  ASSERT_TRUE(defaults) << error_of(defaults);
  EXPECT_EQ(defaults->outbox_backoff, 1s);
  EXPECT_EQ(defaults->outbox_backoff_max, 5min);
  EXPECT_EQ(defaults->outbox_chat_interval, 1s);

  FakeEnv env(dir);
  env.set("TRIAGEBOT_OUTBOX_BACKOFF", "50ms").set("TRIAGEBOT_OUTBOX_CHAT_INTERVAL", "10ms");
  const auto config = load_config(env.lookup(), {"--outbox-backoff-max=2s"});
  ASSERT_TRUE(config) << error_of(config);
  EXPECT_EQ(config->outbox_backoff, 50ms);
  EXPECT_EQ(config->outbox_backoff_max, 2s);
  EXPECT_EQ(config->outbox_chat_interval, 10ms);
  EXPECT_EQ(error_of(load_config(FakeEnv(dir).set("TRIAGEBOT_OUTBOX_BACKOFF", "0ms").lookup(), {})),
            "TRIAGEBOT_OUTBOX_BACKOFF: '0ms' is not a positive duration (e.g. 500ms, 10s, 2m)");
}

TEST(Config, FlagsOverrideVariablesInBothSpellings) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_LISTEN", "127.0.0.1:1").set("TRIAGEBOT_EMERGENCY_NUMBER", "112");
  const auto config =
      load_config(env.lookup(), {"--listen", "0.0.0.0:9090", "--emergency-number=999"});
  ASSERT_TRUE(config) << error_of(config);
  EXPECT_EQ(config->listen_host, "0.0.0.0");
  EXPECT_EQ(config->listen_port, 9090);
  EXPECT_EQ(config->emergency_number, "999");
}

TEST(Config, CrisisLineComesFromTheEnvironmentOrItsFlag) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_CRISIS_LINE", "116 123");
  const auto from_env = load_config(env.lookup(), {});
  ASSERT_TRUE(from_env) << error_of(from_env);
  EXPECT_EQ(from_env->crisis_line, "116 123");
  const auto from_flag = load_config(env.lookup(), {"--crisis-line=0800 1110111"});
  ASSERT_TRUE(from_flag) << error_of(from_flag);
  EXPECT_EQ(from_flag->crisis_line, "0800 1110111");
  EXPECT_EQ(error_of(load_config(
                FakeEnv(dir).set("TRIAGEBOT_CRISIS_LINE", std::string(65, '1')).lookup(), {})),
            "TRIAGEBOT_CRISIS_LINE: is longer than 64 characters");
}

TEST(Config, PortOutOfRangeIsAnError) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_LISTEN", "127.0.0.1:70000");
  EXPECT_EQ(error_of(load_config(env.lookup(), {})),
            "TRIAGEBOT_LISTEN: port 70000 is out of range (0-65535)");
}

TEST(Config, ErrorNamesTheFlagWhenTheFlagWasBad) {
  TempDir dir;
  EXPECT_EQ(error_of(load_config(FakeEnv(dir).lookup(), {"--listen=1.2.3.4:99999"})),
            "--listen: port 99999 is out of range (0-65535)");
}

TEST(Config, HostMustBeAnIpAddress) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_LISTEN", "example.com:80");
  EXPECT_EQ(error_of(load_config(env.lookup(), {})),
            "TRIAGEBOT_LISTEN: 'example.com' is not an IP address");
}

TEST(Config, UnknownFlagIsAnError) {
  TempDir dir;
  EXPECT_EQ(error_of(load_config(FakeEnv(dir).lookup(), {"--lisen", "x"})),
            "unknown flag --lisen (see triagebot --help)");
}

TEST(Config, FlagWithoutValueIsAnError) {
  TempDir dir;
  EXPECT_EQ(error_of(load_config(FakeEnv(dir).lookup(), {"--threads"})), "--threads needs a value");
}

TEST(Config, RestCollectsArgumentsThatAreNotConfigFlags) {
  TempDir dir;
  std::vector<std::string> rest;
  const auto config =
      load_config(FakeEnv(dir).lookup(), {"set-webhook", "--threads", "2", "--url", "u"}, &rest);
  ASSERT_TRUE(config) << error_of(config);
  EXPECT_EQ(config->threads, 2u);
  EXPECT_EQ(rest, (std::vector<std::string>{"set-webhook", "--url", "u"}));
}

TEST(Config, ConnectionAndWidgetLimitsFitSharedAddresses) {
  TempDir dir;
  const auto defaults = load_config(FakeEnv(dir).lookup(), {});
  ASSERT_TRUE(defaults) << error_of(defaults);
  // Twenty people on one clinic Wi-Fi must not share one person's budget.
  EXPECT_EQ(defaults->widget_rate_per_address, 600u);
  EXPECT_EQ(defaults->widget_rate_per_session, 20u);
  EXPECT_EQ(defaults->max_connections, 10000u);
  EXPECT_FALSE(defaults->max_connections_set);
  EXPECT_EQ(defaults->max_connections_per_address, 256u);

  FakeEnv env(dir);
  env.set("TRIAGEBOT_MAX_CONNECTIONS", "500").set("TRIAGEBOT_MAX_CONNECTIONS_PER_ADDRESS", "0");
  const auto set = load_config(env.lookup(), {});
  ASSERT_TRUE(set) << error_of(set);
  EXPECT_EQ(set->max_connections, 500u);
  EXPECT_TRUE(set->max_connections_set);
  EXPECT_EQ(set->max_connections_per_address, 0u);
  env.set("TRIAGEBOT_MAX_CONNECTIONS_PER_ADDRESS", "-1");
  EXPECT_EQ(error_of(load_config(env.lookup(), {})),
            "TRIAGEBOT_MAX_CONNECTIONS_PER_ADDRESS: '-1' is not a whole number");
}

TEST(Config, AShortAdminTokenIsRefusedWithAHint) {
  TempDir dir;
  FakeEnv env(dir);
  const std::string short_token(kMinAdminTokenLength - 1, 'k');
  env.set("TRIAGEBOT_ADMIN_TOKEN", short_token);
  const auto refused = load_config(env.lookup(), {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "TRIAGEBOT_ADMIN_TOKEN: is shorter than 32 characters; make one with `openssl rand "
            "-base64 32`");
  EXPECT_EQ(refused.error().message.find(short_token), std::string::npos);
  env.set("TRIAGEBOT_ADMIN_TOKEN", std::string(kMinAdminTokenLength, 'k'));
  const auto accepted = load_config(env.lookup(), {});
  ASSERT_TRUE(accepted) << error_of(accepted);
  EXPECT_TRUE(accepted->admin_enabled());
}

TEST(Config, AShortAdminTokenStopsServeWithExit2) {
  const auto result = testing::run_triagebot({"serve"}, {{"TRIAGEBOT_ADMIN_TOKEN", "s3cret"}});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("openssl rand -base64 32"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("s3cret"), std::string::npos) << result.err;
}

TEST(Config, BadNumberIsAnError) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_THREADS", "many");
  EXPECT_EQ(error_of(load_config(env.lookup(), {})),
            "TRIAGEBOT_THREADS: 'many' is not a whole number");
  env.set("TRIAGEBOT_THREADS", "0");
  EXPECT_EQ(error_of(load_config(env.lookup(), {})),
            "TRIAGEBOT_THREADS: 0 is out of range (1-1024)");
}

TEST(Config, BadDurationIsAnError) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_HEADER_TIMEOUT", "10 parsecs");
  EXPECT_EQ(
      error_of(load_config(env.lookup(), {})),
      "TRIAGEBOT_HEADER_TIMEOUT: '10 parsecs' is not a positive duration (e.g. 500ms, 10s, 2m)");
}

TEST(Config, UnreadableKnowledgeFileIsAnError) {
  TempDir dir;
  FakeEnv env(dir);
  const auto missing = (dir / "missing.json").string();
  env.set("TRIAGEBOT_KNOWLEDGE", missing);
  EXPECT_EQ(error_of(load_config(env.lookup(), {})), "TRIAGEBOT_KNOWLEDGE: cannot read " + missing);
}

TEST(Config, ReadableKnowledgeFileIsKept) {
  TempDir dir;
  FakeEnv env(dir);
  const auto path = dir / "kb.json";
  std::ofstream(path) << "{}";
  env.set("TRIAGEBOT_KNOWLEDGE", path.string());
  const auto config = load_config(env.lookup(), {});
  ASSERT_TRUE(config) << error_of(config);
  EXPECT_EQ(config->knowledge, path);
}

// Only a missing directory: tests may run as root, for whom every directory is writable.
TEST(Config, DatabaseInMissingDirectoryIsAnError) {
  TempDir dir;
  FakeEnv env(dir);
  const auto missing = dir / "no" / "such";
  env.set("TRIAGEBOT_DB", (missing / "t.db").string());
  EXPECT_EQ(error_of(load_config(env.lookup(), {})),
            "TRIAGEBOT_DB: directory " + missing.string() + " does not exist");
}

TEST(Config, BadEnumValuesAreErrors) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_SYNCHRONOUS", "OFF");
  EXPECT_EQ(error_of(load_config(env.lookup(), {})),
            "TRIAGEBOT_SYNCHRONOUS: 'OFF' is not FULL or NORMAL");
  FakeEnv level(dir);
  level.set("TRIAGEBOT_LOG_LEVEL", "loud");
  EXPECT_EQ(error_of(load_config(level.lookup(), {})),
            "TRIAGEBOT_LOG_LEVEL: 'loud' is not debug, info, warn or error");
}

TEST(Config, TelegramModeIsWebhookUnlessPollIsAsked) {
  TempDir dir;
  const auto defaults = load_config(FakeEnv(dir).lookup(), {});
  ASSERT_TRUE(defaults) << error_of(defaults);
  EXPECT_EQ(defaults->telegram_mode, TelegramMode::webhook);
  FakeEnv env(dir);
  env.set("TRIAGEBOT_TELEGRAM_TOKEN", "123:abc").set("TRIAGEBOT_TELEGRAM_MODE", "poll");
  const auto polling = load_config(env.lookup(), {});
  ASSERT_TRUE(polling) << error_of(polling);
  EXPECT_EQ(polling->telegram_mode, TelegramMode::poll);
  const auto flagged = load_config(env.lookup(), {"--telegram-mode", "webhook"});
  ASSERT_TRUE(flagged) << error_of(flagged);
  EXPECT_EQ(flagged->telegram_mode, TelegramMode::webhook);
}

TEST(Config, BadTelegramModeOrPollingWithoutATokenIsAnError) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_TELEGRAM_TOKEN", "123:abc").set("TRIAGEBOT_TELEGRAM_MODE", "polling");
  EXPECT_EQ(error_of(load_config(env.lookup(), {})),
            "TRIAGEBOT_TELEGRAM_MODE: 'polling' is not webhook or poll");
  FakeEnv tokenless(dir);
  tokenless.set("TRIAGEBOT_TELEGRAM_MODE", "poll");
  EXPECT_EQ(error_of(load_config(tokenless.lookup(), {})),
            "TRIAGEBOT_TELEGRAM_MODE: poll needs TRIAGEBOT_TELEGRAM_TOKEN");
  EXPECT_EQ(error_of(load_config(FakeEnv(dir).lookup(), {"--telegram-mode=poll"})),
            "--telegram-mode: poll needs TRIAGEBOT_TELEGRAM_TOKEN");
}

TEST(Config, BadUrlsAndOriginsAreErrors) {
  TempDir dir;
  FakeEnv env(dir);
  env.set("TRIAGEBOT_TELEGRAM_API", "ftp://x");
  EXPECT_EQ(error_of(load_config(env.lookup(), {})),
            "TRIAGEBOT_TELEGRAM_API: 'ftp://x' is not an http:// or https:// URL");
  FakeEnv origins(dir);
  origins.set("TRIAGEBOT_WIDGET_ORIGINS", "https://ok.example,clinic.example");
  EXPECT_EQ(error_of(load_config(origins.lookup(), {})),
            "TRIAGEBOT_WIDGET_ORIGINS: 'clinic.example' is not an http(s) origin");
}

TEST(Config, ParseDurationUnits) {
  EXPECT_EQ(parse_duration("250ms"), 250ms);
  EXPECT_EQ(parse_duration("7"), 7s);
  EXPECT_EQ(parse_duration("3m"), 180s);
  EXPECT_EQ(parse_duration("1h"), std::nullopt);
  EXPECT_EQ(parse_duration("-1s"), std::nullopt);
  EXPECT_EQ(parse_duration(""), std::nullopt);
}

TEST(Config, FlagNamesAreKebabCase) {
  EXPECT_EQ(flag_name("TRIAGEBOT_WIDGET_RATE_PER_SESSION"), "--widget-rate-per-session");
}

// docs/configuration.md is the operator's table: every variable, with its default.
TEST(Config, DocumentationListsEveryVariable) {
  std::ifstream file(std::string(TRIAGEBOT_SOURCE_DIR) + "/docs/configuration.md");
  ASSERT_TRUE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  for (const auto& variable : config_variables()) {
    const std::string row_start = "| `" + std::string(variable.name) + "` | ";
    const auto row = text.str().find(row_start);
    ASSERT_NE(row, std::string::npos) << variable.name << " is missing from docs/configuration.md";
    const auto line_end = text.str().find('\n', row);
    const auto line = text.str().substr(row, line_end - row);
    EXPECT_NE(line.find(std::string(variable.default_value)), std::string::npos)
        << variable.name << ": default " << variable.default_value << " not in: " << line;
  }
}

}  // namespace
}  // namespace config_test
}  // namespace triagebot::bot
