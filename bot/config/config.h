// Config: every setting of triagebot, read once at start from the environment and
// command-line flags (API.md "Process"), validated, then passed by value to the parts
// that need it (no global config, STYLE.md §10).
//
// Each variable TRIAGEBOT_X_Y has a flag --x-y (kebab-case, without the prefix) that
// overrides it: `--listen 0.0.0.0:8080` or `--listen=0.0.0.0:8080`. An empty variable
// counts as unset. config_variables() is the documented list (docs/configuration.md
// holds the same table; a test keeps the two in step):
//
// | variable | default | meaning |
// | TRIAGEBOT_LISTEN | 127.0.0.1:8080 | host:port to bind; IPv6 as [::1]:8080; port 0 = ephemeral |
// | TRIAGEBOT_DB | ./triagebot.db | SQLite file; its directory must exist and be writable |
// | TRIAGEBOT_TELEGRAM_TOKEN | unset | Bot API token; Telegram is on when set |
// | TRIAGEBOT_TELEGRAM_SECRET | unset | expected X-Telegram-Bot-Api-Secret-Token |
// | TRIAGEBOT_TELEGRAM_API | https://api.telegram.org | Bot API base URL |
// | TRIAGEBOT_TELEGRAM_USERNAME | asked with getMe | the bot's @username, for groups and t.me links
// | TRIAGEBOT_SLACK_TOKEN | unset | Slack bot token (xoxb-...)
// | TRIAGEBOT_SLACK_SIGNING_SECRET | unset | checks every request to /webhooks/slack/*
// | TRIAGEBOT_SLACK_API | https://slack.com/api | Slack Web API base URL
// | TRIAGEBOT_SLACK_APP_TOKEN | unset | xapp-... token; serve then runs Socket Mode too
// | | TRIAGEBOT_ADMIN_TOKEN | unset | bearer token
// of the admin API; admin is off when unset | | TRIAGEBOT_EMERGENCY_NUMBER | 911 | number named in
// emergency guidance | | TRIAGEBOT_KNOWLEDGE | built in | knowledge-base JSON file; must be
// readable | | TRIAGEBOT_THREADS | cores | io threads, 1..1024 | | TRIAGEBOT_WIDGET_ORIGINS | unset
// | comma-separated http(s) origins allowed by CORS | | TRIAGEBOT_TRUSTED_PROXIES | unset |
// comma-separated IPs whose X-Forwarded-For is believed | | TRIAGEBOT_BODY_LIMIT | 1048576 |
// largest request body in bytes (413 past it) | | TRIAGEBOT_MAX_CONNECTIONS | 10000 | open
// connections before new ones get 503 | | TRIAGEBOT_HEADER_TIMEOUT | 10s | first byte to end of
// headers | | TRIAGEBOT_IDLE_TIMEOUT | 60s | keep-alive wait for the next request | |
// TRIAGEBOT_REQUEST_TIMEOUT | 30s | reading a body, and writing an answer | |
// TRIAGEBOT_SHUTDOWN_TIMEOUT | 10s | in-flight work allowed after SIGTERM | | TRIAGEBOT_SYNCHRONOUS
// | FULL | SQLite synchronous: FULL or NORMAL | | TRIAGEBOT_LOG_LEVEL | info | debug, info, warn or
// error | | TRIAGEBOT_WIDGET_RATE_PER_SESSION | 20 | widget messages per minute per session; 0 = no
// limit | | TRIAGEBOT_WIDGET_RATE_PER_ADDRESS | 60 | widget requests per minute per client address;
// 0 = no limit | | TRIAGEBOT_RETENTION_DAYS | 0 | purge conversations older than this; 0 = keep
// forever |
// | TRIAGEBOT_OUTBOX_BACKOFF | 1s | first retry delay after a 5xx or connection failure |
// | TRIAGEBOT_OUTBOX_BACKOFF_MAX | 5m | the retry delay doubles per attempt up to this |
// | TRIAGEBOT_OUTBOX_CHAT_INTERVAL | 1s | least time between two messages to one chat |
// | TRIAGEBOT_CRISIS_LINE | 988 | crisis line named when a message speaks of suicide or self-harm |
//
// Durations take a unit: "500ms", "10s", "2m"; a bare number means seconds.
//
// load_config is pure but for reading the file system (the knowledge file must be
// readable, the database directory writable); it never exits or prints. The CLI
// prints its Error as `triagebot: <message>` and exits 2. Safe from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/obs/log.h"
#include "dialogs/result.h"
#include "storage/synchronous.h"

