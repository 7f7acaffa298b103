// Config: every setting of triagebot, read once at start from the environment and
// command-line flags (API.md "Process"), validated, then passed by value to the parts
// that need it (no global config, STYLE.md §10).
//
// Each variable TRIAGEBOT_X_Y has a flag --x-y (kebab-case, without the prefix) that
// overrides it: `--listen 0.0.0.0:8080` or `--listen=0.0.0.0:8080`. An empty variable
// counts as unset. config_variables() is the documented list, each variable with its
// default and meaning (`triagebot --help` prints it; docs/configuration.md holds the
// same table, and a test keeps the two in step).
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

// TRIAGEBOT_ADMIN_TOKEN shorter than this is refused at start.
inline constexpr std::size_t kMinAdminTokenLength = 32;
// How `serve` takes Telegram's updates: on the webhook route (Telegram POSTs them), or
// by long polling from inside the server, for a setup without a public address where
// one process serves the widget and polls Telegram.
enum class TelegramMode { webhook, poll };

struct Config {
  std::string listen_host = "127.0.0.1";  // an IP address literal ("localhost" is mapped)
  std::uint16_t listen_port = 8080;
  std::filesystem::path db = "./triagebot.db";

  std::optional<std::string> telegram_token;
  std::optional<std::string> telegram_secret;
  std::optional<std::string> telegram_username;           // unset: asked with getMe at start
  std::string telegram_api = "https://api.telegram.org";  // no trailing slash
  TelegramMode telegram_mode = TelegramMode::webhook;     // poll needs telegram_token
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
  bool max_connections_set = false;  // given by the operator: refused, not lowered, if too big
  std::size_t max_connections_per_address = 256;  // 0 = no cap
  std::chrono::milliseconds header_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  std::chrono::milliseconds request_timeout = std::chrono::seconds(30);
  std::chrono::milliseconds shutdown_timeout = std::chrono::seconds(10);

  storage::Synchronous synchronous = storage::Synchronous::full;
  LogLevel log_level = LogLevel::info;
  unsigned widget_rate_per_session = 20;  // per minute; 0 = no limit
  // Per minute; 0 = no limit. A clinic's Wi-Fi or a hospital's NAT puts dozens of people
  // behind one address, so this is many times one person's pace; the per-session limit
  // is what stops one person flooding.
  unsigned widget_rate_per_address = 600;
  unsigned retention_days = 0;  // 0 = keep forever

  // Outbox delivery (DispatcherOptions): the first backoff after a 5xx or connection
  // failure, doubling per attempt up to the max; the least gap between two messages to
  // one chat (Telegram allows about one a second, PLATFORMS.md §1.5).
  std::chrono::milliseconds outbox_backoff = std::chrono::seconds(1);
  std::chrono::milliseconds outbox_backoff_max = std::chrono::minutes(5);
  std::chrono::milliseconds outbox_chat_interval = std::chrono::seconds(1);
  unsigned outbox_rate = 30;  // sends per second across all chats; 0 = unpaced (tests only)

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
