#include "bot/config/config.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>
#include <system_error>
#include <thread>

#include <boost/asio/ip/address.hpp>

namespace triagebot::bot {
namespace {

// What went wrong with a value, without the variable's name (the caller adds it).
using Problem = std::optional<std::string>;
using Apply = Problem (*)(Config&, const std::string&);

struct Entry {
  ConfigVariable doc;
  Apply apply;
};

std::optional<unsigned long long> parse_unsigned(std::string_view text) {
  unsigned long long value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

Problem parse_count(const std::string& text, unsigned long long min, unsigned long long max,
                    unsigned long long& out) {
  const auto value = parse_unsigned(text);
  if (!value) return "'" + text + "' is not a whole number";
  if (*value < min || *value > max) {
    return std::to_string(*value) + " is out of range (" + std::to_string(min) + "-" +
           std::to_string(max) + ")";
  }
  out = *value;
  return std::nullopt;
}

template <class T>
Problem set_count(const std::string& text, unsigned long long min, unsigned long long max,
                  T& field) {
  unsigned long long value = 0;
  if (auto problem = parse_count(text, min, max, value)) return problem;
  field = static_cast<T>(value);
  return std::nullopt;
}

Problem set_duration(const std::string& text, std::chrono::milliseconds& field) {
  const auto value = parse_duration(text);
  if (!value || value->count() <= 0) {
    return "'" + text + "' is not a positive duration (e.g. 500ms, 10s, 2m)";
  }
  field = *value;
  return std::nullopt;
}

Problem set_url(const std::string& text, std::string& field) {
  if (text.rfind("http://", 0) != 0 && text.rfind("https://", 0) != 0) {
    return "'" + text + "' is not an http:// or https:// URL";
  }
  field = text;
  while (field.size() > 1 && field.back() == '/') field.pop_back();
  return std::nullopt;
}

std::string trim(std::string_view text) {
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string_view rest = text;
  while (true) {
    const auto comma = rest.find(',');
    auto item = trim(rest.substr(0, comma));
    if (!item.empty()) items.push_back(std::move(item));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return items;
}

Problem set_listen(Config& config, const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return "'" + text + "' is not host:port";
  std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  if (host.empty() || ec) return "'" + host + "' is not an IP address";
  const auto port = parse_unsigned(port_text);
  if (!port) return "'" + port_text + "' is not a port number";
  if (*port > 65535) return "port " + port_text + " is out of range (0-65535)";
  config.listen_host = host;
  config.listen_port = static_cast<std::uint16_t>(*port);
  return std::nullopt;
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> table = {
      {{"TRIAGEBOT_LISTEN", "127.0.0.1:8080",
        "host:port to bind (IPv6 as [::1]:8080); port 0 binds an ephemeral port"},
       set_listen},
      {{"TRIAGEBOT_DB", "./triagebot.db",
        "SQLite database file (created and migrated on start); its directory must be writable"},
       [](Config& c, const std::string& v) -> Problem {
         c.db = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_TELEGRAM_TOKEN", "unset", "Telegram Bot API token; Telegram is on when set"},
       [](Config& c, const std::string& v) -> Problem {
         c.telegram_token = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_TELEGRAM_SECRET", "unset",
        "value Telegram sends in X-Telegram-Bot-Api-Secret-Token"},
       [](Config& c, const std::string& v) -> Problem {
         c.telegram_secret = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_TELEGRAM_API", "https://api.telegram.org",
        "Bot API base URL (tests point it at a local fake)"},
       [](Config& c, const std::string& v) { return set_url(v, c.telegram_api); }},
      {{"TRIAGEBOT_TELEGRAM_USERNAME", "asked with getMe",
        "the bot's @username (without @), for group mentions and t.me links"},
       [](Config& c, const std::string& v) -> Problem {
         c.telegram_username = v.starts_with("@") ? v.substr(1) : v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_TELEGRAM_MODE", "webhook",
        "how serve takes Telegram's updates: webhook, or poll (long polling inside serve, "
        "the webhook route off); needs TRIAGEBOT_TELEGRAM_TOKEN"},
       [](Config& c, const std::string& v) -> Problem {
         if (v == "webhook") {
           c.telegram_mode = TelegramMode::webhook;
         } else if (v == "poll") {
           c.telegram_mode = TelegramMode::poll;
         } else {
           return "'" + v + "' is not webhook or poll";
         }
         return std::nullopt;
       }},
      {{"TRIAGEBOT_SLACK_TOKEN", "unset",
        "Slack bot token (xoxb-...); Slack is on when set with a signing secret or an app token"},
       [](Config& c, const std::string& v) -> Problem {
         // The commonest mix-up: both tokens come from the same app settings page.
         if (v.starts_with("xapp-")) {
           return std::string(
               "is an app-level token (xapp-...); it belongs in "
               "TRIAGEBOT_SLACK_APP_TOKEN, the bot token (xoxb-...) here");
         }
         c.slack_token = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_SLACK_SIGNING_SECRET", "unset",
        "the Slack app's signing secret; every request to /webhooks/slack/* is checked with it"},
       [](Config& c, const std::string& v) -> Problem {
         c.slack_signing_secret = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_SLACK_API", "https://slack.com/api",
        "Slack Web API base URL (tests point it at a local fake)"},
       [](Config& c, const std::string& v) { return set_url(v, c.slack_api); }},
      {{"TRIAGEBOT_SLACK_APP_TOKEN", "unset",
        "app-level token (xapp-..., scope connections:write); when set, serve also runs Slack "
        "Socket Mode"},
       [](Config& c, const std::string& v) -> Problem {
         if (!v.starts_with("xapp-")) {
           return std::string(
               "is not an app-level token (xapp-...): create one under Basic "
               "Information > App-Level Tokens with connections:write");
         }
         c.slack_app_token = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_ADMIN_TOKEN", "unset",
        "bearer token for the admin API and page, at least 32 characters; admin is off when "
        "unset"},
       [](Config& c, const std::string& v) -> Problem {
         // A short token falls to guessing even at the lockout's few tries a minute.
         if (v.size() < kMinAdminTokenLength) {
           return "is shorter than " + std::to_string(kMinAdminTokenLength) +
                  " characters; make one with `openssl rand -base64 32`";
         }
         c.admin_token = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_EMERGENCY_NUMBER", "911", "the number named in emergency guidance"},
       [](Config& c, const std::string& v) -> Problem {
         if (v.size() > 32) return std::string("is longer than 32 characters");
         c.emergency_number = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_CRISIS_LINE", "988",
        "the crisis line named when a message speaks of suicide or self-harm (988: the US "
        "Suicide & Crisis Lifeline; set your country's, e.g. 116 123 for Samaritans UK)"},
       [](Config& c, const std::string& v) -> Problem {
         if (v.size() > 64) return std::string("is longer than 64 characters");
         c.crisis_line = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_KNOWLEDGE", "built in",
        "path of a knowledge-base JSON file to use instead of the built-in one"},
       [](Config& c, const std::string& v) -> Problem {
         if (std::filesystem::is_directory(v) || !std::ifstream(v).good()) {
           return "cannot read " + v;
         }
         c.knowledge = v;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_THREADS", "number of cores", "io threads (1-1024)"},
       [](Config& c, const std::string& v) { return set_count(v, 1, 1024, c.threads); }},
      {{"TRIAGEBOT_WIDGET_ORIGINS", "unset (same origin only)",
        "comma-separated origins allowed to call the widget API from their pages (CORS)"},
       [](Config& c, const std::string& v) -> Problem {
         std::vector<std::string> origins;
         for (auto& origin : split_list(v)) {
           std::string normalized;
           if (set_url(origin, normalized)) return "'" + origin + "' is not an http(s) origin";
           origins.push_back(std::move(normalized));
         }
         c.widget_origins = std::move(origins);
         return std::nullopt;
       }},
      {{"TRIAGEBOT_TRUSTED_PROXIES", "unset",
        "comma-separated addresses whose X-Forwarded-For is believed for per-address limits"},
       [](Config& c, const std::string& v) -> Problem {
         std::vector<std::string> proxies;
         for (auto& proxy : split_list(v)) {
           boost::system::error_code ec;
           const auto address = boost::asio::ip::make_address(proxy, ec);
           if (ec) return "'" + proxy + "' is not an IP address";
           proxies.push_back(address.to_string());
         }
         c.trusted_proxies = std::move(proxies);
         return std::nullopt;
       }},
      {{"TRIAGEBOT_BODY_LIMIT", "1048576",
        "largest request body in bytes; larger requests get 413"},
       [](Config& c, const std::string& v) { return set_count(v, 1, 1ull << 30, c.body_limit); }},
      {{"TRIAGEBOT_MAX_CONNECTIONS", "10000 (fewer if the open-file limit is lower)",
        "open connections at most; past it new connections get 503 and are closed (4 more "
        "are kept for /healthz); must fit the open-file limit"},
       [](Config& c, const std::string& v) -> Problem {
         c.max_connections_set = true;
         return set_count(v, 1, 1000000, c.max_connections);
       }},
      {{"TRIAGEBOT_MAX_CONNECTIONS_PER_ADDRESS", "256",
        "open connections one client address may hold (IPv6: per /64); past it new ones get "
        "429; trusted proxies are exempt; 0 = no cap"},
       [](Config& c, const std::string& v) {
         return set_count(v, 0, 1000000, c.max_connections_per_address);
       }},
      {{"TRIAGEBOT_HEADER_TIMEOUT", "10s",
        "time from a request's first byte to the end of its headers"},
       [](Config& c, const std::string& v) { return set_duration(v, c.header_timeout); }},
      {{"TRIAGEBOT_IDLE_TIMEOUT", "60s", "how long a kept-alive connection may wait for a request"},
       [](Config& c, const std::string& v) { return set_duration(v, c.idle_timeout); }},
      {{"TRIAGEBOT_REQUEST_TIMEOUT", "30s", "time to read a request body, and to write an answer"},
       [](Config& c, const std::string& v) { return set_duration(v, c.request_timeout); }},
      {{"TRIAGEBOT_SHUTDOWN_TIMEOUT", "10s",
        "after SIGTERM/SIGINT, how long in-flight requests may still finish"},
       [](Config& c, const std::string& v) { return set_duration(v, c.shutdown_timeout); }},
      {{"TRIAGEBOT_SYNCHRONOUS", "FULL",
        "SQLite synchronous level: FULL (survives power loss) or NORMAL (survives a crash)"},
       [](Config& c, const std::string& v) -> Problem {
         const auto level = storage::synchronous_from_string(v);
         if (!level) return "'" + v + "' is not FULL or NORMAL";
         c.synchronous = *level;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_LOG_LEVEL", "info", "least level logged: debug, info, warn or error"},
       [](Config& c, const std::string& v) -> Problem {
         static const std::map<std::string, LogLevel, std::less<>> levels = {
             {"debug", LogLevel::debug},
             {"info", LogLevel::info},
             {"warn", LogLevel::warn},
             {"error", LogLevel::error}};
         const auto found = levels.find(v);
         if (found == levels.end()) return "'" + v + "' is not debug, info, warn or error";
         c.log_level = found->second;
         return std::nullopt;
       }},
      {{"TRIAGEBOT_WIDGET_RATE_PER_SESSION", "20",
        "widget messages per minute per session (429 past it); 0 = no limit"},
       [](Config& c, const std::string& v) {
         return set_count(v, 0, 1000000, c.widget_rate_per_session);
       }},
      {{"TRIAGEBOT_WIDGET_RATE_PER_ADDRESS", "600",
        "widget requests per minute per client address (429 past it); 0 = no limit"},
       [](Config& c, const std::string& v) {
         return set_count(v, 0, 1000000, c.widget_rate_per_address);
       }},
      {{"TRIAGEBOT_RETENTION_DAYS", "0",
        "conversations older than this many days are purged; 0 = keep forever"},
       [](Config& c, const std::string& v) { return set_count(v, 0, 36500, c.retention_days); }},
      {{"TRIAGEBOT_OUTBOX_BACKOFF", "1s",
        "first retry delay of a reply after a 5xx, timeout or connection failure; it doubles "
        "(with jitter) per attempt"},
       [](Config& c, const std::string& v) { return set_duration(v, c.outbox_backoff); }},
      {{"TRIAGEBOT_OUTBOX_BACKOFF_MAX", "5m", "the longest retry delay of a reply"},
       [](Config& c, const std::string& v) { return set_duration(v, c.outbox_backoff_max); }},
      {{"TRIAGEBOT_OUTBOX_CHAT_INTERVAL", "1s",
        "least time between two messages to one chat (Telegram allows about one a second)"},
       [](Config& c, const std::string& v) { return set_duration(v, c.outbox_chat_interval); }},
      {{"TRIAGEBOT_OUTBOX_RATE", "30",
        "messages per second across all chats (Telegram allows about 30); 0 = unpaced, for "
        "tests and benchmarks against a fake API only"},
       [](Config& c, const std::string& v) { return set_count(v, 0, 100000, c.outbox_rate); }},
  };
  return table;
}

Result<void> check_database_path(const std::filesystem::path& db, const std::string& source) {
  std::error_code ec;
  if (std::filesystem::is_directory(db, ec)) {
    return make_error(ErrorCode::bad_config, source + ": " + db.string() + " is a directory");
  }
  const auto directory = db.has_parent_path() ? db.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(directory, ec)) {
    return make_error(ErrorCode::bad_config,
                      source + ": directory " + directory.string() + " does not exist");
  }
  if (::access(directory.c_str(), W_OK) != 0) {
    return make_error(ErrorCode::bad_config,
                      source + ": directory " + directory.string() + " is not writable");
  }
  if (std::filesystem::exists(db, ec) && ::access(db.c_str(), R_OK | W_OK) != 0) {
    return make_error(ErrorCode::bad_config,
                      source + ": " + db.string() + " is not readable and writable");
  }
  return {};
}

}  // namespace

const std::vector<ConfigVariable>& config_variables() {
  static const std::vector<ConfigVariable> variables = [] {
    std::vector<ConfigVariable> out;
    for (const auto& entry : entries()) out.push_back(entry.doc);
    return out;
  }();
  return variables;
}

std::string flag_name(std::string_view variable) {
  constexpr std::string_view prefix = "TRIAGEBOT_";
  if (variable.substr(0, prefix.size()) == prefix) variable.remove_prefix(prefix.size());
  std::string flag = "--";
  for (const char c : variable) {
    flag += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return flag;
}

EnvLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  const auto number = parse_unsigned(text.substr(0, digits));
  if (!number || *number > 1000ull * 1000 * 1000) return std::nullopt;
  const auto unit = text.substr(digits);
  const auto value = static_cast<std::int64_t>(*number);
  if (unit == "ms") return std::chrono::milliseconds(value);
  if (unit.empty() || unit == "s") return std::chrono::seconds(value);
  if (unit == "m") return std::chrono::minutes(value);
  return std::nullopt;
}

Result<Config> load_config(const EnvLookup& env, const std::vector<std::string>& args,
                           std::vector<std::string>* rest) {
  // Flags first, so an unknown flag is reported even when a variable is also bad.
  std::map<std::string, std::string, std::less<>> flags;  // flag -> value
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    const auto known = std::find_if(entries().begin(), entries().end(), [&](const Entry& e) {
      return arg.rfind("--", 0) == 0 && flag_name(e.doc.name) == name;
    });
    if (known == entries().end()) {
      if (rest != nullptr) {
        rest->push_back(arg);
        continue;
      }
      if (arg.rfind("-", 0) == 0) {
        return make_error(ErrorCode::bad_config,
                          "unknown flag " + name + " (see triagebot --help)");
      }
      return make_error(ErrorCode::bad_config, "unexpected argument '" + arg + "'");
    }
    if (equals != std::string::npos) {
      flags[name] = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      flags[name] = args[++i];
    } else {
      return make_error(ErrorCode::bad_config, name + " needs a value");
    }
  }

  Config config;
  config.threads = std::max(1u, std::thread::hardware_concurrency());
  std::string db_source = "TRIAGEBOT_DB";
  std::string mode_source = "TRIAGEBOT_TELEGRAM_MODE";
  for (const auto& entry : entries()) {
    const std::string flag = flag_name(entry.doc.name);
    std::optional<std::string> value;
    std::string source;
    if (const auto found = flags.find(flag); found != flags.end()) {
      value = found->second;
      source = flag;
    } else {
      value = env(entry.doc.name);
      source = std::string(entry.doc.name);
    }
    if (!value || value->empty()) continue;  // unset: keep the default
    if (const auto problem = entry.apply(config, *value)) {
      return make_error(ErrorCode::bad_config, source + ": " + *problem);
    }
    if (entry.doc.name == "TRIAGEBOT_DB") db_source = source;
    if (entry.doc.name == "TRIAGEBOT_TELEGRAM_MODE") mode_source = source;
  }
  if (auto checked = check_database_path(config.db, db_source); !checked) return checked.error();
  // Polling without a token would poll nothing: refused rather than accepted and ignored.
  if (config.telegram_mode == TelegramMode::poll && !config.telegram_enabled()) {
    return make_error(ErrorCode::bad_config, mode_source + ": poll needs TRIAGEBOT_TELEGRAM_TOKEN");
  }
  return config;
}

}  // namespace triagebot::bot