namespace triagebot::bot {

struct Config {
  std::string listen_host = "127.0.0.1";  // an IP address literal ("localhost" is mapped)
  std::uint16_t listen_port = 8080;
  std::filesystem::path db = "./triagebot.db";

  std::optional<std::string> telegram_token;
  std::optional<std::string> telegram_secret;
  std::optional<std::string> telegram_username;           // unset: asked with getMe at start
  std::string telegram_api = "https://api.telegram.org";  // no trailing slash
  // Slack is on with the bot token and a way for events to arrive: the signing secret
  // (Events API over HTTP) and/or the app token (Socket Mode).
  std::optional<std::string> slack_token;  // xoxb-...
  std::optional<std::string> slack_signing_secret;
  std::string slack_api = "https://slack.com/api";  // no trailing slash
  std::optional<std::string> slack_app_token;       // xapp-...
  std::optional<std::string> admin_token;

  std::string emergency_number = "911";
  std::string crisis_line = "988";  // the US 988 Suicide & Crisis Lifeline, beside 911
  std::optional<std::filesystem::path> knowledge;  // unset: the built-in knowledge base
  unsigned threads = 1;                            // default: the number of cores
  std::vector<std::string> widget_origins;         // e.g. "https://clinic.example"
  std::vector<std::string> trusted_proxies;        // IP addresses as text

  std::size_t body_limit = 1024 * 1024;
  std::size_t max_connections = 10000;
  std::chrono::milliseconds header_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  std::chrono::milliseconds request_timeout = std::chrono::seconds(30);
  std::chrono::milliseconds shutdown_timeout = std::chrono::seconds(10);

  storage::Synchronous synchronous = storage::Synchronous::full;
  LogLevel log_level = LogLevel::info;
  unsigned widget_rate_per_session = 20;  // per minute; 0 = no limit
  unsigned widget_rate_per_address = 60;  // per minute; 0 = no limit
  unsigned retention_days = 0;            // 0 = keep forever

  // Outbox delivery (DispatcherOptions): the first backoff after a 5xx or connection
  // failure, doubling per attempt up to the max; the least gap between two messages to
  // one chat (Telegram allows about one a second, PLATFORMS.md §1.5).
  std::chrono::milliseconds outbox_backoff = std::chrono::seconds(1);
  std::chrono::milliseconds outbox_backoff_max = std::chrono::minutes(5);
  std::chrono::milliseconds outbox_chat_interval = std::chrono::seconds(1);

  bool telegram_enabled() const { return telegram_token.has_value(); }
  bool slack_enabled() const { return slack_token.has_value(); }
  bool admin_enabled() const { return admin_token.has_value(); }
};

// One documented setting: the table above, as data (for --help and the docs test).
struct ConfigVariable {
  std::string_view name;           // "TRIAGEBOT_LISTEN"
  std::string_view default_value;  // as shown to people: "127.0.0.1:8080", "unset"
  std::string_view meaning;
};
const std::vector<ConfigVariable>& config_variables();

// "TRIAGEBOT_WIDGET_ORIGINS" -> "--widget-origins".
std::string flag_name(std::string_view variable);

// Looks one environment variable up; nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
// The real process environment (getenv).
EnvLookup process_environment();

// Reads `env` and then `args` (the flags after the subcommand), flags winning.
// Errors have code "bad_config" and a message naming the variable or flag, e.g.
// "TRIAGEBOT_LISTEN: port 70000 is out of range (0-65535)" or "unknown flag --lisen".
// With `rest` given, arguments that are not config flags are collected there instead
// of failing, so a subcommand can take its own arguments too.
Result<Config> load_config(const EnvLookup& env, const std::vector<std::string>& args,
                           std::vector<std::string>* rest = nullptr);

// Parses "500ms", "10s", "2m" or a bare number of seconds; nullopt on anything else.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace triagebot::bot
